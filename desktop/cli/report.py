"""``clcp report ...``: print blank or filled templates, cycle and monitoring reports to PDF.

Every subcommand checks its input before it builds anything, and the PDF is written
to a temporary file that replaces ``--out`` only when complete, so bad input or a
failure leaves no partial PDF. Other report kinds register their subcommand in
:func:`add_report_commands`. ReportLab loads only when a PDF is made.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.cli.catalogue import help_for
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


def _cycle_number(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(_("not a cycle number: {text!r}").format(text=text))
    return int(text)


def _add_output_options(parser: argparse.ArgumentParser) -> None:
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
        default="en",
        metavar="L",
        help=_("language of the printed labels: %(choices)s (default en)"),
    )


def _add_community_options(parser: argparse.ArgumentParser, *, required: bool) -> None:
    parser.add_argument(
        "--community", required=required, metavar="NAME", help=_("the community, by its name")
    )
    parser.add_argument(
        "--cycle",
        type=_cycle_number,
        metavar="N",
        help=_("cycle number (default: the community's latest cycle)"),
    )


def add_report_commands(
    commands: argparse._SubParsersAction,  # type: ignore[type-arg]
    shared: argparse.ArgumentParser,
    parser_class: type[argparse.ArgumentParser],
) -> argparse._SubParsersAction:  # type: ignore[type-arg]
    """Add ``clcp report`` and its subcommands; returns them so more can be added."""
    report = commands.add_parser(
        "report",
        parents=[shared],
        help=help_for("report"),
        description=_("Print blank or filled templates, cycle reports and monitoring reports."),
    )
    kinds = report.add_subparsers(
        dest="report_kind", metavar="KIND", title=_("kinds"), parser_class=parser_class
    )
    kinds.required = True

    listing = kinds.add_parser("list", parents=[shared], help=_("list the templates"))
    listing.set_defaults(handler=run_list)
    _add_template_and_cycle(kinds, shared)
    _add_monitoring(kinds, shared)
    _add_timeline(kinds, shared)
    return kinds  # type: ignore[no-any-return]


def _add_template_and_cycle(kinds: Any, shared: argparse.ArgumentParser) -> None:
    template = kinds.add_parser(
        "template",
        parents=[shared],
        help=_("a blank template, or one filled for a community"),
        description=_(
            "Print a template. Without --community it is blank, for use on paper; with "
            "--community (and --db) it is filled from the database for that cycle."
        ),
    )
    template.add_argument("template_id", metavar="ID", help=_("template id (see clcp report list)"))
    _add_community_options(template, required=False)
    _add_output_options(template)
    template.set_defaults(handler=run_template)

    cycle = kinds.add_parser(
        "cycle", parents=[shared], help=_("one cycle of one community in full")
    )
    _add_community_options(cycle, required=True)
    _add_output_options(cycle)
    cycle.set_defaults(handler=run_cycle)


def _add_monitoring(kinds: Any, shared: argparse.ArgumentParser) -> None:
    monitoring = kinds.add_parser(
        "monitoring", parents=[shared], help=_("the managers' monitoring report")
    )
    monitoring.add_argument("--district", default="", metavar="D", help=_("only district D"))
    monitoring.add_argument(
        "--facilitator", default="", metavar="NAME", help=_("only this facilitator's communities")
    )
    monitoring.add_argument(
        "--from", dest="date_from", type=iso_date, metavar="DATE", help=_("period start")
    )
    monitoring.add_argument(
        "--to", dest="date_to", type=iso_date, metavar="DATE", help=_("period end")
    )
    _add_output_options(monitoring)
    monitoring.set_defaults(handler=run_monitoring)


def _add_timeline(kinds: Any, shared: argparse.ArgumentParser) -> None:
    timeline = kinds.add_parser(
        "timeline",
        parents=[shared],
        help=_("a community's timeline, or a district's communities over time"),
    )
    whose = timeline.add_mutually_exclusive_group(required=True)
    whose.add_argument("--community", metavar="NAME", help=_("the community, by its name"))
    whose.add_argument("--district", metavar="D", help=_("every community of district D"))
    timeline.add_argument(
        "--from", dest="date_from", type=iso_date, metavar="DATE", help=_("first day shown")
    )
    timeline.add_argument(
        "--to", dest="date_to", type=iso_date, metavar="DATE", help=_("last day shown")
    )
    _add_output_options(timeline)
    timeline.set_defaults(handler=run_timeline)


# --- helpers ------------------------------------------------------------------------------


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


def _write(job: ReportJob, out: Path) -> int:
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
def _looked_up() -> Iterator[None]:
    """Finding what the arguments name (a template, community, cycle, person): what is
    not found is bad input."""
    try:
        yield
    except LookupError as error:
        raise UsageError(str(error.args[0]) if error.args else str(error)) from None


def _check_period(args: argparse.Namespace) -> None:
    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise UsageError(_("--from must not be after --to"))


# --- commands -----------------------------------------------------------------------------


def run_list(args: argparse.Namespace) -> int:
    from desktop.reports.registry import TEMPLATES

    width = max(len(spec.id) for spec in TEMPLATES)
    for spec in TEMPLATES:
        print(f"{spec.id.ljust(width)}  {spec.title}")
    return EXIT_OK


def run_template(args: argparse.Namespace) -> int:
    from desktop.reports.jobs import template_job
    from desktop.reports.registry import find_template
    from desktop.services.queries.reporting import find_community, find_cycle

    with _looked_up():
        spec = find_template(args.template_id)
    out = checked_output(args.out)
    paper = Paper(args.paper)
    if args.community is None:
        if args.cycle is not None:
            raise UsageError(_("--cycle needs --community"))
        if not args.db and not args.demo:
            return _write(
                template_job(spec.id, paper=paper, services=None, language=args.lang), out
            )
        db, services = signed_in_services(args)
        try:
            return _write(
                template_job(spec.id, paper=paper, services=services, language=args.lang), out
            )
        finally:
            db.close()
    db, services = signed_in_services(args)
    try:
        with _looked_up():
            community = find_community(services, args.community)
            cycle = find_cycle(services, community.id, args.cycle)
        job = template_job(
            spec.id, paper=paper, services=services, cycle_id=cycle.id, language=args.lang
        )
        return _write(job, out)
    finally:
        db.close()


def run_cycle(args: argparse.Namespace) -> int:
    from desktop.reports.jobs import cycle_job
    from desktop.services.queries.reporting import find_community, find_cycle

    out = checked_output(args.out)
    db, services = signed_in_services(args)
    try:
        with _looked_up():
            community = find_community(services, args.community)
            cycle = find_cycle(services, community.id, args.cycle)
        return _write(
            cycle_job(services, cycle.id, paper=Paper(args.paper), language=args.lang), out
        )
    finally:
        db.close()


def run_monitoring(args: argparse.Namespace) -> int:
    from desktop.reports.jobs import monitoring_job
    from desktop.services.queries.reporting import find_user
    from desktop.services.queries.reporting_monitoring import MonitoringFilter

    out = checked_output(args.out)
    _check_period(args)
    db, services = signed_in_services(args)
    try:
        facilitator = ""
        if args.facilitator:
            with _looked_up():
                facilitator = find_user(services, args.facilitator)
        selection = MonitoringFilter(
            district=args.district,
            facilitator=facilitator or "",
            date_from=args.date_from,
            date_to=args.date_to,
        )
        return _write(
            monitoring_job(services, selection, paper=Paper(args.paper), language=args.lang), out
        )
    finally:
        db.close()


def run_timeline(args: argparse.Namespace) -> int:
    from desktop.reports.timeline_pdf import community_timeline_job, office_timeline_job
    from desktop.services.queries.reporting import find_community
    from desktop.services.queries.timeline import OfficeQuery, community_timeline, office_timeline

    out = checked_output(args.out)
    _check_period(args)
    today = date.today()
    db, services = signed_in_services(args)
    try:
        if args.community is not None:
            with _looked_up():
                community = find_community(services, args.community)
            timeline = community_timeline(db, community.id, today, actor=services.actor)
            first, last = timeline.span()
            period = (args.date_from or first, args.date_to or last)
            job = community_timeline_job(services, timeline, paper=args.paper, period=period)
        else:
            office = office_timeline(
                db, OfficeQuery(district=args.district), today, actor=services.actor
            )
            if not office.rows:
                raise UsageError(_("no communities in district {d!r}").format(d=args.district))
            first, last = office.span()
            period = (args.date_from or first, args.date_to or last)
            title = _("Timeline: district {district}").format(district=args.district)
            job = office_timeline_job(
                services, office, title=title, paper=args.paper, period=period
            )
        if period[0] > period[1]:
            raise UsageError(_("--from must not be after --to"))
        return _write(job, out)
    finally:
        db.close()
