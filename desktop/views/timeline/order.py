"""The orders the office timeline offers: by name, longest without a meeting, most in need
of attention (the order of the monitoring report's "Needs attention" page)."""

from __future__ import annotations

from datetime import date

from desktop.services.queries.timeline import OfficeRow


def sorted_rows(rows: tuple[OfficeRow, ...], key: str, today: date) -> list[OfficeRow]:
    if key == "meeting":
        return sorted(rows, key=lambda r: _meeting_order(r, today))
    if key == "overdue":
        return sorted(rows, key=_urgency)
    return list(rows)


def _urgency(row: OfficeRow) -> tuple[int, date, str]:
    """The most reasons first, then the longest waiting (as ``attention.by_urgency``)."""
    since = min((flag.since for flag in row.flags), default=date.max)
    return (-len(row.flags), since, row.name)


def _meeting_order(row: OfficeRow, today: date) -> tuple[int, int]:
    """Communities in a cycle first, never met before long ago, the longest gap first."""
    days = row.days_since_meeting(today)
    return (0 if row.phases else 1, -(days if days is not None else 10**6))
