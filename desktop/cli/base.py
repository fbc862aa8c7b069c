"""How a command finds and opens the database file it was pointed at. Nothing here
imports Qt (the exit statuses and the usage refusal are in ``usage.py``)."""

from __future__ import annotations

import argparse
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from desktop.cli.usage import UsageError
from desktop.i18n import _
from desktop.storage import (
    Database,
    DatabaseMissingError,
    NotADatabaseError,
    building,
    damage,
    demo_database_path,
    open_database,
    resolve_target,
)
from desktop.storage.errors import disk_full, disk_full_message, one_line_reason
from desktop.storage.inspect import inspect_file
from desktop.storage.keyfile import has_key_file

# --- choosing and opening the database -------------------------------------------------


def target_for(args: argparse.Namespace, *, default_demo: bool = False) -> str:
    if args.demo and args.db:
        raise UsageError(_("use either --db PATH or --demo, not both"))
    if args.demo or (default_demo and not args.db):
        return str(demo_database_path())
    return resolve_target(args.db)


def local_path(target: str) -> Path | None:
    return None if "://" in target else Path(target).expanduser()


def is_office_url(target: str) -> bool:
    """True for the office server's database (a PostgreSQL URL), not a laptop's file."""
    return target.startswith(("postgresql:", "postgresql+", "postgres:"))


def open_existing(target: str) -> Database:
    """Open a database that must already exist; never create or fill an empty file."""
    if is_office_url(target):
        from desktop.storage.server_database import open_server_database

        return open_server_database(target, create=False)
    path = local_path(target)
    if path is not None:
        if not path.exists():
            raise DatabaseMissingError(_("no database at {path}").format(path=path))
        if inspect_file(path, None).is_new:
            raise NotADatabaseError(_("{path} is empty, not a CLCP database").format(path=path))
    return open_database(target, create=False)


def settle_database_file(path: Path | None) -> None:
    """Before choosing what to open: finish an interrupted creation, and refuse a key file
    whose database is missing or empty (never make a new database beside it)."""
    if path is None:
        return
    building.settle(path)
    if has_key_file(path):
        damage.require_database(path)


def unexpected(error: BaseException) -> str:
    """The one line for an error nothing else handled: a driver error means the file could
    not be read as it should (damage, most often); anything else is named as it is."""
    if disk_full(error):
        return disk_full_message()
    if isinstance(error, DBAPIError | MemoryError):
        return _("the database could not be read ({reason}); run clcp check").format(
            reason=one_line_reason(error)
        )
    return _("unexpected error: {kind}: {reason}").format(
        kind=type(error).__name__, reason=one_line_reason(error)
    )
