"""The managers' monitoring report. Page 1 says which communities need attention, why and
since when, most urgent first; then the contents, the programme's figures and one page
per community (``monitoring_sections`` and ``monitoring_community``)."""

from __future__ import annotations

from datetime import date
from typing import BinaryIO

from reportlab.platypus import Flowable, PageBreak

from desktop.i18n import _, ngettext
from desktop.reports.blocks import BIG, grid
from desktop.reports.document import Cancelled, Contents, Progress, render_pdf, section
from desktop.reports.flags import attention_header, attention_rows, attention_widths
from desktop.reports.job import decoration_for, frame_height, frame_width
from desktop.reports.keeping import natural_height
from desktop.reports.labels import day
from desktop.reports.monitoring_community import community_page
from desktop.reports.monitoring_sections import (
    actions,
    follow_ups,
    inclusion,
    indicators,
    linkages,
    sections,
    summary,
)
from desktop.reports.options import Paper
from desktop.reports.styles import STYLES, text
from desktop.services.facade import Services
from desktop.services.queries.periods import quarter_words
from desktop.services.queries.reporting_monitoring import (
    MonitoringData,
    MonitoringFilter,
    monitoring_data,
)

MONITORING_REPORT_ID = "monitoring-report"
MONITORING_REPORT_VERSION = "1.1"


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
    width, height = frame_width(paper, False), frame_height(paper, False)
    title = _("Monitoring report")
    decoration = decoration_for(services, MONITORING_REPORT_ID, MONITORING_REPORT_VERSION, title)
    story = monitoring_story(data, width, decoration.office_name, height)
    render_pdf(
        story,
        decoration,
        out,
        paper=paper,
        progress=None if progress is None else (lambda f: progress(0.05 + 0.95 * f)),
        cancelled=cancelled,
    )


def describe(selection: MonitoringFilter) -> str:
    start = day(selection.date_from) if selection.date_from else _("the beginning")
    end = day(selection.date_to) if selection.date_to else _("today")
    period = _("{start} to {end}").format(start=start, end=end)
    if selection.quarter is not None:
        period = _("{quarter} ({period})").format(
            quarter=quarter_words(selection.quarter), period=period
        )
    parts = [
        _("District: {d}").format(d=selection.district or _("all")),
        _("Facilitator: {f}").format(f=selection.facilitator or _("all")),
        _("Period: {period}").format(period=period),
    ]
    return " · ".join(parts)


def monitoring_story(
    data: MonitoringData, width: float, office: str, height: float = BIG
) -> list[Flowable]:
    """The whole report; ``height`` is the page's text frame, which page 1 fills."""
    top: list[Flowable] = [
        text(_("Monitoring report"), STYLES.title),
        text(" · ".join(p for p in (office, describe(data.selection)) if p), STYLES.body),
        text(
            _("Made on {day} · {n} communities").format(
                day=day(data.today), n=len(data.communities)
            ),
            STYLES.muted,
        ),
    ]
    room = height - sum(natural_height(f, width) for f in top)
    first, more = needs_attention(data, width, room)
    story: list[Flowable] = [*top, *first, PageBreak()]
    if more:
        story += [*more, PageBreak()]
    story += [
        text(_("Contents"), STYLES.h1),
        Contents([(key, name, 0) for key, name in sections()]),
        PageBreak(),
    ]
    builders = (summary, actions, indicators, inclusion, linkages, follow_ups)
    for (key, name), build in zip(sections(), builders, strict=False):
        story += [section(name, key), *build(data, width)]
    story += [PageBreak(), section(sections()[-1][1], "communities")]
    for index, community in enumerate(data.communities):
        if index:
            story.append(PageBreak())
        story += community_page(data, community, width, index)
    return story


def needs_attention(
    data: MonitoringData, width: float, room: float
) -> tuple[list[Flowable], list[Flowable]]:
    """Page 1's list of the communities that need attention, most urgent first, as many as
    ``room`` holds; and the others, which follow on the next page."""
    ranked, today, total = data.attention(), data.today, len(data.communities)
    intro = ngettext(
        "As on {day}, {n} of {total} communities needs attention. Most urgent first: the "
        "most reasons, then the longest waiting. Each community's page says why in full.",
        "As on {day}, {n} of {total} communities need attention. Most urgent first: the "
        "most reasons, then the longest waiting. Each community's page says why in full.",
        len(ranked),  # the verb agrees with those that need attention, not with all
    ).format(day=day(today), n=len(ranked), total=total)
    first: list[Flowable] = [section(_("Needs attention"), "attention"), text(intro, STYLES.body)]
    if not ranked:
        return first, []
    rows = attention_rows(ranked, today, short=True)
    header, widths = attention_header(), attention_widths(width)
    table = grid(header, rows, widths)
    table.wrap(width, BIG)
    heights = table._rowHeights
    rest_note = _rest_note(len(ranked))
    room -= sum(natural_height(f, width) for f in first) + natural_height(rest_note, width) + 8
    shown = 0
    while shown < len(rows) and sum(heights[: shown + 2]) <= room:
        shown += 1
    first.append(grid(header, rows[:shown], widths))
    if shown == len(rows):
        return first, []
    first.append(_rest_note(len(rows) - shown))
    return first, [
        section(_("Needs attention: the other communities"), "attention-more"),
        grid(header, rows[shown:], widths),
    ]


def _rest_note(count: int) -> Flowable:
    return text(
        ngettext(
            "{n} more community needs attention: it is listed on the next page.",
            "{n} more communities need attention: they are listed on the next page.",
            count,
        ).format(n=count),
        STYLES.body,
    )
