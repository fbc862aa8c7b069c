"""Labels for the codes a cycle's records store (meeting kinds, action states, ...);
the office-wide ones (phases, cycle states) are in ``desktop.views.labels``.

Each label is a literal inside ``translate()`` so Qt's ``lupdate`` finds it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desktop.models.enums import ActionStatus, MeetingKind, ObservationKind

_CONTEXT = "CycleLabels"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def meeting_kind_labels() -> dict[str, str]:
    return {
        MeetingKind.WHOLE_COMMUNITY.value: _tr("Whole community"),
        MeetingKind.SMALL_GROUP.value: _tr("Small group"),
        MeetingKind.HOME_VISIT.value: _tr("Home visit"),
        MeetingKind.PLANNING_GROUP.value: _tr("Planning group"),
        MeetingKind.REFLECTION.value: _tr("Reflection"),
        MeetingKind.FORMAL_DIALOGUE.value: _tr("Dialogue with formal actors"),
    }


def action_status_labels() -> dict[str, str]:
    return {
        ActionStatus.PLANNED.value: _tr("Planned"),
        ActionStatus.UNDER_WAY.value: _tr("Under way"),
        ActionStatus.DONE.value: _tr("Done"),
        ActionStatus.DROPPED.value: _tr("Dropped"),
    }


def value_kind_labels() -> dict[str, str]:
    return {
        ObservationKind.NUMBER.value: _tr("A number (counted)"),
        ObservationKind.TEXT.value: _tr("Words (described)"),
    }


def validated_labels() -> dict[bool | None, str]:
    """Whether the community confirmed a finding at the feedback meeting."""
    return {
        None: _tr("Not yet taken back"),
        True: _tr("Confirmed by the community"),
        False: _tr("Not confirmed"),
    }
