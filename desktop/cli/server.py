"""``clcp server init|run|password|devices|revoke``: the office server on PostgreSQL.

``--db`` here is a PostgreSQL URL (``postgresql://user@host/office``). Passwords come from
``CLCP_NEW_PASSWORD`` (a new one) or ``CLCP_PASSWORD`` (a laptop's, for ``--from``), or
are typed at a hidden prompt.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.cli.bundle import add_server_import
from desktop.cli.catalogue import help_for
from desktop.cli.signin import NEW_PASSWORD_ENV, PASSWORD_ENV, secret
from desktop.cli.usage import EXIT_OK, UsageError
from desktop.i18n import _, ngettext
from desktop.services.framework.actor import SYSTEM_ROLE, Actor
from desktop.services.security.signin import sign_in
from desktop.storage import Database, open_database
from desktop.storage import keyfile as kf
from desktop.storage.server_database import open_server_database

if TYPE_CHECKING:
    from desktop.sync.devices import DeviceLine


def add_server_commands(
    commands: Any, shared: argparse.ArgumentParser, parser_class: type[argparse.ArgumentParser]
) -> None:
    server = commands.add_parser(
        "server",
        help=help_for("server"),
        description=_("The office server that laptops sync with (PostgreSQL)."),
    )
    actions = server.add_subparsers(
        dest="server_command", metavar="ACTION", required=True, parser_class=parser_class
    )
    url = {"required": True, "metavar": "URL", "help": _("the office database (PostgreSQL URL)")}

    init = actions.add_parser("init", help=_("make the office database"))
    init.add_argument("--db", **url)
    init.add_argument(
        "--from",
        dest="source",
        metavar="FILE.db",
        default="",
        help=_("seed it from this laptop database (records and audit trail)"),
    )
    init.add_argument(
        "--user",
        required=True,
        metavar="ADMIN",
        help=_("the first administrator (with --from: one of that file's)"),
    )
    init.set_defaults(handler=run_server_init)

    run = actions.add_parser("run", help=_("serve the sync protocol"))
    run.add_argument("--db", **url)
    run.add_argument("--host", default="127.0.0.1", help=_("address to listen on"))
    run.add_argument("--port", type=int, default=8470, help=_("port (default 8470)"))
    run.add_argument("--tls-cert", default=None, metavar="F", help=_("certificate (PEM)"))
    run.add_argument("--tls-key", default=None, metavar="F", help=_("its private key (PEM)"))
    run.set_defaults(handler=run_server_run)

    password = actions.add_parser("password", help=_("set an account's server password"))
    password.add_argument("--db", **url)
    password.add_argument("--user", required=True, metavar="NAME")
    password.set_defaults(handler=run_server_password)

    devices = actions.add_parser("devices", help=_("the laptops the office knows"))
    devices.add_argument("--db", **url)
    devices.set_defaults(handler=run_server_devices)
    revoke = actions.add_parser("revoke", help=_("refuse a lost laptop from now on"))
    revoke.add_argument("device", metavar="DEVICE", help=_("its id (the first 8 characters do)"))
    revoke.add_argument("--db", **url)
    revoke.set_defaults(handler=run_server_revoke)

    add_server_import(actions, url)


def run_server_init(args: argparse.Namespace) -> int:
    from desktop.sync.bundle_keys import own_keys
    from desktop.sync.office import init_empty, seed_from

    db = open_server_database(args.db)
    try:
        if args.source:
            laptop = _open_laptop(Path(args.source), args.user)
            try:
                password = secret(PASSWORD_ENV, _("Password for {user}: ").format(user=args.user))
                seed_from(db, laptop, args.user.strip().lower(), password)
            finally:
                laptop.close()
            print(_("office database made from {file}").format(file=args.source))
        else:
            password = secret(
                NEW_PASSWORD_ENV,
                _("New password for {user}: ").format(user=args.user),
                confirm=True,
            )
            init_empty(db, args.user, password)
            print(_("office database made; administrator {user}").format(user=args.user))
        own_keys(db)  # the office's keys for bundles by USB, made with it
    finally:
        db.close()
    return EXIT_OK


def _open_laptop(path: Path, username: str) -> Database:
    if not path.exists():
        raise UsageError(_("no database at {path}").format(path=path))
    if kf.has_key_file(path):
        password = secret(PASSWORD_ENV, _("Password for {user}: ").format(user=username))
        return sign_in(path, username.strip().lower(), password).db
    return open_database(path, create=False)


def run_server_run(args: argparse.Namespace) -> int:
    from desktop.server.run import serve, server_config

    db = open_server_database(args.db, create=False)
    try:
        config = server_config(db, args.host, args.port, args.tls_cert, args.tls_key)
        scheme = "https" if args.tls_cert else "http"
        print(_("serving {url} (Ctrl+C stops)").format(url=f"{scheme}://{args.host}:{args.port}"))
        serve(config)
    finally:
        db.close()
    return EXIT_OK


def run_server_password(args: argparse.Namespace) -> int:
    from desktop.sync.accounts import set_password

    db = open_server_database(args.db, create=False)
    try:
        password = secret(
            NEW_PASSWORD_ENV, _("New password for {user}: ").format(user=args.user), confirm=True
        )
        by = Actor.from_environment(role=SYSTEM_ROLE)
        set_password(db, args.user.strip().lower(), password, by)
    finally:
        db.close()
    print(_("server password set for {user}").format(user=args.user))
    return EXIT_OK


def _when(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment is not None else "-"


def device_line(line: DeviceLine) -> str:
    """ "1c9e07a2  fatima  first 2026-12-01 09:12  last sync 2026-12-05 16:40  38 changes" """
    received = ngettext("{n} change received", "{n} changes received", line.changes)
    text = _("{id}  {user}  first seen {first}  last sync {last}  {received}").format(
        id=line.device_id[:8],
        user=line.username or "?",
        first=_when(line.first_seen),
        last=_when(line.last_sync),
        received=received.format(n=line.changes),
    )
    if line.revoked_at is not None:
        text += "  " + _("revoked {when}").format(when=_when(line.revoked_at))
    return text


def run_server_devices(args: argparse.Namespace) -> int:
    from desktop.sync.devices import device_lines

    db = open_server_database(args.db, create=False)
    try:
        lines = device_lines(db)
    finally:
        db.close()
    for line in lines:
        print(device_line(line))
    if not lines:
        print(_("no laptop has signed in to this office yet"))
    return EXIT_OK


def run_server_revoke(args: argparse.Namespace) -> int:
    from desktop.sync.devices import revoke

    db = open_server_database(args.db, create=False)
    try:
        line = revoke(db, args.device, Actor.from_environment(role=SYSTEM_ROLE))
    finally:
        db.close()
    print(device_line(line))
    return EXIT_OK
