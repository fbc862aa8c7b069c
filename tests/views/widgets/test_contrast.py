"""Every colour pair the app sets reads at WCAG AA: 4.5:1 for text, 3:1 for chart marks.

The pairs are found, not listed by hand: the palette roles the app draws text with, every
colour in the screens' style sheets, the colours the community list's model gives its
cells (on a normal and on a selected row, as painted), and the timelines' text on fills.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleOption,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

import desktop.views
from desktop.services.queries.community_list import CommunityQuery
from desktop.services.queries.timeline import (
    ACTION_COLOURS,
    FALLBACK_COLOUR,
    MARKER_COLOURS,
    OVERDUE_COLOUR,
    PHASE_COLOURS,
    text_colour_on,
)
from desktop.storage import Database, open_database
from desktop.views.communities.list_page import CommunityListPage
from desktop.views.communities.table_model import Column, CommunityTableModel, warning_colour
from desktop.views.forms.form import error_palette
from desktop.views.shell.context import AppContext
from desktop.views.timeline.drawing import action_text_colour, phase_text_colour
from desktop.views.widgets.palette import (
    LARGE_CONTRAST,
    TEXT_CONTRAST,
    TEXT_PAIRS,
    apply_app_palette,
    contrast_ratio,
    corrected_palette,
)
from tests.views.community_screens_support import MANAGER, TODAY, ini_settings, make_demo
from tests.views.shots import save_shot

VIEWS = Path(desktop.views.__file__).parent
GROUPS = (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive)
COLOUR = re.compile(r"(?<![-\w])(background|color)\s*:\s*(#[0-9a-fA-F]{3,8}|[a-z]+)\s*;?")


@pytest.fixture(autouse=True)
def app_palette(qapp: QApplication) -> Iterator[None]:
    saved = QPalette(qapp.palette())
    apply_app_palette(qapp)
    yield
    qapp.setPalette(saved)


def test_every_text_role_of_the_palette_reads_at_aa() -> None:
    palette = QGuiApplication.palette()
    low = {
        (f"{group.name} {text.name} on {back.name}", round(ratio, 2))
        for group in GROUPS
        for text, back in TEXT_PAIRS
        if (ratio := contrast_ratio(palette.color(group, text), palette.color(group, back)))
        < TEXT_CONTRAST
    }
    assert low == set()


def test_the_correction_fixes_the_styles_own_palette() -> None:
    """Qt's own palette fails (hints 3.9:1, selection 3.7:1); corrected, it passes."""
    style = QApplication.style().standardPalette()
    before = contrast_ratio(
        style.color(QPalette.ColorRole.PlaceholderText), style.color(QPalette.ColorRole.Window)
    )
    fixed = corrected_palette(style)
    for text, back in TEXT_PAIRS:
        assert contrast_ratio(fixed.color(text), fixed.color(back)) >= TEXT_CONTRAST, text.name
    assert before < TEXT_CONTRAST  # the test would catch the old colours


def test_a_dark_palette_is_corrected_too() -> None:
    dark = QPalette(QColor("#2b2b2b"))  # the roles Qt derives from one dark window colour
    dark.setColor(QPalette.ColorRole.PlaceholderText, QColor(255, 255, 255, 80))
    dark.setColor(QPalette.ColorRole.Highlight, QColor("#3daee9"))
    fixed = corrected_palette(dark)
    for text, back in TEXT_PAIRS:
        if text in (QPalette.ColorRole.PlaceholderText, QPalette.ColorRole.HighlightedText):
            assert contrast_ratio(fixed.color(text), fixed.color(back)) >= TEXT_CONTRAST


def style_sheet_colours() -> list[tuple[str, str, str | None]]:
    """(file, text colour, background or None) of every style sheet string in the screens."""
    found = []
    for path in sorted(VIEWS.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "setStyleSheet"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                sheet = dict((k, v) for k, v in COLOUR.findall(node.args[0].value))
                if "color" in sheet:
                    found.append((path.name, sheet["color"], sheet.get("background")))
    return found


def test_every_style_sheet_colour_reads_on_its_background() -> None:
    found = style_sheet_colours()
    assert found  # the scan finds the error colours of the password forms
    palette = QGuiApplication.palette()
    for name, text, background in found:
        backs = (
            [QColor(background)]
            if background and QColor.isValidColorName(background)
            else [palette.color(QPalette.ColorRole.Window), palette.color(QPalette.ColorRole.Base)]
        )
        for back in backs:
            assert contrast_ratio(QColor(text), back) >= TEXT_CONTRAST, (name, text, back.name())


def test_error_messages_of_forms_read_at_aa() -> None:
    label = QLabel()
    error_palette(label)
    palette = label.palette()
    assert (
        contrast_ratio(
            palette.color(QPalette.ColorRole.WindowText), palette.color(QPalette.ColorRole.Window)
        )
        >= TEXT_CONTRAST
    )


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(make_demo(tmp_path / "demo.db", communities=30))
    yield database
    database.close()


def cell_colour(model: CommunityTableModel, row: int, column: Column) -> QColor | None:
    brush = model.data(model.index(row, column), Qt.ItemDataRole.ForegroundRole)
    return brush.color() if isinstance(brush, QBrush) else None


def test_the_community_list_colours_read_on_plain_alternate_and_selected_rows(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    context = AppContext.create(db, MANAGER, settings=ini_settings(tmp_path), today=TODAY)
    model = CommunityTableModel(context.services, today=TODAY)
    model.sort(Column.OVERDUE_ACTIONS, Qt.SortOrder.DescendingOrder)
    rows = context.services.list_communities(CommunityQuery(limit=0, today=TODAY)).total
    assert rows > 0
    palette = QGuiApplication.palette()
    backs = [
        palette.color(QPalette.ColorRole.Base),
        palette.color(QPalette.ColorRole.AlternateBase),
    ]
    names = {
        colour.name(QColor.NameFormat.HexArgb)
        for row in range(model.rowCount())
        for column in (Column.OPEN_FOLLOW_UPS, Column.OVERDUE_ACTIONS)
        if (colour := cell_colour(model, row, column)) is not None
    }
    red = warning_colour(palette).name(QColor.NameFormat.HexArgb)
    assert red in names  # a red overdue count is on the list
    assert len(names) >= 2  # and a muted zero
    for name in names:
        colour = QColor(name)
        for back in backs:
            assert contrast_ratio(colour, back) >= TEXT_CONTRAST, colour.name()


class KeepsItemColours(QProxyStyle):
    """Like the styles that keep an item's own text colour on a selected row (Fusion
    does not): a selected item is painted with its Text colour, not HighlightedText."""

    def drawControl(
        self,
        element: QStyle.ControlElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        if element == QStyle.ControlElement.CE_ItemViewItem and isinstance(
            option, QStyleOptionViewItem
        ):
            option = QStyleOptionViewItem(option)
            palette = QPalette(option.palette)
            for group in GROUPS:
                palette.setBrush(
                    group,
                    QPalette.ColorRole.HighlightedText,
                    palette.brush(group, QPalette.ColorRole.Text),
                )
            option.palette = palette
        super().drawControl(element, option, painter, widget)


def selected_overdue_contrast(qtbot: QtBot, view: QTableView, name: str, tmp_path: Path) -> float:
    """The strongest contrast painted in a selected row's red overdue count."""
    model = view.model()
    assert isinstance(model, CommunityTableModel)
    model.sort(Column.OVERDUE_ACTIONS, Qt.SortOrder.DescendingOrder)
    window = view.window()
    window.resize(1300, 500)
    window.show()
    qtbot.waitExposed(window)
    view.setFocus()
    view.selectionModel().select(
        model.index(0, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    assert model.data(model.index(0, Column.OVERDUE_ACTIONS)) > 0
    view.scrollTo(model.index(0, Column.OVERDUE_ACTIONS))  # it may sit right of the screen
    image = view.viewport().grab().toImage()
    save_shot(image, name, tmp_path)
    rect = view.visualRect(model.index(0, Column.OVERDUE_ACTIONS)).adjusted(2, 2, -2, -2)
    ground = QColor(image.pixel(rect.left() + 1, rect.top() + 1))
    assert ground == view.palette().color(QPalette.ColorRole.Highlight)
    return max(
        contrast_ratio(QColor(image.pixel(x, y)), ground)
        for x in range(rect.left(), rect.right())
        for y in range(rect.top(), rect.bottom())
    )


@pytest.mark.parametrize("style", ["Fusion", "keeps item colours"])
def test_a_selected_overdue_count_reads_whatever_the_style(
    qtbot: QtBot, db: Database, tmp_path: Path, style: str
) -> None:
    """The community list as built by its page: under Fusion and under a style that
    keeps the item's red on the selection, the selected count reads at 4.5:1."""
    context = AppContext.create(db, MANAGER, settings=ini_settings(tmp_path), today=TODAY)
    page = CommunityListPage(context)
    qtbot.addWidget(page)
    base = QStyleFactory.create("Fusion")
    page.table.setStyle(base if style == "Fusion" else KeepsItemColours(base))
    shot = "selected-overdue-row-" + style.replace(" ", "-")
    assert selected_overdue_contrast(qtbot, page.table, shot, tmp_path) >= TEXT_CONTRAST


def test_without_the_delegate_such_a_style_paints_red_on_the_selection(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    """What the previous test guards against: the plain delegate leaves the red as is."""
    context = AppContext.create(db, MANAGER, settings=ini_settings(tmp_path), today=TODAY)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(CommunityTableModel(context.services, today=TODAY))
    view.setStyle(KeepsItemColours(QStyleFactory.create("Fusion")))
    assert selected_overdue_contrast(qtbot, view, "selected-overdue-red", tmp_path) < TEXT_CONTRAST


def test_timeline_text_on_fills_and_marks_on_white() -> None:
    """Words inside bars at 4.5:1; markers, overdue and "today" marks at 3:1 on the page."""
    for status, fill in ACTION_COLOURS.items():
        assert contrast_ratio(action_text_colour(status), QColor(fill)) >= TEXT_CONTRAST, status
    for kind, fill in PHASE_COLOURS.items():
        assert contrast_ratio(phase_text_colour(kind), QColor(fill)) >= TEXT_CONTRAST, kind
    white = QColor("white")
    for entity, colour in MARKER_COLOURS.items():
        assert contrast_ratio(QColor(colour), white) >= LARGE_CONTRAST, entity
    assert contrast_ratio(QColor(OVERDUE_COLOUR), white) >= LARGE_CONTRAST


#: What the timelines are drawn on: the page (screen and PDF) and the office timeline's
#: alternate rows.
TIMELINE_GROUNDS = ("#FFFFFF", "#F7F9FB")


def test_phase_bars_stand_out_from_the_timeline_and_carry_readable_words() -> None:
    """A phase bar is a chart mark (3:1 on the page, and as a swatch in the legend on the
    window's colour); its name on it is text (4.5:1)."""
    window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    grounds = [QColor(ground) for ground in TIMELINE_GROUNDS] + [window]
    for kind, fill in {**PHASE_COLOURS, "unknown": FALLBACK_COLOUR}.items():
        for ground in grounds:
            assert contrast_ratio(QColor(fill), ground) >= LARGE_CONTRAST, (kind, ground.name())
        assert contrast_ratio(phase_text_colour(kind), QColor(fill)) >= TEXT_CONTRAST, kind
    # Neighbouring phases differ in lightness, not only in hue: some carry white words.
    words = {text_colour_on(fill) for fill in PHASE_COLOURS.values()}
    assert len(words) == 2


def test_the_pdf_writes_on_every_fill_in_a_colour_that_reads() -> None:
    """The timeline PDF and the screens share one rule for words on a bar."""
    for fill in (*PHASE_COLOURS.values(), *ACTION_COLOURS.values(), FALLBACK_COLOUR):
        assert contrast_ratio(QColor(text_colour_on(fill)), QColor(fill)) >= TEXT_CONTRAST, fill
