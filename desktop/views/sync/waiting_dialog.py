"""File > Changes waiting to be sent…: one row per change the office server has not yet
acknowledged, naming its record in words (as ``clcp conflicts`` names records), what was
done and when. Read-only; it follows writes and syncs while it is open."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from desktop.services.framework.changes import Changes
from desktop.sync.laptop_sync import LaptopSync
from desktop.views.forms.tables import fill_table, record_table
from desktop.views.shell.context import AppContext
from desktop.views.sync.words import action_words, when


class WaitingChangesDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("waiting_changes")
        self.setWindowTitle(self.tr("Changes waiting to be sent"))
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.table = record_table(
            [self.tr("Record"), self.tr("Change"), self.tr("When")],
            self.tr("Changes waiting to be sent"),
            stretch=0,
        )
        self.intro.setBuddy(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        context.navigator.changes_made.connect(self._on_changes)
        self.resize(820, 420)
        self.refresh()

    def _on_changes(self, _changes: Changes) -> None:
        self.refresh()

    def refresh(self) -> None:
        today = self.context.today()
        waiting = LaptopSync(self.context.services).waiting()
        fill_table(
            self.table,
            [
                (
                    n,
                    (
                        change.record,
                        action_words(change.action, change.fields),
                        when(change.at, today),
                    ),
                )
                for n, change in enumerate(waiting)
            ],
        )
        if waiting:
            self.intro.setText(
                self.tr(
                    "These changes are kept on this laptop and will be sent at the next sync "
                    "(File > Sync now)."
                )
            )
        else:
            self.intro.setText(self.tr("Nothing is waiting: the office server has every change."))
        self.table.setAccessibleDescription(self.tr("{n} changes waiting").format(n=len(waiting)))
