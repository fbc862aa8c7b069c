"""File > Back up…, and the daily automatic backup started with the window.

Both write the archive described in :mod:`desktop.services.security.backups`: the
database and its key file together, checked before it is written. The menu entry asks
for a folder (a USB stick, most often); the daily backup goes to ``backups/`` beside the
database and keeps the last seven days.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox, QWidget

from desktop.services.security.backups import back_up, daily_backup
from desktop.storage import Database, StorageError
from desktop.storage.backup import backup_dir_for


def _tr(text: str) -> str:
    return QCoreApplication.translate("BackupCommand", text)


def add_backup_command(window: QWidget, menu: QMenu, db: Database) -> QAction:
    """The File menu's "Back up…" entry (greyed for a database that is not a file)."""
    action = QAction(_tr("&Back up…"), window)
    action.triggered.connect(lambda _checked=False: back_up_now(window, db))
    action.setEnabled(db.path is not None)
    menu.addAction(action)
    return action


def back_up_now(parent: QWidget, db: Database, folder: Path | None = None) -> Path | None:
    """Ask for a folder (unless given), write the archive there, and say where it is."""
    title = _tr("Back up")
    if folder is None:
        start = str(backup_dir_for(db.path)) if db.path is not None else ""
        chosen = QFileDialog.getExistingDirectory(
            parent, _tr("Back up to which folder (a USB stick, for example)?"), start
        )
        if not chosen:
            return None
        folder = Path(chosen)
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        made = back_up(db, folder)
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


def start_daily_backup(db: Database) -> threading.Thread | None:
    """Today's automatic backup, made in the background (the window stays usable)."""
    if db.path is None or db.keyring is None:
        return None
    thread = threading.Thread(target=_daily, args=(db,), name="clcp-daily-backup")
    thread.start()
    return thread


def _daily(db: Database) -> None:
    try:
        daily_backup(db)
    except Exception as error:  # reported, never fatal: the next start tries again
        print(f"clcp: the daily backup failed: {' '.join(str(error).split())}", file=sys.stderr)
