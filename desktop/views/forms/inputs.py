"""Inputs a form needs beyond Qt's own: an optional date, an optional number, a choice list.

Every input a :class:`~desktop.views.forms.form.Form` holds is read and written
through :func:`read_value` / :func:`write_value` and watched through
:func:`changed_signal`. Qt's line edits, text boxes, combo boxes, spin boxes and
check boxes work as they are; any other widget works if it has ``value()``,
``set_value(value)`` and a ``changed`` signal (a grid of counts per group, say).
A widget may also have ``input_error() -> str`` for input it cannot turn into a
value ("12x" in a number box); the form shows that message and does not save.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QObject, Signal, SignalInstance
from PySide6.QtGui import QDoubleValidator, QIntValidator, QValidator
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

_NO_DATE = QDate(1900, 1, 1)


class OptionalDateEdit(QDateEdit):
    """A date that may be left empty: shows "Not set" and gives None until one is chosen.

    Clearing the field (select all and Delete) empties it again.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMinimumDate(_NO_DATE)
        self.setSpecialValueText(self.tr("Not set"))
        self.setDate(_NO_DATE)
        self.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToPreviousValue)
        self.dateChanged.connect(lambda _date: self.changed.emit())

    def value(self) -> date | None:
        current = self.date()
        if current == _NO_DATE:
            return None
        return date(current.year(), current.month(), current.day())

    def set_value(self, value: date | None) -> None:
        self.setDate(_NO_DATE if value is None else QDate(value.year, value.month, value.day))

    def clear(self) -> None:
        self.setDate(_NO_DATE)

    def focusNextPrevChild(self, next: bool) -> bool:
        # Qt's date edit moves Tab between year, month and day; "Not set" has none of
        # them, and Tab would stay in the field for ever: move on to the next field.
        if self.value() is None:
            return QWidget.focusNextPrevChild(self, next)
        return super().focusNextPrevChild(next)


class NumberEdit(QLineEdit):
    """A whole or decimal number that may be left empty (None)."""

    changed = Signal()

    def __init__(self, *, decimals: int = 0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._decimals = decimals
        validator: QValidator = QIntValidator(self) if decimals == 0 else QDoubleValidator(self)
        if isinstance(validator, QDoubleValidator):
            validator.setDecimals(decimals)
            validator.setNotation(QDoubleValidator.Notation.StandardNotation)
        self.setValidator(validator)
        self.textChanged.connect(lambda _text: self.changed.emit())

    def _parse(self) -> int | float | None:
        text = self.text().strip().replace(",", ".")
        if not text:
            return None
        return int(text) if self._decimals == 0 else float(text)

    def value(self) -> int | float | None:
        try:
            return self._parse()
        except ValueError:
            return None

    def set_value(self, value: int | float | None) -> None:
        self.setText("" if value is None else str(value))

    def input_error(self) -> str:
        try:
            self._parse()
        except ValueError:
            return self.tr("Not a number.") if self._decimals else self.tr("Not a whole number.")
        return ""


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
