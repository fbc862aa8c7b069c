"""Timestamped copies of a database file, made before any migration touches it."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

from desktop.storage.keyfile import key_file_path


def backup_dir_for(db_path: Path) -> Path:
    return db_path.parent / "backups"


def backup_file(db_path: Path, reason: str) -> Path:
    """Copy ``db_path`` (already checkpointed, so the WAL is empty) beside it under ``backups/``.

    The copy keeps the file's encryption: it is the same bytes. An encrypted database's key
    file is copied beside it, so the backup opens with the passwords of that day (or the
    recovery key).
    """
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target_dir = backup_dir_for(db_path)
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / f"{db_path.stem}-{stamp}-{reason}{db_path.suffix or '.db'}"
    shutil.copy2(db_path, target)
    keys = key_file_path(db_path)
    if keys.exists():
        shutil.copy2(keys, key_file_path(target))
    return target
