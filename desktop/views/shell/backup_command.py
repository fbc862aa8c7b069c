"""File > Back up…, and the daily automatic backup started with the window.

Both write the archive described in :mod:`desktop.services.security.backups`: the
database and its key file together, checked before it is written. The menu entry asks
for a folder (a USB stick, most often); the daily backup goes to ``backups/`` beside the
database and keeps the last seven days.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox, QWidget

from desktop.services.facade import Services
from desktop.storage import StorageError


def _tr(text: str) -> str:
    return QCoreApplication.translate("BackupCommand", text)


def add_backup_command(window: QWidget, menu: QMenu, services: Services) -> QAction:
    """The File menu's "Back up…" entry (greyed for a database that is not a file)."""
    action = QAction(_tr("&Back up…"), window)
    action.triggered.connect(lambda _checked=False: back_up_now(window, services))
    action.setEnabled(services.session.backup_folder() is not None)
    menu.addAction(action)
    return action


def back_up_now(parent: QWidget, services: Services, folder: Path | None = None) -> Path | None:
    """Ask for a folder (unless given), write the archive there, and say where it is."""
    title = _tr("Back up")
    if folder is None:
        start = str(services.session.backup_folder() or "")
        chosen = QFileDialog.getExistingDirectory(
            parent, _tr("Back up to which folder (a USB stick, for example)?"), start
        )
        if not chosen:
            return None
        folder = Path(chosen)
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        made = services.session.back_up(folder)
    except (StorageError, OSError) as error:
        QApplication.restoreOverrideCursor()
        QMessageBox.warning(parent, title, " ".join(str(error).split()))
        return None
    QApplication.restoreOverrideCursor()
    QMessageBox.information(
        parent,
        title,
        _tr(
            "The backup was written and checked:\n{path}\n\nIt holds the database and its key "
            "file together. It opens with the passwords of today, or with the recovery key. "
            "Keep a copy away from this computer."
        ).format(path=made.path),
    )
    return made.path


class _Outcome(QObject):
    """Carries the background backup's failure to the window's thread (a queued signal)."""

    failed = Signal(str)


def start_daily_backup(
    services: Services, window: QWidget | None = None
) -> threading.Thread | None:
    """Today's automatic backup, made in the background (the window stays usable). A
    failure (a damaged file, a full disk) is shown over ``window``: it may be the first
    sign of damage in a part of the file nobody has read yet."""
    if services.session.backup_folder() is None:
        return None
    outcome = _Outcome(window)
    if window is not None:
        outcome.failed.connect(
            lambda reason: QMessageBox.warning(
                window,
                _tr("Daily backup"),
                _tr("Today's automatic backup could not be made: {reason}").format(reason=reason),
            )
        )
    thread = threading.Thread(target=_daily, args=(services, outcome), name="clcp-daily-backup")
    thread.start()
    return thread


def _daily(services: Services, outcome: _Outcome) -> None:
    try:
        services.session.daily_backup()
    except Exception as error:  # shown, never fatal: the next start tries again
        reason = " ".join(str(error).split())
        print(f"clcp: the daily backup failed: {reason}", file=sys.stderr)
        with contextlib.suppress(RuntimeError):  # the window was closed meanwhile
            outcome.failed.emit(reason)
