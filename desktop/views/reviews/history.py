"""A community's reviews side by side: benchmarks down the side, one review per column.

Each cell shows the rating with a mark and a word; the mentor's comment is in the
cell's tooltip and in the panel under the table when the cell is selected, so change
over cycles can be read at a glance and the reasons looked up.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.labels import label, labels
from desktop.models.enums import Benchmark
from desktop.services.framework.errors import ServiceError
from desktop.services.queries.mentoring import ReviewSnapshot
from desktop.views.communities.widget import CommunityWidget
from desktop.views.reviews.labels import rating_text
from desktop.views.shell.context import AppContext

_ID_ROLE = Qt.ItemDataRole.UserRole


class ReviewHistoryTable(CommunityWidget):
    """Every review of one community, oldest on the left."""

    #: A review's column was double-clicked (or Enter pressed): (cycle id, review id).
    open_review = Signal(str, str)

    def __init__(
        self, context: AppContext, community_id: uuid.UUID, parent: QWidget | None = None
    ) -> None:
        super().__init__(context, community_id, parent)
        self.reviews: list[ReviewSnapshot] = []
        self.table = QTableWidget()
        self.table.setAccessibleName(self.tr("Earlier reviews side by side"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        columns = self.table.horizontalHeader()
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        columns.setDefaultSectionSize(self.fontMetrics().horizontalAdvance("M" * 11))
        columns.setStretchLastSection(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.currentCellChanged.connect(lambda row, column, *_: self._explain(row, column))
        self.table.activated.connect(lambda index: self._open(index.column()))
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.empty = QLabel(self.tr("This community has no reviews yet."))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        self.refresh()

    def refresh(self) -> None:
        try:
            self.reviews = self.context.services.reads.review_history(self.community_id)
        except ServiceError:
            self.reviews = []
        if not self.context.services.can("read", "mentor_review", self.community_id):
            self.reviews = []
        benchmarks = labels(Benchmark)
        rows = [*benchmarks.values(), self.tr("Open follow-ups"), self.tr("Signed off")]
        self.table.clear()
        self.table.setRowCount(len(rows))
        self.table.setColumnCount(len(self.reviews))
        self.table.setVerticalHeaderLabels(rows)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Cycle {number}\n{day}\n{mentor}").format(
                    number=r.cycle_number, day=r.reviewed_on.isoformat(), mentor=r.mentor
                )
                for r in self.reviews
            ]
        )
        for column, review in enumerate(self.reviews):
            for row, code in enumerate(benchmarks):
                rating, comment = review.ratings.get(code, ("", ""))
                self._set(row, column, rating_text(rating), comment)
            self._set(len(benchmarks), column, str(review.open_follow_ups), "")
            signed = (
                self.tr("{phase}, {day}").format(
                    phase=label(review.signed_off_phase),
                    day=review.signed_off_on.isoformat(),
                )
                if review.signed_off_on
                else self.tr("No")
            )
            self._set(len(benchmarks) + 1, column, signed, review.overall_comment)
        self.empty.setVisible(not self.reviews)
        self.table.setVisible(bool(self.reviews))
        self.detail.setText(self.tr("Select a rating to read the mentor's comment."))

    def _set(self, row: int, column: int, text: str, note: str) -> None:
        item = QTableWidgetItem(text)
        item.setToolTip(note)
        item.setData(_ID_ROLE, note)
        self.table.setItem(row, column, item)

    def _explain(self, row: int, column: int) -> None:
        item = self.table.item(row, column)
        if item is None or column >= len(self.reviews):
            return
        header = self.table.verticalHeaderItem(row)
        note = str(item.data(_ID_ROLE) or "") or self.tr("No comment.")
        heading = header.text() if header is not None else ""
        self.detail.setText(f"{heading} - {item.text()}: {note}")

    def _open(self, column: int) -> None:
        if 0 <= column < len(self.reviews):
            review = self.reviews[column]
            self.open_review.emit(str(review.cycle_id), str(review.review_id))


class ReviewHistoryDialog(QDialog):
    """The history table in a window of its own (from the mentor's home)."""

    def __init__(
        self,
        context: AppContext,
        community_id: uuid.UUID,
        title: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Reviews of {community}").format(community=title))
        self.history = ReviewHistoryTable(context, community_id)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.history, 1)
        layout.addWidget(buttons)
        self.resize(900, 520)
