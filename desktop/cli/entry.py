"""The ``clcp`` command: opens the app, or works on a database without a display.

``clcp`` alone opens the window; the commands run headless. Known bad input (unknown
option, missing or foreign file, a database from a newer version, an out-of-range
number) ends with exit status 2 and exactly one ``clcp: ...`` line on stderr, and never
changes a file. A community name that fits several communities also lists them, one
line each under that line, to pick from.

This module is light on purpose: the list of commands comes from ``catalogue.py`` and
only the module of the command being run is imported, so ``clcp --version`` and
``clcp --help`` load neither the database layer nor Qt, and PySide6 is imported only
when the window opens.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from desktop import APP_NAME, __version__
from desktop.cli.catalogue import CommandGroup, groups
from desktop.cli.usage import (
    EXIT_BAD_INPUT,
    EXIT_INTERRUPTED,
    EXIT_OK,
    Parser,
    add_database_options,
)
from desktop.i18n import LANGUAGES, _, command_line_language, current_language, language_code
from desktop.refusal import Refusal

Handler = Callable[[argparse.Namespace], int]
#: What runs when no command is given.
OPEN_WINDOW = "desktop.cli.window:run_gui"
#: Options of the top-level parser that take a value (never mistaken for a command).
_OPTIONS_WITH_VALUES = ("--db", "--user", "--lang")


def _load(reference: str) -> Any:
    """The object that ``"package.module:name"`` names, importing its module now."""
    module, _sep, name = reference.partition(":")
    return getattr(importlib.import_module(module), name)


def chosen_command(argv: Sequence[str], names: set[str]) -> str | None:
    """The command named in ``argv`` (the first word that is one), skipping option values."""
    skip = False
    for word in argv:
        if skip:
            skip = False
        elif word in _OPTIONS_WITH_VALUES:
            skip = True
        elif word == "--":
            return None
        elif word in names:
            return word
    return None


def build_parser(argv: Sequence[str] = ()) -> argparse.ArgumentParser:
    """The whole parser; only the group of the command named in ``argv`` is loaded in
    full, the others are listed by name and help (enough for ``clcp --help``)."""
    parser = Parser(
        prog="clcp",
        usage="clcp [-h] [--version] [--db PATH] [--user NAME] [--demo] [--lang L] [COMMAND ...]",
        description=_(
            "{app}: offline records for community-led child protection. "
            "Without a command, opens the window."
        ).format(app=APP_NAME),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"clcp {__version__}",
        help=_("show program's version number and exit"),
    )
    add_database_options(parser, top=True)
    parser.add_argument(
        "--lang",
        metavar="L",
        help=_(
            "language of messages and of the window: {codes} "
            "(default: $CLCP_LANG, else the account's)"
        ).format(codes=", ".join(LANGUAGES)),
    )
    shared = Parser(add_help=False)
    add_database_options(shared, top=False)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title=_("commands"))
    every: list[CommandGroup] = groups()
    chosen = chosen_command(argv, {name for group in every for name in group.helps})
    for group in every:
        if chosen in group.helps:
            _load(group.adder)(commands, shared, Parser)
        else:
            for name, help_text in group.helps.items():
                commands.add_parser(name, help=help_text, add_help=False)
    return parser


def _fail(message: str, choices: Sequence[str] = ()) -> int:
    print(f"clcp: {' '.join(message.split())}", file=sys.stderr)
    for choice in choices:  # what to pick from, one line each
        print(f"  {choice}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _quiet_stdout() -> None:
    """After a broken pipe, point stdout at the null device so the exit flush cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def language_asked(words: Sequence[str]) -> str | None:
    """The value of the first ``--lang`` in ``words`` (before or after the command)."""
    for index, word in enumerate(words):
        if word == "--":
            return None
        if word.startswith("--lang="):
            return word.split("=", 1)[1]
        if word == "--lang" and index + 1 < len(words):
            return words[index + 1]
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``clcp`` with ``argv`` (default: the process arguments); return the exit status."""
    words = list(sys.argv[1:] if argv is None else argv)
    asked = language_asked(words)
    if asked is not None and language_code(asked) is None:
        return _fail(
            _("unknown language {code}: choose one of {codes}").format(
                code=asked, codes=", ".join(LANGUAGES)
            )
        )
    with command_line_language(asked):
        return _run(words)


def _run(words: list[str]) -> int:
    try:
        args = build_parser(words).parse_args(words)
        if getattr(args, "lang", "") is None:  # a printout's language: the command's
            args.lang = current_language()
        handler: Handler = getattr(args, "handler", None) or _load(OPEN_WINDOW)
        status = handler(args)
        sys.stdout.flush()
        return status
    except SystemExit as done:  # --help and --version
        return done.code if isinstance(done.code, int) else EXIT_OK
    except Refusal as error:
        return _fail(str(error), getattr(error, "choices", ()))
    except BrokenPipeError:  # e.g. `clcp communities | head`: the reader has all it wants
        _quiet_stdout()
        return EXIT_OK
    except UnicodeEncodeError:
        return _fail(_("the terminal cannot show some characters; set PYTHONIOENCODING=utf-8"))
    except OSError as error:
        from desktop.storage.errors import disk_full, disk_full_message

        if disk_full(error):
            return _fail(disk_full_message(error.filename))
        reason = error.strerror or str(error)
        return _fail(f"{error.filename}: {reason}" if error.filename else reason)
    except KeyboardInterrupt:
        _fail(_("interrupted"))
        return EXIT_INTERRUPTED
    except Exception as error:  # the last guard: one line, never a traceback
        from desktop.cli.base import unexpected

        return _fail(unexpected(error))


if __name__ == "__main__":
    sys.exit(main())
