"""Review templates: the mentor's review of a cycle and the manager's quarterly summary,
the two forms people who oversee the work fill in (the community's own monitoring forms
are in ``templates_monitoring``)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from reportlab.platypus import Flowable, KeepTogether, Spacer

from desktop.i18n import _
from desktop.labels import label
from desktop.models.enums import Benchmark, BenchmarkRating, FollowUpStatus
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
from desktop.reports.flags import FlagNote
from desktop.reports.forms import FormContext
from desktop.reports.labels import day, due, recorded
from desktop.reports.participation import participation_table
from desktop.reports.styles import STYLES, text
from desktop.services.queries.attention import overdue_words
from desktop.services.queries.periods import quarter_words

if TYPE_CHECKING:  # a blank form loads no database layer
    from desktop.services.queries.reporting import CycleSheet
    from desktop.services.queries.reporting_figures import MonitoringData
    from desktop.services.usecases.reviews import FollowUpData


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
            [ctx.width - 270, 100, 120, 50],
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
            [f.description, recorded(f.owner), _by_when(f, sheet.today), label(f.status)]
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
                [ctx.width - 270, 100, 120, 50],
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


def _by_when(follow_up: FollowUpData, today: date) -> object:
    """The due date, or the mark and "Overdue since ..." for an open follow-up past it."""
    late = follow_up.due_on is not None and follow_up.due_on < today
    if late and follow_up.status == FollowUpStatus.OPEN and follow_up.due_on is not None:
        return [FlagNote(overdue_words(follow_up.due_on))]
    return due(follow_up.due_on)


# --- manager's quarterly monitoring summary -----------------------------------------------


def _quarterly_figures() -> list[str]:
    """The figures the summary asks for, blank and filled alike."""
    return [
        _("Communities in partnership (agreed)"),
        _("Communities exploring / paused / declined"),
        _("Meetings held"),
        _("Actions done on time"),
        _("Actions overdue"),
        _("Indicators with new observations"),
        _("Linkages formed"),
        _("Mentor follow-ups still open"),
    ]


def _figure_grid(ctx: FormContext, numbers: list[str]) -> Flowable:
    """Figure, number and a Comment column to write in (numbers "": the blank's rows)."""
    widths = [ctx.width * 0.45, ctx.width * 0.15, ctx.width * 0.4]
    rows = [[f, n, ""] for f, n in zip(_quarterly_figures(), numbers, strict=True)]
    return grid([_("Figure"), _("Number"), _("Comment")], rows, widths, row_height=22)


def _people_grid(ctx: FormContext, counts: list[str]) -> Flowable:
    return grid(
        [group_heading(g.code, g.name) for g in ctx.groups],
        [counts],
        [ctx.width / len(ctx.groups)] * len(ctx.groups),
        row_height=30,
    )


def _main_points(ctx: FormContext) -> Flowable:
    return writing_space(_("Main points for the programme manager"), ctx.width, 4)


def quarterly_blank(ctx: FormContext) -> list[Flowable]:
    points = _main_points(ctx)
    return [
        fields([(_("Quarter (from - to)"), ""), (_("District / programme"), "")], ctx.width),
        Spacer(1, 6),
        _figure_grid(ctx, [""] * len(_quarterly_figures())),
        text(_("Who took part in meetings this quarter"), STYLES.h2),
        _people_grid(ctx, [""] * len(ctx.groups)),
        Spacer(1, 6),
        writing_space_to_fill(
            _("Groups missing from decisions, and what the office will do"),
            ctx.width,
            after=[points],
        ),
        points,
    ]


def quarterly_filled(ctx: FormContext, data: MonitoringData) -> list[Flowable]:
    """The summary for a district or the whole programme and a quarter (or any period), as
    its blank asks: the same figures with room to comment, who took part, and the two
    write-in sections, the facts about groups missing from decisions written in first."""
    status = data.count_by("partnership_status")
    actions, tally = data.actions(), data.tally()
    trends = [t for c in data.communities for t in c.indicators]
    open_items = [f for c in data.communities for f in c.open_follow_ups]
    late = sum(f.overdue(data.today) for f in open_items)
    numbers = [
        str(status.get("agreed", 0)),
        str(sum(status.get(k, 0) for k in ("exploring", "paused", "declined"))),
        str(tally.meetings),
        str(actions.done_on_time),
        str(actions.overdue),
        str(sum(bool(t.points or t.words) for t in trends)),
        str(sum(c.linkages_formed for c in data.communities)),
        _("{n} ({late} overdue)").format(n=len(open_items), late=late),
    ]
    never = {g.code: data.never_in_room(g.code) for g in ctx.groups}
    facts: list[Flowable] = [
        FlagNote(
            _("{group}: never in the room in {names}").format(
                group=g.name, names=", ".join(never[g.code])
            )
        )
        for g in ctx.groups
        if never[g.code]
    ]
    points = _main_points(ctx)
    return [
        fields(
            [
                (_("Quarter (from - to)"), _period_words(data)),
                (_("District / programme"), data.selection.district or _("The whole programme")),
            ],
            ctx.width,
        ),
        Spacer(1, 6),
        _figure_grid(ctx, numbers),
        text(_("Who took part in meetings this quarter"), STYLES.h2),
        _people_grid(ctx, [str(tally.group(g.code).people) for g in ctx.groups]),
        Spacer(1, 4),
        participation_table(
            tally, ctx.groups, ctx.width, never_in={c: len(n) for c, n in never.items()}
        ),
        text(_("Groups missing from decisions, and what the office will do"), STYLES.h2),
        *(facts or [text(_("Every group was in the room in every community."), STYLES.muted)]),
        writing_space(_("What the office will do"), ctx.width, 3),
        points,
    ]


def _period_words(data: MonitoringData) -> str:
    selection = data.selection
    start = day(selection.date_from, _("the beginning"))
    end = day(selection.date_to, day(data.today))
    words = _("{start} to {end}").format(start=start, end=end)
    if not selection.quarter:
        return words
    return _("{quarter} ({period})").format(quarter=quarter_words(selection.quarter), period=words)
