"""Timelines on paper: a community's cycles, or a district's communities, as a vector PDF.

Landscape pages with the office's page decoration. A long period is split into windows
of whole months (one window per page across), and many rows are split down the pages;
every page repeats the months, the today line and the legend, so any page read alone
makes sense. This module makes the documents; ``timeline_rows`` turns a timeline into
printed rows, ``timeline_page`` draws one page of them and ``timeline_drawing`` the small
shapes on it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import BinaryIO

from reportlab.platypus import Flowable, PageBreak

from desktop.i18n import _, current_language
from desktop.reports.blocks import grid
from desktop.reports.document import (
    FOOTER,
    MARGIN,
    Cancelled,
    Progress,
    page_size,
    render_pdf,
)
from desktop.reports.document import HEADER as PAGE_HEADER
from desktop.reports.flags import attention_header, attention_rows, attention_widths
from desktop.reports.job import ReportJob, decoration_for, in_language
from desktop.reports.options import Paper
from desktop.reports.styles import STYLES, heading, text
from desktop.reports.timeline_page import HEADER, LEGEND, TimelinePage, month_windows
from desktop.reports.timeline_rows import Row, community_rows, office_rows
from desktop.services.facade import Services
from desktop.services.queries.attention import CommunityAttention, by_urgency
from desktop.services.queries.timeline import CommunityTimeline, OfficeTimeline

TIMELINE_REPORT_ID = "TL-1"
TIMELINE_REPORT_VERSION = "1"
#: Whole months across one page, by paper width (more on wider paper).
MONTHS_PER_PAGE = {"a4": 12, "letter": 12, "a3": 18}


def timeline_story(
    title: str,
    rows: Sequence[Row],
    period: tuple[date, date],
    today: date,
    frame: tuple[float, float],
    months_per_page: int,
    office: bool,
) -> list[Flowable]:
    """The pages: each window of months across, each slice of rows down."""
    width, height = frame
    room = height - 34 - HEADER - LEGEND - 40
    slices: list[list[Row]] = [[]]
    used = 0.0
    for row in rows:
        if slices[-1] and used + row.height > room:
            slices.append([])
            used = 0.0
        slices[-1].append(row)
        used += row.height
    story: list[Flowable] = []
    windows = month_windows(period[0], period[1], months_per_page)
    for window in windows:
        for part, chunk in enumerate(slices, start=1):
            subtitle = _("{first} to {last} · rows part {part} of {parts}").format(
                first=window[0].isoformat(),
                last=window[1].isoformat(),
                part=part,
                parts=len(slices),
            )
            if story:
                story.append(PageBreak())
            story.append(
                TimelinePage(title, subtitle, chunk, window, today, (width, height - 2), office)
            )
    return story


def timeline_job(
    services: Services,
    *,
    title: str,
    rows: Sequence[Row],
    period: tuple[date, date],
    today: date,
    paper: Paper | str,
    office: bool,
    attention: Sequence[CommunityAttention] = (),
) -> ReportJob:
    """A job writing the timeline pages (for the CLI and the timeline screen alike), then
    the communities that need attention, with why, as the monitoring report lists them."""
    size = page_size(paper, wide=True)
    frame = (size[0] - 2 * MARGIN, size[1] - 2 * MARGIN - PAGE_HEADER - FOOTER)
    months = MONTHS_PER_PAGE.get(str(paper), 12)

    def write(out: BinaryIO, progress: Progress | None, cancelled: Cancelled | None) -> None:
        story = timeline_story(title, rows, period, today, frame, months, office)
        story += _attention_pages(attention, today, frame[0])
        decoration = decoration_for(services, TIMELINE_REPORT_ID, TIMELINE_REPORT_VERSION, title)
        render_pdf(
            story, decoration, out, paper=paper, wide=True, progress=progress, cancelled=cancelled
        )

    # printed in the language it is made in, right to left in Arabic
    return ReportJob(title, in_language(write, current_language()), services, subject=title)


def _attention_pages(
    attention: Sequence[CommunityAttention], today: date, width: float
) -> list[Flowable]:
    """The reasons behind each row's "n reasons", in words, most urgent first."""
    ranked = by_urgency(attention)
    if not ranked:
        return []
    return [
        PageBreak(),
        heading(_("Needs attention"), STYLES.h1),
        text(_("As on {day}, most urgent first.").format(day=today.isoformat()), STYLES.muted),
        grid(attention_header(), attention_rows(ranked, today), attention_widths(width)),
    ]


def community_timeline_job(
    services: Services,
    timeline: CommunityTimeline,
    *,
    paper: Paper | str = Paper.A4,
    period: tuple[date, date] | None = None,
) -> ReportJob:
    """A community's timeline; ``period`` defaults to everything it holds."""
    title = _("Timeline: {name}").format(name=timeline.name)
    if timeline.district:
        title += f" ({timeline.district})"
    return timeline_job(
        services,
        title=title,
        rows=community_rows(timeline),
        period=period or timeline.span(),
        today=timeline.today,
        paper=paper,
        office=False,
    )


def office_timeline_job(
    services: Services,
    office: OfficeTimeline,
    *,
    title: str,
    paper: Paper | str = Paper.A4,
    period: tuple[date, date] | None = None,
) -> ReportJob:
    """Every community of ``office`` (one row each), e.g. all of a district."""
    return timeline_job(
        services,
        title=title,
        rows=office_rows(office),
        period=period or office.span(),
        today=office.today,
        paper=paper,
        office=True,
        attention=[
            CommunityAttention(row.community_id, row.name, row.district, row.flags)
            for row in office.rows
        ],
    )
