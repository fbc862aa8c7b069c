"""Answering a modal dialog from a test: ``exec()`` blocks, so the answer is queued first."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget


def on_next_modal(work: Callable[[QWidget], None]) -> None:
    """Run ``work`` on the modal dialog about to open (``exec()`` blocks the test)."""

    def attempt() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            QTimer.singleShot(10, attempt)
            return
        work(modal)

    QTimer.singleShot(0, attempt)
