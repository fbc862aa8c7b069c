"""What needs attention is the same on the community list, the office timeline and the
monitoring report, whose first page names the most urgent communities and why; overdue
work reads "Overdue since", marked, wherever it is printed."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest

from desktop.demo.generate import generate_demo
from desktop.reports.bidi_text import has_rtl
from desktop.reports.document import save_pdf
from desktop.reports.fonts import FONTS_DIR
from desktop.reports.jobs import cycle_job, monitoring_job, template_job
from desktop.services.facade import Services
from desktop.services.framework.actor import SYSTEM_ROLE, Actor
from desktop.services.queries.attention import (
    MARK,
    Direction,
    Flag,
    FlagKind,
    direction_words,
    flag_words,
    kind_words,
    short_words,
)
from desktop.services.queries.community_list import CommunityQuery
from desktop.services.queries.reporting_monitoring import MonitoringFilter, monitoring_data
from desktop.services.queries.timeline import OfficeQuery
from desktop.storage import Database
from tests.reports.report_checks import pdf_text
from tests.reports.report_world import make_report_world

TODAY = date(2026, 6, 30)


@pytest.fixture
def services(db: Database) -> Services:
    return Services(db, Actor("amina", role=SYSTEM_ROLE))


def _write(tmp_path: Path, name: str, job: object) -> Path:
    return save_pdf(tmp_path / name, lambda stream: job.write(stream, None, None))  # type: ignore[attr-defined]


def test_the_list_the_timeline_and_the_report_flag_the_same(
    db: Database, services: Services, tmp_path: Path
) -> None:
    generate_demo(db, communities=40, seed=5, today=TODAY)
    rows = services.list_communities(CommunityQuery(limit=None, today=TODAY)).items
    on_the_list = {
        cid: a.flags for cid, a in services.reads.attention([r.id for r in rows], TODAY).items()
    }
    on_the_timeline = {
        row.community_id: row.flags
        for row in services.reads.office_timeline(OfficeQuery(), TODAY).rows
    }
    data = monitoring_data(services, MonitoringFilter(), TODAY)
    in_the_report = {c.row.id: c.flags for c in data.communities}
    assert on_the_list == on_the_timeline == in_the_report
    ranked = data.attention()
    assert 5 < len(ranked) < len(rows)  # not a vacuous comparison: some need attention

    out = _write(
        tmp_path, "monitoring.pdf", monitoring_job(services, MonitoringFilter(), today=TODAY)
    )
    # read in reading order, so that words wrapped in their cell read whole
    reading = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True)
    pages = [" ".join(page.split()) for page in reading.stdout.split("\f")]
    first = pages[0]
    assert "Needs attention" in first
    assert f"{len(ranked)} of {len(rows)} communities need attention" in first
    top = next(c for c in ranked[:5] if not has_rtl(c.name))  # Arabic is shaped in the PDF
    assert top.name in first and top.since.isoformat() in first
    why = "; ".join(short_words(flag, TODAY) for flag in top.flags)
    assert f"{MARK} {why}" in first  # why, in the same words as everywhere, after the mark
    # every community that needs attention is named before the contents, none dropped
    contents = next(i for i, page in enumerate(pages) if "Contents" in page)
    before_contents = " ".join(pages[:contents])
    assert all(c.name in before_contents for c in ranked if not has_rtl(c.name))


def test_overdue_follow_ups_and_actions_read_overdue_marked(
    services: Services, tmp_path: Path
) -> None:
    world = make_report_world(services)  # an action due 2025-06-30, a follow-up 2025-07-01
    report = _write(
        tmp_path, "monitoring.pdf", monitoring_job(services, MonitoringFilter(), today=TODAY)
    )
    text = " ".join(pdf_text(report).split())
    assert "1 open, 1 past their date (marked overdue)." in text
    assert f"{MARK} Overdue since 2025-07-01" in text

    for job in (
        template_job("action-plan", services=services, cycle_id=world.cycle_id, today=TODAY),
        cycle_job(services, world.cycle_id, today=TODAY),
    ):
        printed = " ".join(pdf_text(_write(tmp_path, "action.pdf", job)).split())
        assert "Action 1 · Overdue since 2025-06-30" in printed  # not "Under way"
        assert f"{MARK} Overdue since 2025-06-30 (Planned)" in printed
        assert "Action 1 · Planned" not in printed


def test_the_indicator_sheet_prints_baseline_and_target_in_words(
    services: Services, tmp_path: Path
) -> None:
    world = make_report_world(services)
    indicator = services.indicators.list(where={"cycle_id": world.cycle_id}).items[0]
    services.indicators.update(
        indicator.id,
        type(indicator.data)(**{**vars(indicator.data), "baseline": "5", "target": "30"}),
    )
    job = template_job("indicator-sheet", services=services, cycle_id=world.cycle_id, today=TODAY)
    text = " ".join(pdf_text(_write(tmp_path, "indicators.pdf", job)).split())
    assert "Baseline: 5 Target: 30" in text
    assert "Latest result 19 on 2025-04-20" in text
    assert "latest 19 on 2025-04-20" in text  # written on the chart, with the target line
    assert "target 30" in text and "baseline 5" in text


def _covered() -> set[int]:
    from reportlab.pdfbase.ttfonts import TTFontFile

    codes: set[int] = set()
    for name in ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSansArabic-Regular.ttf"):
        codes |= set(TTFontFile(str(FONTS_DIR / name)).charToGlyph)
    return codes


def test_every_word_of_a_flag_is_in_the_embedded_fonts() -> None:
    """The words the flags print in, every kind, counted one and many: no character falls
    outside the fonts (a missing glyph prints as nothing, as the arrow did)."""
    covered = _covered()
    words = [MARK, *(direction_words(d) for d in Direction)]
    for kind in FlagKind:
        words.append(kind_words(kind))
        for count in (1, 3):
            flag = Flag(kind, date(2026, 1, 5), count, ("Girls", "Boys"), 2)
            words += [flag_words(flag, TODAY, names=True), short_words(flag, TODAY)]
    missing = {c for text in words for c in text if ord(c) not in covered}
    assert not missing
