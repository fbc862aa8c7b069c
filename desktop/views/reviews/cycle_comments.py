"""Comments inside the cycle workspace: the threads of whichever record is selected, and
on every listed record a small bubble with the number of its unresolved threads.

The workspace hands :class:`CycleComments` its sections and the kind of record each
lists; it calls ``page_shown`` when a section is shown and ``refresh_marks`` after
its lists were refreshed.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPalette, QPolygonF
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import ngettext
from desktop.services.framework.errors import ServiceError
from desktop.views.cycle.section import RecordSection
from desktop.views.forms.tables import RECORD_ID_ROLE
from desktop.views.reviews.comment_panel import CommentsPanel
from desktop.views.shell.context import AppContext
from desktop.views.widgets.drawn_icon import drawn_icon

#: Where a cell keeps its own tooltip, so the note on comments can change.
_OWN_TIP_ROLE = RECORD_ID_ROLE + 1
#: Qt's "no maximum" for a widget's size.
_NO_MAXIMUM = (1 << 24) - 1


class RecordComments(QWidget):
    """The comments on whichever record of a cycle is selected (for the cycle workspace).

    ``show_record(kind, id, name)`` shows that record's threads; ``show_record(None)``
    asks to select a record. The panel is kept while the same record is shown, so a
    list that refreshes and selects that record again does not lose what was typed.
    While no record is selected, or the selected one has no comments, only a one-line
    bar is shown (its button opens the panel), so the section above keeps the room.
    """

    def __init__(
        self, context: AppContext, cycle_id: uuid.UUID, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.cycle_id = cycle_id
        self.panel: CommentsPanel | None = None
        self._key: tuple[str, uuid.UUID] | None = None
        #: Whether the panel was opened on a record that had no comments yet.
        self._opened = False
        self._name = ""
        self.title = QLabel()
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.hint = QLabel(self.tr("Select a record above to read its comments or add one."))
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        # one line that may be cut short on a narrow window, never a second line
        self.hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.open_button = QPushButton(self.tr("Add a c&omment…"))
        self.open_button.setToolTip(self.tr("Open the comments of this record to write one"))
        self.open_button.clicked.connect(self.open_panel)
        bar = QHBoxLayout()
        bar.addWidget(self.title)
        bar.addWidget(self.hint, 1)
        bar.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignRight)
        self._column = QVBoxLayout(self)
        self._column.setContentsMargins(0, 6, 0, 0)
        self._column.addLayout(bar)
        self.show_record(None)

    def shown(self) -> tuple[str, uuid.UUID] | None:
        """The record whose comments are shown (perhaps as the one-line bar), as (kind, id)."""
        if self.panel is None or not self.hint.isHidden():
            return None
        return self.panel.subject_kind, self.panel.subject_id

    def is_compact(self) -> bool:
        """Whether only the one-line bar is shown."""
        return self.panel is None or self.panel.isHidden()

    def show_record(
        self, kind: str | None, record_id: uuid.UUID | None = None, name: str = ""
    ) -> None:
        if kind is None or record_id is None:
            self.title.setText(self.tr("Comments"))
            self.hint.show()
            self.open_button.hide()
            if self.panel is not None:
                self.panel.hide()
            self._fit()
            return
        self.hint.hide()
        if self._key != (kind, record_id):
            # Set first: showing comments marks them read, which refreshes the lists,
            # which select this record again while the panel is being made.
            self._key = (kind, record_id)
            self._opened = False
            self._replace_panel(kind, record_id)
        metrics = self.title.fontMetrics()
        room = metrics.averageCharWidth() * 32  # the bar stays narrower than the lists
        self._name = metrics.elidedText(" ".join(name.split()), Qt.TextElideMode.ElideRight, room)
        self._show_panel_or_bar()

    def open_panel(self) -> None:
        """Show the comments panel of the record in the bar, ready to write."""
        self._opened = True
        self._show_panel_or_bar()
        if self.panel is not None:
            self.panel.editor.setFocus()

    def _show_panel_or_bar(self) -> None:
        if self.panel is None:
            return
        full = self._opened or self.panel.tree.topLevelItemCount() > 0
        metrics = self.title.fontMetrics()  # the record as the panel names it, on one line
        heading = self.panel.heading(full)
        room = metrics.averageCharWidth() * 72
        self.title.setText(metrics.elidedText(heading, Qt.TextElideMode.ElideRight, room))
        self.open_button.setVisible(not full)
        self.panel.setVisible(full)
        self._fit()

    def _fit(self) -> None:
        """Keep the widget to its bar while compact; when the panel opens, ask the
        splitter holding it for room enough to read and write."""
        if not self.is_compact():
            self.setMaximumHeight(_NO_MAXIMUM)
            splitter = self.parentWidget()
            if isinstance(splitter, QSplitter):
                _make_room(splitter, splitter.indexOf(self), self.minimumSizeHint().height())
            return
        self._column.activate()
        self.setMaximumHeight(self._column.sizeHint().height())

    def _replace_panel(self, kind: str, record_id: uuid.UUID) -> None:
        old, self.panel = self.panel, None
        if old is not None:
            old.hide()
            self._column.removeWidget(old)
            old.deleteLater()
        panel = CommentsPanel(self.context, self.cycle_id, kind, record_id)
        lines = panel.fontMetrics().lineSpacing()
        panel.setMinimumHeight(lines * 6)
        # under a section there is less room: three lines to write in leave more to read
        panel.editor.setMaximumHeight(lines * 3 + 12)
        self._column.addWidget(panel, 1)
        self.panel = panel


def _make_room(splitter: QSplitter, index: int, least: int) -> None:
    """Give the ``index`` part of ``splitter`` two fifths of it (``least`` at the least),
    taking the room from the other parts in proportion."""
    sizes = splitter.sizes()
    total = sum(sizes)
    wanted = max(least, total * 2 // 5)
    if index < 0 or total <= 0 or sizes[index] >= wanted:
        return
    others = max(total - sizes[index], 1)
    spare = total - wanted
    splitter.setSizes(
        [wanted if i == index else size * spare // others for i, size in enumerate(sizes)]
    )


_ICON_ROOM = "clcpCommentIconRoom"


def mark_open_threads(
    table: QTableWidget, kind: str, counts: Mapping[tuple[str, uuid.UUID], int]
) -> None:
    """Show, on the first cell of each row of ``table`` (records of ``kind``, their ids
    under ``RECORD_ID_ROLE``), how many unresolved comment threads the record has."""
    for row in range(table.rowCount()):
        item = table.item(row, 0)
        if item is None:
            continue
        record_id = item.data(RECORD_ID_ROLE)
        count = counts.get((kind, record_id), 0) if isinstance(record_id, uuid.UUID) else 0
        item.setIcon(_count_icon(count) if count else QIcon())
        if item.data(_OWN_TIP_ROLE) is None:  # the cell's tooltip before any note
            item.setData(_OWN_TIP_ROLE, item.toolTip())
        own = str(item.data(_OWN_TIP_ROLE))
        note = (
            ngettext("{n} open comment thread", "{n} open comment threads", count).format(n=count)
            if count
            else ""
        )
        item.setToolTip(f"{own}\n{note}" if note else own)
        item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, note)
        if count and not table.property(_ICON_ROOM):  # once: room for the bubble
            table.setProperty(_ICON_ROOM, True)
            table.setColumnWidth(0, table.columnWidth(0) + table.iconSize().width() + 6)


def _count_icon(count: int) -> QIcon:
    """A small speech bubble with the number in it."""
    text = str(count) if count < 100 else "99+"

    def draw(painter: QPainter) -> None:
        painter.setBrush(QColor("#1f6fb2"))
        painter.setPen(Qt.PenStyle.NoPen)
        bubble = QRectF(0, 0, 16, 13)
        painter.drawRoundedRect(bubble, 3, 3)
        painter.drawPolygon(QPolygonF([QPointF(3, 12), QPointF(8, 12), QPointF(3, 16)]))
        font = QFont()
        font.setPixelSize(11 if len(text) == 1 else 8)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(bubble, Qt.AlignmentFlag.AlignCenter, text)

    return drawn_icon(draw)


class CycleComments(RecordComments):
    """The comments of the record selected in the shown section of a cycle workspace."""

    def __init__(
        self,
        context: AppContext,
        cycle_id: uuid.UUID,
        sections: Mapping[RecordSection, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(context, cycle_id, parent)
        #: Each section, and the kind of record (for comments) it lists.
        self.sections = dict(sections)
        self._page: QWidget | None = None
        for section in self.sections:
            section.table.itemSelectionChanged.connect(self._follow_selection)

    def page_shown(self, page: QWidget | None) -> None:
        """A section of the workspace is shown (``page`` may hold more than one list)."""
        self._page = page
        self.refresh_marks()
        self._follow_selection()

    def refresh_marks(self) -> None:
        """Count the unresolved threads again and show them on the lists."""
        try:
            counts = self.context.services.comments.open_threads(self.cycle_id)
        except ServiceError:
            counts = {}
        for section, kind in self.sections.items():
            mark_open_threads(section.table, kind, counts)

    def _follow_selection(self) -> None:
        page = self._page
        for section, kind in self.sections.items():
            if page is None or not (section is page or page.isAncestorOf(section)):
                continue
            record = section.current()
            if record is not None:
                rows = section.table.selectionModel().selectedRows()
                cell = section.table.item(rows[0].row(), section.stretch_column()) if rows else None
                self.show_record(kind, record.id, cell.text() if cell is not None else "")
                return
        self.show_record(None)
