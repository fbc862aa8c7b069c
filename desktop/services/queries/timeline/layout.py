"""Where things sit on a timeline: days along the date axis, periods for its ticks, and
overlapping spans packed into rows. The screen and the PDF place things with these same
rules, so a date falls in the same spot on both."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta


def pack_rows(spans: Sequence[tuple[date, date]]) -> tuple[list[int], int]:
    """A row for each (first, last) span so spans sharing a row never overlap; and the count.

    Greedy by start: each span takes the first row whose last span ended before it began.
    """
    rows = [0] * len(spans)
    row_ends: list[date] = []
    for index in sorted(range(len(spans)), key=lambda i: spans[i]):
        first, last = spans[index]
        for row, row_end in enumerate(row_ends):
            if row_end < first:
                rows[index], row_ends[row] = row, last
                break
        else:
            rows[index] = len(row_ends)
            row_ends.append(last)
    return rows, max(1, len(row_ends))


@dataclass(frozen=True)
class DateAxis:
    """Where a day sits along a line: ``start`` at ``origin`` (or at the far end when mirrored).

    A day covers [x(day), x(day + 1)) left to right; under a right-to-left layout the axis
    is mirrored, so time runs from right to left.
    """

    start: date
    end: date  # last day shown, inclusive
    pixels_per_day: float
    origin: float = 0.0
    rtl: bool = False

    @property
    def length(self) -> float:
        return ((self.end - self.start).days + 1) * self.pixels_per_day

    def x(self, day: date) -> float:
        offset = (day - self.start).days * self.pixels_per_day
        return self.origin + (self.length - offset if self.rtl else offset)

    def span(self, first: date, last: date) -> tuple[float, float]:
        """Left and right edge of the days first..last (inclusive), whatever the direction."""
        a, b = self.x(first), self.x(last + timedelta(days=1))
        return min(a, b), max(a, b)

    def day_at(self, x: float) -> date:
        offset = (x - self.origin) / self.pixels_per_day
        days = (self.length / self.pixels_per_day - offset) if self.rtl else offset
        return self.start + timedelta(days=int(days // 1))


def period_starts(first: date, last: date, months: int) -> list[date]:
    """The first day of every period of ``months`` (1, 3 or 12) that overlaps first..last.

    The first one may begin before ``first`` (the period ``first`` falls in).
    """
    month = ((first.month - 1) // months) * months + 1
    day = date(first.year, month, 1)
    starts = []
    while day <= last:
        starts.append(day)
        total = day.month - 1 + months
        day = date(day.year + total // 12, total % 12 + 1, 1)
    return starts
