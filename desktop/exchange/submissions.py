"""Bring in what phones collected with the forms of ``clcp xlsform``, as ODK Central or
KoboToolbox export the submissions (CSV or XLSX): a meeting or an observation becomes a new
record; an action update changes the action's status, its note kept as a comment.

Every submission becomes a record through the services, with the app's own rules and the
signed-in person's rights, all in one transaction: a row that fails names its row and
field and nothing of the file is kept. Each submission's ``meta/instanceID`` is written in
the audit trail with the record it made, so importing the same file again (or a later
export that repeats old submissions) adds nothing twice.

Column names are matched on their last part: ODK Central writes ``attendance-count_girls``
and ``meta-instanceID``, KoboToolbox ``attendance/count_girls`` and ``_uuid``.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.i18n import _
from desktop.models import AuditEvent
from desktop.services.facade import Services
from desktop.services.framework import audit
from desktop.services.framework.errors import NotFoundError, PermissionDenied, ValidationError
from desktop.services.usecases.actions import ObservationData
from desktop.services.usecases.comments import CommentData
from desktop.services.usecases.meetings import MeetingData

from .safe_read import BadFile, SheetData
from .tabular import read_rows
from .workbook_import import convert

ENTITY = "submission"
_INSTANCE_COLUMNS = ("instanceid", "key", "_uuid", "uuid")
_NAMESPACE = uuid.UUID("6f1d3c1e-4b8a-4f3e-9b35-2b0f6f0c7a11")


@dataclass(frozen=True)
class SubmissionSummary:
    form: str
    rows: int
    created: int
    already: int
    dry_run: bool


@dataclass(frozen=True)
class _Row:
    number: int
    key: str
    values: dict[str, Any]


def import_submissions(services: Services, path: Path, *, dry_run: bool) -> SubmissionSummary:
    """Create a record per new submission in ``path``; with ``dry_run`` check them all
    the same way and keep nothing."""
    sheet = read_rows(path)
    rows = _rows(sheet)
    form = _form_of(rows[0].values if rows else {}, sheet)
    make = _MAKERS[form]
    cycles = _active_cycles(services) if form == "meeting" else {}
    created = 0
    try:
        with services.db.sessions.begin() as session:
            seen = _already_imported(session, [row.key for row in rows])
            for row in rows:
                if row.key in seen:
                    continue
                seen.add(row.key)
                record_id = _create(services, session, row, lambda r: make(r, cycles))
                audit.record(
                    session,
                    actor=services.actor,
                    action="import",
                    device_id=services.db.device_id,
                    entity_type=ENTITY,
                    entity_id=row.key,
                    changes={"form": form, "record": str(record_id), "file": path.name},
                )
                created += 1
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return SubmissionSummary(form, len(rows), created, len(rows) - created, dry_run)


class _DryRun(Exception):
    """Ends a dry run's transaction, so everything checked is rolled back."""


def _key(header: str) -> str:
    return re.split(r"[/-]", header.strip())[-1].lower()


def _rows(sheet: SheetData) -> list[_Row]:
    keys = [_key(header) for header in sheet.headers]
    instance = [keys.index(k) for k in _INSTANCE_COLUMNS if k in keys]
    if not instance:
        raise BadFile(_("{file} has no meta/instanceID column").format(file=sheet.name))
    rows = []
    for offset, values in enumerate(sheet.rows):
        if not any(str(value or "").strip() for value in values):
            continue
        number = sheet.first_row + offset
        given = [str(values[i] or "").strip() for i in instance if i < len(values)]
        raw = next((text for text in given if text), "")
        if not raw:
            raise BadFile(_("row {row}: no instanceID").format(row=number))
        named = {key: value for key, value in zip(keys, values, strict=False) if key}
        rows.append(_Row(number, instance_key(raw), named))
    return rows


def instance_key(raw: str) -> str:
    """A submission's instanceID as the audit trail keeps it (36 characters)."""
    text = raw.removeprefix("uuid:").strip()
    try:
        return str(uuid.UUID(text))
    except ValueError:
        return str(uuid.uuid5(_NAMESPACE, raw))


def _form_of(values: dict[str, Any], sheet: SheetData) -> str:
    keys = set(values) or {_key(header) for header in sheet.headers}
    if {"held_on", "kind", "community_id"} <= keys:
        return "meeting"
    if {"indicator_id", "observed_on"} <= keys:
        return "observation"
    if {"action_id", "status"} <= keys:
        return "action"
    raise BadFile(
        _("{file} is not an export of the meeting, observation or action form").format(
            file=sheet.name
        )
    )


def _already_imported(session: Session, keys: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(keys), 500):
        found.update(
            session.scalars(
                select(AuditEvent.entity_id).where(
                    AuditEvent.action == "import",
                    AuditEvent.entity_type == ENTITY,
                    AuditEvent.entity_id.in_(keys[start : start + 500]),
                )
            )
        )
    return found


def _active_cycles(services: Services) -> dict[uuid.UUID, uuid.UUID]:
    """Each readable community's latest active cycle (a meeting belongs to one)."""
    cycles = services.cycles.list(where={"status": "active"}, order_by="start_on").items
    return {cycle.data.community_id: cycle.id for cycle in cycles}


def _create(services: Services, session: Session, row: _Row, make: Callable[[_Row], Any]) -> Any:
    try:
        data = make(row)
        if isinstance(data, _ActionUpdate):
            return _update_action(services, session, data)
        service: Any = services.meetings if isinstance(data, MeetingData) else services.observations
        return service.create_in(session, data).id
    except ValidationError as error:
        field, message = next(iter(error.errors.items()))
        raise BadFile(
            _("row {row}, {field}: {message}").format(row=row.number, field=field, message=message)
        ) from None
    except (PermissionDenied, NotFoundError) as error:
        raise BadFile(_("row {row}: {message}").format(row=row.number, message=error)) from None


@dataclass(frozen=True)
class _ActionUpdate:
    """Where an action stands, as a phone reported it (and what happened, in words)."""

    action_id: uuid.UUID
    status: str
    completed_on: date | None
    note: str


def _update_action(services: Services, session: Session, update: _ActionUpdate) -> uuid.UUID:
    """Change the action's status; the note becomes a comment on the action, so the words
    from the field are kept beside it."""
    current = services.actions.get(update.action_id).data
    completed = update.completed_on if update.status == "done" else None
    data = replace(current, status=update.status, completed_on=completed)
    services.actions.update_in(session, update.action_id, data)
    if update.note:
        comment = CommentData(current.cycle_id, "action", update.action_id, update.note)
        services.comments.create_in(session, comment)
    return update.action_id


def _value(row: _Row, field: str, kind: str) -> Any:
    value = row.values.get(field)
    if isinstance(value, str):
        value = value.strip()
    try:
        return convert(value, kind)
    except (TypeError, ValueError):
        raise BadFile(
            _("row {row}, {field}: {value!r} is not a {kind}").format(
                row=row.number, field=field, value=value, kind=kind
            )
        ) from None


def _meeting(row: _Row, cycles: dict[uuid.UUID, uuid.UUID]) -> MeetingData:
    community = _value(row, "community_id", "uuid")
    if community not in cycles:
        raise BadFile(
            _("row {row}, community_id: no active cycle you may read in {id}").format(
                row=row.number, id=community
            )
        )
    attendance = {}
    for key in row.values:
        if key.startswith("count_") and _value(row, key, "int") is not None:
            attendance[key.removeprefix("count_")] = _value(row, key, "int")
    held_on: date = _value(row, "held_on", "date")
    return MeetingData(
        cycle_id=cycles[community],
        held_on=held_on,
        kind=_value(row, "kind", "text"),
        place=_value(row, "place", "text"),
        facilitated_by=_value(row, "facilitated_by", "text"),
        decisions=_value(row, "decisions", "text"),
        notes=_value(row, "notes", "text"),
        attendance=attendance,
    )


def _observation(row: _Row, cycles: dict[uuid.UUID, uuid.UUID]) -> ObservationData:
    return ObservationData(
        indicator_id=_value(row, "indicator_id", "uuid"),
        observed_on=_value(row, "observed_on", "date"),
        value_number=_value(row, "value_number", "float"),
        value_text=_value(row, "value_text", "text"),
        note=_value(row, "note", "text"),
        recorded_by=_value(row, "recorded_by", "text"),
    )


def _action(row: _Row, cycles: dict[uuid.UUID, uuid.UUID]) -> _ActionUpdate:
    action_id = _value(row, "action_id", "uuid")
    if action_id is None:
        raise BadFile(_("row {row}, action_id: required").format(row=row.number))
    return _ActionUpdate(
        action_id,
        _value(row, "status", "text"),
        _value(row, "completed_on", "date"),
        _value(row, "note", "text"),
    )


_MAKERS: dict[str, Callable[[_Row, dict[uuid.UUID, uuid.UUID]], Any]] = {
    "meeting": _meeting,
    "observation": _observation,
    "action": _action,
}
