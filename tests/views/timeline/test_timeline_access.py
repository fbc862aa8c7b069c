"""The timelines for people who cannot see the picture, or not its colours.

"Show as table" gives the same rows as the painted views, walked with the arrow keys;
the pictures describe themselves in words; phases and action statuses are named by
text and marks, not only by colour; and the column titles are never clipped.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QApplication, QGraphicsSimpleTextItem
from pytestqt.qtbot import QtBot

from desktop.services.facade import Services
from desktop.services.framework.actor import SYSTEM_ROLE, Actor
from desktop.storage import Database
from desktop.views.cycle.trend_chart import TrendChart
from desktop.views.forms.tables import RECORD_ID_ROLE
from desktop.views.shell.context import AppContext
from desktop.views.timeline.drawing import Zoom, phase_abbreviation, phase_caption
from desktop.views.timeline.office_view import OfficeTimelineView
from desktop.views.timeline.page import TimelinePage
from desktop.views.timeline.table_view import TimelineTable
from tests.timeline_world import TODAY, TimelineWorld, make_timeline_world
from tests.views.shots import save_shot


@pytest.fixture
def context(db: Database, tmp_path: Path) -> AppContext:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    return AppContext.create(db, Actor("amina", role="manager"), settings=settings, today=TODAY)


@pytest.fixture
def world(db: Database) -> TimelineWorld:
    return make_timeline_world(Services(db, Actor("setup", role=SYSTEM_ROLE)))


@pytest.fixture
def page(qtbot: QtBot, context: AppContext, world: TimelineWorld) -> TimelinePage:
    shown = TimelinePage(context)
    qtbot.addWidget(shown)
    shown.resize(1200, 700)
    shown.show()
    qtbot.waitExposed(shown)
    shown.activateWindow()
    qtbot.waitUntil(shown.isActiveWindow)
    return shown


def walk(qtbot: QtBot, table: TimelineTable) -> list[tuple[str, ...]]:
    """Read the table the way a screen reader user does: row by row with the Down key."""
    focused = QApplication.focusWidget()
    assert focused is table
    qtbot.keyClick(table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    read = []
    for _ in range(table.rowCount()):
        row = table.currentRow()
        read.append(tuple(table.item(row, c).text() for c in range(table.columnCount())))
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
    return read


def test_the_office_table_walks_by_keyboard_and_lists_the_painted_rows(
    qtbot: QtBot, page: TimelinePage, world: TimelineWorld, tmp_path: Path
) -> None:
    page.as_table.setFocus()
    qtbot.keyClick(page.as_table, Qt.Key.Key_Space)  # the toggle, pressed from the keyboard
    assert page.as_table.isChecked()
    table = page.office_table
    assert page.office_stack.currentWidget() is table and table.accessibleName()
    read = walk(qtbot, table)
    assert read == table.row_texts()
    painted = page.office_view.rows
    # The same communities in the same order, one row per phase (or one with no cycle).
    names = list(dict.fromkeys(cells[0] for cells in read))
    assert names == [row.name for row in painted]
    assert len(read) == sum(max(1, len(row.phases)) for row in painted)
    kerewe = [cells for cells in read if cells[0] == "Kéréwé"]
    assert any("Planning (cycle" in cells[1] for cells in kerewe)
    # the flags in the words every screen and report uses, after the attention mark
    assert all(cells[5].startswith("! ") for cells in kerewe)
    assert all("No meeting since" in cells[5] for cells in kerewe)
    assert all("actions overdue since" in cells[5] for cells in kerewe)
    assert "days ago" in kerewe[0][4] or kerewe[0][4] == "none recorded"
    save_shot(page, "timeline-table", tmp_path)

    # Enter on a Kéréwé row opens its timeline, as a table too.
    table.setCurrentCell(read.index(kerewe[0]), 0)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert page.community is not None and page.community.community_id == world.community_id
    community = page.community_table
    assert QApplication.focusWidget() is community
    keys = {community.item(r, 0).data(RECORD_ID_ROLE) for r in range(community.rowCount())}
    assert keys == set(page.community_view.timeline_scene.records)
    texts = walk(qtbot, community)
    overdue = [cells for cells in texts if cells[5] == "overdue"]
    assert overdue and all(
        cells[1].startswith("Action") for cells in overdue if "Action" in cells[1]
    )
    save_shot(page, "timeline-community-table", tmp_path)
    with qtbot.waitSignal(page.context.navigator.open_record) as opened:
        qtbot.keyClick(community, Qt.Key.Key_Return)
    assert opened.args[1] in {key[1] for key in keys}
    # Back to the picture: the toggle turns both views back.
    page.as_table.click()
    assert page.community_stack.currentWidget() is page.community_view


def test_the_pictures_describe_themselves_with_their_numbers(
    page: TimelinePage, world: TimelineWorld
) -> None:
    office = page.office_view.accessibleDescription()
    assert office.startswith("2 communities.")
    assert "1 with no recent meeting" in office
    assert "1 with overdue actions or follow-ups" in office
    page.show_community(str(world.community_id))
    words = page.community_view.accessibleDescription()
    assert words.startswith("Kéréwé: 2 cycles.")
    assert "Cycle 1" in words and "2 overdue actions" in words and "1 meeting" in words
    assert page.community_table.accessibleDescription() == words


def test_a_trend_chart_says_its_numbers() -> None:
    chart = TrendChart()
    chart.set_data(
        [(date(2026, 11, 2), 30.0), (date(2026, 6, 1), 18.0)],
        baseline=12,
        target=40,
        title="Girls attending meetings",
    )
    assert chart.accessibleName() == "Trend chart: Girls attending meetings"
    assert chart.accessibleDescription() == (
        "Girls attending meetings: 12 at baseline, 18 on 2026-06-01, 30 on 2026-11-02, target 40"
    )
    chart.set_data([], message="Pick an indicator to see its trend.")
    assert chart.accessibleDescription() == "Pick an indicator to see its trend."


def test_narrow_phase_bars_carry_an_abbreviation(page: TimelinePage, tmp_path: Path) -> None:
    page.set_zoom(Zoom.YEAR.value)
    office = page.office_view
    metrics = QFontMetricsF(office._small)
    narrow = [
        (phase, office.phase_rect(index, phase).width())
        for index, row in enumerate(office.rows)
        for phase in row.phases
        if office.phase_rect(index, phase).width() < 60
    ]
    assert narrow  # at a year's zoom, phases are narrow
    for phase, width in narrow:
        caption = phase_caption(phase.kind, width - 6, metrics)
        if width - 6 >= metrics.horizontalAdvance(phase_abbreviation(phase.kind)):
            assert caption, phase.kind
        assert metrics.horizontalAdvance(caption) <= width - 6
    assert phase_caption("planning", 200, metrics) == "Planning"
    assert phase_caption("planning", 20, metrics) == "Pl"
    # The legend lists the abbreviations.
    assert any("(Pl)" in entry for entry in page.office_legend.entries)
    save_shot(page, "timeline-year-zoom", tmp_path)


def test_action_statuses_differ_by_mark_as_well_as_fill(
    page: TimelinePage, world: TimelineWorld
) -> None:
    page.set_zoom(Zoom.MONTH.value)
    page.show_community(str(world.community_id))
    scene = page.community_view.timeline_scene

    def words(key: tuple[str, str]) -> str:
        texts = [
            c for c in scene.records[key].childItems() if isinstance(c, QGraphicsSimpleTextItem)
        ]
        return texts[0].text() if texts else ""

    # (the world's "done_action" is still planned, and past its due date)
    assert words(("action", str(world.done_action))).startswith("○ ! ")
    assert words(("action", str(world.overdue_action))).startswith("▶ ! ")
    assert any("○" in entry for entry in page.community_legend.entries)


def test_the_column_titles_fit_their_columns() -> None:
    view = OfficeTimelineView()
    bold = QFontMetricsF(view._bold)
    for width, title in zip(view.widths, view.column_titles(), strict=True):
        assert bold.horizontalAdvance(title) <= width - 12, title
    assert view.label_width == sum(view.widths)
