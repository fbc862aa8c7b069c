"""Naming the damage in a database file in one line, without writing to it.

``PRAGMA integrity_check`` answers in many lines, and on an encrypted file a page that
fails its authentication leaves the connection unusable (every later statement fails,
some with MemoryError). So each look here uses a fresh read-only connection: one to list
the tables by their first page, one for the integrity check, and on an encrypted file one
for SQLCipher's own page check. The answer names the table (or index) and the page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from desktop.i18n import _
from desktop.storage.backup import backup_dir_for
from desktop.storage.connect import dbapi_module, open_readonly
from desktop.storage.errors import StorageError, disk_full, one_line_reason

_TREE = re.compile(r"Tree (\d+) page (\d+)")
_PAGE = re.compile(r"[Pp]age (\d+)")


class DamagedDatabaseError(StorageError):
    """The database file cannot be read as it should: it is damaged (or truncated)."""


def _query(path: Path, key: bytes | None, sql: str) -> list[tuple[object, ...]]:
    connection = open_readonly(path, key)
    try:
        return [tuple(row) for row in connection.execute(sql).fetchall()]
    finally:
        connection.close()


def find_damage(path: Path, key: bytes | None) -> str | None:
    """One line naming the first damage in the file at ``path``, or None if it is sound."""
    with left_as_found(path):
        return _find_damage(path, key)


def _find_damage(path: Path, key: bytes | None) -> str | None:
    try:
        objects = _query(
            path, key, "SELECT type, name, tbl_name, rootpage FROM sqlite_master WHERE rootpage > 0"
        )
    except (Exception, MemoryError) as error:
        return _("page 1 (the list of tables) is unreadable: {reason}").format(
            reason=one_line_reason(error)
        )
    try:
        rows = _query(path, key, "PRAGMA integrity_check")
    except (Exception, MemoryError) as error:
        rows = [(f"error: {one_line_reason(error)}",)]
    if rows == [("ok",)]:
        return None
    text = " ".join(str(row[0]) for row in rows)
    failed_page = _failed_page(path, key) if key is not None else None
    roots = {int(str(root)): f"{kind} {name}" for kind, name, _table, root in objects}
    tree = _TREE.search(text)
    where = roots.get(int(tree.group(1))) if tree is not None else None
    where = where or _first_unreadable(path, key, objects)
    page_match = _PAGE.search(text)
    page = failed_page or (int(page_match.group(1)) if page_match else None)
    if where is not None and page is not None:
        return _("{where}, page {page}, is damaged").format(where=where, page=page)
    if where is not None or page is not None:
        place = where or _("page {page}").format(page=page)
        return _("{place} is damaged").format(place=place)
    first = text.replace("*** in database main ***", "").strip().splitlines()[0][:200]
    return _("the file is damaged: {reason}").format(reason=first)


def _first_unreadable(
    path: Path, key: bytes | None, objects: list[tuple[object, ...]]
) -> str | None:
    """The first table that fails the integrity check on its own (with its indexes), each
    on a fresh connection: a failed page leaves the connection it was read on unusable."""
    for kind, name, _table, _root in objects:
        if kind != "table":
            continue
        try:
            if _query(path, key, f'PRAGMA integrity_check("{name}")') == [("ok",)]:
                continue
        except (Exception, MemoryError):
            pass
        return f"table {name}"
    return None


def _failed_page(path: Path, key: bytes) -> int | None:
    """The first page whose authentication fails (SQLCipher's check), if any."""
    try:
        rows = _query(path, key, "PRAGMA cipher_integrity_check")
    except (Exception, MemoryError):
        return None
    for (line,) in rows:
        found = _PAGE.search(str(line))
        if found is not None:
            return int(found.group(1))
    return None


def damaged(path: Path, problem: str) -> DamagedDatabaseError:
    """The refusal for a damaged file: what is wrong, and where the backups are."""
    return DamagedDatabaseError(
        _(
            "{path} is damaged ({problem}); nothing was written to it - restore it from a "
            "backup (clcp restore; automatic ones are in {backups})"
        ).format(path=path, problem=problem, backups=backup_dir_for(path))
    )


def lost_database(path: Path) -> StorageError:
    """A key file whose database is missing or empty (a failed copy, a full disk)."""
    state = _("is empty (0 bytes)") if path.exists() else _("is missing")
    return StorageError(
        _(
            "{path} {state} but its key file is there: the database was lost; nothing was "
            "created - restore it from a backup (clcp restore; automatic ones are in {backups})"
        ).format(path=path, state=state, backups=backup_dir_for(path))
    )


def require_database(path: Path) -> None:
    """StorageError unless the database beside a key file is there and not empty."""
    if not path.is_file() or path.stat().st_size == 0:
        raise lost_database(path)


SIDECARS = ("-wal", "-shm")


@contextmanager
def left_as_found(path: Path, *, only_on_error: bool = False) -> Iterator[None]:
    """Remove the (empty) journal files opening ``path`` made, if they were not there
    before: closing a damaged file cannot fold them away as closing a sound one does.
    Only for a database closed again by the end of the block (or, ``only_on_error``,
    when the block fails)."""
    before = any(Path(f"{path}{suffix}").exists() for suffix in SIDECARS)
    failed = True
    try:
        yield
        failed = False
    finally:
        wal = Path(f"{path}-wal")
        empty = not wal.exists() or wal.stat().st_size == 0
        if not before and empty and (failed or not only_on_error):
            for suffix in SIDECARS:
                Path(f"{path}{suffix}").unlink(missing_ok=True)


def _driver_errors(key: bytes | None) -> tuple[type[Exception], ...]:
    """The errors of the driver itself (raised where SQLAlchemy is not in between)."""
    return (dbapi_module(key).Error,)


@contextmanager
def named(path: Path, key: bytes | None) -> Iterator[None]:
    """Turn a driver error met while reading ``path`` into one line naming the damage
    (every write is in a transaction the error rolls back, so nothing was written)."""
    with left_as_found(path, only_on_error=True):
        try:
            yield
        except Exception as error:  # MemoryError too
            if not isinstance(error, (DBAPIError, MemoryError, *_driver_errors(key))):
                raise
            if disk_full(error):  # a write elsewhere (a copy, a journal) found no room
                raise
            problem = find_damage(path, key)
            if problem is None:
                raise StorageError(
                    _("cannot read {path}: {reason}").format(
                        path=path, reason=one_line_reason(error)
                    )
                ) from None
            raise damaged(path, problem) from None
