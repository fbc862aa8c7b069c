"""Reporting periods: calendar quarters ("2026 Q3", 1 July to 30 September) and any
from-to, as the monitoring report, the quarterly summary and their filters use them."""

from __future__ import annotations

import re
from datetime import date, timedelta

from desktop.i18n import _

_QUARTER = re.compile(r"^\s*(\d{4})\s*-?\s*[Qq]\s*([1-4])\s*$")


def quarter(day: date) -> str:
    """The calendar quarter a day falls in, as a key that sorts: "2026 Q3" (shown to people
    through :func:`quarter_words`)."""
    return f"{day.year} Q{(day.month - 1) // 3 + 1}"


def quarter_words(key: str) -> str:
    """A quarter as printed and shown in the current language ("2026 Q3" -> "T3 2026" in
    French); anything that is not a quarter, as it is."""
    match = _QUARTER.match(key)
    if match is None:
        return key
    return _("{year} Q{number}").format(number=match.group(2), year=match.group(1))


def quarter_bounds(year: int, number: int) -> tuple[date, date]:
    """The first and last day of quarter ``number`` (1 to 4) of ``year``."""
    first = date(year, 3 * number - 2, 1)
    following = date(year + (number == 4), 1 if number == 4 else 3 * number + 1, 1)
    return first, following - timedelta(days=1)


def parse_quarter(text: str) -> tuple[date, date]:
    """The days of a quarter written "2026Q3", "2026-Q3" or "2026 q3"; ValueError with
    a one-line reason otherwise."""
    match = _QUARTER.match(text)
    if match is None:
        raise ValueError(_("not a quarter (use YEARQn, e.g. 2026Q3): {text!r}").format(text=text))
    return quarter_bounds(int(match.group(1)), int(match.group(2)))


def quarter_of(first: date | None, last: date | None) -> str | None:
    """ "2026 Q3" when first..last is exactly that quarter, else None."""
    if first is None or last is None:
        return None
    year, number = first.year, (first.month - 1) // 3 + 1
    return quarter(first) if (first, last) == quarter_bounds(year, number) else None


def recent_quarters(today: date, count: int = 8) -> list[tuple[str, date, date]]:
    """The quarter of ``today`` and the ``count - 1`` before it, newest first."""
    year, number = today.year, (today.month - 1) // 3 + 1
    found = []
    for _step in range(count):
        first, last = quarter_bounds(year, number)
        found.append((quarter(first), first, last))
        year, number = (year - 1, 4) if number == 1 else (year, number - 1)
    return found
