"""Turning an unencrypted database file (made by an older version, or by tests) into an
encrypted one, without ever risking the original.

The records are copied into a new file with SQLCipher's export, the copy is checked
(file integrity, and the same number of rows in every table), its key file is written
beside it, and only then are the two put in place of the original by renames. Until the
last rename the original is untouched; the key file is moved in first, so a run stopped
between the two renames leaves the original plain file with a key file that
:func:`leftover_key_file` recognises and removes on the next try.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path
from typing import Any

from desktop.i18n import _
from desktop.storage import keyfile as kf
from desktop.storage.backup import backup_dir_for
from desktop.storage.connect import apply_key, checkpoint, dbapi_module
from desktop.storage.errors import StorageError
from desktop.storage.inspect import inspect_file

WORK_SUFFIX = ".encrypting"
SIDECARS = ("-wal", "-shm", "-journal")


def work_path(db_path: Path) -> Path:
    """Where the encrypted copy is made before it replaces the original."""
    return db_path.with_name(db_path.name + WORK_SUFFIX)


def is_plain_database(db_path: Path) -> bool:
    """Whether ``db_path`` is an unencrypted CLCP database (any schema version)."""
    try:
        state = inspect_file(db_path, None)
    except StorageError:
        return False
    return not state.is_new


def leftover_key_file(db_path: Path) -> bool:
    """A key file beside a file that is still plain is what an interrupted encryption
    leaves behind (a plain database never has one): remove it. True if one was removed."""
    if not kf.has_key_file(db_path) or not is_plain_database(db_path):
        return False
    kf.remove(db_path)
    return True


def undo_interrupted(db_path: Path) -> bool:
    """An encryption stopped between its two renames leaves the plain file in place with
    the new key file beside it (the encrypted copy still under its work name), which no
    password opens. Put the plain file back as it was: every record is in it, and the next
    ``clcp encrypt`` starts afresh (and shows its recovery key, which this one never did).
    True if something was undone."""
    work = work_path(db_path)
    if not work.exists() or not kf.has_key_file(db_path) or not is_plain_database(db_path):
        return False
    kf.remove(db_path)
    discard_work(work)
    return True


def table_counts(connection: Any) -> dict[str, int]:
    """Rows in every table of a raw connection's main database."""
    names = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
        for name in sorted(names)
    }


def export_encrypted(plain: Path, target: Path, key: bytes) -> dict[str, int]:
    """Write an encrypted copy of the plain database ``plain`` to the new file ``target``;
    the row counts of the original, to check the copy against."""
    remove_file(target)
    connection = dbapi_module(key).connect(str(plain))
    try:
        connection.isolation_level = None
        if not checkpoint(connection):
            raise StorageError(
                _("{path} is in use by another program; close it there and try again").format(
                    path=plain
                )
            )
        counts = table_counts(connection)
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        connection.execute("ATTACH DATABASE ? AS encrypted KEY ?", (str(target), f"x'{key.hex()}'"))
        connection.execute("SELECT sqlcipher_export('encrypted')")
        connection.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        connection.execute("DETACH DATABASE encrypted")
    finally:
        connection.close()
    return counts


def check_copy(target: Path, key: bytes, expected: dict[str, int]) -> None:
    """StorageError unless the encrypted copy is sound and holds every row of the original."""
    connection = dbapi_module(key).connect(str(target))
    try:
        apply_key(connection, key)
        result = [tuple(row) for row in connection.execute("PRAGMA integrity_check")]
        if result != [("ok",)]:
            raise StorageError(_("the encrypted copy is damaged: {reason}").format(reason=result))
        counts = table_counts(connection)
    finally:
        connection.close()
    if counts != expected:
        differ = sorted(
            name for name in set(counts) | set(expected) if counts.get(name) != expected.get(name)
        )
        raise StorageError(
            _("the encrypted copy differs from the original in {tables}").format(
                tables=", ".join(differ)
            )
        )


def plain_backups(db_path: Path) -> list[Path]:
    """Copies of the plain database in its ``backups/`` folder (those without a key file)."""
    folder = backup_dir_for(db_path)
    if not folder.is_dir():
        return []
    suffix = db_path.suffix or ".db"
    return sorted(
        found
        for found in folder.glob(f"{db_path.stem}-*{suffix}")
        if found.is_file() and not kf.has_key_file(found)
    )


def swap_in(work: Path, db_path: Path) -> None:
    """Put the encrypted copy and its key file in place of the original (key file first)."""
    for suffix in SIDECARS:
        remove_file(Path(f"{db_path}{suffix}"))
    os.replace(kf.key_file_path(work), kf.key_file_path(db_path))
    remove_file(Path(f"{work}{kf.BACKUP_SUFFIX}"))
    remove_file(kf.lock_path(work))
    os.replace(work, db_path)
    kf.sync_folder(db_path.parent)


def discard_work(work: Path) -> None:
    """Remove an unfinished encrypted copy and its key file."""
    for suffix in ("", *SIDECARS):
        remove_file(Path(f"{work}{suffix}"))
    kf.remove(work)


def copy_file(source: Path, target: Path) -> None:
    """A plain copy kept on purpose (the person asked for it)."""
    if target.exists():
        raise StorageError(_("{path} already exists").format(path=target))
    shutil.copy2(source, target)


def remove_file(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
