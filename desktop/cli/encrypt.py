"""``clcp encrypt``: encrypt a database that was made without encryption.

The account named by ``--user`` becomes the administrator's sign-in (it must be an
administrator, or the database must have none yet); its new password comes from
``CLCP_NEW_PASSWORD`` or is typed twice. The recovery key is printed once.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop.cli.base import local_path, target_for
from desktop.cli.catalogue import help_for
from desktop.cli.signin import NEW_PASSWORD_ENV, secret, username_for
from desktop.cli.usage import EXIT_OK, UsageError
from desktop.i18n import _
from desktop.services.security.encryption import check_encryptable, encrypt_database


def run_encrypt(args: argparse.Namespace) -> int:
    path = local_path(target_for(args))
    if path is None:
        raise UsageError(_("encrypt needs a database file (--db PATH)"))
    check_encryptable(path)
    keep_copy = Path(args.keep_plain_copy) if args.keep_plain_copy else None
    if keep_copy is not None and keep_copy.exists():
        raise UsageError(_("{path} already exists").format(path=keep_copy))
    username = username_for(args)
    password = secret(
        NEW_PASSWORD_ENV,
        _("New password for {user}: ").format(user=username),
        confirm=True,
    )
    done = encrypt_database(
        path,
        username,
        password,
        keep_plain_copy=keep_copy,
        keep_plain_backups=args.keep_plain_backups,
    )
    done.signed_in.db.close()
    print(
        _("{path} is now encrypted; {user} signs in with the new password.").format(
            path=path, user=username
        )
    )
    print(_("Recovery key (print it and keep it in the office safe; it is shown only once):"))
    print(f"    {done.recovery_key}")
    if done.without_password:
        print(
            _(
                "These accounts have no password yet; give them one with "
                "clcp users passwd NAME or in the accounts window: {names}"
            ).format(names=", ".join(done.without_password))
        )
    if done.plain_backups_removed:
        print(_("{n} unencrypted backup copies were removed.").format(n=done.plain_backups_removed))
    if keep_copy is not None:
        print(_("An unencrypted copy was kept, as asked, at {path}.").format(path=keep_copy))
    return EXIT_OK


def add_encrypt_command(
    commands: Any,  # argparse's sub-parser action
    shared: argparse.ArgumentParser,
    parser_class: type[argparse.ArgumentParser],
) -> None:
    encrypt = commands.add_parser(
        "encrypt",
        parents=[shared],
        help=help_for("encrypt"),
        description=_(
            "Encrypt an unencrypted database in place. --user names the administrator "
            "who signs in afterwards (new password from {env} or typed twice). The "
            "original stays untouched until the encrypted copy has been checked."
        ).format(env=NEW_PASSWORD_ENV),
    )
    encrypt.add_argument(
        "--keep-plain-copy",
        default="",
        metavar="FILE",
        help=_("also keep an unencrypted copy at FILE (it is not protected)"),
    )
    encrypt.add_argument(
        "--keep-plain-backups",
        action="store_true",
        help=_("keep the unencrypted copies in the backups folder (removed by default)"),
    )
    encrypt.set_defaults(handler=run_encrypt)
