"""How the sync screens put times, people and changes into words (Qt-free helpers)."""

from __future__ import annotations

from datetime import date, datetime

from desktop.i18n import _


def when(moment: datetime | None, today: date) -> str:
    """A moment in local time: "today 14:05", or "2026-12-04 14:05"; "" for none."""
    if moment is None:
        return ""
    local = moment.astimezone()
    if local.date() == today:
        return _("today {time}").format(time=local.strftime("%H:%M"))
    return local.strftime("%Y-%m-%d %H:%M")


def action_words(action: str, fields: tuple[str, ...]) -> str:
    """ "Changed: notes, name"; "Added"; "Deleted" """
    word = {
        "create": _("Added"),
        "update": _("Changed"),
        "delete": _("Deleted"),
        "restore": _("Restored"),
    }.get(action, action)
    if action == "update" and fields:
        return _("{action}: {fields}").format(
            action=word, fields=", ".join(field_words(name) for name in fields)
        )
    return word


def field_words(name: str) -> str:
    """A stored field's name as words ("started_on" -> "started on")."""
    return name.replace("_", " ")


def by_when(who: str, moment: datetime | None, today: date) -> str:
    """ "fatima, today 14:05" """
    parts = [part for part in (who, when(moment, today)) if part]
    return ", ".join(parts)
