"""The sync status in the status bar: "Last sync: today 14:05 · 3 changes waiting", and a
button naming the open conflicts that opens the conflicts screen.

Nothing is shown for a database that never joined an office server. The status is read
again after every write (each one adds a change waiting to be sent) and every sync.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.services.framework.changes import Changes
from desktop.sync.laptop_sync import LaptopSync, SyncStatus
from desktop.views.shell.context import AppContext
from desktop.views.sync.words import when


class SyncStatusBar(QWidget):
    """The sync status and the open conflicts' button, side by side."""

    #: The person pressed the conflicts button.
    conflicts_requested = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.label = QLabel()
        self.label.setObjectName("sync_status")
        self.conflicts = QPushButton()
        self.conflicts.setObjectName("sync_conflicts_badge")
        self.conflicts.setFlat(True)
        self.conflicts.setStyleSheet("color: #b00020; font-weight: bold;")
        self.conflicts.clicked.connect(self.conflicts_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.conflicts)
        context.navigator.changes_made.connect(self._on_changes)
        self.refresh()

    def _on_changes(self, _changes: Changes) -> None:
        self.refresh()

    def refresh(self) -> None:
        status = LaptopSync(self.context.services).status()
        self.setVisible(bool(status.server))
        self.label.setText(self.text(status))
        self.label.setToolTip(
            self.tr("Office server: {server}").format(server=status.server) if status.server else ""
        )
        self.conflicts.setVisible(status.conflicts > 0)
        text = (
            self.tr("1 conflict")
            if status.conflicts == 1
            else self.tr("{n} conflicts").format(n=status.conflicts)
        )
        self.conflicts.setText(text)
        self.conflicts.setToolTip(self.tr("Edits that could not both be kept: decide them"))
        self.conflicts.setAccessibleName(
            self.tr("{text} waiting for you to decide").format(text=text)
        )

    def text(self, status: SyncStatus) -> str:
        if not status.server:
            return ""
        waiting = (
            self.tr("1 change waiting")
            if status.waiting == 1
            else self.tr("{n} changes waiting").format(n=status.waiting)
        )
        if status.last_sync is None:
            return self.tr("Never synced · {waiting}").format(waiting=waiting)
        return self.tr("Last sync: {when} · {waiting}").format(
            when=when(status.last_sync, self.context.today()), waiting=waiting
        )
