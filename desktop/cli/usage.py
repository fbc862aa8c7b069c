"""What the argument parsing needs and nothing heavier: exit statuses, the refusal of bad
input, the parser that reports it in one line, and the database options every command
takes. Importing this loads neither the database layer nor Qt."""

from __future__ import annotations

import argparse
from typing import NoReturn

from desktop.i18n import _
from desktop.refusal import Refusal

EXIT_OK = 0
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130


class UsageError(Refusal):
    """Bad input the person can fix; ``str(error)`` is the one line shown after ``clcp:``.
    ``choices`` are lines printed under it when the person must pick one (communities that
    share a name), one line each."""

    def __init__(self, message: str, choices: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.choices = choices


# argparse's own words (usage, its errors and help lines) in the language of the command:
# it looks them up through its module's ``_`` each time (see ``argparse_words``).
argparse._ = _  # type: ignore[attr-defined]


class Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line (no usage dump) and lets main() exit."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(_("{message} (see clcp --help)").format(message=" ".join(message.split())))


def add_database_options(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """--db, --user and --demo, accepted before or after the command name."""
    # Below a command the defaults are SUPPRESS, so an option given before the
    # command is not reset by the command's parser.
    unset = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=unset,
        help=_("database file (default: $CLCP_DB, else clcp.db in the user data folder)"),
    )
    parser.add_argument(
        "--user",
        metavar="NAME",
        default=unset,
        help=_(
            "sign in as NAME (default: your login name); the password comes from "
            "$CLCP_PASSWORD or is asked for"
        ),
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        default=False if top else argparse.SUPPRESS,
        help=_("use the demo database (the window makes it on first use)"),
    )
