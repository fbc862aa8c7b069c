"""Decide, without changing a byte, whether a file can be opened as a CLCP database."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop.i18n import _
from desktop.storage.connect import apply_key, dbapi_module, open_readonly
from desktop.storage.errors import (
    NewerDatabaseError,
    NotADatabaseError,
    StorageError,
    disk_full,
    disk_full_message,
    no_room,
    one_line_reason,
)
from desktop.storage.keyfile import has_key_file
from desktop.storage.migrate import known_revisions


@dataclass(frozen=True)
class FileState:
    """What is in a database file: nothing yet, or a CLCP schema at ``revision``."""

    is_new: bool
    revision: str | None


def inspect_file(path: Path, key: bytes | None) -> FileState:
    if path.is_dir():
        raise NotADatabaseError(_("{path} is a folder, not a database file").format(path=path))
    if path.stat().st_size == 0:
        return FileState(is_new=True, revision=None)
    sidecars_before = _sidecars_present(path)
    try:
        connection = open_readonly(path, key)
    except Exception as error:  # the driver's own error types differ per module
        if disk_full(error) or no_room(path.parent):
            raise StorageError(disk_full_message(path.parent)) from error
        raise NotADatabaseError(
            _("cannot open {path}: {reason}").format(path=path, reason=one_line_reason(error))
        ) from error
    try:
        try:
            tables = {
                row[0]
                for row in connection.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table'"
                ).fetchall()
            }
        except Exception as error:
            if disk_full(error) or no_room(path.parent):
                raise StorageError(disk_full_message(path.parent)) from error
            if key is None and has_key_file(path):
                raise NotADatabaseError(
                    _("{path} is encrypted: sign in to open it").format(path=path)
                ) from error
            hint = _("it is encrypted with another key") if key else _("it may be encrypted")
            raise NotADatabaseError(
                _("{path} is not a CLCP database (not an SQLite file, or {hint})").format(
                    path=path, hint=hint
                )
            ) from error
        if not tables:
            return FileState(is_new=True, revision=None)
        if "alembic_version" not in tables or "app_meta" not in tables:
            raise NotADatabaseError(
                _("{path} is an SQLite database but not a CLCP database").format(path=path)
            )
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        connection.close()
        if not sidecars_before and _sidecars_present(path):
            _tidy_sidecars(path, key)
    revision = row[0] if row else None
    if revision is not None and revision not in known_revisions():
        raise NewerDatabaseError(
            _(
                "{path} was written by a newer version of CLCP Desktop (schema {revision}); "
                "install that version to open it - the file was not changed"
            ).format(path=path, revision=revision)
        )
    return FileState(is_new=False, revision=revision)


def _sidecars_present(path: Path) -> bool:
    return any(Path(f"{path}{suffix}").exists() for suffix in ("-wal", "-shm"))


def _tidy_sidecars(path: Path, key: bytes | None) -> None:
    """Remove the empty ``-wal``/``-shm`` files a read-only look at a WAL database leaves behind.

    A read-only connection cannot delete them; closing an ordinary connection that
    only read does, under SQLite's own locks (so never while another process uses
    them), and it writes nothing to the file because the WAL is empty. A refused
    file's folder is then exactly as it was found.
    """
    try:
        connection = dbapi_module(key).connect(str(path))
        try:
            apply_key(connection, key)
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            connection.close()
    except Exception:  # best effort: leftover empty sidecars are harmless
        return
