"""The ``clcp`` command: opens the app, or works on a database without a display.

``clcp`` alone opens the window; ``clcp demo|info|communities`` run headless.
Known bad input (unknown option, missing or foreign file, a database from a
newer version, an out-of-range number) ends with exit status 2 and exactly one
``clcp: ...`` line on stderr, and never changes a file. PySide6 is imported only
when the window opens, so the headless commands start fast on machines with no
display.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from desktop import APP_NAME, __version__
from desktop.cli.base import EXIT_OK, UsageError, local_path, target_for
from desktop.cli.commands import (
    fill_demo,
    has_communities,
    open_new_demo,
    removed_on_failure,
    run_communities,
    run_demo,
    run_info,
)
from desktop.cli.encrypt import add_encrypt_command
from desktop.cli.report import add_report_commands
from desktop.cli.server import add_server_commands
from desktop.cli.signin import add_security_commands, open_signed_in
from desktop.cli.sync import add_sync_commands
from desktop.demo.accounts import DEMO_PASSWORD
from desktop.i18n import _
from desktop.models.enums import PartnershipStatus, PhaseKind
from desktop.services.framework.actor import Actor
from desktop.services.framework.errors import ServiceError
from desktop.storage import StorageError
from desktop.storage.encrypt import is_plain_database
from desktop.storage.keyfile import has_key_file

EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130

DEFAULT_DEMO_COMMUNITIES = 150
MAX_DEMO_COMMUNITIES = 100_000


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line (no usage dump) and lets main() exit."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(_("{message} (see clcp --help)").format(message=" ".join(message.split())))


def _community_count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= MAX_DEMO_COMMUNITIES:
        raise argparse.ArgumentTypeError(
            _("must be a whole number from 1 to {max}, not {text!r}").format(
                max=MAX_DEMO_COMMUNITIES, text=text
            )
        )
    return value


def _add_database_options(parser: argparse.ArgumentParser, *, top: bool) -> None:
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


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="clcp",
        usage="clcp [-h] [--version] [--db PATH] [--user NAME] [--demo] [COMMAND ...]",
        description=_(
            "{app}: offline records for community-led child protection. "
            "Without a command, opens the window."
        ).format(app=APP_NAME),
    )
    parser.add_argument("--version", action="version", version=f"clcp {__version__}")
    _add_database_options(parser, top=True)
    shared = _Parser(add_help=False)
    _add_database_options(shared, top=False)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", title=_("commands"))

    demo = commands.add_parser(
        "demo",
        parents=[shared],
        help=_("write a made-up demo data set"),
        description=_(
            "Write a made-up data set for training and trying the app. PATH defaults to "
            "the demo database (the one clcp --demo opens). Refuses a database that "
            "already holds communities."
        ),
    )
    demo.add_argument(
        "--communities",
        type=_community_count,
        default=DEFAULT_DEMO_COMMUNITIES,
        metavar="N",
        help=_("how many communities, 1 to {max} (default {default})").format(
            max=MAX_DEMO_COMMUNITIES, default=DEFAULT_DEMO_COMMUNITIES
        ),
    )
    demo.add_argument("--seed", type=int, default=1, metavar="S", help=_("random seed (default 1)"))
    demo.add_argument(
        "--password",
        default=DEMO_PASSWORD,
        metavar="P",
        help=_(
            "password of the demo accounts admin, manager, facilitator and mentor "
            "(default {default!r})"
        ).format(default=DEMO_PASSWORD),
    )
    demo.set_defaults(handler=run_demo)

    info = commands.add_parser(
        "info",
        parents=[shared],
        help=_("show schema version, record counts and file size"),
        description=_("Show facts about a database. Never creates or changes one."),
    )
    info.set_defaults(handler=run_info)

    communities = commands.add_parser(
        "communities",
        parents=[shared],
        help=_("list communities"),
        description=_("List communities. Never creates or changes a database."),
    )
    communities.add_argument("--district", default="", metavar="D", help=_("only district D"))
    communities.add_argument(
        "--status",
        default="",
        choices=[status.value for status in PartnershipStatus],
        metavar="S",
        help=_("only this partnership status: %(choices)s"),
    )
    communities.add_argument(
        "--phase",
        default="",
        choices=[phase.value for phase in PhaseKind],
        metavar="P",
        help=_("only communities now in this phase: %(choices)s"),
    )
    communities.add_argument(
        "--search", default="", metavar="TEXT", help=_("names or places containing TEXT")
    )
    communities.add_argument(
        "--format", choices=["table", "csv"], default="table", help=_("output format")
    )
    communities.set_defaults(handler=run_communities)
    add_report_commands(commands, shared, _Parser)
    add_security_commands(commands, shared, _Parser)
    add_encrypt_command(commands, shared)
    add_server_commands(commands)
    add_sync_commands(commands, shared)
    screenshots = commands.add_parser(
        "screenshots",
        parents=[shared],
        help=_("save a picture of every screen, filled with the database's data"),
        description=_("Render every main screen and dialog offscreen, one PNG each."),
    )
    screenshots.add_argument("--out", required=True, metavar="DIR", help=_("folder for the PNGs"))
    screenshots.set_defaults(handler=_run_screenshots)
    return parser


def _run_screenshots(args: argparse.Namespace) -> int:
    from pathlib import Path

    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UsageError(_("{path} is not a folder").format(path=out))
    from desktop.cli.signin import open_signed_in

    db, actor = open_signed_in(args)
    try:
        from desktop.tour.run import run_tour

        written = run_tour(db, out, actor=actor)
    finally:
        db.close()
    print(_("{n} screenshots written to {out}").format(n=len(written), out=out))
    return EXIT_OK


def _run_gui(args: argparse.Namespace) -> int:
    """Open the window on the chosen database: the demo one (made on first use, signed in
    as the facilitator) with --demo; the setup wizard for a new file; the sign-in dialog
    for an encrypted one. A refusal is also shown in a message box when nobody reads the
    error output (the windowed program started from a shortcut)."""
    try:
        return _open_window(args)
    except (UsageError, StorageError, ServiceError) as error:
        if _no_console():
            from desktop import gui

            gui.show_refusal(" ".join(str(error).split()))
        raise


def _no_console() -> bool:
    """Whether error output goes nowhere (a windowed program has none, or the null device)."""
    stream = sys.stderr
    return stream is None or getattr(stream, "name", None) == os.devnull


def _open_window(args: argparse.Namespace) -> int:
    target = target_for(args)
    path = local_path(target)
    if args.demo:
        _make_demo_on_first_use(target)
    elif path is not None and (not path.exists() or path.stat().st_size == 0):
        from desktop import gui

        return gui.run_first_time(path)
    elif path is not None and has_key_file(path):
        from desktop import gui

        return gui.run_sign_in(path, username=args.user or "")
    elif path is not None and is_plain_database(path):
        from desktop import gui

        gui.application()
        from desktop.views.auth.encrypt_wizard import offer_encryption

        encrypted = offer_encryption(path, args.user or "")
        if encrypted is not None:
            try:
                return gui.run(encrypted.db, actor=encrypted.actor)
            finally:
                encrypted.db.close()
    db, actor = open_signed_in(args)
    from desktop import gui  # PySide6 is loaded only from here on

    try:
        return gui.run(db, actor=actor, demo=bool(args.demo))
    finally:
        db.close()


def _make_demo_on_first_use(target: str) -> None:
    path = local_path(target)
    if path is not None and path.exists():
        return
    with removed_on_failure(path):
        db = open_new_demo(target, DEMO_PASSWORD)
        try:
            if not has_communities(db):
                note = _("clcp: making the demo database at {target} (first use)...")
                print(note.format(target=target), file=sys.stderr)
                fill_demo(db, communities=DEFAULT_DEMO_COMMUNITIES, seed=1, actor=Actor("demo"))
        finally:
            db.close()


# --- entry point ------------------------------------------------------------------------


def _fail(message: str) -> int:
    print(f"clcp: {' '.join(message.split())}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _quiet_stdout() -> None:
    """After a broken pipe, point stdout at the null device so the exit flush cannot fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``clcp`` with ``argv`` (default: the process arguments); return the exit status."""
    try:
        args = build_parser().parse_args(argv)
        handler: Callable[[argparse.Namespace], int] = getattr(args, "handler", _run_gui)
        status = handler(args)
        sys.stdout.flush()
        return status
    except SystemExit as done:  # --help and --version
        return done.code if isinstance(done.code, int) else EXIT_OK
    except (UsageError, StorageError, ServiceError) as error:
        return _fail(str(error))
    except BrokenPipeError:  # e.g. `clcp communities | head`: the reader has all it wants
        _quiet_stdout()
        return EXIT_OK
    except UnicodeEncodeError:
        return _fail(_("the terminal cannot show some characters; set PYTHONIOENCODING=utf-8"))
    except OSError as error:
        reason = error.strerror or str(error)
        return _fail(f"{error.filename}: {reason}" if error.filename else reason)
    except KeyboardInterrupt:
        _fail(_("interrupted"))
        return EXIT_INTERRUPTED


if __name__ == "__main__":
    sys.exit(main())
