"""Timestamped copies of a database file, made before any migration touches it."""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

from desktop.storage.keyfile import key_file_path, sync_folder

PART_SUFFIX = ".part"
"""A copy being written; renamed to its final name only once complete."""
STAMP_GLOB = "[0-9]" * 8 + "T*Z"


def backup_dir_for(db_path: Path) -> Path:
    return db_path.parent / "backups"


def backup_file(db_path: Path, reason: str) -> Path:
    """Copy ``db_path`` (already checkpointed, so the WAL is empty) beside it under ``backups/``.

    The copy keeps the file's encryption: it is the same bytes. An encrypted database's key
    file is copied beside it, so the backup opens with the passwords of that day (or the
    recovery key). Each file is written under a temporary name and renamed when complete
    (the key file first), so a copy stopped half-way (a kill, a full disk) never sits in
    ``backups/`` looking like a backup; what such a copy left is removed by the next one.
    """
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target_dir = backup_dir_for(db_path)
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / f"{db_path.stem}-{stamp}-{reason}{db_path.suffix or '.db'}"
    for unfinished in target_dir.glob(f"{glob.escape(db_path.stem)}-{STAMP_GLOB}-*{PART_SUFFIX}"):
        unfinished.unlink(missing_ok=True)
    keys = key_file_path(db_path)
    copies = [(keys, key_file_path(target))] if keys.exists() else []
    copies.append((db_path, target))
    try:
        for source, final in copies:
            _copy_whole(source, final)
    except BaseException:
        for _source, final in copies:
            final.unlink(missing_ok=True)
        raise
    sync_folder(target_dir)
    return target


def _copy_whole(source: Path, final: Path) -> None:
    """Copy ``source`` to ``final`` through a temporary name, flushed to disk first."""
    part = final.with_name(final.name + PART_SUFFIX)
    try:
        shutil.copy2(source, part)
        with open(part, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(part, final)
    finally:
        with contextlib.suppress(FileNotFoundError):
            part.unlink()
