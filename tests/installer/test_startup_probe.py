"""The switch smoke tests use: the first window shown is reported, then everything closes."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from desktop.gui import close_after_first_window
from desktop.startup_probe import STARTED_LINE


def test_first_window_is_reported_then_closed(
    qapp: QApplication, qtbot: QtBot, capsys: pytest.CaptureFixture[str]
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    QLabel("inside", window)
    close_after_first_window(qapp)
    window.show()
    qtbot.waitUntil(lambda: not window.isVisible())
    assert capsys.readouterr().out.count(STARTED_LINE) == 1


def test_reports_only_once(
    qapp: QApplication, qtbot: QtBot, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = QWidget(), QWidget()
    qtbot.addWidget(first)
    qtbot.addWidget(second)
    close_after_first_window(qapp)
    first.show()
    qtbot.waitUntil(lambda: not first.isVisible())
    second.show()
    for _ in range(3):  # deliver anything queued, zero-delay timers included
        qapp.processEvents()
    assert second.isVisible()
    assert capsys.readouterr().out.count(STARTED_LINE) == 1
