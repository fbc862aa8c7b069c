"""The Reports screen: builds in the background, previews pages, saves (audited) and
cancels, while the window keeps handling events."""

from __future__ import annotations

import gettext
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from desktop import i18n
from desktop.demo.generate import generate_demo
from desktop.services.framework.actor import SYSTEM_ROLE, Actor
from desktop.storage import Database
from desktop.views.reports.page import MONITORING_REPORT, ReportsPage
from desktop.views.reports.preview import page_count
from desktop.views.shell.context import AppContext
from tests.reports.report_checks import pdf_page_texts, plain, printed
from tests.reports.report_world import make_report_world

TODAY = date(2026, 6, 30)


def _page(qtbot: QtBot, db: Database, tmp_path: Path) -> ReportsPage:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    context = AppContext.create(db, Actor("amina", role="manager"), settings=settings, today=TODAY)
    page = ReportsPage(context)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    return page


def _choose(page: ReportsPage, key: str) -> None:
    row = next(
        i
        for i in range(page.choices.count())
        if page.choices.item(i).data(Qt.ItemDataRole.UserRole) == key
    )
    page.choices.setCurrentRow(row)


@pytest.fixture
def english_words(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every language's printout keeps the English words, so that the same words can be
    found in a right-to-left layout (the catalogues' words are tested elsewhere)."""
    monkeypatch.setattr(i18n, "translations", lambda code: gettext.NullTranslations())


def test_filled_template_previews_and_saves(qtbot: QtBot, db: Database, tmp_path: Path) -> None:
    world = make_report_world(AppContext.create(db, Actor("amina", role="manager")).services)
    page = _page(qtbot, db, tmp_path)
    _choose(page, "action-plan")
    page.fill.setChecked(True)
    page.community.setCurrentIndex(page.community.findText(world.name))
    assert page.cycle.currentData() == world.cycle_id
    assert not page.save_button.isEnabled()
    qtbot.mouseClick(page.build_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=60_000)
    assert page.pdf is not None and page.pdf.startswith(b"%PDF")
    assert len(page.preview.pages) >= 1
    assert not page.preview.pages[0].pixmap().isNull()
    assert page.status.text() == f"Pages: {page_count(page.pdf)}."
    assert page.save_button.isEnabled() and page.print_button.isEnabled()
    out = tmp_path / "plan.pdf"
    assert page.save_to(str(out))
    assert out.read_bytes() == page.pdf
    events = page.context.services.audit_log.list(entity_type="action-plan").items
    assert [e.action for e in events] == ["print"]


def test_a_long_report_can_be_cancelled_while_the_window_keeps_working(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    generate_demo(db, communities=150, seed=2, today=TODAY)
    page = _page(qtbot, db, tmp_path)
    _choose(page, MONITORING_REPORT)
    qtbot.mouseClick(page.build_button, Qt.MouseButton.LeftButton)
    assert page.is_busy() and page.cancel_button.isEnabled()
    assert not page.build_button.isEnabled()
    # progress arrives from the worker and is shown while it still runs: the event loop is free
    qtbot.waitUntil(lambda: page.progress.value() > 5, timeout=60_000)
    assert page.is_busy()
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=60_000)
    assert page.pdf is None
    assert page.status.text() == "Cancelled. Nothing was made."
    assert page.preview.pages == []
    assert not page.save_button.isEnabled()
    assert page.build_button.isEnabled()


def test_the_office_language_is_offered_and_lays_the_pdf_out_right_to_left(
    qtbot: QtBot, db: Database, tmp_path: Path, english_words: None
) -> None:
    services = AppContext.create(db, Actor("setup", role=SYSTEM_ROLE)).services
    world = make_report_world(services)
    services.settings.set_value("default_language", "ar")
    page = _page(qtbot, db, tmp_path)
    assert page.language.currentData() == "ar"
    _choose(page, "action-plan")
    page.fill.setChecked(True)
    page.community.setCurrentIndex(page.community.findText(world.name))
    texts = {}
    for language in ("ar", "en"):
        page.language.setCurrentIndex(page.language.findData(language))
        qtbot.mouseClick(page.build_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not page.is_busy(), timeout=60_000)
        assert page.pdf is not None
        out = tmp_path / f"{language}.pdf"
        out.write_bytes(page.pdf)
        label = printed("Who leads (role)", language)
        texts[language] = next(
            plain(line) for line in pdf_page_texts(out)[0].splitlines() if label in plain(line)
        )
    # the label column is read first: on the right in Arabic, on the left in English
    assert texts["ar"].rstrip().endswith(printed("Who leads (role)", "ar"))
    assert texts["en"].lstrip().startswith(printed("Who leads (role)", "en"))


def test_the_quarterly_summary_is_filled_for_a_district_and_a_quarter(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    make_report_world(AppContext.create(db, Actor("setup", role=SYSTEM_ROLE)).services)
    page = _page(qtbot, db, tmp_path)
    _choose(page, "quarterly-summary")
    page.fill.setChecked(True)
    assert page.fill.text().replace("&", "") == "Fill in for a district or the programme"
    assert page.period.isVisibleTo(page) and page.district.isVisibleTo(page)
    assert not page.community.isVisibleTo(page)
    page.activateWindow()  # shortcuts reach the active window only
    qtbot.waitUntil(page.isActiveWindow)
    page.fill.setFocus()
    qtbot.keyClick(page.fill, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # Pe&riod
    assert page.focusWidget() is page.period.choice
    page.period.choose("all")
    assert page.current_job() is None  # a summary covers a quarter, not all dates
    assert "quarter" in page.status.text()
    page.period.choose("2026 Q2")
    assert page.period.period() == (date(2026, 4, 1), date(2026, 6, 30))
    page.district.setCurrentIndex(page.district.findData("Sheema"))
    qtbot.mouseClick(page.build_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=60_000)
    assert page.pdf is not None
    out = tmp_path / "summary.pdf"
    assert page.save_to(str(out))
    text = " ".join(pdf_page_texts(out)[0].split())
    assert "2026 Q2 (2026-04-01 to 2026-06-30)" in text and "Sheema" in text
    page.period.choose("from-to")
    assert page.period.date_from.isVisibleTo(page)
