"""Which communities the office timeline shows, and in what order: district, facilitator and
partnership status (each "all" at first), and the sort that puts the longest without a
meeting, or the most overdue, on top. The districts offered are those the person may read.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from desktop.labels import labels
from desktop.models.enums import PartnershipStatus
from desktop.services.queries.timeline import OfficeQuery
from desktop.views.shell.context import AppContext

SORTS = ("name", "meeting", "overdue")


class OfficeFilters(QWidget):
    """The row of filters, with ``summary`` (what the filters left) beside them."""

    #: A filter or the sort changed.
    changed = Signal()

    def __init__(self, context: AppContext, summary: QLabel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.district = QComboBox()
        self.facilitator = QComboBox()
        self.status = QComboBox()
        self.sort = QComboBox()
        self.district.addItem(self.tr("All districts"), "")
        for district in context.services.list_districts():  # the actor's own reach
            self.district.addItem(district, district)
        self.facilitator.addItem(self.tr("All facilitators"), "")
        users = context.services.users.list(where={"role": "facilitator"}).items
        for user in users:
            self.facilitator.addItem(
                user.data.display_name or user.data.username, user.data.username
            )
        self.status.addItem(self.tr("All partnership statuses"), "")
        for code, label in labels(PartnershipStatus).items():
            self.status.addItem(label, code)
        for key, label in zip(SORTS, self._sort_names(), strict=True):
            self.sort.addItem(label, key)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for combo, name in (
            (self.district, self.tr("District")),
            (self.facilitator, self.tr("Facilitator")),
            (self.status, self.tr("Partnership status")),
            (self.sort, self.tr("Sort")),
        ):
            combo.setAccessibleName(name)
            combo.currentIndexChanged.connect(self.changed)
            row.addWidget(combo)
        row.addWidget(summary, 1)

    def _sort_names(self) -> tuple[str, str, str]:
        return (
            self.tr("Sort by name"),
            self.tr("Longest without a meeting first"),
            self.tr("Needs attention first"),
        )

    def query(self) -> OfficeQuery:
        """The communities the filters choose."""
        return OfficeQuery(
            district=str(self.district.currentData() or ""),
            facilitator=str(self.facilitator.currentData() or ""),
            partnership_status=str(self.status.currentData() or ""),
        )

    def sort_key(self) -> str:
        """One of :data:`SORTS`."""
        return str(self.sort.currentData() or "name")
