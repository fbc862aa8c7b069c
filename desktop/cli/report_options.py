"""What the ``clcp report`` subcommands share: dates, quarters and periods, the output
options, checking where the PDF goes, signing in, and writing the PDF atomically."""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.cli.usage import EXIT_OK, UsageError
from desktop.i18n import LANGUAGES, _
from desktop.reports.options import Paper

if TYPE_CHECKING:
    from desktop.reports.job import ReportJob
    from desktop.services.facade import Services
    from desktop.storage import Database


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("not a date (use YYYY-MM-DD): {text!r}").format(text=text)
        ) from None


def quarter_days(text: str) -> tuple[date, date]:
    """``--quarter 2026Q3``: its first and last day."""
    from desktop.services.queries.periods import parse_quarter

    try:
        return parse_quarter(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def add_period_options(parser: argparse.ArgumentParser, *, what: str) -> None:
    """``--quarter`` or ``--from``/``--to``: a calendar quarter or any period."""
    period = parser.add_mutually_exclusive_group()
    period.add_argument(
        "--quarter",
        type=quarter_days,
        metavar="YYYYQn",
        help=_("a calendar quarter, e.g. 2026Q3 ({what})").format(what=what),
    )
    period.add_argument(
        "--from", dest="date_from", type=iso_date, metavar="DATE", help=_("period start")
    )
    parser.add_argument("--to", dest="date_to", type=iso_date, metavar="DATE", help=_("period end"))


def add_output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", required=True, metavar="FILE.pdf", help=_("PDF file to write"))
    parser.add_argument(
        "--paper",
        choices=[paper.value for paper in Paper],
        default=Paper.A4.value,
        help=_("paper size (default a4)"),
    )
    parser.add_argument(
        "--lang",
        choices=list(LANGUAGES),
        default=None,
        metavar="L",
        help=_("language of the printed labels: %(choices)s (default: the command's language)"),
    )


def checked_output(text: str) -> Path:
    """The output path, refused early if the PDF could not be written there."""
    path = Path(text).expanduser()
    folder = path.parent
    if path.is_dir():
        raise UsageError(_("{path} is a folder, not a file name").format(path=path))
    if not folder.is_dir():
        raise UsageError(
            _("cannot write {path}: folder {folder} does not exist").format(
                path=path, folder=folder
            )
        )
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise UsageError(_("cannot write {path}: permission denied").format(path=path))
    return path


def write_job(job: ReportJob, out: Path) -> int:
    from desktop.reports.document import save_pdf

    try:
        save_pdf(out, lambda stream: job.write(stream, None, None))
    except OSError as error:
        reason = error.strerror or str(error)
        raise UsageError(
            _("cannot write {path}: {reason}").format(path=out, reason=reason)
        ) from error
    job.record_export(str(out))
    print(_("{title} written to {path}").format(title=job.title, path=out))
    return EXIT_OK


def signed_in_services(args: argparse.Namespace) -> tuple[Database, Services]:
    """The database opened as the signed-in person: their role decides what prints."""
    from desktop.cli.signin import open_signed_in
    from desktop.services.facade import Services

    db, actor = open_signed_in(args, read_only=True)  # the export itself is still recorded
    return db, Services(db, actor)


@contextmanager
def looked_up() -> Iterator[None]:
    """Finding what the arguments name (a template, community, cycle, person): what is
    not found is bad input."""
    try:
        yield
    except LookupError as error:
        message = str(error.args[0]) if error.args else str(error)
        lines = getattr(error, "lines", None)
        raise UsageError(message, tuple(lines()) if callable(lines) else ()) from None


def check_period(args: argparse.Namespace) -> None:
    quarter = getattr(args, "quarter", None)
    if quarter is not None:
        if args.date_to is not None:
            raise UsageError(_("give --quarter or --from/--to, not both"))
        args.date_from, args.date_to = quarter
    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise UsageError(_("--from must not be after --to"))
