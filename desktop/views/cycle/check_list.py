"""A list of check boxes whose value is the set of checked ids (formal actors, actions)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

_ID_ROLE = Qt.ItemDataRole.UserRole


class CheckList(QListWidget):
    changed = Signal()

    def __init__(
        self, choices: Sequence[tuple[uuid.UUID, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        for record_id, text in choices:
            item = QListWidgetItem(text)
            item.setData(_ID_ROLE, record_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.addItem(item)
        rows = min(max(self.count(), 2), 6)
        self.setMaximumHeight(self.sizeHintForRow(0) * rows + 8 if self.count() else 60)
        self.itemChanged.connect(lambda _item: self.changed.emit())

    def entries(self) -> list[QListWidgetItem]:
        return [self.item(row) for row in range(self.count())]

    def value(self) -> frozenset[uuid.UUID]:
        return frozenset(
            item.data(_ID_ROLE)
            for item in self.entries()
            if item.checkState() == Qt.CheckState.Checked
        )

    def set_value(self, value: Iterable[uuid.UUID] | None) -> None:
        wanted = set(value or ())
        for item in self.entries():
            checked = item.data(_ID_ROLE) in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def check(self, record_id: uuid.UUID, checked: bool = True) -> None:
        for item in self.entries():
            if item.data(_ID_ROLE) == record_id:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
