"""One small number box per participant group: attendance counts, or ranks given to a harm.

An empty box means "not recorded" and is left out of the value; 0 is kept (nobody
came is worth knowing). Each box is a :class:`~desktop.views.forms.NumberEdit` for
counts: what is typed stays (a letter is marked at once and refused on saving, with
the groups named), so no count is lost without a word. The form framework reads it
through ``value()``, writes it through ``set_value()`` and watches ``changed``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from desktop.views.forms import NumberEdit


class GroupNumbers(QWidget):
    changed = Signal()

    def __init__(
        self,
        groups: Sequence[tuple[str, str]],
        *,
        placeholder: str = "",
        columns: int = 3,
        parent: QWidget | None = None,
    ) -> None:
        """``groups`` are (code, name) pairs in the order to show them."""
        super().__init__(parent)
        self.boxes: dict[str, NumberEdit] = {}
        self._extra: dict[str, int] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        for index, (code, name) in enumerate(groups):
            box = NumberEdit(negative=False)
            box.setPlaceholderText(placeholder)
            # room for six digits and the sign that marks a letter typed
            box.setMaximumWidth(box.fontMetrics().horizontalAdvance("0" * 6) + 44)
            box.setAccessibleName(name)
            box.textChanged.connect(lambda _text: self.changed.emit())
            caption = QLabel(name)
            caption.setBuddy(box)
            row, column = divmod(index, columns)
            grid.addWidget(caption, row, column * 2)
            grid.addWidget(box, row, column * 2 + 1)
            self.boxes[code] = box
        grid.setColumnStretch(columns * 2, 1)

    def value(self) -> dict[str, int]:
        numbers = dict(self._extra)
        for code, box in self.boxes.items():
            number = box.value()
            if isinstance(number, int):
                numbers[code] = number
        return numbers

    def set_value(self, value: Mapping[str, int] | None) -> None:
        value = dict(value or {})
        # Groups no longer shown (deactivated since) keep their numbers untouched.
        self._extra = {code: n for code, n in value.items() if code not in self.boxes}
        for code, box in self.boxes.items():
            box.setText(str(value[code]) if code in value else "")

    def input_error(self) -> str:
        bad = [box.accessibleName() for box in self.boxes.values() if box.input_error()]
        if bad:
            return self.tr("Only digits, e.g. 12: {groups}.").format(groups=", ".join(bad))
        return ""
