"""Translatable words the timelines show for stored codes, zoom levels and marker kinds."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.views.labels import humanise

_CONTEXT = "Timeline"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def marker_labels() -> dict[str, str]:
    """Marker kind -> its name in the legend, in the legend's order."""
    return {
        "meeting": _tr("Meeting"),
        "observation": _tr("Observation"),
        "reflection": _tr("Reflection"),
        "review": _tr("Mentor review"),
        "follow_up": _tr("Follow-up due"),
    }


def action_status_labels() -> dict[str, str]:
    return {
        "planned": _tr("Planned"),
        "under_way": _tr("Under way"),
        "done": _tr("Done"),
        "dropped": _tr("Dropped"),
    }


def meeting_kind_label(code: str) -> str:
    labels = {
        "whole_community": _tr("whole community"),
        "small_group": _tr("small group"),
        "home_visit": _tr("home visit"),
        "planning_group": _tr("planning group"),
        "reflection": _tr("reflection"),
        "formal_dialogue": _tr("dialogue with formal actors"),
    }
    return labels.get(code) or humanise(code).lower()


def follow_up_status_label(code: str) -> str:
    labels = {"open": _tr("open"), "done": _tr("done"), "cancelled": _tr("cancelled")}
    return labels.get(code) or humanise(code).lower()


def cycle_status_label(code: str) -> str:
    labels = {"active": _tr("active"), "completed": _tr("completed"), "suspended": _tr("suspended")}
    return labels.get(code) or humanise(code).lower()


def marker_label(entity: str) -> str:
    return marker_labels().get(entity) or humanise(entity)


def action_status_label(code: str) -> str:
    return action_status_labels().get(code) or humanise(code)
