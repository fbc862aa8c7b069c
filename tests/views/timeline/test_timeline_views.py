"""The timeline screens, driven as a person would: geometry read back from what is drawn."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from desktop.services.facade import Services
from desktop.services.framework.actor import SYSTEM, SYSTEM_ROLE, Actor
from desktop.services.queries.timeline import community_timeline, day_count
from desktop.services.security.users import AssignmentData, UserData
from desktop.storage import Database
from desktop.views.shell.context import AppContext
from desktop.views.timeline.community_view import CommunityTimelineView
from desktop.views.timeline.drawing import Zoom
from desktop.views.timeline.page import TimelinePage
from tests.timeline_world import TODAY, TimelineWorld, make_timeline_world


@pytest.fixture
def context(db: Database, tmp_path: Path) -> AppContext:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    return AppContext.create(db, Actor("amina", role="manager"), settings=settings, today=TODAY)


@pytest.fixture
def world(db: Database) -> TimelineWorld:
    return make_timeline_world(Services(db, Actor("setup", role=SYSTEM_ROLE)))


def _view(
    qtbot: QtBot, db: Database, world: TimelineWorld, rtl: bool = False
) -> CommunityTimelineView:
    view = CommunityTimelineView()
    qtbot.addWidget(view)
    view.resize(1000, 500)
    if rtl:
        view.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    view.set_timeline(community_timeline(db, world.community_id, TODAY, actor=SYSTEM))
    view.show()
    return view


def test_a_phase_sits_between_its_dates(qtbot: QtBot, db: Database, world: TimelineWorld) -> None:
    view = _view(qtbot, db, world)
    scene = view.timeline_scene
    item = scene.records[("phase", str(world.planning_phase))]
    box = item.sceneBoundingRect()
    axis = scene.axis
    assert box.left() >= axis.x(date(2026, 3, 1)) - 1
    assert box.right() <= axis.x(date(2026, 7, 1)) + 1  # 30 June is drawn to its end
    assert box.left() < axis.x(date(2026, 3, 2)) and box.right() > axis.x(date(2026, 6, 30))


def test_overlapping_cycles_do_not_overlap(
    qtbot: QtBot, db: Database, world: TimelineWorld
) -> None:
    scene = _view(qtbot, db, world).timeline_scene
    first, second = scene.lane_rects
    assert first.bottom() <= second.top()
    first_items = [i for (e, _id), i in scene.records.items() if e == "phase"]
    boxes = [i.sceneBoundingRect() for i in first_items]
    assert not boxes[0].intersects(boxes[1])


def test_clicking_an_action_opens_it(qtbot: QtBot, db: Database, world: TimelineWorld) -> None:
    view = _view(qtbot, db, world)
    item = view.timeline_scene.records[("action", str(world.overdue_action))]
    view.ensureVisible(item, 10, 10)
    point = view.mapFromScene(
        item.sceneBoundingRect().center() + item.sceneBoundingRect().topLeft() * 0
    )
    point = view.mapFromScene(
        item.sceneBoundingRect().left() + 6, item.sceneBoundingRect().center().y()
    )
    with qtbot.waitSignal(view.record_activated) as opened:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert opened.args == ["action", str(world.overdue_action)]


def test_enter_opens_the_record_the_arrow_keys_reached(
    qtbot: QtBot, db: Database, world: TimelineWorld
) -> None:
    view = _view(qtbot, db, world)
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(view.hasFocus)
    opened: list[tuple[str, str]] = []
    view.record_activated.connect(lambda entity, rid: opened.append((entity, rid)))
    first = view.current
    assert first is not None  # the focus frame is on the first record from the start
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.current not in (None, first)
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert view.current == first
    qtbot.keyClick(view, Qt.Key.Key_Down)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert opened == [view.current] and view.current != first


def test_zoom_changes_the_scale(qtbot: QtBot, db: Database, world: TimelineWorld) -> None:
    view = _view(qtbot, db, world)
    view.set_pixels_per_day(Zoom.YEAR.value)
    year_width = (
        view.timeline_scene.records[("phase", str(world.planning_phase))]
        .sceneBoundingRect()
        .width()
    )
    view.set_pixels_per_day(Zoom.MONTH.value)
    month_width = (
        view.timeline_scene.records[("phase", str(world.planning_phase))]
        .sceneBoundingRect()
        .width()
    )
    assert month_width == pytest.approx(year_width * Zoom.MONTH.value / Zoom.YEAR.value, rel=0.02)
    before = view.pixels_per_day
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert view.pixels_per_day < before


def test_right_to_left_mirrors_time(qtbot: QtBot, db: Database, world: TimelineWorld) -> None:
    ltr = _view(qtbot, db, world)
    rtl = _view(qtbot, db, world, rtl=True)
    key = ("phase", str(world.planning_phase))
    a, b = (
        ltr.timeline_scene.records[key].sceneBoundingRect(),
        rtl.timeline_scene.records[key].sceneBoundingRect(),
    )
    width = ltr.timeline_scene.axis.length
    assert b.left() == pytest.approx(width - a.right())
    action = ("action", str(world.overdue_action))
    assert (
        rtl.timeline_scene.records[action].sceneBoundingRect().center().x() > b.center().x() - 1e6
    )
    assert rtl.timeline_scene.axis.x(date(2026, 3, 1)) > rtl.timeline_scene.axis.x(date(2026, 6, 1))


def test_the_page_goes_from_the_office_to_a_community_and_opens_records(
    qtbot: QtBot, context: AppContext, world: TimelineWorld, tmp_path: Path
) -> None:
    page = TimelinePage(context)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    office = page.office_view
    names = [row.name for row in office.rows]
    assert names == ["Amuru", "Kéréwé"]
    assert "1 with no meeting in 60 days" in page.summary.text()
    page.sort.setCurrentIndex(1)  # longest without a meeting first
    assert office.rows[0].name == "Kéréwé"
    phase = office.rows[0].phases[0]
    rect = office.phase_rect(0, phase)
    axis = office.axis()
    assert rect.left() == pytest.approx(min(axis.span(phase.start, phase.start)))
    office.setFocus()
    office.set_current(0)
    qtbot.keyClick(office, Qt.Key.Key_Return)
    assert page.community is not None and page.community.community_id == world.community_id
    assert page.stack.currentWidget() is page.community_stack
    assert page.community_stack.currentWidget() is page.community_view
    with qtbot.waitSignal(context.navigator.open_record) as opened:
        page.community_view.record_activated.emit("meeting", str(world.meeting))
    assert opened.args == ["meeting", str(world.meeting)]
    picture = page.export_to(tmp_path / "kerewe.png")
    assert picture.stat().st_size > 1000
    page.back.click()
    assert page.stack.currentWidget() is page.office_stack
    assert page.office_stack.currentWidget() is office


def test_office_rows_are_painted_lazily(
    qtbot: QtBot, context: AppContext, world: TimelineWorld
) -> None:
    page = TimelinePage(context)
    qtbot.addWidget(page)
    page.resize(900, 300)
    page.show()
    office = page.office_view
    rows = list(office.rows) * 200
    office.set_rows(rows, TODAY)
    visible = office.visible_rows()
    assert 0 < len(visible) < 30
    office.verticalScrollBar().setValue(office.verticalScrollBar().maximum())
    assert office.visible_rows().stop == len(rows)


@pytest.mark.parametrize("rtl", [False, True])
def test_a_lane_title_stays_in_view_when_its_start_scrolls_away(
    qtbot: QtBot, db: Database, world: TimelineWorld, rtl: bool
) -> None:
    view = _view(qtbot, db, world, rtl=rtl)
    view.set_pixels_per_day(Zoom.MONTH.value)
    scene = view.timeline_scene
    title, home = scene.lane_titles[0]  # cycle 1 starts on 10 January 2026
    assert "Cycle 1" in title.text()
    view.scroll_to_day(date(2026, 8, 20))
    shown = view.mapToScene(view.viewport().rect()).boundingRect()
    start = scene.axis.x(world_start := date(2026, 1, 10))
    assert not shown.left() <= start <= shown.right(), world_start  # the lane's start is gone
    box = title.sceneBoundingRect()
    assert shown.left() <= box.left() and box.right() <= shown.right()
    view.scroll_to_day(date(2026, 1, 20))  # back to the start: the title is where it began
    assert title.x() == home


def test_counts_read_in_the_singular_for_one(
    qtbot: QtBot, context: AppContext, world: TimelineWorld
) -> None:
    page = TimelinePage(context)
    qtbot.addWidget(page)
    assert page.summary.text().startswith("2 communities · ")
    page.district.setCurrentIndex(page.district.findData("Gulu"))
    assert page.summary.text().startswith("1 community · ")
    amuru = page.office_view.rows[0]
    assert "(12 days ago)" in page.office_view.row_summary(amuru)  # met on 20 August
    assert day_count(1) == "1 day"


def test_a_mentor_sees_only_their_communities_on_the_page(
    qtbot: QtBot, db: Database, world: TimelineWorld, tmp_path: Path
) -> None:
    setup = Services(db, Actor("setup", role=SYSTEM_ROLE))
    mentor = setup.users.create(UserData("achen", "mentor"))
    setup.assignments.create(AssignmentData(world.community_id, mentor.id, "mentor"))
    settings = QSettings(str(tmp_path / "mentor.ini"), QSettings.Format.IniFormat)
    context = AppContext.create(db, Actor("achen", role="mentor"), settings=settings, today=TODAY)
    page = TimelinePage(context)
    qtbot.addWidget(page)
    assert [row.name for row in page.office_view.rows] == ["Kéréwé"]
    assert page.summary.text().startswith("1 community · ")


def test_a_facilitator_chooses_among_their_own_districts_only(
    qtbot: QtBot, db: Database, world: TimelineWorld, tmp_path: Path
) -> None:
    """The district filter lists what the facilitator may see, as on Reports and Communities."""
    setup = Services(db, Actor("setup", role=SYSTEM_ROLE))
    facilitator = setup.users.create(UserData("okello", "facilitator"))
    setup.assignments.create(AssignmentData(world.community_id, facilitator.id, "facilitator"))
    settings = QSettings(str(tmp_path / "facilitator.ini"), QSettings.Format.IniFormat)
    actor = Actor("okello", role="facilitator")
    context = AppContext.create(db, actor, settings=settings, today=TODAY)
    page = TimelinePage(context)
    qtbot.addWidget(page)
    districts = [page.district.itemData(i) for i in range(page.district.count())]
    assert districts == ["", "Lira"]  # "All districts", then Kéréwé's; never Amuru's Gulu
    manager_districts = Services(db, Actor("amina", role="manager")).list_districts()
    assert manager_districts == ["Gulu", "Lira"]  # the office has both
