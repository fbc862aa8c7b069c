"""Signing in on the command line, and the ``clcp users`` and ``clcp check`` commands.

An encrypted database (one with a key file beside it) needs ``--user NAME`` (default:
your login name) and the password, read from ``CLCP_PASSWORD`` or typed at a hidden
prompt. The role of that account then decides what the command may show or change,
exactly as in the window. ``--demo`` signs in as ``facilitator`` with the demo password.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

from desktop.cli.base import is_office_url, local_path, open_existing, target_for
from desktop.cli.catalogue import help_for
from desktop.cli.usage import EXIT_OK, UsageError
from desktop.demo.accounts import DEMO_PASSWORD
from desktop.i18n import _, isolated
from desktop.labels import label
from desktop.models import User
from desktop.models.enums import Role
from desktop.services.facade import Services
from desktop.services.framework.actor import Actor
from desktop.services.security.integrity import CheckResult, check_database
from desktop.services.security.passwords import AccountService
from desktop.services.security.signin import sign_in, sign_in_with_recovery_key
from desktop.services.security.users import UserData
from desktop.storage import Database, building, damage
from desktop.storage import keyfile as kf
from desktop.storage.damage import DamagedDatabaseError
from desktop.storage.errors import one_line_reason
from desktop.storage.server_database import ServerDatabase
from desktop.texttable import format_table

USER_ENV = "CLCP_USER"
PASSWORD_ENV = "CLCP_PASSWORD"
NEW_PASSWORD_ENV = "CLCP_NEW_PASSWORD"
RECOVERY_KEY_ENV = "CLCP_RECOVERY_KEY"
DEMO_USER = "facilitator"
EXIT_PROBLEM = 1


def secret(env: str, prompt: str, *, confirm: bool = False) -> str:
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise UsageError(_("no terminal to type the password in: set {env}").format(env=env))
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass(_("Type it again: ")) != first:
        raise UsageError(_("the two passwords differ; nothing was changed"))
    return first


def username_for(args: argparse.Namespace) -> str:
    """``--user``, else ``CLCP_USER``, else the demo's facilitator or your login name."""
    if args.user:
        return str(args.user)
    if os.environ.get(USER_ENV):
        return os.environ[USER_ENV]
    if args.demo:
        return DEMO_USER
    return Actor.from_environment().username


def open_signed_in(
    args: argparse.Namespace,
    *,
    password: str | None = None,
    read_only: bool = False,
    checking: bool = False,
) -> tuple[Database, Actor]:
    """Open the chosen database as the person named by ``--user`` (after their password).

    A database without a key file is not encrypted (made by tests or an old version):
    it has no passwords, and the command acts as the named account's role (a manager
    when there is no such account). ``read_only`` and ``checking``: see ``sign_in``.
    """
    target = target_for(args)
    if is_office_url(target):
        return _office_signed_in(args, target, password)
    path = local_path(target)
    if path is not None:
        building.settle(path)
    if path is not None and kf.has_key_file(path):
        username = username_for(args)
        if password is not None:
            pass
        elif args.demo and PASSWORD_ENV not in os.environ:
            password = DEMO_PASSWORD
        else:
            password = secret(PASSWORD_ENV, _("Password for {user}: ").format(user=username))
        signed_in = sign_in(path, username, password, read_only=read_only, checking=checking)
        return signed_in.db, signed_in.actor
    db = open_existing(target)
    return db, plain_actor(db, args.user)


def _office_signed_in(
    args: argparse.Namespace, target: str, password: str | None
) -> tuple[Database, Actor]:
    """The office server's database, signed in with the account's server password: the
    same role, the same rights as in the window, on every laptop's records at once."""
    from desktop.sync.accounts import authenticate

    username = username_for(args)
    if password is None:
        password = secret(PASSWORD_ENV, _("Password for {user}: ").format(user=username))
    db = open_existing(target)
    try:
        return db, authenticate(db, username, password)
    except BaseException:
        db.close()
        raise


def plain_actor(db: Database, username: str | None) -> Actor:
    """Who acts on an unencrypted database: the named account's role, else a manager."""
    actor = Actor.from_environment(username)
    with db.session() as session:
        role = session.scalars(
            select(User.role).where(User.username == actor.username, User.deleted_at.is_(None))
        ).first()
    return Actor(actor.username, role or Role.MANAGER.value)


def _with_services(
    args: argparse.Namespace,
    work: Callable[[Services], int],
    *,
    password: str | None = None,
    read_only: bool = False,
) -> int:
    db, actor = open_signed_in(args, password=password, read_only=read_only)
    try:
        return work(Services(db, actor))
    finally:
        db.close()


# ---------------------------------------------------------------- clcp users
def run_users_list(args: argparse.Namespace) -> int:
    def work(services: Services) -> int:
        accounts = AccountService(services.db, services.actor)
        has_password = accounts.has_password
        if isinstance(services.db, ServerDatabase):  # the office's own server passwords
            from desktop.sync.accounts import has_server_password

            db = services.db
            has_password = lambda username: has_server_password(db, username)  # noqa: E731
        rows = [
            [
                user.data.username,
                user.data.display_name or "-",
                user.data.role,
                _("yes") if user.data.active else _("no"),
                _("yes") if has_password(user.data.username) else _("no"),
            ]
            for user in services.users.list(order_by="username").items
        ]
        headers = [_("User"), _("Name"), _("Role"), _("Active"), _("Password")]
        for line in format_table(headers, rows):
            print(line)
        return EXIT_OK

    return _with_services(args, work, read_only=True)


def run_users_add(args: argparse.Namespace) -> int:
    def work(services: Services) -> int:
        password = secret(
            NEW_PASSWORD_ENV,
            _("New password for {user}: ").format(user=args.username),
            confirm=True,
        )
        data = UserData(username=args.username, role=args.role, display_name=args.name)
        if isinstance(services.db, ServerDatabase):
            from desktop.sync.accounts import add_account

            record = add_account(services.db, services.actor, data, password)
            said = _(
                "Account {user} ({role}) added on the office server: with it, "
                "clcp join makes that person's laptop database."
            )
        else:
            record = AccountService(services.db, services.actor).add(data, password)
            said = _(
                "Account {user} ({role}) added; the password must be changed at first sign-in."
            )
        print(said.format(user=isolated(record.data.username), role=label(record.data.role)))
        return EXIT_OK

    return _with_services(args, work)


def run_users_passwd(args: argparse.Namespace) -> int:
    own_password = ""

    def work(services: Services) -> int:
        accounts = AccountService(services.db, services.actor)
        target = (args.username or services.actor.username).strip().lower()
        new = secret(
            NEW_PASSWORD_ENV, _("New password for {user}: ").format(user=target), confirm=True
        )
        if target == services.actor.username:
            accounts.change_own_password(own_password, new)
            print(_("Your password was changed."))
        else:
            accounts.reset_password(target, new)
            print(
                _(
                    "The password of {user} was reset; they must change it at their next sign-in."
                ).format(user=target)
            )
        return EXIT_OK

    # Changing one's own password needs the current one (it opens the slot re-wrapped).
    if not args.username or args.username.strip().lower() == username_for(args):
        own_password = secret(PASSWORD_ENV, _("Current password: "))
        return _with_services(args, work, password=own_password)
    return _with_services(args, work)


def run_users_disable(args: argparse.Namespace) -> int:
    def work(services: Services) -> int:
        AccountService(services.db, services.actor).disable(args.username)
        print(
            _("Account {user} disabled: its password no longer opens the database.").format(
                user=args.username
            )
        )
        return EXIT_OK

    return _with_services(args, work)


def run_users_recover(args: argparse.Namespace) -> int:
    """A forgotten password: the recovery key sets a new one."""
    target = target_for(args)
    path = local_path(target)
    if path is None or not kf.has_key_file(path):
        raise UsageError(
            _("{target} is not encrypted; it has no recovery key").format(target=target)
        )
    key = secret(RECOVERY_KEY_ENV, _("Recovery key: "))
    new = secret(
        NEW_PASSWORD_ENV, _("New password for {user}: ").format(user=args.username), confirm=True
    )
    signed_in = sign_in_with_recovery_key(path, key, args.username, new)
    signed_in.db.close()
    print(_("The password of {user} was set with the recovery key.").format(user=args.username))
    return EXIT_OK


# ---------------------------------------------------------------- clcp check
def run_check(args: argparse.Namespace) -> int:
    """Exit 0 when all is well; 1 naming the first problem (a damaged page included)."""
    path = local_path(target_for(args))
    if path is None:
        return _check(args)
    with damage.left_as_found(path):
        return _check(args)


def _check(args: argparse.Namespace) -> int:
    try:
        db, actor = open_signed_in(args, checking=True)
    except DamagedDatabaseError as error:
        print(f"clcp: {error}", file=sys.stderr)
        return EXIT_PROBLEM
    try:
        result = check_database(db, actor)
    except (DBAPIError, MemoryError) as error:  # a page that fails as the trail is read
        key = db.keyring.master_key if db.keyring is not None else None
        found = damage.find_damage(db.path, key) if db.path is not None else None
        result = CheckResult(found or one_line_reason(error), 0)
    finally:
        db.close()
    if result.problem is not None:
        print(f"clcp: {result.problem}", file=sys.stderr)
        return EXIT_PROBLEM
    print(
        _("ok: file intact, links whole, audit trail of {n:,} events unbroken").format(
            n=result.events
        )
    )
    return EXIT_OK


def add_security_commands(
    commands: Any,  # argparse's sub-parser action, typed by the parser class
    shared: argparse.ArgumentParser,
    parser_class: type[argparse.ArgumentParser],
) -> None:
    """``clcp users list|add|passwd|disable|recover`` and ``clcp check``."""
    users = commands.add_parser(
        "users",
        parents=[shared],
        help=help_for("users"),
        description=_(
            "Accounts and passwords. Adding, resetting and disabling need an "
            "administrator's sign-in."
        ),
    )
    actions = users.add_subparsers(
        dest="users_command", metavar="ACTION", required=True, parser_class=parser_class
    )
    listing = actions.add_parser("list", parents=[shared], help=_("list accounts"))
    listing.set_defaults(handler=run_users_list)
    add = actions.add_parser(
        "add",
        parents=[shared],
        help=_("add an account (new password from {env} or typed)").format(env=NEW_PASSWORD_ENV),
    )
    add.add_argument("username", metavar="USERNAME")
    add.add_argument("--role", required=True, choices=[role.value for role in Role])
    add.add_argument("--name", default="", metavar="TEXT", help=_("name shown in the app"))
    add.set_defaults(handler=run_users_add)
    passwd = actions.add_parser(
        "passwd",
        parents=[shared],
        help=_("change your password, or (administrator) reset someone's"),
    )
    passwd.add_argument("username", nargs="?", default="", metavar="USERNAME")
    passwd.set_defaults(handler=run_users_passwd)
    disable = actions.add_parser("disable", parents=[shared], help=_("disable an account"))
    disable.add_argument("username", metavar="USERNAME")
    disable.set_defaults(handler=run_users_disable)
    recover = actions.add_parser(
        "recover",
        parents=[shared],
        help=_("set a forgotten password with the recovery key ({env})").format(
            env=RECOVERY_KEY_ENV
        ),
    )
    recover.add_argument("username", metavar="USERNAME")
    recover.set_defaults(handler=run_users_recover)

    check = commands.add_parser(
        "check",
        parents=[shared],
        help=help_for("check"),
        description=_(
            "Check the database file's integrity, the links between records and the "
            "audit trail's hash chain. Exits with status 1 naming the first problem."
        ),
    )
    check.set_defaults(handler=run_check)
