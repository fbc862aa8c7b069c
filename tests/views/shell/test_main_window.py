"""The main window on a demo database: the community list page (search, filters, sorting),
the title, geometry and shortcuts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QPoint, QSettings, Qt
from PySide6.QtGui import QAction, QBrush, QGuiApplication, QKeySequence, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.demo.generate import generate_demo
from desktop.services.facade import Services
from desktop.services.framework.actor import SYSTEM, Actor
from desktop.services.queries.attention import flag_words, flags_summary
from desktop.services.queries.community_list import (
    CommunityQuery,
    CommunityRow,
    SortKey,
    list_communities,
    list_districts,
)
from desktop.storage import Database, open_database
from desktop.views.communities.list_page import CommunityListPage
from desktop.views.communities.table_model import (
    COMMUNITY_ID_ROLE,
    Column,
    CommunityTableModel,
    warning_colour,
)
from desktop.views.language import apply_language
from desktop.views.shell.main_window import MainWindow

N = 60
TODAY = date(2025, 6, 2)
MANAGER = Actor("manager", role="manager")


def communities(window: MainWindow) -> CommunityListPage:
    page = window.page("communities")
    assert isinstance(page, CommunityListPage)
    return page


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gui") / "demo.db"
    db = open_database(path)
    try:
        generate_demo(db, communities=N, seed=5, today=TODAY, actor=Actor("trainer"))
    finally:
        db.close()
    return path


@pytest.fixture
def demo_db(demo_path: Path) -> Iterator[Database]:
    db = open_database(demo_path, create=False)
    yield db
    db.close()


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot: QtBot, demo_db: Database, settings: QSettings) -> MainWindow:
    window = MainWindow(demo_db, actor=MANAGER, demo=True, settings=settings, today=TODAY)
    qtbot.addWidget(window)
    window.show()
    return window


def service(db: Database, **options: object) -> list[CommunityRow]:
    query = CommunityQuery(limit=None, today=TODAY, **options)  # type: ignore[arg-type]
    return list(list_communities(db, query, actor=SYSTEM).items)


def fetch_all(model: CommunityTableModel) -> None:
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())


def column(model: CommunityTableModel, which: Column) -> list[object]:
    fetch_all(model)
    return [model.index(row, which).data() for row in range(model.rowCount())]


def test_the_model_shows_every_community(window: MainWindow, demo_db: Database) -> None:
    model = communities(window).model
    fetch_all(model)
    expected = service(demo_db)
    assert model.rowCount() == model.total == len(expected) == N
    assert column(model, Column.NAME) == [row.name for row in expected]
    assert model.index(0, 0).data(COMMUNITY_ID_ROLE) == expected[0].id
    statuses = set(column(model, Column.PARTNERSHIP))
    assert statuses and all("_" not in str(s) and str(s)[0].isupper() for s in statuses)
    assert f"{N} communities" in communities(window).count_label.text()


def test_rows_are_fetched_a_page_at_a_time(
    qtbot: QtBot, demo_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(CommunityTableModel, "PAGE_SIZE", 25)
    model = CommunityTableModel(Services(demo_db, MANAGER), today=TODAY)
    assert (model.rowCount(), model.total) == (25, N)
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 50
    model.fetchMore(QModelIndex())
    assert model.rowCount() == N
    assert not model.canFetchMore(QModelIndex())


def test_numbers_are_right_aligned_and_overdue_is_a_warning(
    window: MainWindow, demo_db: Database
) -> None:
    model = communities(window).model
    fetch_all(model)
    overdue = model.index(0, Column.OVERDUE_ACTIONS)
    assert model.index(0, Column.OPEN_FOLLOW_UPS).data(Qt.ItemDataRole.TextAlignmentRole) & (
        Qt.AlignmentFlag.AlignRight
    )
    assert isinstance(overdue.data(), int)
    late = [r for r in range(model.rowCount()) if model.row_at(r).overdue_actions > 0]
    calm = [r for r in range(model.rowCount()) if model.row_at(r).overdue_actions == 0]
    if not late:
        pytest.skip("this demo data set has no overdue actions")
    brush = model.index(late[0], Column.OVERDUE_ACTIONS).data(Qt.ItemDataRole.ForegroundRole)
    assert isinstance(brush, QBrush)
    assert brush.color() == warning_colour(QGuiApplication.palette())
    if calm:
        calm_cell = model.index(calm[0], Column.OVERDUE_ACTIONS)
        muted = QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        assert calm_cell.data(Qt.ItemDataRole.ForegroundRole).color() == muted  # a quiet zero
    assert model.index(0, Column.NAME).data(Qt.ItemDataRole.ForegroundRole) is None


def test_what_needs_attention_shows_beside_the_name_in_words_and_a_mark(
    window: MainWindow, demo_db: Database
) -> None:
    page = communities(window)
    model = page.model
    fetch_all(model)
    header = page.table.horizontalHeader()
    assert header.visualIndex(Column.ATTENTION) == 1  # where the eye is, after the name
    assert model.headerData(Column.ATTENTION, Qt.Orientation.Horizontal) == "Needs attention"
    flagged = [r for r in range(model.rowCount()) if model.flags_of(model.row_at(r).id)]
    calm = [r for r in range(model.rowCount()) if not model.flags_of(model.row_at(r).id)]
    assert flagged and calm
    cell = model.index(flagged[0], Column.ATTENTION)
    flags = model.flags_of(model.row_at(flagged[0]).id)
    assert cell.data() == flags_summary(flags, TODAY)  # the words, never a colour alone
    assert not cell.data(Qt.ItemDataRole.DecorationRole).isNull()  # and the mark
    spoken = cell.data(Qt.ItemDataRole.AccessibleTextRole)
    assert spoken == cell.data(Qt.ItemDataRole.ToolTipRole)
    assert all(flag_words(flag, TODAY, names=True) in spoken for flag in flags)
    quiet = model.index(calm[0], Column.ATTENTION)
    assert quiet.data() == "" and quiet.data(Qt.ItemDataRole.DecorationRole) is None
    # the service does not sort on it: a click on its title leaves the order and its arrow
    header.setSortIndicator(Column.ATTENTION, Qt.SortOrder.AscendingOrder)
    assert header.sortIndicatorSection() == Column.NAME


def test_typing_in_the_search_box_filters(
    qtbot: QtBot, window: MainWindow, demo_db: Database
) -> None:
    name = service(demo_db)[N // 2].name
    text = name.split()[0][:5]
    expected = service(demo_db, text=text)
    assert 0 < len(expected) < N
    reloads: list[int] = []
    communities(window).model.loaded.connect(
        lambda: reloads.append(communities(window).model.total)
    )
    qtbot.keyClicks(  # type: ignore[no-untyped-call]
        communities(window).search, text
    )
    qtbot.waitUntil(lambda: communities(window).model.total == len(expected), timeout=3000)
    assert column(communities(window).model, Column.NAME) == [row.name for row in expected]
    assert len(reloads) < len(text)  # debounced: not one query per key
    assert f"{len(expected)} of {N} communities" in communities(window).count_label.text()

    communities(window).search.clear()
    qtbot.waitUntil(lambda: communities(window).model.total == N, timeout=3000)


def test_a_search_with_no_match_says_so(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(  # type: ignore[no-untyped-call]
        communities(window).search, "qqqzzzxxx"
    )
    qtbot.waitUntil(lambda: communities(window).model.total == 0, timeout=3000)
    assert not communities(window).table.isVisible()
    assert communities(window).empty_label.isVisible()
    assert "No communities match" in communities(window).empty_label.text()


def test_clicking_a_header_sorts_through_the_service(
    qtbot: QtBot, window: MainWindow, demo_db: Database
) -> None:
    header = communities(window).table.horizontalHeader()
    before = column(communities(window).model, Column.NAME)
    x = header.sectionViewportPosition(Column.DISTRICT) + header.sectionSize(Column.DISTRICT) // 2
    qtbot.mouseClick(  # type: ignore[no-untyped-call]
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5)
    )
    assert header.sortIndicatorSection() == Column.DISTRICT
    descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    expected = service(demo_db, sort=SortKey.DISTRICT, descending=descending)
    assert column(communities(window).model, Column.NAME) == [row.name for row in expected]
    assert column(communities(window).model, Column.NAME) != before

    communities(window).table.sortByColumn(Column.LAST_ACTIVITY, Qt.SortOrder.DescendingOrder)
    expected = service(demo_db, sort=SortKey.LAST_ACTIVITY, descending=True)
    assert column(communities(window).model, Column.NAME) == [row.name for row in expected]


def test_the_district_filter(qtbot: QtBot, window: MainWindow, demo_db: Database) -> None:
    district = list_districts(demo_db, actor=SYSTEM)[0]
    combo = communities(window).district_filter
    assert combo.count() == len(list_districts(demo_db, actor=SYSTEM)) + 1
    combo.setCurrentIndex(combo.findData(district))
    expected = service(demo_db, district=district)
    assert 0 < communities(window).model.total == len(expected) < N
    assert set(column(communities(window).model, Column.DISTRICT)) == {district}


def test_the_partnership_filter(qtbot: QtBot, window: MainWindow, demo_db: Database) -> None:
    code = service(demo_db)[0].partnership_status
    combo = communities(window).status_filter
    combo.setCurrentIndex(combo.findData(code))
    expected = service(demo_db, partnership_status=code)
    assert communities(window).model.total == len(expected) > 0
    assert column(communities(window).model, Column.NAME) == [row.name for row in expected]


def test_the_title_names_the_file_and_demo_mode(
    qtbot: QtBot, window: MainWindow, demo_db: Database, settings: QSettings
) -> None:
    assert window.windowTitle() == "CLCP Desktop — demo.db — DEMO"
    plain = MainWindow(demo_db, actor=MANAGER, settings=settings, today=TODAY)
    qtbot.addWidget(plain)
    assert plain.windowTitle() == "CLCP Desktop — demo.db"
    assert "DEMO" not in plain.windowTitle()


def test_the_window_remembers_its_size(
    qtbot: QtBot, demo_db: Database, settings: QSettings
) -> None:
    first = MainWindow(demo_db, actor=MANAGER, settings=settings, today=TODAY)
    qtbot.addWidget(first)
    first.show()
    # The offscreen screen is only 800 pixels wide (narrower than the window's minimum),
    # and a restored window is kept on screen: so the height is what can be compared.
    first.resize(first.width(), 520)
    qtbot.waitUntil(lambda: first.size().height() == 520)
    splitter_sizes = [200, first.splitter.width() - 200 - first.splitter.handleWidth()]
    first.splitter.setSizes(splitter_sizes)
    kept = first.splitter.sizes()
    first.close()
    second = MainWindow(demo_db, actor=MANAGER, settings=settings, today=TODAY)
    qtbot.addWidget(second)
    assert second.size().height() == 520
    assert second.splitter.sizes()[0] == kept[0]


def test_quit_is_ctrl_q(window: MainWindow) -> None:
    shortcuts = {action.text(): action.shortcut() for action in window.findChildren(QAction)}
    assert shortcuts["&Quit"] == QKeySequence("Ctrl+Q")


def test_the_app_icon_loads_from_resources(qapp: object) -> None:
    from desktop.gui import ICON_FILE, app_icon

    assert ICON_FILE.is_file()
    icon = app_icon()
    assert icon is not None
    assert not icon.pixmap(32, 32).isNull()


def test_the_status_bar_says_what_is_not_saved(qtbot: QtBot, window: MainWindow) -> None:
    assert window.saved_label.text() == "All changes saved"
    row = communities(window).model.row_at(0)
    window.open_community(str(row.id))
    profile = window.detail.profile  # type: ignore[union-attr]
    profile.field("notes").setPlainText("Market day is Thursday.")
    assert window.saved_label.text() == "1 form has unsaved changes"
    assert window.saved_label.font().bold()
    profile.revert()
    assert window.saved_label.text() == "All changes saved"
    assert not window.saved_label.font().bold()


def test_each_menu_gives_every_entry_its_own_access_key(window: MainWindow) -> None:
    """Two entries of one menu with the same underlined letter make Alt+letter cycle
    between them instead of choosing one."""
    for top in window.menuBar().actions():
        menu = top.menu()
        keys = [
            action.text().split("&", 1)[1][0].lower()
            for action in menu.actions()
            if "&" in action.text() and not action.isSeparator()
        ]
        assert len(keys) == len(set(keys)), (top.text(), keys)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_name_column_shows_whole_names_in_either_direction(
    qtbot: QtBot, qapp: QApplication, demo_db: Database, settings: QSettings, language: str
) -> None:
    """The name is never squeezed to its first letter by longer words in the other columns
    (it was, in an Arabic window, where the name only had the room the others left)."""
    apply_language(language, qapp)
    try:
        window = MainWindow(demo_db, actor=MANAGER, demo=True, settings=settings, today=TODAY)
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        page = communities(window)
        metrics = page.table.fontMetrics()
        shown = [page.model.index(row, Column.NAME).data() for row in range(20)]
        widest = max(metrics.horizontalAdvance(str(name)) for name in shown)
        assert page.table.horizontalHeader().sectionSize(Column.NAME) >= min(widest, 300)
    finally:
        apply_language("en", qapp)
