"""File > Sync now: ask the password when needed, sync off the GUI thread, say how it went.

The sync runs through the write runner (``run_write(..., long=True)``) behind a progress
window, so what it received is announced to every open screen like any write. A server
that is down or a connection cut midway is one sentence in the runner's refusal box; the
engine acknowledges only what the server answered, so a rerun sends nothing twice. The
signed-in connection is kept for the next Sync now while its token lasts, so the
password is asked once every few minutes, not at every sync. When the office has another
password for the person, a second question asks it once and the two are made one again
(``desktop.sync.office_password``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMessageBox

from desktop.i18n import ngettext
from desktop.services.facade import Services
from desktop.sync.laptop_sync import (
    Connection,
    LaptopSync,
    PasswordQuestion,
    SyncResult,
    or_question,
)
from desktop.views.shell.context import AppContext
from desktop.views.shell.operations import Outcome, run_write
from desktop.views.sync.server_password import ServerPasswordDialog

#: Object name of the message shown after a sync with conflicts or refusals.
SYNC_RESULT_BOX = "sync_result"


def gate_sync(action: QAction, context: AppContext) -> bool:
    """Offer ``action`` only on a laptop that joined an office server; else say why."""
    joined = bool(LaptopSync(context.services).server())
    action.setEnabled(joined)
    if not joined:
        why = QCoreApplication.translate(
            "SyncNow",
            "This database has not joined an office server "
            "(an administrator joins a laptop with clcp join).",
        )
        action.setToolTip(why)
        action.setStatusTip(why)
    return joined


class SyncNow(QObject):
    """One window's Sync now: the password when needed, the sync, the summary."""

    #: A sync ended (well or not): the status is read again.
    finished = Signal()

    def __init__(self, window: QMainWindow, context: AppContext) -> None:
        super().__init__(window)
        self.window = window
        self.context = context
        self.connection: Connection | None = None
        self.dialog: ServerPasswordDialog | None = None
        self.typed = ""  # the password typed, until a second question is answered
        self.box: QMessageBox | None = None

    def start(self) -> None:
        """Sync now, asking the password first unless a recent sign-in still holds (and
        the password did not change here since: the office is to take the new one)."""
        kept = self.connection if self.connection is not None and self.connection.fresh() else None
        laptop = LaptopSync(self.context.services)
        if kept is not None and not laptop.password_changed_here():
            self._run(lambda laptop: laptop.sync(kept))
            return
        if kept is None:
            self._drop_connection()
        self._ask(lambda dialog: self._with_password(dialog.value(), kept))

    def _ask(self, then: Callable[[ServerPasswordDialog], None], **question: bool) -> None:
        server = LaptopSync(self.context.services).server()
        dialog = ServerPasswordDialog(server, self.context.actor.username, self.window, **question)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.accepted.connect(lambda: then(dialog))
        dialog.rejected.connect(self._forget_typed)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()

    def _with_password(self, password: str, kept: Connection | None) -> None:
        self.typed = password  # kept until the office's question is answered
        self._run(lambda laptop: laptop.sync(laptop.connect(password, kept=kept)))

    def _with_office_password(self, dialog: ServerPasswordDialog) -> None:
        password, office, take = self.typed, dialog.value(), dialog.take_office_password()
        self._run(
            lambda laptop: laptop.sync(
                laptop.connect(password, office_password=office, take_office_password=take)
            )
        )

    def _forget_typed(self) -> None:
        self.typed = ""
        self.finished.emit()

    def _run(self, work: Callable[[LaptopSync], SyncResult]) -> None:
        def op(services: Services) -> SyncResult | PasswordQuestion:
            return or_question(lambda: work(LaptopSync(services)))

        run_write(
            self.window,
            self.context,
            op,
            failed=self.tr("Nothing was synced."),
            done=self._done,
            long=True,
            progress=self.tr("Syncing with the office server…"),
        )

    def _done(self, outcome: Outcome[SyncResult | PasswordQuestion]) -> None:
        result = outcome.value
        if isinstance(result, PasswordQuestion):  # the office has another: ask it once
            self._drop_connection()
            self._ask(self._with_office_password, changed_here=result.changed_here)
            return
        self.typed = ""
        if not outcome.ok or result is None:
            self._drop_connection()
        else:
            self.connection = result.connection
            line = self.summary_line(result)
            self.window.statusBar().showMessage(line, 30_000)
            summary = result.summary
            told = summary.conflicts or result.refused or summary.kept or summary.left
            if told or result.duplicates or result.connection.mended:
                self._tell(line, result)
        self.finished.emit()

    def summary_line(self, result: SyncResult) -> str:
        summary = result.summary
        line = self.tr("Synced: sent {sent}, received {received}, conflicts {conflicts}").format(
            sent=summary.sent, received=summary.received, conflicts=summary.conflicts
        )
        if summary.refused:
            line += self.tr(", refused {n}").format(n=summary.refused)
        if len(summary.left) == 1:
            line += self.tr("; 1 community left your assignments")
        elif summary.left:
            line += self.tr("; {n} communities left your assignments").format(n=len(summary.left))
        if summary.repaired == 1:
            line += self.tr("; repaired 1 record")
        elif summary.repaired:
            line += self.tr("; repaired {n} records").format(n=summary.repaired)
        return line

    def _tell(self, line: str, result: SyncResult) -> None:
        parts = []
        if result.connection.mended == "office":
            parts.append(self.tr("The office server now has the password you set on this laptop."))
        elif result.connection.mended == "laptop":
            parts.append(self.tr("This laptop now opens with your office server password."))
        if result.duplicates:
            parts.append(
                self.tr(
                    "Some communities or stakeholders may have been added twice. Decide in "
                    "File > Possible duplicates…"
                )
            )
        if result.summary.conflicts:
            parts.append(
                self.tr("Some edits could not both be kept. Decide them in File > Conflicts…")
            )
        if result.summary.kept:
            parts.append(
                ngettext(
                    "{n} of your edits could not be applied: you may no longer change that "
                    "record. It is kept at the office as a conflict, for those who may "
                    "decide it.",
                    "{n} of your edits could not be applied: you may no longer change those "
                    "records. They are kept at the office as conflicts, for those who may "
                    "decide them.",
                    result.summary.kept,
                ).format(n=result.summary.kept)
            )
        if result.summary.left:
            parts.append(
                self.tr(
                    "No longer among your assignments, removed from this laptop (the office "
                    "keeps them): {names}."
                ).format(names="; ".join(result.summary.left))
            )
        if result.refused:
            parts.append(
                self.tr("The office server refused changes to: {records}.").format(
                    records="; ".join(result.refused)
                )
            )
        box = QMessageBox(self.window)
        box.setObjectName(SYNC_RESULT_BOX)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("Sync"))
        box.setText(line)
        box.setInformativeText("\n".join(parts))
        box.addButton(QMessageBox.StandardButton.Ok)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.finished.connect(box.deleteLater)
        self.box = box
        box.open()

    def _drop_connection(self) -> None:
        if self.connection is not None:
            self.connection.transport.close()
        self.connection = None
