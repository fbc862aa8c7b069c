"""The monitoring report's figures agree with what the services show record by record,
and the report prints them."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path

import pypdfium2

from desktop.demo.generate import generate_demo
from desktop.reports.bidi_text import has_rtl
from desktop.reports.document import save_pdf
from desktop.reports.jobs import monitoring_job
from desktop.services.facade import Services
from desktop.services.framework.actor import SYSTEM, SYSTEM_ROLE, Actor
from desktop.services.queries.community_list import CommunityQuery, list_communities
from desktop.services.queries.periods import quarter
from desktop.services.queries.reporting_monitoring import MonitoringFilter, monitoring_data
from desktop.storage import Database
from tests.reports.report_checks import pdf_page_texts, pdf_text

TODAY = date(2026, 6, 30)


def test_figures_agree_with_the_services(db: Database, tmp_path: Path) -> None:
    generate_demo(db, communities=12, seed=3, today=TODAY)
    services = Services(db, Actor("amina", role=SYSTEM_ROLE))
    data = monitoring_data(services, MonitoringFilter(), TODAY)
    rows = list_communities(db, CommunityQuery(limit=None, today=TODAY), actor=SYSTEM).items
    assert [c.row.id for c in data.communities] == [row.id for row in rows]

    participation: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    decision_meetings, missing = 0, dict.fromkeys((g.code for g in data.groups), 0)
    for figures, row in zip(data.communities, rows, strict=True):
        # the same counts as the community list shows
        assert figures.actions.overdue == row.overdue_actions, row.name
        assert len(figures.open_follow_ups) == row.open_follow_ups, row.name
        cycles = services.cycles.list(where={"community_id": row.id}).items
        meetings = [
            m.data for c in cycles for m in services.meetings.list(where={"cycle_id": c.id}).items
        ]
        assert figures.meetings == len(meetings), row.name
        attended: dict[str, int] = defaultdict(int)
        for meeting in meetings:
            for code, count in meeting.attendance.items():
                participation[quarter(meeting.held_on)][code] += count
                attended[code] += count > 0
            if meeting.decisions.strip():
                decision_meetings += 1
                for code in missing:
                    missing[code] += meeting.attendance.get(code, 0) == 0
        for group in data.groups:  # who was in the room, group by group
            assert figures.tally.group(group.code).attended == attended[group.code], row.name
            never = bool(meetings) and attended[group.code] == 0
            assert figures.tally.never_in_room(group.code) == never, row.name
        actions = [
            a.data for c in cycles for a in services.actions.list(where={"cycle_id": c.id}).items
        ]
        assert figures.actions.total == len(actions), row.name
        done = [a for a in actions if a.status == "done"]
        assert figures.actions.done == len(done), row.name
    total = data.tally()
    assert total.decision_meetings == decision_meetings
    assert {g.code: total.missed_decisions(g.code) for g in data.groups} == missing
    assert {
        q: {k: v.people for k, v in t.groups.items() if v.people} for q, t in data.quarters.items()
    } == {q: {k: v for k, v in g.items() if v} for q, g in participation.items()}

    out = save_pdf(
        tmp_path / "monitoring.pdf",
        lambda stream: monitoring_job(services, MonitoringFilter(), today=TODAY).write(
            stream, None, None
        ),
    )
    text = " ".join(pdf_text(out).split())
    total_actions = data.actions()
    assert f"Actions in the period {total_actions.total}" in text
    assert f"Overdue (not done, past the date set) {total_actions.overdue}" in text
    latin = [c.row.name for c in data.communities if not has_rtl(c.row.name)]
    assert latin and all(name in text for name in latin)  # Arabic is checked elsewhere

    # every bookmark opens the page its heading is on
    pages = pdf_page_texts(out)
    document = pypdfium2.PdfDocument(out)
    try:
        marks = [(m.get_title(), m.get_dest().get_index()) for m in document.get_toc()]
    finally:
        document.close()
    attention = [title for title, _index in marks if title.startswith("Needs attention")]
    assert len(marks) == len(attention) + 7 + len(data.communities)
    assert marks[0] == ("Needs attention", 0)  # page 1 says what needs attention
    for title, index in marks:
        if not has_rtl(title):
            assert title in " ".join(pages[index].split()), title
