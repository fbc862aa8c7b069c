"""Drop-down choices the cycle's forms share: harms, meetings, actions, groups."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QCoreApplication

from desktop.i18n import current_language
from desktop.labels import group_words, label
from desktop.services.framework.records import Record
from desktop.services.usecases.harms import HarmData
from desktop.views.cycle.section import CycleRef, date_text

_CONTEXT = "CycleChoices"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def shown(harm: Record[HarmData]) -> str:
    """A harm's name in the language of the screens, where the catalogue has it."""
    names = {code.lower().split("-")[0]: name for code, name in harm.data.names.items()}
    return names.get(current_language()) or harm.data.name


def harm_names(cycle: CycleRef) -> dict[uuid.UUID, str]:
    """Every harm this cycle may name: the catalogue and the community's own, retired too."""
    harms = cycle.context.services.harms.list(order_by="name").items
    return {h.id: shown(h) for h in harms if h.data.community_id in (None, cycle.community_id)}


def harm_choices(
    cycle: CycleRef, *, current: uuid.UUID | None = None, none: str | None = None
) -> dict[uuid.UUID | None, str]:
    """Harms that can be chosen now (not retired), and the one a record already names."""
    harms = cycle.context.services.harms.list(order_by="name").items
    choices: dict[uuid.UUID | None, str] = {None: none} if none is not None else {}
    for h in harms:
        mine = h.data.community_id in (None, cycle.community_id)
        if mine and (not h.data.retired or h.id == current):
            choices[h.id] = shown(h)
    return choices


def selected_harm_choices(cycle: CycleRef, none: str) -> dict[uuid.UUID | None, str]:
    """The harms the community selected in this cycle (what actions may address)."""
    selected = cycle.context.services.priorities.selected_harm_ids(cycle.cycle_id)
    names = harm_names(cycle)
    choices: dict[uuid.UUID | None, str] = {None: none}
    for harm_id in sorted(selected, key=lambda i: names.get(i, "")):
        choices[harm_id] = names.get(harm_id, "?")
    return choices


def meeting_choices(cycle: CycleRef, none: str) -> dict[uuid.UUID | None, str]:
    meetings = cycle.context.services.meetings.list(where={"cycle_id": cycle.cycle_id}).items
    choices: dict[uuid.UUID | None, str] = {None: none}
    for m in meetings:
        text = f"{date_text(m.data.held_on)} · {label(m.data.kind)}"
        choices[m.id] = f"{text} · {m.data.place}" if m.data.place else text
    return choices


def action_choices(cycle: CycleRef) -> list[tuple[uuid.UUID, str]]:
    actions = cycle.context.services.actions.list(where={"cycle_id": cycle.cycle_id}).items
    return [(a.id, a.data.what) for a in actions]


def group_names(cycle: CycleRef, *, active_only: bool = True) -> list[tuple[str, str]]:
    """(code, name) of the office's participant groups, in their order."""
    groups = cycle.context.services.participant_groups.participant_groups(active_only=active_only)
    return [(g.data.code, group_words(g.data.code, g.data.name)) for g in groups]


def no_choice() -> str:
    return _tr("(none)")
