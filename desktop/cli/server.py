"""``clcp server init|run|password``: the office server on PostgreSQL.

``--db`` here is a PostgreSQL URL (``postgresql://user@host/office``). Passwords come from
``CLCP_NEW_PASSWORD`` (a new one) or ``CLCP_PASSWORD`` (a laptop's, for ``--from``), or
are typed at a hidden prompt.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop.cli.bundle import add_server_import
from desktop.cli.catalogue import help_for
from desktop.cli.signin import NEW_PASSWORD_ENV, PASSWORD_ENV, secret
from desktop.cli.usage import EXIT_OK, UsageError
from desktop.i18n import _
from desktop.services.framework.actor import SYSTEM_ROLE, Actor
from desktop.services.security.signin import sign_in
from desktop.storage import Database, open_database
from desktop.storage import keyfile as kf
from desktop.storage.server_database import open_server_database


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
