"""How a command finds and opens the database file it was pointed at. Nothing here
imports Qt (the exit statuses and the usage refusal are in ``usage.py``)."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.usage import UsageError
from desktop.i18n import _
from desktop.storage import (
    Database,
    DatabaseMissingError,
    NotADatabaseError,
    demo_database_path,
    open_database,
    resolve_target,
)
from desktop.storage.inspect import inspect_file

# --- choosing and opening the database -------------------------------------------------


def target_for(args: argparse.Namespace, *, default_demo: bool = False) -> str:
    if args.demo and args.db:
        raise UsageError(_("use either --db PATH or --demo, not both"))
    if args.demo or (default_demo and not args.db):
        return str(demo_database_path())
    return resolve_target(args.db)


def local_path(target: str) -> Path | None:
    return None if "://" in target else Path(target).expanduser()


def open_existing(target: str) -> Database:
    """Open a database that must already exist; never create or fill an empty file."""
    path = local_path(target)
    if path is not None:
        if not path.exists():
            raise DatabaseMissingError(_("no database at {path}").format(path=path))
        if inspect_file(path, None).is_new:
            raise NotADatabaseError(_("{path} is empty, not a CLCP database").format(path=path))
    return open_database(target, create=False)
