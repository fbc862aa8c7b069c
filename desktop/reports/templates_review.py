"""Review templates: the mentor's review of a cycle and the manager's quarterly summary,
the two forms people who oversee the work fill in (the community's own monitoring forms
are in ``templates_monitoring``)."""

from __future__ import annotations

from datetime import timedelta

from reportlab.platypus import Flowable, KeepTogether, Spacer

from desktop.i18n import _
from desktop.labels import label
from desktop.models.enums import (
    ActionStatus,
    Benchmark,
    BenchmarkRating,
    FollowUpStatus,
)
from desktop.reports.blocks import (
    fields,
    grid,
    group_heading,
    rows_to_fill,
    ticked,
    together,
    writing_box,
    writing_space,
    writing_space_to_fill,
)
from desktop.reports.forms import FormContext
from desktop.reports.labels import day, due, recorded
from desktop.reports.styles import STYLES, text
from desktop.services.queries.reporting import CycleSheet


def _rating_cells(chosen: str | None) -> list[Flowable]:
    return [ticked(label(r), chosen == r if chosen is not None else None) for r in BenchmarkRating]


def mentor_review_blank(ctx: FormContext) -> list[Flowable]:
    header = [_("Process benchmark"), *[label(r) for r in BenchmarkRating], _("Comments")]
    widths = [140, 62, 80, 58, ctx.width - 340]
    rows = [[label(b), *_rating_cells(None), ""] for b in Benchmark]
    # the response and the signatures stay on one page: a sign-off alone is easy to lose
    response = KeepTogether(
        [
            writing_box(_("Facilitator's response"), ctx.width, 4),
            Spacer(1, 6),
            fields([(_("Mentor (signature)"), ""), (_("Signed off on / phase"), "")], ctx.width),
        ]
    )
    return [
        grid(header, rows, widths, row_height=34),
        text(_("Follow-ups"), STYLES.h2),
        rows_to_fill(
            [_("What is to be done"), _("Who"), _("By when"), _("Done?")],
            lambda: [""] * 4,
            [ctx.width - 230, 110, 70, 50],
            row_height=28,
            after=[response],
        ),
        response,
    ]


def mentor_review_filled(ctx: FormContext, sheet: CycleSheet) -> list[Flowable]:
    if not sheet.reviews:
        return [text(_("No mentor review recorded in this cycle yet."), STYLES.muted)]
    header = [_("Process benchmark"), *[label(r) for r in BenchmarkRating], _("Comments")]
    widths = [140, 62, 80, 58, ctx.width - 340]
    story: list[Flowable] = []
    for record in sheet.reviews:
        review = record.data
        unnamed = _("mentor not recorded")
        mentor = sheet.user_names.get(review.mentor_id, unnamed) if review.mentor_id else unnamed
        rows = []
        for benchmark in Benchmark:
            rating, comment = review.ratings.get(benchmark, ("", ""))
            rows.append([label(benchmark), *_rating_cells(rating), comment])
        follow = [
            [f.description, recorded(f.owner), due(f.due_on), label(f.status)]
            for f in sheet.follow_ups.get(record.id, [])
        ]
        signed = f"{day(review.signed_off_on)} / {label(review.signed_off_phase)}"
        heading = _("Review of {day} by {mentor}").format(
            day=day(review.reviewed_on), mentor=mentor
        )
        story += [
            *together([text(heading, STYLES.h2), grid(header, rows, widths)], ctx.width),
            fields([(_("Overall comment"), recorded(review.overall_comment))], ctx.width),
            text(_("Follow-ups"), STYLES.h2),
            grid(
                [_("What is to be done"), _("Who"), _("By when"), _("Status")],
                follow,
                [ctx.width - 230, 110, 70, 50],
            )
            if follow
            else text(_("No follow-up agreed."), STYLES.muted),
            fields(
                [
                    (_("Facilitator's response"), recorded(review.facilitator_response)),
                    (
                        _("Signed off on / phase"),
                        signed if review.signed_off_on else _("not signed off"),
                    ),
                ],
                ctx.width,
            ),
            Spacer(1, 10),
        ]
    return story


# --- manager's quarterly monitoring summary -----------------------------------------------


def quarterly_blank(ctx: FormContext) -> list[Flowable]:
    figures = [
        _("Communities in partnership (agreed)"),
        _("Communities exploring / paused / declined"),
        _("Meetings held"),
        _("Actions done on time"),
        _("Actions overdue"),
        _("Indicators with new observations"),
        _("Linkages formed"),
        _("Mentor follow-ups still open"),
    ]
    widths = [ctx.width * 0.45, ctx.width * 0.15, ctx.width * 0.4]
    points = writing_space(_("Main points for the programme manager"), ctx.width, 4)
    return [
        fields([(_("Quarter (from - to)"), ""), (_("District / programme"), "")], ctx.width),
        Spacer(1, 6),
        grid(
            [_("Figure"), _("Number"), _("Comment")],
            [[f, "", ""] for f in figures],
            widths,
            row_height=22,
        ),
        text(_("Who took part in meetings this quarter"), STYLES.h2),
        grid(
            [group_heading(g.code, g.name) for g in ctx.groups],
            [[""] * len(ctx.groups)],
            [ctx.width / len(ctx.groups)] * len(ctx.groups),
            row_height=30,
        ),
        Spacer(1, 6),
        writing_space_to_fill(
            _("Groups missing from decisions, and what the office will do"),
            ctx.width,
            after=[points],
        ),
        points,
    ]


def quarterly_filled(ctx: FormContext, sheet: CycleSheet) -> list[Flowable]:
    """The summary for this community's last 3 months (the monitoring report covers many)."""
    end = ctx.today
    start = end - timedelta(days=91)
    meetings = [m for m in sheet.meetings if start <= m.held_on <= end]
    actions = [a.data for a in sheet.actions]
    on_time = [
        a
        for a in actions
        if a.completed_on
        and start <= a.completed_on <= end
        and (a.due_on is None or a.completed_on <= a.due_on)
    ]
    open_states = {ActionStatus.PLANNED.value, ActionStatus.UNDER_WAY.value}
    overdue = [a for a in actions if a.status in open_states and a.due_on and a.due_on < end]
    observed = {
        i
        for i, obs in sheet.observations.items()
        if any(start <= o.observed_on <= end for o in obs)
    }
    formed = [link for link in sheet.linkages if link.agreed_on and start <= link.agreed_on <= end]
    open_follow = [
        f for fs in sheet.follow_ups.values() for f in fs if f.status == FollowUpStatus.OPEN.value
    ]
    rows = [
        [_("Meetings held"), str(len(meetings))],
        [_("Actions done on time"), str(len(on_time))],
        [_("Actions overdue"), str(len(overdue))],
        [_("Indicators with new observations"), str(len(observed))],
        [_("Linkages formed"), str(len(formed))],
        [_("Mentor follow-ups still open"), str(len(open_follow))],
    ]
    counts = [str(sum(m.attendance.get(g.code, 0) for m in meetings)) for g in ctx.groups]
    period = _("From {start} to {end}").format(start=day(start), end=day(end))
    return [
        fields(
            [
                (_("Quarter"), period),
                (_("Partnership"), label(sheet.community.data.partnership_status)),
            ],
            ctx.width,
        ),
        Spacer(1, 6),
        grid([_("Figure"), _("Number")], rows, [ctx.width * 0.6, ctx.width * 0.4]),
        text(_("Who took part in meetings this quarter"), STYLES.h2),
        grid(
            [group_heading(g.code, g.name) for g in ctx.groups],
            [counts],
            [ctx.width / len(ctx.groups)] * len(ctx.groups),
        ),
    ]
