"""The community list as a Qt table model, loaded page by page from the service.

Only the first page (100 rows) is read when the filters or the sort change; the
view asks for more through ``canFetchMore``/``fetchMore`` as the person scrolls,
so 10,000 communities open as fast as 100. Sorting and filtering are done by the
service's query, never in Python over loaded rows.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Sequence
from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from desktop.i18n import ngettext
from desktop.labels import label
from desktop.services.facade import Services
from desktop.services.queries.attention import Flag, flag_words, flags_summary
from desktop.services.queries.community_list import CommunityQuery, CommunityRow, SortKey
from desktop.views.widgets.attention_mark import attention_icon

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()

COMMUNITY_ID_ROLE = Qt.ItemDataRole.UserRole + 1
"""Custom role: the community's id (a ``uuid.UUID``) for any cell of its row."""


class Column(IntEnum):
    NAME = 0
    DISTRICT = 1
    PARTNERSHIP = 2
    CURRENT_PHASE = 3
    FACILITATOR = 4
    LAST_ACTIVITY = 5
    OPEN_FOLLOW_UPS = 6
    OVERDUE_ACTIONS = 7
    ATTENTION = 8  # what needs attention, as the timeline and the reports say it


SORT_KEYS: dict[Column, SortKey] = {
    Column.NAME: SortKey.NAME,
    Column.DISTRICT: SortKey.DISTRICT,
    Column.PARTNERSHIP: SortKey.PARTNERSHIP_STATUS,
    Column.CURRENT_PHASE: SortKey.CURRENT_PHASE,
    Column.FACILITATOR: SortKey.FACILITATOR,
    Column.LAST_ACTIVITY: SortKey.LAST_ACTIVITY,
    Column.OPEN_FOLLOW_UPS: SortKey.OPEN_FOLLOW_UPS,
    Column.OVERDUE_ACTIONS: SortKey.OVERDUE_ACTIONS,
}
_COLUMNS = tuple(Column)
_ROLES_ANSWERED = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        COMMUNITY_ID_ROLE,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.AccessibleTextRole,
    }
)
NUMERIC_COLUMNS = frozenset({Column.OPEN_FOLLOW_UPS, Column.OVERDUE_ACTIONS})
NUMBER_ALIGNMENT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
TEXT_ALIGNMENT = Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter


def warning_colour(palette: QPalette) -> QColor:
    """A red that reads as "needs attention" on the palette's background, light or dark.

    Qt palettes have no warning role, so pick a dark red on light backgrounds
    and a light red on dark ones.
    """
    if palette.color(QPalette.ColorRole.Base).lightness() >= 128:
        return QColor(0xB3, 0x26, 0x1E)
    return QColor(0xFF, 0x8A, 0x80)


class SelectedRowDelegate(QStyledItemDelegate):
    """Draws a selected row's words in the selection's text colour, whatever the style.

    The model colours some counts (a red overdue count, muted zeros) for plain rows.
    Fusion ignores those colours on a selected row, but other styles keep them, and a
    dark red on the selection's blue reads at about 2:1; on a selected row every cell
    takes the palette's HighlightedText, which the app's palette keeps at 4.5:1 on
    Highlight (the overdue count stays bold, so it still stands out).
    """

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        if not option.state & QStyle.StateFlag.State_Selected:
            return
        palette = QPalette(option.palette)
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            words = palette.brush(group, QPalette.ColorRole.HighlightedText)
            palette.setBrush(group, QPalette.ColorRole.Text, words)
        option.palette = palette


class CommunityTableModel(QAbstractTableModel):
    """Rows of :func:`list_communities` for the current filters and sort, fetched lazily."""

    # Three screens full: more come as the person scrolls. Each row's computed columns
    # (phase, follow-ups, overdue actions...) cost a few queries, so a keystroke that
    # reloads the list stays quick.
    PAGE_SIZE = 100

    loaded = Signal()
    """Emitted after the rows were reloaded (new filters or sort): ``total`` may have changed."""

    def __init__(
        self, services: Services, *, today: date | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._query = CommunityQuery(limit=self.PAGE_SIZE, today=today)
        self._rows: list[CommunityRow] = []
        self._flags: dict[uuid.UUID, tuple[Flag, ...]] = {}
        self._total = 0
        self._labels: dict[str, str] = {}
        self._headers = {
            Column.NAME: self.tr("Name"),
            Column.DISTRICT: self.tr("District"),
            Column.PARTNERSHIP: self.tr("Partnership"),
            Column.CURRENT_PHASE: self.tr("Current phase"),
            Column.FACILITATOR: self.tr("Facilitator"),
            Column.LAST_ACTIVITY: self.tr("Last activity"),
            Column.OPEN_FOLLOW_UPS: self.tr("Open follow-ups"),
            Column.OVERDUE_ACTIONS: self.tr("Overdue actions"),
            Column.ATTENTION: self.tr("Needs attention"),
        }
        self._header_tips = {
            Column.CURRENT_PHASE: self.tr("The phase of a running cycle the community is in today"),
            Column.LAST_ACTIVITY: self.tr("Date of the latest meeting or reflection"),
            Column.OPEN_FOLLOW_UPS: self.tr("Follow-ups from mentor reviews not yet done"),
            Column.OVERDUE_ACTIONS: self.tr("Planned or under-way actions past their due date"),
            Column.ATTENTION: self.tr(
                "Why the community needs attention and since when, as the office timeline "
                "and the monitoring report say it"
            ),
        }
        self.reload()

    # --- what is shown ----------------------------------------------------------------

    @property
    def query(self) -> CommunityQuery:
        return self._query

    @property
    def total(self) -> int:
        """How many communities match the filters (loaded or not)."""
        return self._total

    def set_filters(
        self,
        *,
        text: str = "",
        district: str = "",
        partnership_status: str = "",
        phase: str = "",
        facilitator: str = "",
    ) -> None:
        """Show only communities matching these (empty means any); reloads if they changed."""
        wanted = dataclasses.replace(
            self._query,
            text=text,
            district=district,
            partnership_status=partnership_status,
            phase=phase,
            facilitator=facilitator,
        )
        if wanted != self._query:
            self._query = wanted
            self.reload()

    def reload(self) -> None:
        """Read the first page again (after a write elsewhere, or new filters or sort)."""
        page = self._services.list_communities(dataclasses.replace(self._query, offset=0))
        self.beginResetModel()
        self._rows = list(page.items)
        self._flags = {}
        self._read_flags(self._rows)
        self._total = page.total
        self.endResetModel()
        self.loaded.emit()

    def row_at(self, row: int) -> CommunityRow:
        return self._rows[row]

    def flags_of(self, community_id: uuid.UUID) -> tuple[Flag, ...]:
        """The flags the list shows for a loaded community."""
        return self._flags.get(community_id, ())

    def _read_flags(self, rows: Sequence[CommunityRow]) -> None:
        """The flags of newly loaded rows, read for those rows only (a page at a time)."""
        today = self._query.today or date.today()
        found = self._services.reads.attention([row.id for row in rows], today)
        self._flags.update({cid: item.flags for cid, item in found.items()})

    def row_of(self, community_id: object) -> int:
        """The loaded row showing ``community_id``, or -1."""
        return next((n for n, row in enumerate(self._rows) if row.id == community_id), -1)

    # --- QAbstractTableModel ----------------------------------------------------------

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(Column)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: Index) -> None:
        if not self.canFetchMore(parent):
            return
        query = dataclasses.replace(self._query, offset=len(self._rows))
        items = self._services.list_communities(query).items
        if not items:  # rows were deleted meanwhile: stop asking
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self._read_flags(items)
        self.beginInsertRows(ROOT, first, first + len(items) - 1)
        self._rows.extend(items)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column not in SORT_KEYS:
            return
        wanted = dataclasses.replace(
            self._query,
            sort=SORT_KEYS[Column(column)],
            descending=order == Qt.SortOrder.DescendingOrder,
        )
        if wanted != self._query:  # the view sorts once when sorting is switched on
            self._query = wanted
            self.reload()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        column = Column(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._header_tips.get(column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return NUMBER_ALIGNMENT if column in NUMERIC_COLUMNS else TEXT_ALIGNMENT
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The view asks for a dozen roles per painted cell: answer the others at once.
        if role not in _ROLES_ANSWERED or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = _COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == COMMUNITY_ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return NUMBER_ALIGNMENT if column in NUMERIC_COLUMNS else TEXT_ALIGNMENT
        if column == Column.ATTENTION:
            return self._attention(row, role)
        overdue = column == Column.OVERDUE_ACTIONS and row.overdue_actions > 0
        if role == Qt.ItemDataRole.ForegroundRole:
            if overdue:
                return QBrush(warning_colour(QGuiApplication.palette()))
            if column in NUMERIC_COLUMNS and self._display(row, column) == 0:
                # Muted zeros let the counts that need attention stand out.
                return QGuiApplication.palette().brush(QPalette.ColorRole.PlaceholderText)
            return None
        if role == Qt.ItemDataRole.FontRole and overdue:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and overdue:
            return ngettext(
                "{n} action past the due date",
                "{n} actions past the due date",
                row.overdue_actions,
            ).format(n=row.overdue_actions)
        return None

    def _attention(self, row: CommunityRow, role: int) -> Any:
        """The attention cell: the mark and the flags' words; the tooltip and a screen
        reader get every flag on its own line."""
        flags = self._flags.get(row.id, ())
        if not flags:
            return None
        today = self._query.today or date.today()
        if role == Qt.ItemDataRole.DecorationRole:
            return attention_icon()
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            lines = [flag_words(flag, today, names=True) for flag in flags]
            return "\n".join([self.tr("Needs attention:"), *lines])
        return None

    def _words(self, code: str) -> str:
        """The label of a stored code, looked up once per model, not once per painted cell."""
        words = self._labels.get(code)
        if words is None:
            words = self._labels[code] = label(code)
        return words

    def _display(self, row: CommunityRow, column: Column) -> str | int:
        if column == Column.NAME:
            return row.name
        if column == Column.DISTRICT:
            return row.district
        if column == Column.PARTNERSHIP:
            return self._words(row.partnership_status)
        if column == Column.CURRENT_PHASE:
            return self._words(row.current_phase) if row.current_phase else ""
        if column == Column.FACILITATOR:
            return row.facilitator or ""
        if column == Column.LAST_ACTIVITY:
            return _short_date(row.last_activity)
        if column == Column.OPEN_FOLLOW_UPS:
            return row.open_follow_ups
        if column == Column.ATTENTION:
            today = self._query.today or date.today()
            return flags_summary(self._flags.get(row.id, ()), today)
        return row.overdue_actions


def _short_date(value: date | None) -> str:
    """The date in the person's language with the month in words ("22 Sep 2026"), the way
    the timeline writes it: a short numeric date reads two ways across offices (9/10/26);
    ISO (2025-06-02) when the locale is plain "C"."""
    if value is None:
        return ""
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return value.isoformat()
    return locale.toString(QDate(value.year, value.month, value.day), "d MMM yyyy")
