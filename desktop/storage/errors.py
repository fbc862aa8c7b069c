"""Errors raised when a database cannot be opened; each message is one line for a person."""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

from desktop.i18n import _
from desktop.refusal import Refusal

_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_SQLITE_FULL = "database or disk is full"


def one_line_reason(error: BaseException) -> str:
    """The first line of the driver's own message (SQLAlchemy adds SQL and a link below it)."""
    original = getattr(error, "orig", None)
    source = original if isinstance(original, BaseException) else error
    for line in str(source).splitlines():
        if line.strip():
            return line.strip()
    return type(source).__name__


class StorageError(Refusal):
    """A database could not be opened or upgraded. ``str(error)`` is a user-facing sentence."""


class DatabaseMissingError(StorageError):
    """No database exists at the given place and creating one was not asked for."""


class NotADatabaseError(StorageError):
    """The file exists but is not a CLCP database (or is encrypted with another key)."""


class NewerDatabaseError(StorageError):
    """The database was written by a newer version of the app; it is left untouched."""


def disk_full(error: BaseException) -> bool:
    """Whether ``error``, or an error that led to it, says the disk is full (the system's
    "no space left" or SQLite's own "database or disk is full")."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, OSError) and current.errno in _FULL_ERRNOS:
            return True
        if _SQLITE_FULL in str(getattr(current, "orig", None) or current):
            return True
        current = current.__cause__ or current.__context__
    return False


ROOM_LEFT = 256 * 1024
"""Below this much free space, an I/O error opening a database is the full disk's doing
(SQLite then fails to make its shared-memory file, and says only "disk I/O error")."""


def no_room(folder: Path) -> bool:
    """Whether the disk holding ``folder`` is (nearly) full."""
    try:
        return shutil.disk_usage(folder).free < ROOM_LEFT
    except OSError:
        return False


def disk_full_message(where: object | None = None) -> str:
    """The one line for a write stopped by a full disk (what was committed before is kept;
    a write that did not end is undone as a whole)."""
    if where is None:
        return _("the disk is full; free some space and try again")
    return _("the disk holding {where} is full; free some space and try again").format(where=where)
