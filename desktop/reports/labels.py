"""How reports print values that are not codes (the words for codes are in ``desktop.labels``).

Nothing prints as a bare "-": a missing date or text prints as words a reader understands.
"""

from __future__ import annotations

from datetime import date

from desktop.i18n import _


def day(value: date | None, missing: str | None = None) -> str:
    """A date as printed on forms: 2026-03-05 reads the same in every language. No date
    prints ``missing`` ("no date" unless told)."""
    if value is None:
        return missing or _("no date")
    return value.isoformat()


def due(value: date | None) -> str:
    """The date something is due by."""
    return day(value, _("no due date"))


def span(start: date | None, end: date | None) -> str:
    """From when to when, in words when a date is missing."""
    if start is None and end is None:
        return _("no dates recorded")
    if end is None:
        return _("started {start}, still open").format(start=day(start))
    if start is None:
        return _("until {end}").format(end=day(end))
    return _("{start} to {end}").format(start=day(start), end=day(end))


def recorded(value: str | None) -> str:
    """Free text as printed: the words, or "not recorded" when there are none."""
    return value if value and value.strip() else _("not recorded")
