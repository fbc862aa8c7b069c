"""Reopening a cycle form left with unsaved work (after a crash or power cut).

At start-up the main window offers every draft back; for the forms of the cycle
workspace this module opens the cycle the record belongs to, shows its section,
selects the record and opens its form, which then restores the typing.
Form keys are those of :func:`desktop.views.cycle.section.form_key`:
``"<entity>/<record id>"`` or ``"<entity>/new/<parent id>"`` (the parent is the
cycle, except for results (the indicator) and planning group members (the community)).
"""

from __future__ import annotations

import uuid
import weakref
from typing import Any, Protocol

from PySide6.QtWidgets import QWidget

from desktop.services.framework.errors import ServiceError
from desktop.services.usecases.drafts import DraftEntry
from desktop.views.cycle.section import RecordSection
from desktop.views.forms.registry import register_draft_opener
from desktop.views.shell.context import AppContext


class Workspace(Protocol):
    """What reopening needs of a cycle workspace (which registers itself here, so this
    module does not import it)."""

    def show_record(self, entity: str, record_id: str | uuid.UUID) -> bool: ...

    def open_section_of(self, entity: str) -> RecordSection | None: ...

    def edit_cycle(self) -> object: ...


#: The service (an attribute of ``Services``) of each kind of cycle form.
SECTION_SERVICES = {
    "phase": "phases",
    "meeting": "meetings",
    "planning_group_member": "planning_members",
    "learning_finding": "findings",
    "harm_priority": "priorities",
    "action": "actions",
    "indicator": "indicators",
    "observation": "observations",
    "reflection": "reflections",
}

# The workspace shown most recently for each cycle (set by the workspace itself).
_workspaces: weakref.WeakValueDictionary[uuid.UUID, Workspace] = weakref.WeakValueDictionary()


def remember_workspace(cycle_id: uuid.UUID, workspace: Workspace) -> None:
    """Called by each new workspace, so a reopened draft finds the one just opened."""
    _workspaces[cycle_id] = workspace


def split_key(form_key: str) -> tuple[str, uuid.UUID | None, uuid.UUID | None]:
    """``(kind, record id, parent id)``: one of the two ids is None."""
    kind, _, rest = form_key.partition("/")
    parts = rest.split("/")
    if parts[0] == "new":
        return kind, None, uuid.UUID(parts[1]) if len(parts) > 1 else None
    return kind, uuid.UUID(parts[0]), None


def _latest_cycle(context: AppContext, community_id: uuid.UUID) -> uuid.UUID | None:
    cycles = context.services.cycles.list(where={"community_id": community_id}).items
    latest = max(cycles, key=lambda cycle: cycle.data.number or 0, default=None)
    return latest.id if latest is not None else None


def _cycle_of(
    context: AppContext, kind: str, record_id: uuid.UUID | None, parent_id: uuid.UUID | None
) -> uuid.UUID | None:
    """The cycle whose workspace holds the form's record (or would hold the new one)."""
    services = context.services
    if record_id is not None:
        data: Any = getattr(services, SECTION_SERVICES[kind]).get(record_id).data
        if kind == "observation":
            return _cycle_of(context, "indicator", data.indicator_id, None)
        if kind == "planning_group_member":
            return _latest_cycle(context, data.community_id)
        return uuid.UUID(str(data.cycle_id))
    if parent_id is None:
        return None
    if kind == "observation":
        return _cycle_of(context, "indicator", parent_id, None)
    if kind == "planning_group_member":
        return _latest_cycle(context, parent_id)
    return parent_id


def _open_workspace(context: AppContext, cycle_id: uuid.UUID) -> Workspace | None:
    context.navigator.open_cycle.emit(str(cycle_id))
    return _workspaces.get(cycle_id)


def _reopen_section_form(context: AppContext, entry: DraftEntry, _parent: QWidget | None) -> None:
    try:
        kind, record_id, parent_id = split_key(entry.form_key)
        cycle_id = _cycle_of(context, kind, record_id, parent_id)
    except (ServiceError, ValueError, IndexError):
        return  # the record is gone: nothing to reopen it in
    workspace = _open_workspace(context, cycle_id) if cycle_id is not None else None
    if workspace is None:
        return
    if record_id is not None:
        if not workspace.show_record(kind, record_id):
            return
        section = workspace.open_section_of(kind)
        record = section.current() if section is not None else None
        if section is not None and record is not None:
            section.open_form(record)
        return
    if kind == "observation" and not (
        parent_id is not None and workspace.show_record("indicator", parent_id)
    ):
        return
    section = workspace.open_section_of(kind)
    if section is not None:
        section.open_form(None)


def _reopen_cycle_form(context: AppContext, entry: DraftEntry, parent: QWidget | None) -> None:
    """``cycle/<id>``: the workspace's Edit cycle; ``cycle/new/<community id>``: New cycle."""
    from desktop.views.communities.cycles import start_cycle

    try:
        _kind, cycle_id, community_id = split_key(entry.form_key)
    except (ValueError, IndexError):
        return
    if cycle_id is not None:
        workspace = _open_workspace(context, cycle_id)
        if workspace is not None:
            workspace.edit_cycle()
    elif community_id is not None:
        context.navigator.open_community.emit(str(community_id))
        created = start_cycle(context, community_id, parent)
        if created is not None:
            context.navigator.open_cycle.emit(str(created))


for _kind in SECTION_SERVICES:
    register_draft_opener(_kind, _reopen_section_form)
register_draft_opener("cycle", _reopen_cycle_form)
