"""``clcp screenshots``: the screenshot tour, run from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop.cli.catalogue import help_for
from desktop.cli.signin import open_signed_in
from desktop.cli.usage import EXIT_OK, UsageError
from desktop.i18n import LANGUAGES, _


def add_screenshots_command(
    commands: Any,  # argparse's sub-parser action
    shared: argparse.ArgumentParser,
    parser_class: type[argparse.ArgumentParser],
) -> None:
    screenshots = commands.add_parser(
        "screenshots",
        parents=[shared],
        help=help_for("screenshots"),
        description=_("Render every main screen and dialog offscreen, one PNG each."),
    )
    screenshots.add_argument("--out", required=True, metavar="DIR", help=_("folder for the PNGs"))
    screenshots.add_argument(
        "--lang",
        choices=list(LANGUAGES),
        default=None,
        metavar="L",
        help=_("language of the screens: %(choices)s (default: the command's language)"),
    )
    screenshots.set_defaults(handler=run_screenshots)


def run_screenshots(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UsageError(_("{path} is not a folder").format(path=out))
    db, actor = open_signed_in(args)
    try:
        from desktop.tour.run import run_tour

        written = run_tour(db, out, actor=actor, language=args.lang)
    finally:
        db.close()
    print(_("{n} screenshots written to {out}").format(n=len(written), out=out))
    return EXIT_OK
