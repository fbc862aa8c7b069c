"""The windowed program has no console: when it refuses to start, it says why in a box."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.cli.entry import main


def _close_refusal_box(seen: list[str], attempts: int = 100) -> None:
    """Read the message box once it is up, then close it (as a person would); stop
    looking after ``attempts`` tries so no timer outlives the test."""

    def look(left: int = attempts) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            if left > 0:
                QTimer.singleShot(20, lambda: look(left - 1))
            return
        seen.append(box.windowTitle())
        seen.append(box.text())
        box.done(QMessageBox.StandardButton.Close)

    QTimer.singleShot(0, look)


@pytest.mark.parametrize("stderr", [None, "null device"])
def test_a_refused_file_is_explained_in_a_message_box(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stderr: str | None
) -> None:
    not_a_database = tmp_path / "notes.db"
    not_a_database.write_text("shopping list, not records")
    before = not_a_database.read_bytes()
    if stderr is None:
        monkeypatch.setattr(sys, "stderr", None)
    else:
        monkeypatch.setattr(sys, "stderr", open(os.devnull, "w"))  # noqa: SIM115
    seen: list[str] = []
    _close_refusal_box(seen)

    status = main(["--db", str(not_a_database)])

    assert status == 2
    assert seen, "no message box was shown"
    title, text = seen
    assert "cannot start" in title
    assert str(not_a_database) in text or "notes.db" in text
    assert "\n" not in text
    assert not_a_database.read_bytes() == before  # a refused file is never changed


def test_with_a_console_the_refusal_is_one_line_and_no_box(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    not_a_database = tmp_path / "notes.db"
    not_a_database.write_text("shopping list, not records")
    errors = io.StringIO()
    monkeypatch.setattr(sys, "stderr", errors)
    boxes: list[str] = []
    _close_refusal_box(boxes, attempts=5)

    status = main(["--db", str(not_a_database)])
    qtbot.wait(200)

    assert status == 2
    lines = errors.getvalue().splitlines()
    assert len(lines) == 1 and lines[0].startswith("clcp: ")
    assert boxes == []
