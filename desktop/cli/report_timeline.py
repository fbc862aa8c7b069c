"""``clcp report timeline``: a community's timeline, or a district's communities over time,
as landscape PDF pages (the office's also list what needs attention, in words)."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from desktop.cli.report_options import (
    add_output_options,
    check_period,
    checked_output,
    iso_date,
    looked_up,
    signed_in_services,
    write_job,
)
from desktop.cli.usage import UsageError
from desktop.i18n import _, using_language


def add_timeline_command(kinds: Any, shared: argparse.ArgumentParser) -> None:
    timeline = kinds.add_parser(
        "timeline",
        parents=[shared],
        help=_("a community's timeline, or a district's communities over time"),
    )
    whose = timeline.add_mutually_exclusive_group(required=True)
    whose.add_argument(
        "--community",
        metavar="COMMUNITY",
        help=_('the community: its id, its name, or "name, district"'),
    )
    whose.add_argument("--district", metavar="D", help=_("every community of district D"))
    timeline.add_argument(
        "--from", dest="date_from", type=iso_date, metavar="DATE", help=_("first day shown")
    )
    timeline.add_argument(
        "--to", dest="date_to", type=iso_date, metavar="DATE", help=_("last day shown")
    )
    add_output_options(timeline)
    timeline.set_defaults(handler=run_timeline)


def run_timeline(args: argparse.Namespace) -> int:
    from desktop.reports.timeline_pdf import community_timeline_job, office_timeline_job
    from desktop.services.queries.community_choice import resolve_community
    from desktop.services.queries.timeline import OfficeQuery, community_timeline, office_timeline

    out = checked_output(args.out)
    check_period(args)
    today = date.today()
    db, services = signed_in_services(args)
    try:
        with using_language(args.lang):  # the timeline's words and direction
            if args.community is not None:
                with looked_up():
                    community = resolve_community(services, args.community)
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
        return write_job(job, out)
    finally:
        db.close()
