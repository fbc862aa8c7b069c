"""``clcp join``, ``clcp sync`` and ``clcp conflicts``: a laptop and the office server.

The laptop's password is the account's password on the server too (``CLCP_PASSWORD`` or
typed); when the two differ, ``clcp sync`` asks once for the office's
(``CLCP_OFFICE_PASSWORD`` or typed) and mends it. ``--ca-cert F`` trusts the office's own
certificate.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from desktop.cli.base import target_for
from desktop.cli.catalogue import help_for
from desktop.cli.signin import PASSWORD_ENV, open_signed_in, secret, username_for
from desktop.cli.usage import EXIT_OK, UsageError
from desktop.i18n import _, pgettext
from desktop.sync.laptop import SERVER_KEY, meta

OFFICE_PASSWORD_ENV = "CLCP_OFFICE_PASSWORD"


def add_sync_commands(
    commands: Any, shared: argparse.ArgumentParser, parser_class: type[argparse.ArgumentParser]
) -> None:
    join = commands.add_parser(
        "join",
        parents=[shared],
        help=help_for("join"),
        description=_("Make a new encrypted laptop database holding what --user may read."),
    )
    join.add_argument("--server", required=True, metavar="URL")
    join.add_argument("--ca-cert", default=None, metavar="F", help=_("certificate to trust"))
    join.set_defaults(handler=run_join)

    sync = commands.add_parser(
        "sync",
        parents=[shared],
        help=help_for("sync"),
        description=_("Send what is waiting, then receive what changed; one summary line."),
    )
    sync.add_argument(
        "--server",
        default="",
        metavar="URL",
        help=_("the office server (default: the one this laptop joined)"),
    )
    sync.add_argument("--ca-cert", default=None, metavar="F", help=_("certificate to trust"))
    sync.add_argument(
        "--take-office-password",
        action="store_true",
        help=_("if the office has another password for you, use it on this laptop too"),
    )
    sync.set_defaults(handler=run_sync)

    conflicts = commands.add_parser(
        "conflicts",
        parents=[shared],
        help=help_for("conflicts"),
        description=_("Edits that could not both be kept, waiting for a person to decide."),
    )
    actions = conflicts.add_subparsers(
        dest="conflict_command", metavar="ACTION", required=True, parser_class=parser_class
    )
    listing = actions.add_parser("list", parents=[shared], help=_("one line a conflict"))
    listing.add_argument("--all", action="store_true", help=_("resolved ones too"))
    listing.set_defaults(handler=run_conflicts_list)
    show = actions.add_parser("show", parents=[shared], help=_("both values, who and when"))
    show.add_argument("id", metavar="ID")
    show.set_defaults(handler=run_conflicts_show)
    resolve = actions.add_parser("resolve", parents=[shared], help=_("decide a conflict"))
    resolve.add_argument("id", metavar="ID")
    how = resolve.add_mutually_exclusive_group(required=True)
    how.add_argument("--keep-current", action="store_true", help=_("keep the value in use"))
    how.add_argument("--take-other", action="store_true", help=_("take the value set aside"))
    how.add_argument("--value", default=None, metavar="TEXT", help=_("write this value"))
    resolve.set_defaults(handler=run_conflicts_resolve)


def run_join(args: argparse.Namespace) -> int:
    from desktop.sync.client import HttpTransport
    from desktop.sync.join import join

    path = Path(target_for(args))
    username = username_for(args)
    password = secret(PASSWORD_ENV, _("Password for {user}: ").format(user=username))
    with HttpTransport(args.server, ca_cert=args.ca_cert) as transport:
        db, _actor, recovery_key, received = join(path, transport, username, password)
    db.close()
    print(
        _("joined {server}: {n} records in {path}").format(
            server=args.server, n=received.records, path=path
        )
    )
    print(_("recovery key (write it down, it is shown only once): {key}").format(key=recovery_key))
    return EXIT_OK


def run_sync(args: argparse.Namespace) -> int:
    from desktop.sync.client import HttpTransport
    from desktop.sync.engine import sync_once

    username = username_for(args)
    password = secret(PASSWORD_ENV, _("Password for {user}: ").format(user=username))
    db, actor = open_signed_in(args, password=password)
    try:
        server = args.server or meta(db, SERVER_KEY)
        if not server:
            raise UsageError(_("give --server URL (this laptop has not synced yet)"))
        with HttpTransport(server, ca_cert=args.ca_cert) as transport:
            mended = _sign_in(args, db, actor, transport, password)
            summary = sync_once(db, actor, transport)
    finally:
        db.close()
    print(summary.line())
    if mended == "office":
        print(_("the office server now has the password you set on this laptop"))
    elif mended == "laptop":
        print(_("this laptop now opens with the office server's password"))
    return EXIT_OK


def _sign_in(args: argparse.Namespace, db: Any, actor: Any, transport: Any, password: str) -> str:
    """Sign in with the laptop's password; when the office has another, ask for it once
    (``CLCP_OFFICE_PASSWORD`` or typed) and mend the difference (docs/admin-guide.md)."""
    from desktop.sync.office_password import OfficePasswordNeeded, sign_in_laptop

    try:
        return sign_in_laptop(db, actor, transport, password)
    except OfficePasswordNeeded as needed:
        prompt = (
            _("You changed your password on this laptop. Previous password for the office: ")
            if needed.changed_here
            else _("The office server has another password for you. Office password: ")
        )
        office = secret(OFFICE_PASSWORD_ENV, prompt)
        take = args.take_office_password or (not needed.changed_here and _agree())
        return sign_in_laptop(
            db, actor, transport, password, office_password=office, take_office_password=take
        )


def _agree() -> bool:
    """Asked on a terminal only: use the office's password on this laptop too?"""
    if not sys.stdin.isatty():
        return False
    answer = input(_("Use it on this laptop too? [Y/n] ")).strip().lower()
    # "yes" in the language of the question as well as in English
    agreeing = {"", "y", "yes", pgettext("answer", "y"), pgettext("answer", "yes")}
    return answer in {word.lower() for word in agreeing}


def _rows(args: argparse.Namespace) -> list[Any]:
    from sqlalchemy import select

    from desktop.models import SyncConflict

    db, _actor = open_signed_in(args)
    try:
        with db.session() as session:
            query = select(SyncConflict).order_by(SyncConflict.created_at)
            if not getattr(args, "all", False):
                query = query.where(SyncConflict.resolved_at.is_(None))
            return list(session.scalars(query))
    finally:
        db.close()


def run_conflicts_list(args: argparse.Namespace) -> int:
    for row in _rows(args):
        what = row.field or _("deleted and edited")
        state = _("resolved") if row.resolved_at else _("open")
        print(f"{str(row.id)[:8]}  {row.record_name}  {what}  ({state})")
    return EXIT_OK


def run_conflicts_show(args: argparse.Namespace) -> int:
    from desktop.sync.resolve import find

    db, _actor = open_signed_in(args)
    try:
        row = find(db, args.id)
    finally:
        db.close()
    print(f"{row.id}  {row.record_name}")
    print(_("field: {field}").format(field=row.field or _("(the whole record)")))
    print(
        _("current: {value}  by {who} at {when}").format(
            value=_shown(row.kept_value), who=row.kept_by or "?", when=row.kept_at
        )
    )
    print(
        _("other:   {value}  by {who} at {when}").format(
            value=_shown(row.other_value), who=row.other_by or "?", when=row.other_at
        )
    )
    if row.resolved_at:
        print(
            _("resolved by {who} at {when}: {how}").format(
                who=row.resolved_by, when=row.resolved_at, how=row.resolution
            )
        )
    return EXIT_OK


def _shown(text: str) -> str:
    return json.dumps(json.loads(text), ensure_ascii=False)


def run_conflicts_resolve(args: argparse.Namespace) -> int:
    from desktop.sync.resolve import find, resolve

    db, actor = open_signed_in(args)
    try:
        conflict = find(db, args.id)
        choice = "current" if args.keep_current else "other" if args.take_other else "value"
        how = resolve(db, actor, conflict.id, choice, args.value)
    finally:
        db.close()
    print(_("{id}: {how} (sent at the next sync)").format(id=str(conflict.id)[:8], how=how))
    return EXIT_OK
