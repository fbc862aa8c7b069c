"""``clcp backup`` and ``clcp restore``: the database and its key file as one checked
archive, and back. Nothing here imports Qt."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop.cli.base import local_path, target_for
from desktop.cli.catalogue import help_for
from desktop.cli.signin import PASSWORD_ENV, open_signed_in, secret, username_for
from desktop.cli.usage import EXIT_OK, UsageError
from desktop.i18n import _, format_size
from desktop.services.security.backups import back_up, restore


def run_backup(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UsageError(_("{path} is not a folder").format(path=out))
    db, _actor = open_signed_in(args, read_only=True)
    try:
        made = back_up(db, out)
    finally:
        db.close()
    print(
        _("Backup written to {path} ({size}; checked, {events:,} audit events)").format(
            path=made.path, size=format_size(made.size), events=made.events
        )
    )
    return EXIT_OK


def run_restore(args: argparse.Namespace) -> int:
    path = local_path(target_for(args))
    if path is None:
        raise UsageError(_("restore needs a database file (--db PATH)"))
    username = username_for(args)

    def password() -> str:
        return secret(PASSWORD_ENV, _("Password for {user}: ").format(user=username))

    restored = restore(
        Path(args.archive), path, username=username, password=password, force=args.force
    )
    print(
        _("Restored {path} from the backup of {made} (checked, {events:,} audit events)").format(
            path=restored.path, made=restored.made_at or "?", events=restored.events
        )
    )
    if restored.set_aside is not None:
        print(_("The database it replaced was moved to {path}").format(path=restored.set_aside))
    return EXIT_OK


def add_backup_commands(
    commands: Any, shared: argparse.ArgumentParser, parser_class: type[argparse.ArgumentParser]
) -> None:
    """``clcp backup --out DIR`` and ``clcp restore ARCHIVE [--force]``."""
    backup = commands.add_parser(
        "backup",
        parents=[shared],
        help=help_for("backup"),
        description=_(
            "Copy the database and its key file, check the copy as clcp check does, and "
            "write both into one archive in DIR. It opens with the passwords of today, or "
            "the recovery key."
        ),
    )
    backup.add_argument("--out", required=True, metavar="DIR", help=_("folder for the archive"))
    backup.set_defaults(handler=run_backup)
    restore_parser = commands.add_parser(
        "restore",
        parents=[shared],
        help=help_for("restore"),
        description=_(
            "Unpack a backup archive beside --db, sign in to it (the password of the day "
            "it was made, from {env} or typed), check it, and only then put it in place. "
            "An existing database is replaced only with --force, after being moved to the "
            "backups folder."
        ).format(env=PASSWORD_ENV),
    )
    restore_parser.add_argument("archive", metavar="ARCHIVE")
    restore_parser.add_argument(
        "--force", action="store_true", help=_("replace an existing database")
    )
    restore_parser.set_defaults(handler=run_restore)
