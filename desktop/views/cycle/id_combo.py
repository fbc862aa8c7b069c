"""A drop-down of records (harms, meetings, actions) whose value is the chosen record's id.

Qt's ``findData`` matches a Python object stored in an item by identity, so an equal id
read again from the database would not be found; this combo compares ids by value.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QWidget


class IdCombo(QComboBox):
    changed = Signal()

    def __init__(
        self, choices: Mapping[uuid.UUID | None, str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        for record_id, text in choices.items():
            self.addItem(text, record_id)
        self.currentIndexChanged.connect(lambda _index: self.changed.emit())

    def value(self) -> uuid.UUID | None:
        data = self.currentData()
        return data if isinstance(data, uuid.UUID) else None

    def set_value(self, value: uuid.UUID | str | None) -> None:
        wanted = uuid.UUID(str(value)) if value not in (None, "") else None
        for index in range(self.count()):
            if self.itemData(index) == wanted:
                self.setCurrentIndex(index)
                return
        self.setCurrentIndex(0)
