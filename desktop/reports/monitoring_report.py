"""The managers' monitoring report: programme figures, then one page per community."""

from __future__ import annotations

from datetime import date
from typing import BinaryIO

from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Spacer

from desktop.i18n import _
from desktop.labels import label
from desktop.reports.blocks import fields, grid
from desktop.reports.charts import bar_chart, trend_chart
from desktop.reports.document import Cancelled, Contents, Progress, render_pdf, section
from desktop.reports.job import decoration_for, frame_width
from desktop.reports.labels import day, due, recorded
from desktop.reports.options import Paper
from desktop.reports.styles import STYLES, heading, text
from desktop.services.facade import Services
from desktop.services.queries.reporting_monitoring import (
    CommunityFigures,
    MonitoringData,
    MonitoringFilter,
    monitoring_data,
)

MONITORING_REPORT_ID = "monitoring-report"
MONITORING_REPORT_VERSION = "1.0"
CHARTS_PER_COMMUNITY = 2


def write_monitoring_report(
    services: Services,
    selection: MonitoringFilter,
    out: BinaryIO,
    *,
    paper: Paper,
    today: date,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> None:
    data = monitoring_data(services, selection, today)
    if progress is not None:
        progress(0.05)
    width = frame_width(paper, False)
    title = _("Monitoring report")
    decoration = decoration_for(services, MONITORING_REPORT_ID, MONITORING_REPORT_VERSION, title)
    story = monitoring_story(data, width, decoration.office_name)
    render_pdf(
        story,
        decoration,
        out,
        paper=paper,
        progress=None if progress is None else (lambda f: progress(0.05 + 0.95 * f)),
        cancelled=cancelled,
    )


def describe(selection: MonitoringFilter) -> str:
    parts = [
        _("District: {d}").format(d=selection.district or _("all")),
        _("Facilitator: {f}").format(f=selection.facilitator or _("all")),
        _("Period: {start} to {end}").format(
            start=day(selection.date_from) if selection.date_from else _("the beginning"),
            end=day(selection.date_to) if selection.date_to else _("today"),
        ),
    ]
    return " · ".join(parts)


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


def monitoring_story(data: MonitoringData, width: float, office: str) -> list[Flowable]:
    story: list[Flowable] = [
        Spacer(1, 60),
        text(_("Monitoring report"), STYLES.cover_title),
        text(office, STYLES.h1) if office else Spacer(1, 1),
        text(describe(data.selection), STYLES.body),
        text(
            _("Made on {day} · {n} communities").format(
                day=day(data.today), n=len(data.communities)
            ),
            STYLES.muted,
        ),
        Spacer(1, 20),
        text(_("Contents"), STYLES.h1),
        Contents([(key, name, 0) for key, name in sections()]),
        PageBreak(),
    ]
    builders = (_summary, _actions, _indicators, _inclusion, _linkages, _follow_ups)
    for (key, name), build in zip(sections(), builders, strict=False):
        story += [CondPageBreak(160), section(name, key), *build(data, width)]
    story += [PageBreak(), section(sections()[-1][1], "communities")]
    for index, community in enumerate(data.communities):
        if index:
            story.append(PageBreak())
        story += _community_page(data, community, width, index)
    return story


def _count_table(counts: dict[str, int], heading: str, width: float) -> Flowable:
    rows = [
        [label(code) if code else _("Not recorded"), str(n)] for code, n in sorted(counts.items())
    ]
    rows.append([_("Total"), str(sum(counts.values()))])
    return grid([heading, _("Communities")], rows, [width * 0.6, width * 0.4])


def _summary(data: MonitoringData, width: float) -> list[Flowable]:
    return [
        _count_table(data.count_by("partnership_status"), _("Partnership status"), width / 2),
        Spacer(1, 8),
        _count_table(data.count_by("current_phase"), _("Current phase"), width / 2),
    ]


def _actions(data: MonitoringData, width: float) -> list[Flowable]:
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
        grid([_("Figure"), _("Number")], rows, [width * 0.6, width * 0.2]),
        Spacer(1, 6),
        bar_chart(names, [(_("Actions"), values)], width * 0.7, 130),
    ]


def _indicators(data: MonitoringData, width: float) -> list[Flowable]:
    trends = [t for c in data.communities for t in c.indicators]
    observed = [t for t in trends if t.points]
    rows = [
        [_("Counted indicators defined"), str(len(trends))],
        [_("With observations in the period"), str(len(observed))],
        [_("Observations in the period"), str(sum(len(t.points) for t in trends))],
    ]
    per_quarter: dict[str, int] = {}
    for trend in trends:
        for observed_on, _value in trend.points:
            key = f"{observed_on.year} Q{(observed_on.month - 1) // 3 + 1}"
            per_quarter[key] = per_quarter.get(key, 0) + 1
    quarters = sorted(per_quarter)[-8:]
    story: list[Flowable] = [grid([_("Figure"), _("Number")], rows, [width * 0.6, width * 0.2])]
    if quarters:
        chart = bar_chart(
            quarters, [(_("Observations"), [per_quarter[q] for q in quarters])], width * 0.7, 130
        )
        story.append(KeepTogether([text(_("Observations recorded per quarter"), STYLES.h2), chart]))
    story.append(
        text(_("Each community's page shows the trend of its own indicators."), STYLES.muted)
    )
    return story


def _inclusion(data: MonitoringData, width: float) -> list[Flowable]:
    quarters = sorted(data.participation)[-8:]
    groups = data.groups
    story: list[Flowable] = []
    if quarters:
        series = [
            (g.name, [data.participation[q].get(g.code, 0) for q in quarters]) for g in groups
        ]
        heading = text(_("People counted at meetings, per group and quarter"), STYLES.h2)
        story.append(KeepTogether([heading, bar_chart(quarters, series, width, 170)]))
        header = [_("Quarter"), *[g.name for g in groups]]
        rows = [[q, *[str(data.participation[q].get(g.code, 0)) for g in groups]] for q in quarters]
        first = 60
        rest = (width - first) / max(1, len(groups))
        story.append(grid(header, rows, [first] + [rest] * len(groups)))
    else:
        story.append(text(_("No meeting in the period."), STYLES.muted))
    story.append(text(_("Groups missing from decisions"), STYLES.h2))
    story.append(
        text(
            _("Of {n} meetings that took decisions, how many had nobody from the group:").format(
                n=data.decision_meetings
            ),
            STYLES.body,
        )
    )
    rows = [[g.name, str(data.missing_from_decisions.get(g.code, 0))] for g in groups]
    story.append(grid([_("Group"), _("Meetings without them")], rows, [width * 0.45, width * 0.25]))
    return story


def _linkages(data: MonitoringData, width: float) -> list[Flowable]:
    formed = sum(c.linkages_formed for c in data.communities)
    active = sum(c.linkages_active for c in data.communities)
    rows = [[label(k), str(n)] for k, n in sorted(data.linkages_by_kind.items())]
    return [
        grid(
            [_("Figure"), _("Number")],
            [
                [_("Linkages formed in the period"), str(formed)],
                [_("Linkages active now"), str(active)],
            ],
            [width * 0.6, width * 0.2],
        ),
        Spacer(1, 6),
        grid(
            [_("Kind of linkage formed"), _("Number")],
            rows or [[_("No linkage formed"), "0"]],
            [width * 0.6, width * 0.2],
        ),
    ]


def _follow_ups(data: MonitoringData, width: float) -> list[Flowable]:
    items = [f for c in data.communities for f in c.open_follow_ups]
    if not items:
        return [text(_("No follow-up is open."), STYLES.muted)]
    overdue = sum(1 for f in items if f.due_on is not None and f.due_on < data.today)
    rows = [
        [f.community, f.description, recorded(f.owner), due(f.due_on)]
        for f in sorted(items, key=lambda f: (f.due_on or date.max, f.community))
    ]
    return [
        text(
            _("{n} open, {late} past their date.").format(n=len(items), late=overdue), STYLES.body
        ),
        grid(
            [_("Community"), _("What is to be done"), _("Who"), _("By when")],
            rows,
            [width * 0.2, width * 0.5, width * 0.17, width * 0.13],
        ),
    ]


def _community_page(
    data: MonitoringData, figures: CommunityFigures, width: float, index: int
) -> list[Flowable]:
    """One community's page: who and where, its figures, attendance, trends, follow-ups."""
    return [
        *_community_profile(figures, width, index),
        *_community_attendance(data, figures, width),
        *_community_trends(figures, width),
        *_community_follow_ups(figures, width),
    ]


def _community_profile(figures: CommunityFigures, width: float, index: int) -> list[Flowable]:
    """The community's heading, profile and its figures for the period in one row."""
    row, counts = figures.row, figures.actions
    return [
        section(row.name, f"c{index}", level=1),
        fields(
            [
                (_("District"), recorded(row.district)),
                (_("Partnership"), label(row.partnership_status)),
                (
                    _("Current phase"),
                    label(row.current_phase) if row.current_phase else _("no phase yet"),
                ),
                (_("Facilitator"), recorded(row.facilitator)),
            ],
            width,
            label_width=110,
        ),
        Spacer(1, 6),
        grid(
            [
                _("Meetings"),
                _("Actions"),
                _("Done on time"),
                _("Done late"),
                _("Overdue"),
                _("Linkages formed"),
                _("Follow-ups open"),
            ],
            [
                [
                    str(figures.meetings),
                    str(counts.total),
                    str(counts.done_on_time),
                    str(counts.done_late),
                    str(counts.overdue),
                    str(figures.linkages_formed),
                    str(len(figures.open_follow_ups)),
                ]
            ],
            [width / 7] * 7,
        ),
    ]


def _community_attendance(
    data: MonitoringData, figures: CommunityFigures, width: float
) -> list[Flowable]:
    groups = data.groups
    return [
        heading(_("People counted at meetings"), STYLES.h2),
        grid(
            [g.name for g in groups],
            [[str(figures.attendance.get(g.code, 0)) for g in groups]],
            [width / max(1, len(groups))] * len(groups),
        ),
    ]


def _community_trends(figures: CommunityFigures, width: float) -> list[Flowable]:
    """A chart for each of the first indicators observed at least twice."""
    story: list[Flowable] = []
    charted = [t for t in figures.indicators if len(t.points) >= 2][:CHARTS_PER_COMMUNITY]
    if charted:
        story.append(heading(_("Indicators in the community's words"), STYLES.h2))
    for trend in charted:
        story.append(text(trend.wording, STYLES.body))
        story.append(trend_chart(trend.points, width * 0.75, 70, _number(trend.baseline)))
    return story


def _community_follow_ups(figures: CommunityFigures, width: float) -> list[Flowable]:
    if not figures.open_follow_ups:
        return []
    rows = [[f.description, recorded(f.owner), due(f.due_on)] for f in figures.open_follow_ups]
    return [
        heading(_("Mentor follow-ups still open"), STYLES.h2),
        grid(
            [_("What is to be done"), _("Who"), _("By when")],
            rows,
            [width * 0.6, width * 0.25, width * 0.15],
        ),
    ]


def _number(value: str) -> float | None:
    try:
        return float(value.split()[0]) if value.strip() else None
    except ValueError:
        return None
