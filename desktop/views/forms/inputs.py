"""Inputs a form needs beyond Qt's own: an optional number, a choice list (and, from
:mod:`desktop.views.forms.date_edit`, an optional date).

Every input a :class:`~desktop.views.forms.form.Form` holds is read and written
through :func:`read_value` / :func:`write_value` and watched through
:func:`changed_signal`. Qt's line edits, text boxes, combo boxes, spin boxes and
check boxes work as they are; any other widget works if it has ``value()``,
``set_value(value)`` and a ``changed`` signal (a grid of counts per group, say).
A widget may also have ``input_error() -> str`` for input it cannot turn into a
value ("12x" in a number box); the form shows that message and does not save.
What is typed is never changed or dropped: see :mod:`desktop.views.forms.typed_input`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QObject, Signal, SignalInstance
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTextEdit,
    QWidget,
)

from desktop.views.forms.date_edit import OptionalDateEdit as OptionalDateEdit
from desktop.views.forms.typed_input import KeepEverything, ProblemMark


class NumberEdit(QLineEdit):
    """A whole or decimal number that may be left empty (None).

    Every keystroke is kept (see :mod:`desktop.views.forms.typed_input`): a letter is
    marked in the field at once and refused beside it on saving, never dropped.
    ``negative=False`` refuses numbers below zero (counts of people).
    """

    changed = Signal()

    def __init__(
        self, *, decimals: int = 0, negative: bool = True, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._decimals = decimals
        self._negative = negative
        self.setValidator(KeepEverything(self, self._problem))
        self.mark = ProblemMark(self)
        self.textChanged.connect(self._typed)

    def _parse(self, text: str) -> int | float | None:
        text = text.strip().replace(",", ".")
        if not text:
            return None
        number = int(text) if self._decimals == 0 else float(text)
        if number != number or number in (float("inf"), float("-inf")):
            raise ValueError(text)  # "nan", "inf": not numbers a person means
        if number < 0 and not self._negative:
            raise ValueError(text)
        return number

    def value(self) -> int | float | None:
        try:
            return self._parse(self.text())
        except ValueError:
            return None

    def set_value(self, value: int | float | None) -> None:
        self.setText("" if value is None else str(value))

    def _problem(self, text: str) -> str:
        try:
            self._parse(text)
        except ValueError:
            if self._decimals == 0:
                return self.tr("Only digits, e.g. 12.")
            return self.tr("Only a number, e.g. 12 or 12.5.")
        return ""

    def input_error(self) -> str:
        return self._problem(self.text())

    def _typed(self, text: str) -> None:
        # "-" or "12." may still become a number: marked when leaving the field; a
        # letter never will: marked at once.
        problem = self._problem(text)
        if not problem or not _NUMBER_CHARACTERS.match(text):
            self.mark.show_problem(problem)
        self.changed.emit()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.mark.show_problem(self.input_error())
        super().focusOutEvent(event)


#: What a number can be made of, while it is being typed.
_NUMBER_CHARACTERS = re.compile(r"^[\d\s.,+-]*$")


def choice_combo(choices: Mapping[Any, str], parent: QWidget | None = None) -> QComboBox:
    """A drop-down of labelled choices: value -> label, in the order given."""
    combo = QComboBox(parent)
    for value, label in choices.items():
        combo.addItem(label, value)
    return combo


def read_value(widget: QWidget) -> Any:
    """The value a person entered in ``widget``."""
    reader = getattr(widget, "value", None)
    if callable(reader) and (
        isinstance(widget, OptionalDateEdit) or not isinstance(widget, QAbstractSpinBox)
    ):
        return reader()
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        data = widget.currentData()
        return widget.currentText() if data is None and widget.isEditable() else data
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QSpinBox | QDoubleSpinBox):
        return widget.value()
    if isinstance(widget, QDateEdit):
        qdate = widget.date()
        return date(qdate.year(), qdate.month(), qdate.day())
    raise TypeError(f"a form cannot read a {type(widget).__name__}")


def write_value(widget: QWidget, value: Any) -> None:
    """Show ``value`` in ``widget``."""
    setter = getattr(widget, "set_value", None)
    if callable(setter):
        setter(value)
    elif isinstance(widget, QLineEdit):
        widget.setText("" if value is None else str(value))
    elif isinstance(widget, QPlainTextEdit | QTextEdit):
        widget.setPlainText("" if value is None else str(value))
    elif isinstance(widget, QComboBox):
        index = widget.findData(value)
        if index < 0:  # Python objects (a UUID) compare by value only this way
            index = next((n for n in range(widget.count()) if widget.itemData(n) == value), -1)
        if index < 0 and widget.isEditable():
            widget.setEditText("" if value is None else str(value))
        else:
            widget.setCurrentIndex(max(index, 0))
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif isinstance(widget, QSpinBox):
        widget.setValue(int(value or 0))
    elif isinstance(widget, QDoubleSpinBox):
        widget.setValue(float(value or 0))
    elif isinstance(widget, QDateEdit) and isinstance(value, date):
        widget.setDate(QDate(value.year, value.month, value.day))
    else:
        raise TypeError(f"a form cannot write a {type(widget).__name__}")


def changed_signal(widget: QObject) -> SignalInstance:
    """The signal ``widget`` emits when its value changes."""
    own = getattr(widget, "changed", None)
    if isinstance(own, SignalInstance):
        return own
    for name in ("textChanged", "currentIndexChanged", "toggled", "valueChanged", "dateChanged"):
        signal = getattr(widget, name, None)
        if isinstance(signal, SignalInstance):
            if isinstance(widget, QComboBox) and widget.isEditable() and name != "textChanged":
                return widget.currentTextChanged
            return signal
    raise TypeError(f"a form cannot watch a {type(widget).__name__}")


def input_error(widget: QWidget) -> str:
    """What is wrong with the raw input of ``widget`` before the service sees it ("" if nothing)."""
    check = getattr(widget, "input_error", None)
    return str(check()) if callable(check) else ""
