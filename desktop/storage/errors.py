"""Errors raised when a database cannot be opened; each message is one line for a person."""

from __future__ import annotations

from desktop.refusal import Refusal


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
