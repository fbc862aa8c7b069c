"""The five process benchmarks of a review as one form input: a rating and a comment each.

Its value is what ``MentorReviewData.ratings`` holds (benchmark -> (rating, comment)),
so it sits in a :class:`~desktop.views.forms.Form` as the field ``ratings``. A note
(the inclusion check, say) can be shown under one benchmark with :meth:`set_note`.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QWidget,
)

from desktop.labels import label, labels
from desktop.models.enums import Benchmark, BenchmarkRating
from desktop.views.forms import choice_combo
from desktop.views.widgets.readonly import set_field_read_only

Ratings = dict[str, tuple[str, str]]


class BenchmarkRatings(QWidget):
    """A row per benchmark: its name, a rating drop-down and a comment box."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ratings: dict[str, QComboBox] = {}
        self.comments: dict[str, QPlainTextEdit] = {}
        self._notes: dict[str, int] = {}
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setColumnStretch(1, 1)
        row = 0
        for code, name in labels(Benchmark).items():
            title = QLabel(f"<b>{name}</b>")
            title.setWordWrap(True)
            combo = choice_combo({"": self.tr("Not rated"), **labels(BenchmarkRating)})
            combo.setAccessibleName(self.tr("Rating: {benchmark}").format(benchmark=name))
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
            comment = QPlainTextEdit()
            comment.setAccessibleName(self.tr("Comment: {benchmark}").format(benchmark=name))
            comment.setPlaceholderText(self.tr("What you saw, and why this rating"))
            comment.setTabChangesFocus(True)
            comment.setFixedHeight(comment.fontMetrics().lineSpacing() * 3 + 14)
            comment.textChanged.connect(self.changed.emit)
            title.setBuddy(combo)
            self._grid.addWidget(title, row, 0, 1, 2)
            self._grid.addWidget(combo, row + 1, 0)
            self._grid.addWidget(comment, row + 1, 1)
            self._notes[code] = row + 2
            self.ratings[code] = combo
            self.comments[code] = comment
            row += 3

    def set_note(self, benchmark: str, widget: QWidget) -> None:
        """Show ``widget`` under ``benchmark``'s rating (facts that help rate it)."""
        self._grid.addWidget(widget, self._notes[benchmark], 0, 1, 2)

    # --- the form input protocol -----------------------------------------------------------

    def value(self) -> Ratings:
        """The benchmarks given a rating, with their comments."""
        found: Ratings = {}
        for code, combo in self.ratings.items():
            rating = str(combo.currentData() or "")
            if rating:
                found[code] = (rating, self.comments[code].toPlainText().strip())
        return found

    def set_value(self, value: Mapping[str, tuple[str, str]] | None) -> None:
        value = value or {}
        for code, combo in self.ratings.items():
            rating, comment = value.get(code, ("", ""))
            index = combo.findData(rating)
            combo.setCurrentIndex(max(index, 0))
            self.comments[code].setPlainText(comment)

    def input_error(self) -> str:
        unrated = [
            label(code)
            for code, combo in self.ratings.items()
            if not combo.currentData() and self.comments[code].toPlainText().strip()
        ]
        if unrated:
            return self.tr("Choose a rating for: {names}.").format(names=", ".join(unrated))
        return ""

    def set_read_only(self, read_only: bool) -> None:
        for code, combo in self.ratings.items():
            set_field_read_only(combo, read_only)
            set_field_read_only(self.comments[code], read_only)
