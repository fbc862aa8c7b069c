"""The timeline PDF, read back: name, legend, landscape pages; and `clcp report timeline`."""

from __future__ import annotations

import gettext
import subprocess
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop import i18n
from desktop.cli.entry import main
from desktop.i18n import using_language
from desktop.reports.document import save_pdf
from desktop.reports.timeline_pdf import community_timeline_job, office_timeline_job
from desktop.services.facade import Services
from desktop.services.framework.actor import SYSTEM, SYSTEM_ROLE, Actor
from desktop.services.queries.timeline import OfficeQuery, community_timeline, office_timeline
from desktop.storage import Database
from tests.timeline_world import TODAY, make_timeline_world


def _text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def _pages(path: Path) -> list[tuple[float, float]]:
    info = subprocess.run(
        ["pdfinfo", "-l", "99", str(path)], check=True, capture_output=True, text=True
    ).stdout
    sizes = []
    for line in info.splitlines():
        if line.startswith("Page") and "size:" in line:
            parts = line.split("size:")[1].split()
            sizes.append((float(parts[0]), float(parts[2])))
    return sizes


@pytest.fixture
def services(db: Database) -> Services:
    return Services(db, Actor("amina", role=SYSTEM_ROLE))


def test_community_timeline_pdf_has_the_name_and_the_legend(
    db: Database, services: Services, tmp_path: Path
) -> None:
    world = make_timeline_world(services)
    timeline = community_timeline(db, world.community_id, TODAY, actor=SYSTEM)
    job = community_timeline_job(services, timeline)
    out = save_pdf(tmp_path / "kerewe.pdf", lambda stream: job.write(stream, None, None))
    text = _text(out)
    assert "Kéréwé" in text
    for entry in ("Legend", "Planning", "Action: Under way", "Mentor review", "Overdue action"):
        assert entry in text
    assert "Talk with parents" in text
    assert all(width > height for width, height in _pages(out))  # landscape


def test_a_long_period_and_many_rows_split_over_pages(
    db: Database, services: Services, tmp_path: Path
) -> None:
    make_timeline_world(services)
    office = office_timeline(db, OfficeQuery(), TODAY, actor=SYSTEM)
    many = type(office)(office.today, office.rows * 40)
    job = office_timeline_job(services, many, title="All", period=(TODAY.replace(year=2024), TODAY))
    out = save_pdf(tmp_path / "all.pdf", lambda stream: job.write(stream, None, None))
    pages = _pages(out)
    assert len(pages) >= 4  # at least two windows of months, each over two pages of rows
    text = _text(out)
    timeline, _sep, attention = text.partition("Needs attention\n")
    assert timeline.count("Legend") == timeline.count("Page ")  # every timeline page has one
    assert "No recent meeting" in timeline and "Needs attention (see the end)" in timeline
    # then, in words, why each flagged row needs attention (Kéréwé: overdue, no meeting)
    assert "actions overdue since" in attention and "No meeting since" in attention
    assert "Legend" not in attention


def test_cli_writes_a_district_timeline(db: Database, services: Services, tmp_path: Path) -> None:
    make_timeline_world(services)
    assert db.path is not None
    out = tmp_path / "lira.pdf"
    status = main(["report", "timeline", "--db", str(db.path), "--district", "Lira",
                   "--out", str(out), "--from", "2026-01-01", "--to", "2026-12-31"])  # fmt: skip
    assert status == 0
    assert "Kéréwé" in _text(out)


@pytest.mark.parametrize(
    "extra",
    [
        ["--community", "Nowhere"],
        ["--district", "Nowhere"],
        ["--community", "Kéréwé", "--district", "Lira"],
        ["--community", "Kéréwé", "--from", "2026-05-01", "--to", "2026-01-01"],
        ["--community", "Kéréwé", "--from", "yesterday"],
        ["--community", "Kéréwé", "--paper", "a5"],
        [],
    ],
)
def test_cli_bad_input_exits_2_and_writes_nothing(
    db: Database,
    services: Services,
    tmp_path: Path,
    extra: list[str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    make_timeline_world(services)
    assert db.path is not None
    out = tmp_path / "out.pdf"
    status = main(["report", "timeline", "--db", str(db.path), "--out", str(out), *extra])
    assert status == 2
    error = capsys.readouterr().err
    assert error.startswith("clcp: ") and error.count("\n") == 1
    assert not out.exists()
    assert list(tmp_path.glob("*.part")) == [] and list(tmp_path.glob(".clcp-*")) == []


A3_LANDSCAPE = (1190.55, 841.89)


def test_cli_prints_on_a3(db: Database, services: Services, tmp_path: Path) -> None:
    make_timeline_world(services)
    assert db.path is not None
    out = tmp_path / "kerewe-a3.pdf"
    status = main(["report", "timeline", "--db", str(db.path), "--community", "Kéréwé",
                   "--out", str(out), "--paper", "a3"])  # fmt: skip
    assert status == 0
    assert _pages(out) == [A3_LANDSCAPE]
    assert "Kéréwé" in _text(out)


def test_the_export_menu_prints_on_the_paper_chosen(
    qtbot: QtBot, db: Database, services: Services, tmp_path: Path
) -> None:
    from PySide6.QtCore import QSettings

    from desktop.views.shell.context import AppContext
    from desktop.views.timeline.page import TimelinePage

    world = make_timeline_world(services)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    context = AppContext.create(db, Actor("amina", role="manager"), settings=settings, today=TODAY)
    page = TimelinePage(context)
    qtbot.addWidget(page)
    page.show_community(str(world.community_id))
    a3 = next(a for a in page.paper_actions.actions() if a.text() == "A3")
    a3.trigger()
    out = page.export_to(tmp_path / "kerewe.pdf")
    assert _pages(out) == [A3_LANDSCAPE]
    assert "Kéréwé" in _text(out)


def test_a_right_to_left_timeline_runs_from_the_right(
    db: Database, services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the English words in both directions, to find the same words on either side
    monkeypatch.setattr(i18n, "translations", lambda code: gettext.NullTranslations())
    world = make_timeline_world(services)
    timeline = community_timeline(db, world.community_id, TODAY, actor=SYSTEM)
    lines = {}
    for language in ("en", "ar"):
        with using_language(language):
            job = community_timeline_job(services, timeline)
        out = save_pdf(tmp_path / f"{language}.pdf", lambda s, job=job: job.write(s, None, None))
        lines[language] = next(
            line for line in _text(out).splitlines() if "Cycle" in line and "Overdue" in line
        )
    # the names' column is read first: on the left, or on the right in Arabic
    assert lines["en"].index("Cycle") < lines["en"].index("Overdue")
    assert lines["ar"].index("Overdue") < lines["ar"].index("Cycle")
