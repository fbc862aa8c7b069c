"""A date that may be left "Not set": typed as year-month-day, or picked from a calendar.

It follows the rule of :mod:`desktop.views.forms.typed_input`: what is typed stays as
typed. Qt's ``QDateEdit`` does not: it clamps a date outside its range to the nearest
one it allows (2027-06-01 became 2026-06-01, saved without a word), its empty state
is a date in 1900 (where its calendar then opened), and Tab walks through its parts.
So this is a line edit: empty means "Not set" (Delete or Backspace gets there, typing
starts a date), dates show as ISO 2026-06-01 (the same in every locale, never
ambiguous), and whether a date is acceptable (not in the future for something that
happened, say) is for the service to say, beside the field.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFocusEvent, QIcon, QKeyEvent, QPainter, QPen
from PySide6.QtWidgets import QCalendarWidget, QFrame, QLineEdit, QVBoxLayout, QWidget

from desktop.views.forms.typed_input import KeepEverything, ProblemMark
from desktop.views.widgets.drawn_icon import drawn_icon

#: year-month-day; "/" or "." between them are read too, month and day may have one digit.
_ISO = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\s*$")
#: What a date can be made of, while it is being typed.
_DATE_CHARACTERS = re.compile(r"^[\d\s./-]*$")


def parse_date(text: str) -> date | None:
    """The date ``text`` names (year-month-day), None if it names none."""
    match = _ISO.match(text)
    if match is None:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


class _CalendarPopup(QFrame):
    """The calendar under the field; Escape closes it without changing the date."""

    def __init__(self, field: QWidget) -> None:
        super().__init__(field, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget(self)
        self.calendar.setGridVisible(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.addWidget(self.calendar)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            return
        super().keyPressEvent(event)


class OptionalDateEdit(QLineEdit):
    """A date or None ("Not set"); see the module docstring.

    ``value()`` is the typed date (None when empty or unreadable); ``input_error()``
    says why a typed text is not a date. F4 or Alt+Down opens the calendar, at the
    field's date or, when it is not set, at today; Up and Down move the date a day.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(self.tr("Not set (yyyy-mm-dd)"))
        self.setValidator(KeepEverything(self, self._problem))
        self.setClearButtonEnabled(False)
        self._popup: _CalendarPopup | None = None
        self.calendar_action = QAction(_calendar_icon(), self.tr("Pick from a calendar (F4)"), self)
        self.calendar_action.setToolTip(self.calendar_action.text())
        self.calendar_action.triggered.connect(self.open_calendar)
        self.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        self.mark = ProblemMark(self)
        self.textChanged.connect(self._typed)

    # --- value ----------------------------------------------------------------------------

    def value(self) -> date | None:
        return parse_date(self.text())

    def set_value(self, value: date | None) -> None:
        self.setText("" if value is None else value.isoformat())

    def input_error(self) -> str:
        return self._problem(self.text())

    def _problem(self, text: str) -> str:
        if not text.strip() or parse_date(text) is not None:
            return ""
        example = date.today().isoformat()
        if _ISO.match(text):
            return self.tr("No such day: check the month and the day (year-month-day).")
        return self.tr("Not a date: write year-month-day, e.g. {example}.").format(example=example)

    def _typed(self, text: str) -> None:
        # Mark at once what can never become a date (a letter); the rest when leaving.
        problem = self._problem(text)
        if not problem or not _DATE_CHARACTERS.match(text) or len(text.strip()) > 10:
            self.mark.show_problem(problem)
        self.changed.emit()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        if self._popup is None or not self._popup.isVisible():
            self.mark.show_problem(self.input_error())
        super().focusOutEvent(event)

    # --- calendar -------------------------------------------------------------------------

    def calendarWidget(self) -> QCalendarWidget:
        """The calendar the field opens (made on first use)."""
        if self._popup is None:
            self._popup = _CalendarPopup(self)
            self._popup.calendar.clicked.connect(self._picked)
            self._popup.calendar.activated.connect(self._picked)
        return self._popup.calendar

    def open_calendar(self) -> None:
        """Show the calendar at the field's date, or at today's when it has none."""
        calendar = self.calendarWidget()
        popup = self._popup
        assert popup is not None
        shown = self.value() or date.today()
        calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        calendar.setCurrentPage(shown.year, shown.month)
        popup.adjustSize()
        popup.move(self.mapToGlobal(QPoint(0, self.height())))
        popup.show()
        calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def calendar_open(self) -> bool:
        return self._popup is not None and self._popup.isVisible()

    def _picked(self, day: QDate) -> None:
        self.set_value(date(day.year(), day.month(), day.day()))
        if self._popup is not None:
            self._popup.hide()
        self.setFocus(Qt.FocusReason.PopupFocusReason)
        self.mark.show_problem("")
        self.editingFinished.emit()

    # --- keys -----------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        if key == Qt.Key.Key_F4 or (alt and key == Qt.Key.Key_Down):
            self.open_calendar()
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not alt:
            current = self.value()
            if current is None and not self.text().strip():
                self.set_value(date.today())
                return
            if current is not None:
                step = 1 if key == Qt.Key.Key_Up else -1
                self.set_value(date.fromordinal(current.toordinal() + step))
                return
        super().keyPressEvent(event)


def _calendar_icon() -> QIcon:
    """A small page of a calendar."""

    def draw(painter: QPainter) -> None:
        ink = QColor("#4a5560")
        painter.setPen(QPen(ink, 1.2))
        painter.setBrush(QColor("white"))
        painter.drawRoundedRect(QRectF(1.5, 2.5, 13, 12), 1.5, 1.5)
        painter.fillRect(QRectF(1.5, 2.5, 13, 3.5), ink)
        painter.setPen(QPen(ink, 1.6))
        for row in range(2):
            for column in range(3):
                painter.drawPoint(QPointF(4.5 + column * 3.5, 8.5 + row * 3))

    return drawn_icon(draw)
