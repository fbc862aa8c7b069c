"""The period a report covers: all dates, a calendar quarter (the current one and the seven
before it), or any from-to, chosen in one row of the Reports screen."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from desktop.services.queries.periods import quarter_words, recent_quarters

ALL_DATES = "all"
FROM_TO = "from-to"


def _day(edit: QDateEdit) -> date:
    chosen = edit.date()
    return date(chosen.year(), chosen.month(), chosen.day())


class PeriodChooser(QWidget):
    """A list of periods; "From - to" shows two date boxes beside it."""

    changed = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = QComboBox()
        self.choice.setAccessibleName(self.tr("Period"))
        self.choice.addItem(self.tr("All dates"), ALL_DATES)
        self.quarters = {name: (first, last) for name, first, last in recent_quarters(today)}
        for name, (first, last) in self.quarters.items():
            self.choice.addItem(
                self.tr("%1 (%2 to %3)")
                .replace("%1", quarter_words(name))
                .replace("%2", first.isoformat())
                .replace("%3", last.isoformat()),
                name,
            )
        self.choice.addItem(self.tr("From - to…"), FROM_TO)
        now = QDate(today.year, today.month, today.day)
        self.date_from = QDateEdit(now.addMonths(-3))
        self.date_to = QDateEdit(now)
        self.to_label = QLabel(self.tr("to"))
        for edit, name in ((self.date_from, self.tr("From")), (self.date_to, self.tr("To"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setAccessibleName(name)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.choice, self.date_from, self.to_label, self.date_to):
            layout.addWidget(widget)
        # the row's label (Alt+R) gives the list the focus: a label's buddy needs a focus
        # policy of its own, and passes the focus on to its proxy
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFocusProxy(self.choice)
        self.choice.currentIndexChanged.connect(self._chosen)
        self._chosen()

    def _chosen(self) -> None:
        custom = self.choice.currentData() == FROM_TO
        for widget in (self.date_from, self.to_label, self.date_to):
            widget.setVisible(custom)
        self.changed.emit()

    def choose(self, key: str) -> None:
        """Choose "all", a quarter by name ("2026 Q3") or "from-to"."""
        self.choice.setCurrentIndex(max(0, self.choice.findData(key)))

    def is_all_dates(self) -> bool:
        return bool(self.choice.currentData() == ALL_DATES)

    def period(self) -> tuple[date | None, date | None]:
        """The first and last day chosen (None, None: all dates)."""
        key = self.choice.currentData()
        if key == FROM_TO:
            return _day(self.date_from), _day(self.date_to)
        return self.quarters.get(key, (None, None))
