"""The monitoring and cycle reports keep their structure however they are drawn: one page
per community with its headings in order, every row of its tables, "page X of Y" on every
page and the figures row under its header, read back from the PDF with pdfium."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pypdfium2

from desktop.demo.generate import generate_demo
from desktop.reports.bidi_text import has_rtl
from desktop.reports.document import save_pdf
from desktop.reports.jobs import cycle_job, monitoring_job
from desktop.services.facade import Services
from desktop.services.framework.actor import SYSTEM_ROLE, Actor
from desktop.services.queries.reporting import find_cycle
from desktop.services.queries.reporting_monitoring import MonitoringFilter, monitoring_data
from desktop.storage import Database

TODAY = date(2026, 6, 30)
COMMUNITY_HEADINGS = ("Needs attention", "Who was in the room")
FIGURES_HEADER = "Meetings Actions Done on time Done late Overdue Linkages formed Follow-ups open"


def _pages(path: Path) -> list[str]:
    """Each page's text, its white space made single spaces."""
    document = pypdfium2.PdfDocument(str(path))
    try:
        texts = []
        for page in document:
            textpage = page.get_textpage()
            texts.append(" ".join(textpage.get_text_range().split()))
            textpage.close()
            page.close()
        return texts
    finally:
        document.close()


def _written(tmp_path: Path, name: str, job: object) -> Path:
    return save_pdf(tmp_path / name, lambda stream: job.write(stream, None, None))  # type: ignore[attr-defined]


def test_the_monitoring_report_keeps_its_pages_headings_and_rows(
    db: Database, tmp_path: Path
) -> None:
    generate_demo(db, communities=10, seed=4, today=TODAY)
    services = Services(db, Actor("amina", role=SYSTEM_ROLE))
    data = monitoring_data(services, MonitoringFilter(), TODAY)
    pages = _pages(
        _written(tmp_path, "m.pdf", monitoring_job(services, MonitoringFilter(), today=TODAY))
    )

    assert all(f"Page {n} of {len(pages)}" in text for n, text in enumerate(pages, 1))
    assert "Monitoring report" in pages[0]
    assert "Needs attention" in pages[0]
    # the programme's follow-ups: every open one, each row once in the section
    everything = " ".join(pages)
    items = [f for c in data.communities for f in c.open_follow_ups]
    assert f"{len(items)} open," in everything
    # one page (or more) per community, in order, each with its headings and figures row
    starts = []
    for figures in data.communities:
        name = figures.row.name
        if has_rtl(name):
            continue  # Arabic is checked in its own tests
        found = [i for i, text in enumerate(pages) if FIGURES_HEADER in text and name in text]
        assert found, name
        page = pages[found[-1]]
        starts.append(found[-1])
        counts = figures.actions
        row = " ".join(
            str(n)
            for n in (
                figures.meetings,
                counts.total,
                counts.done_on_time,
                counts.done_late,
                counts.overdue,
                figures.linkages_formed,
                len(figures.open_follow_ups),
            )
        )
        assert f"{FIGURES_HEADER} {row}" in page, name
        rest = " ".join(pages[found[-1] :])
        at = [rest.find(h) for h in COMMUNITY_HEADINGS]
        assert -1 not in at and at == sorted(at), name
        for trend in figures.indicators:
            if not has_rtl(trend.wording):
                assert " ".join(trend.wording.split()) in rest, (name, trend.wording)
        if figures.open_follow_ups:
            assert "Mentor follow-ups still open" in rest, name
        for follow_up in figures.open_follow_ups:  # every row of the community's table
            if not has_rtl(follow_up.description):
                assert " ".join(follow_up.description.split()) in rest, (name, follow_up)
    assert starts == sorted(starts) and len(set(starts)) == len(starts)


def test_the_cycle_report_keeps_its_sections_in_order(db: Database, tmp_path: Path) -> None:
    generate_demo(db, communities=3, seed=4, today=TODAY)
    services = Services(db, Actor("amina", role=SYSTEM_ROLE))
    community = services.communities.list(order_by="name").items[0]
    cycle = find_cycle(services, community.id, None)
    pages = _pages(_written(tmp_path, "c.pdf", cycle_job(services, cycle.id, today=TODAY)))
    assert all(f"Page {n} of {len(pages)}" in text for n, text in enumerate(pages, 1))
    everything = " ".join(pages)
    sections = (
        "Phases and learning",
        "Harms selected",
        "Meetings and participation",
        "Community action plan",
        "Community indicators",
        "Reflections and adjustments",
        "Linkages with the formal system",
        "Mentor reviews",
    )
    # after the contents, each section's heading once more, in order
    contents = everything.find("Contents")
    assert contents >= 0
    end = everything.find(sections[-1], contents) + len(sections[-1])
    after_contents = everything[end:]
    at = [after_contents.find(s) for s in sections]
    assert -1 not in at and at == sorted(at)
