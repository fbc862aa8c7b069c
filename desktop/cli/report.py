"""``clcp report ...``: print blank or filled templates, cycle and monitoring reports to PDF.

Every subcommand checks its input before it builds anything, and the PDF is written
to a temporary file that replaces ``--out`` only when complete, so bad input or a
failure leaves no partial PDF. Other report kinds register their subcommand in
:func:`add_report_commands`. ReportLab loads only when a PDF is made.
"""

from __future__ import annotations

import argparse
from typing import Any

from desktop.cli.catalogue import help_for
from desktop.cli.report_options import (
    add_output_options,
    add_period_options,
    check_period,
    checked_output,
    looked_up,
    signed_in_services,
    write_job,
)
from desktop.cli.report_timeline import add_timeline_command
from desktop.cli.usage import EXIT_OK, UsageError
from desktop.i18n import _
from desktop.reports.options import Paper


def _cycle_number(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(_("not a cycle number: {text!r}").format(text=text))
    return int(text)


def _add_community_options(parser: argparse.ArgumentParser, *, required: bool) -> None:
    parser.add_argument(
        "--community",
        required=required,
        metavar="COMMUNITY",
        help=_('the community: its id, its name, or "name, district"'),
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
    add_timeline_command(kinds, shared)
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
    template.add_argument(
        "--district",
        default="",
        metavar="D",
        help=_("a programme-level form (quarterly-summary): only district D"),
    )
    add_period_options(template, what=_("fills a programme-level form for that period"))
    add_output_options(template)
    template.set_defaults(handler=run_template)

    cycle = kinds.add_parser(
        "cycle", parents=[shared], help=_("one cycle of one community in full")
    )
    _add_community_options(cycle, required=True)
    add_output_options(cycle)
    cycle.set_defaults(handler=run_cycle)


def _add_monitoring(kinds: Any, shared: argparse.ArgumentParser) -> None:
    monitoring = kinds.add_parser(
        "monitoring", parents=[shared], help=_("the managers' monitoring report")
    )
    monitoring.add_argument("--district", default="", metavar="D", help=_("only district D"))
    monitoring.add_argument(
        "--facilitator", default="", metavar="NAME", help=_("only this facilitator's communities")
    )
    add_period_options(monitoring, what=_("instead of --from and --to"))
    add_output_options(monitoring)
    monitoring.set_defaults(handler=run_monitoring)


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

    with looked_up():
        spec = find_template(args.template_id)
    out = checked_output(args.out)
    check_period(args)
    paper = Paper(args.paper)
    programme = _programme_wanted(args, spec.id, spec.one_community)
    if args.community is None and not programme:
        if args.cycle is not None:
            raise UsageError(_("--cycle needs --community"))
        if not args.db and not args.demo:
            return write_job(
                template_job(spec.id, paper=paper, services=None, language=args.lang), out
            )
    db, services = signed_in_services(args)
    try:
        if programme:
            from desktop.services.queries.reporting_monitoring import MonitoringFilter

            selection = MonitoringFilter(
                district=args.district, date_from=args.date_from, date_to=args.date_to
            )
            job = template_job(
                spec.id, paper=paper, services=services, selection=selection, language=args.lang
            )
        elif args.community is None:
            job = template_job(spec.id, paper=paper, services=services, language=args.lang)
        else:
            from desktop.services.queries.community_choice import resolve_community
            from desktop.services.queries.reporting import find_cycle

            with looked_up():
                community = resolve_community(services, args.community)
                cycle = find_cycle(services, community.id, args.cycle)
            job = template_job(
                spec.id, paper=paper, services=services, cycle_id=cycle.id, language=args.lang
            )
        return write_job(job, out)
    finally:
        db.close()


def _programme_wanted(args: argparse.Namespace, template_id: str, one_community: bool) -> bool:
    """Whether a programme-level form is to be filled (its district and period given);
    refuses the options of the other kind of form."""
    programme = bool(args.district or args.date_from or args.date_to)
    if one_community and programme:
        raise UsageError(
            _(
                "--district, --quarter, --from and --to fill the quarterly summary; "
                "{id} is filled for one community with --community"
            ).format(id=template_id)
        )
    if not one_community and (args.community is not None or args.cycle is not None):
        raise UsageError(
            _(
                "{id} is for a district or the whole programme: give --quarter "
                "(and --district), not --community"
            ).format(id=template_id)
        )
    if programme and not (args.date_from or args.date_to):
        raise UsageError(_("give the period: --quarter, or --from and --to"))
    return programme


def run_cycle(args: argparse.Namespace) -> int:
    from desktop.reports.jobs import cycle_job
    from desktop.services.queries.community_choice import resolve_community
    from desktop.services.queries.reporting import find_cycle

    out = checked_output(args.out)
    db, services = signed_in_services(args)
    try:
        with looked_up():
            community = resolve_community(services, args.community)
            cycle = find_cycle(services, community.id, args.cycle)
        return write_job(
            cycle_job(services, cycle.id, paper=Paper(args.paper), language=args.lang), out
        )
    finally:
        db.close()


def run_monitoring(args: argparse.Namespace) -> int:
    from desktop.reports.jobs import monitoring_job
    from desktop.services.queries.reporting import find_user
    from desktop.services.queries.reporting_monitoring import MonitoringFilter

    out = checked_output(args.out)
    check_period(args)
    db, services = signed_in_services(args)
    try:
        facilitator = ""
        if args.facilitator:
            with looked_up():
                facilitator = find_user(services, args.facilitator)
        selection = MonitoringFilter(
            district=args.district,
            facilitator=facilitator or "",
            date_from=args.date_from,
            date_to=args.date_to,
        )
        return write_job(
            monitoring_job(services, selection, paper=Paper(args.paper), language=args.lang), out
        )
    finally:
        db.close()
