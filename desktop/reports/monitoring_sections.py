"""The programme-wide sections of the monitoring report: communities by status and phase,
actions, indicators against their targets, who was in the room, linkages and the mentor
follow-ups still open (the overdue ones marked as such)."""

from __future__ import annotations

from collections import Counter
from datetime import date

from reportlab.platypus import Flowable, KeepTogether, Spacer

from desktop.i18n import _, ngettext
from desktop.labels import label
from desktop.reports.blocks import grid
from desktop.reports.charts import bar_chart
from desktop.reports.flags import FlagNote
from desktop.reports.labels import due, recorded
from desktop.reports.participation import participation_table
from desktop.reports.styles import STYLES, heading, text
from desktop.services.queries.attention import Direction, direction_words, overdue_words
from desktop.services.queries.participation import MeetingTally
from desktop.services.queries.periods import quarter_words
from desktop.services.queries.reporting_monitoring import MonitoringData


def sections() -> list[tuple[str, str]]:
    """The report's sections (key, title), in order."""
    return [
        ("summary", _("Communities by partnership and phase")),
        ("actions", _("Community actions")),
        ("indicators", _("Community-defined indicators")),
        ("inclusion", _("Inclusion: who takes part")),
        ("linkages", _("Linkages with the formal system")),
        ("follow-ups", _("Mentor follow-ups still open")),
        ("communities", _("One page per community")),
    ]


def _figures(rows: list[list[str]], width: float) -> Flowable:
    return grid([_("Figure"), _("Number")], rows, [width * 0.6, width * 0.2])


def _count_table(counts: dict[str, int], heading: str, width: float) -> Flowable:
    rows = [
        [label(code) if code else _("Not recorded"), str(n)] for code, n in sorted(counts.items())
    ]
    rows.append([_("Total"), str(sum(counts.values()))])
    return grid([heading, _("Communities")], rows, [width * 0.6, width * 0.4])


def summary(data: MonitoringData, width: float) -> list[Flowable]:
    return [
        _count_table(data.count_by("partnership_status"), _("Partnership status"), width / 2),
        Spacer(1, 8),
        _count_table(data.count_by("current_phase"), _("Current phase"), width / 2),
    ]


def actions(data: MonitoringData, width: float) -> list[Flowable]:
    total = data.actions()
    rows = [
        [_("Actions in the period"), str(total.total)],
        [_("Done on time"), str(total.done_on_time)],
        [_("Done late"), str(total.done_late)],
        [_("Overdue (not done, past the date set)"), str(total.overdue)],
        [_("Planned or under way, not yet due"), str(total.open_not_due)],
        [_("Dropped by the community"), str(total.dropped)],
    ]
    values = [total.done_on_time, total.done_late, total.overdue, total.open_not_due, total.dropped]
    names = [_("On time"), _("Late"), _("Overdue"), _("Not yet due"), _("Dropped")]
    return [
        _figures(rows, width),
        Spacer(1, 6),
        bar_chart(names, [(_("Actions"), values)], width * 0.7, 130),
    ]


def indicators(data: MonitoringData, width: float) -> list[Flowable]:
    trends = [t for c in data.communities for t in c.indicators]
    counted = [t for t in trends if t.counted]
    ways = Counter(t.direction(data.thresholds) for t in counted)
    rows = [
        [_("Counted indicators"), str(len(counted))],
        [_("Indicators in the community's words"), str(len(trends) - len(counted))],
        [_("With results in the period"), str(sum(bool(t.points or t.words) for t in trends))],
        [_("Results in the period"), str(sum(len(t.points) + len(t.words) for t in trends))],
    ]
    rows += [
        [_("Counted, {direction}").format(direction=direction_words(way)), str(ways[way])]
        for way in (Direction.TOWARD, Direction.STALLED, Direction.AWAY, Direction.UNKNOWN)
    ]
    per_quarter: Counter[str] = Counter()
    for trend in trends:
        for day in [d for d, _v in trend.points] + [d for d, _w in trend.words]:
            per_quarter[f"{day.year} Q{(day.month - 1) // 3 + 1}"] += 1
    quarters = sorted(per_quarter)[-8:]
    story: list[Flowable] = [
        text(
            _(
                "Toward, stalled or away: the latest result against the baseline (or the "
                "first result), as a share of the way to the target."
            ),
            STYLES.muted,
        ),
        _figures(rows, width),
    ]
    if quarters:
        chart = bar_chart(
            [quarter_words(q) for q in quarters],
            [(_("Results"), [per_quarter[q] for q in quarters])],
            width * 0.7,
            130,
        )
        story.append(KeepTogether([text(_("Results recorded per quarter"), STYLES.h2), chart]))
    story.append(text(_("Each community's page lists its own indicators."), STYLES.muted))
    return story


def inclusion(data: MonitoringData, width: float) -> list[Flowable]:
    groups, total = data.groups, data.tally()
    if not total.meetings:
        return [text(_("No meeting in the period."), STYLES.muted)]
    never = {g.code: len(data.never_in_room(g.code)) for g in groups}
    story: list[Flowable] = [
        text(_meetings_words(_("In the period"), total), STYLES.body),
        participation_table(total, groups, width, never_in=never),
    ]
    quarters = sorted(data.quarters)
    series = [(g.name, [data.quarters[q].group(g.code).people for q in quarters]) for g in groups]
    shown = [quarter_words(q) for q in quarters[-8:]]
    chart = bar_chart(shown, [(n, v[-8:]) for n, v in series], width, 170)
    story.append(
        KeepTogether([text(_("People counted at meetings, per quarter"), STYLES.h2), chart])
    )
    for name in quarters:
        tally = data.quarters[name]
        story += [
            heading(quarter_words(name), STYLES.h2),
            text(_meetings_words(_("In the quarter"), tally), STYLES.muted),
            participation_table(tally, groups, width),
        ]
    story.append(heading(_("Never in the room in the period"), STYLES.h2))
    absent = [(g, data.never_in_room(g.code)) for g in groups]
    absent = [(g, names) for g, names in absent if names]
    if not absent:
        story.append(text(_("Every group was in the room in every community."), STYLES.muted))
    for group, names in absent:
        story.append(
            FlagNote(
                ngettext(
                    "{group}: never in the room in {n} community that met: {names}",
                    "{group}: never in the room in {n} communities that met: {names}",
                    len(names),
                ).format(group=group.name, n=len(names), names=", ".join(names)),
                STYLES.body,
            )
        )
    return story


def _meetings_words(period: str, tally: MeetingTally) -> str:
    return _("{period}: {meetings} meetings, {decisions} of them took decisions.").format(
        period=period, meetings=tally.meetings, decisions=tally.decision_meetings
    )


def linkages(data: MonitoringData, width: float) -> list[Flowable]:
    formed = sum(c.linkages_formed for c in data.communities)
    active = sum(c.linkages_active for c in data.communities)
    rows = [[label(k), str(n)] for k, n in sorted(data.linkages_by_kind.items())]
    return [
        _figures(
            [
                [_("Linkages formed in the period"), str(formed)],
                [_("Linkages active now"), str(active)],
            ],
            width,
        ),
        Spacer(1, 6),
        grid(
            [_("Kind of linkage formed"), _("Number")],
            rows or [[_("No linkage formed"), "0"]],
            [width * 0.6, width * 0.2],
        ),
    ]


def when_due(due_on: date | None, today: date) -> object:
    """By when: the date, or the mark and "Overdue since ..." once it has passed."""
    if due_on is not None and due_on < today:
        return [FlagNote(overdue_words(due_on))]
    return due(due_on)


def follow_ups(data: MonitoringData, width: float) -> list[Flowable]:
    items = [f for c in data.communities for f in c.open_follow_ups]
    if not items:
        return [text(_("No follow-up is open."), STYLES.muted)]
    overdue = sum(f.overdue(data.today) for f in items)
    rows = [
        [f.community, f.description, recorded(f.owner), when_due(f.due_on, data.today)]
        for f in sorted(items, key=lambda f: (f.due_on or date.max, f.community))
    ]
    return [
        text(
            _("{n} open, {late} past their date (marked overdue).").format(
                n=len(items), late=overdue
            ),
            STYLES.body,
        ),
        grid(
            [_("Community"), _("What is to be done"), _("Who"), _("By when")],
            rows,
            [width * 0.2, width * 0.4, width * 0.15, width * 0.25],
        ),
    ]
