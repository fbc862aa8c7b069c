"""Small read-only record lists (a community's cycles, a status history): one way to build them.

For short lists only; long lists get a lazy ``QAbstractTableModel`` over a service query.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem
from shiboken6 import isValid

RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def record_table(headers: Sequence[str], accessible_name: str, *, stretch: int = 0) -> QTableWidget:
    """A read-only table that selects whole rows; column ``stretch`` takes the spare width."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setAccessibleName(accessible_name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    tab_stop_when_filled(table)
    return table


def tab_stop_when_filled(view: QAbstractItemView) -> None:
    """Let Tab stop on ``view`` only while it has rows: an empty list has nothing to pick,
    and a focused empty list shows no focus mark, so the person would seem lost."""
    _TabStopWhenFilled(view)


class _TabStopWhenFilled(QObject):
    """A child of the view, so its connections end with the view."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view
        model = view.model()
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset):
            signal.connect(self._update)
        self._update()

    def _update(self, *_args: object) -> None:
        if not isValid(self._view):  # the model empties itself while the view is deleted
            return
        filled = self._view.model().rowCount() > 0
        policy = Qt.FocusPolicy.StrongFocus if filled else Qt.FocusPolicy.NoFocus
        self._view.setFocusPolicy(policy)


def fill_table(table: QTableWidget, rows: Sequence[tuple[Any, Sequence[object]]]) -> None:
    """Replace the rows: each is (record id, cell values); the id is kept on every cell."""
    table.setRowCount(0)
    table.setRowCount(len(rows))
    for n, (record_id, cells) in enumerate(rows):
        for column, value in enumerate(cells):
            item = QTableWidgetItem("" if value is None else str(value))
            item.setData(RECORD_ID_ROLE, record_id)
            table.setItem(n, column, item)
    if rows:
        table.selectRow(0)


def selected_id(table: QTableWidget) -> Any:
    """The record id of the selected row, or None."""
    item = table.item(table.currentRow(), 0) if table.currentRow() >= 0 else None
    return item.data(RECORD_ID_ROLE) if item is not None else None
