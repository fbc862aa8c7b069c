"""Monitoring templates: indicators, reflection, linkages, mentor review, quarterly summary."""

from __future__ import annotations

from datetime import timedelta

from reportlab.platypus import Flowable, KeepTogether, Spacer

from desktop.i18n import _
from desktop.labels import label, labels
from desktop.models.enums import (
    ActionStatus,
    Benchmark,
    BenchmarkRating,
    FollowUpStatus,
    LinkageKind,
)
from desktop.reports.blocks import (
    bulleted,
    fields,
    grid,
    group_heading,
    rows_to_fill,
    ticked,
    together,
    unruled,
    writing_box,
    writing_space,
    writing_space_to_fill,
)
from desktop.reports.charts import trend_chart
from desktop.reports.forms import FormContext
from desktop.reports.labels import day, due, recorded
from desktop.reports.styles import STYLES, text
from desktop.services.queries.reporting import CycleSheet

PERIODS = 6


def _number(value: float | None) -> str:
    if value is None:
        return _("no value")
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


# --- community-defined indicators ---------------------------------------------------------


def indicators_blank(ctx: FormContext) -> list[Flowable]:
    fixed = [150, 90, 70, 60, 55]
    period = (ctx.width - sum(fixed)) / PERIODS
    header = [
        _("Sign of change, in the community's words"),
        _("How we find out"),
        _("Who collects"),
        _("How often"),
        _("Baseline"),
        *[_("Period {n}").format(n=n) for n in range(1, PERIODS + 1)],
    ]
    return [
        text(
            _(
                "Write each sign of change as the community says it. At each period, write "
                "what was counted or seen, and the date."
            ),
            STYLES.body,
        ),
        rows_to_fill(
            header, lambda: [""] * len(header), [*fixed, *[period] * PERIODS], row_height=40
        ),
    ]


def indicators_filled(ctx: FormContext, sheet: CycleSheet) -> list[Flowable]:
    if not sheet.indicators:
        return [text(_("No indicator defined in this cycle yet."), STYLES.muted)]
    story: list[Flowable] = []
    for record in sheet.indicators:
        indicator = record.data
        observed = sorted(sheet.observations.get(record.id, []), key=lambda o: o.observed_on)
        who = _("the community") if indicator.defined_by_community else _("the office")
        block: list[Flowable] = [
            text(indicator.wording, STYLES.h2),
            fields(
                [
                    (_("Defined by"), who),
                    (_("Harm / action"), recorded(sheet.harm(indicator.harm_id))),
                    (_("How we find out"), recorded(indicator.method)),
                    (
                        _("Who collects, how often"),
                        f"{recorded(indicator.collected_by)} · {recorded(indicator.frequency)}",
                    ),
                    (
                        _("Baseline → target"),
                        f"{recorded(indicator.baseline)} → "
                        f"{recorded(indicator.target)} {indicator.unit}",
                    ),
                ],
                ctx.width,
                label_width=130,
            ),
        ]
        rows = [
            [
                day(o.observed_on),
                _number(o.value_number) if indicator.value_kind == "number" else o.value_text,
                o.note,
                o.recorded_by,
            ]
            for o in observed
        ]
        if rows:
            widths = [70, 90, ctx.width - 260, 100]
            block.append(grid([_("Date"), _("Value"), _("Note"), _("Recorded by")], rows, widths))
        points = [(o.observed_on, o.value_number) for o in observed if o.value_number is not None]
        if len(points) >= 2:
            baseline = _as_number(indicator.baseline)
            block.append(trend_chart(points, min(ctx.width, 360), 80, baseline))
        story += [KeepTogether(block[:2]), *block[2:], Spacer(1, 8)]
    return story


def _as_number(value: str) -> float | None:
    try:
        return float(value.split()[0]) if value.strip() else None
    except ValueError:
        return None


# --- reflection and adjustment ------------------------------------------------------------


def reflection_blank(ctx: FormContext) -> list[Flowable]:
    concern = writing_space(_("Which actions these changes concern"), ctx.width, 3)
    boxes = [
        _("What worked"),
        _("What was hard, what did not work"),
        _("What we change (adjustments decided)"),
    ]
    # the three boxes share the page equally: a third, then half of the rest, then the rest
    return [
        fields([(_("Where the community met"), ""), (_("How many took part"), "")], ctx.width),
        Spacer(1, 6),
        *[
            writing_space_to_fill(name, ctx.width, share=1 / (len(boxes) - i), after=[concern])
            for i, name in enumerate(boxes)
        ],
        concern,
    ]


def reflection_filled(ctx: FormContext, sheet: CycleSheet) -> list[Flowable]:
    if not sheet.reflections:
        return [text(_("No reflection recorded in this cycle yet."), STYLES.muted)]
    whats = {a.id: a.data.what for a in sheet.actions}
    story: list[Flowable] = []
    for reflection in sheet.reflections:
        changed = [whats[a] for a in sorted(reflection.action_ids) if a in whats]
        story += [
            text(_("Reflection of {day}").format(day=day(reflection.held_on)), STYLES.h2),
            fields(
                [
                    (_("What worked"), recorded(reflection.what_worked)),
                    (_("What was hard"), recorded(reflection.challenges)),
                    (_("What we change"), recorded(reflection.adjustments)),
                ],
                ctx.width,
            ),
            text(_("Actions these changes concern"), STYLES.label),
            *bulleted(changed, _("No action named.")),
            Spacer(1, 8),
        ]
    return story


# --- linkage / stakeholder map ------------------------------------------------------------


def linkage_blank(ctx: FormContext) -> list[Flowable]:
    header = [
        _("Who (office, service, leader)"),
        _("Type"),
        _("Level"),
        _("How we are linked"),
        _("Status / since"),
        _("Contact"),
    ]
    widths = [ctx.width * f for f in (0.22, 0.12, 0.1, 0.26, 0.12, 0.18)]
    kinds = list(labels(LinkageKind).values())
    half = widths[3] / 2 - 4

    def kind_ticks() -> Flowable:
        ticks = [ticked(words) for words in kinds]
        return unruled([ticks[i : i + 2] for i in range(0, len(ticks), 2)], [half, half])

    others = writing_space(_("Who else should the community be linked with?"), ctx.width, 3)
    return [
        text(
            _(
                "Write who in the formal system (and others) the community is linked with, "
                "and how. Tick the kind of link."
            ),
            STYLES.body,
        ),
        rows_to_fill(
            header,
            lambda: ["", "", "", kind_ticks(), "", ""],
            widths,
            row_height=30,
            after=[others],
        ),
        others,
    ]


def linkage_filled(ctx: FormContext, sheet: CycleSheet) -> list[Flowable]:
    header = [
        _("Who"),
        _("Type"),
        _("Level"),
        _("How we are linked"),
        _("Status / since"),
        _("Agreement and notes"),
    ]
    widths = [ctx.width * f for f in (0.2, 0.13, 0.1, 0.14, 0.13, 0.3)]
    rows = []
    for link in sheet.linkages:
        who = sheet.stakeholders.get(link.stakeholder_id)
        notes = recorded("\n".join(x for x in (link.agreement, link.notes) if x))
        rows.append(
            [
                who.name if who else _("not recorded"),
                label(who.type) if who else _("not recorded"),
                label(who.level) if who else _("not recorded"),
                label(link.kind),
                f"{label(link.status)}\n{day(link.agreed_on, _('date not recorded'))}",
                notes,
            ]
        )
    if not rows:
        return [text(_("No linkage recorded for this community yet."), STYLES.muted)]
    return [grid(header, rows, widths)]


# --- mentor review ------------------------------------------------------------------------


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
