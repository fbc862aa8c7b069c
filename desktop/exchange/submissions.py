"""Bring in what phones collected with the forms of ``clcp xlsform``, as ODK Central or
KoboToolbox export the submissions (CSV, XLSX, or JSON from their APIs): a meeting or an
observation becomes a new record; an action update changes the action's status, its note
kept as a comment.

Every submission becomes a record through the services, with the app's own rules and the
signed-in person's rights, all in one transaction: a row that fails names its row and
field and nothing of the file is kept. Each submission's ``meta/instanceID`` is written in
the audit trail with the record it made, so importing the same file again (or a later
export that repeats old submissions) adds nothing twice.

Column names are matched on their last part: ODK Central writes ``attendance-count_girls``
and ``meta-instanceID``, KoboToolbox ``attendance/count_girls`` and ``_uuid``.
"""

from __future__ import annotations

import json
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
from desktop.models import AuditEvent, Comment
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
_INSTANCE_COLUMNS = ("instanceid", "__id", "key", "_uuid", "uuid")
# Where an edited submission names the one it replaces: its deprecatedID, or the first
# version's id, which ODK Central keeps as ``__id`` (and Kobo as ``meta/rootUuid``) while
# ``meta/instanceID`` changes with every edit.
_EARLIER_COLUMNS = ("deprecatedid", "rootuuid", "__id")
_NAMESPACE = uuid.UUID("6f1d3c1e-4b8a-4f3e-9b35-2b0f6f0c7a11")


@dataclass(frozen=True)
class SubmissionSummary:
    form: str
    rows: int
    created: int
    already: int
    dry_run: bool
    updated: int = 0  # earlier records changed by an edited submission
    rejected: int = 0  # left out: rejected (Central) or not approved (Kobo) on the server


@dataclass(frozen=True)
class _Row:
    number: int
    key: str
    values: dict[str, Any]
    replaces: str = ""  # the key of the submission this one edits (its deprecatedID)


def import_submissions(services: Services, path: Path, *, dry_run: bool) -> SubmissionSummary:
    """Create a record per new submission in ``path``; with ``dry_run`` check them all
    the same way and keep nothing."""
    return import_sheet(services, read_rows(path), source=path.name, dry_run=dry_run)


def import_sheet(
    services: Services, sheet: SheetData, *, source: str, dry_run: bool
) -> SubmissionSummary:
    """Import the submissions of ``sheet`` (read from a file or pulled from a server;
    ``source`` names it in the audit trail) all or nothing."""
    if not sheet.headers:  # a form nobody has sent anything for yet
        return SubmissionSummary("", 0, 0, 0, dry_run)
    rows, rejected = _rows(sheet)
    form = _form_of(rows[0].values if rows else {}, sheet)
    make = _MAKERS[form]
    cycles = _active_cycles(services) if form == "meeting" else {}
    counts = {"created": 0, "updated": 0}
    try:
        with services.db.sessions.begin() as session:
            seen = _already_imported(session, [row.key for row in rows])
            for row in rows:
                if row.key in seen:
                    continue
                seen.add(row.key)
                earlier = _earlier_record(session, row.replaces) if row.replaces else None
                outcome = _bring_in(services, session, row, lambda r: make(r, cycles), earlier)
                _note_imported(services, session, row, form, outcome, source)
                if outcome is not None:
                    counts["updated" if earlier else "created"] += 1
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    done = counts["created"] + counts["updated"]
    return SubmissionSummary(
        form, len(rows), counts["created"], len(rows) - done, dry_run, counts["updated"], rejected
    )


class _DryRun(Exception):
    """Ends a dry run's transaction, so everything checked is rolled back."""


def _note_imported(
    services: Services,
    session: Session,
    row: _Row,
    form: str,
    record: uuid.UUID | None,
    source: str,
) -> None:
    """The audit event that marks the submission imported, naming the record it made or
    changed (an edit of it later finds the record here)."""
    changes = {"form": form, "record": str(record or ""), "file": source}
    if row.replaces:
        changes["replaces"] = row.replaces
    audit.record(
        session,
        actor=services.actor,
        action="import",
        device_id=services.db.device_id,
        entity_type=ENTITY,
        entity_id=row.key,
        changes=changes,
    )


def _key(header: str) -> str:
    return re.split(r"[/-]", header.strip())[-1].lower()


def _rows(sheet: SheetData) -> tuple[list[_Row], int]:
    """The submissions to bring in, and how many the server's reviewers refused."""
    keys = [_key(header) for header in sheet.headers]
    instance = [keys.index(k) for k in _INSTANCE_COLUMNS if k in keys]
    if not instance:
        raise BadFile(_("{file} has no meta/instanceID column").format(file=sheet.name))
    earlier = [keys.index(k) for k in _EARLIER_COLUMNS if k in keys]
    review = [i for i, header in enumerate(sheet.headers) if _is_review(header)]
    rows, rejected = [], 0
    for offset, values in enumerate(sheet.rows):
        if not any(str(value or "").strip() for value in values):
            continue
        if any(_refused_on_server(values[i]) for i in review if i < len(values)):
            rejected += 1
            continue
        number = sheet.first_row + offset
        given = [str(values[i] or "").strip() for i in instance if i < len(values)]
        raw = next((text for text in given if text), "")
        if not raw:
            raise BadFile(_("row {row}: no instanceID").format(row=number))
        key = instance_key(raw)
        olds = [str(values[i] or "").strip() for i in earlier if i < len(values)]
        old = next((instance_key(text) for text in olds if text), key)
        named = {key: value for key, value in zip(keys, values, strict=False) if key}
        rows.append(_Row(number, key, named, "" if old == key else old))
    return rows, rejected


def _is_review(header: str) -> bool:
    """ODK Central's review state (``__system/reviewState``, ``ReviewState`` in its CSV)
    or KoboToolbox's validation status (``_validation_status``, an object in its JSON)."""
    name = header.strip().lower()
    return _key(name) == "reviewstate" or name.startswith("_validation_status")


def _refused_on_server(value: Any) -> bool:
    """Rejected on Central, or "not approved" on Kobo. Every other state (received, has
    issues, edited, approved, on hold, none) is imported: only a reviewer's refusal keeps
    a submission out."""
    text = re.sub(r"[\s_]+", " ", str(value or "")).strip().lower()
    return text in ("rejected", "not approved", "validation status not approved")


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


def _earlier_record(session: Session, key: str) -> uuid.UUID | None:
    """The record an earlier import of submission ``key`` made, if it was imported."""
    changes = session.scalars(
        select(AuditEvent.changes)
        .where(
            AuditEvent.action == "import",
            AuditEvent.entity_type == ENTITY,
            AuditEvent.entity_id == key,
        )
        .order_by(AuditEvent.seq.desc())
        .limit(1)
    ).first()
    record = json.loads(changes).get("record", "") if changes else ""
    return uuid.UUID(record) if record else None


def _bring_in(
    services: Services,
    session: Session,
    row: _Row,
    make: Callable[[_Row], Any],
    earlier: uuid.UUID | None,
) -> uuid.UUID | None:
    """Create the row's record, or change ``earlier`` when the row edits a submission
    already imported. None: the earlier record was deleted here, so the edit is noted
    and nothing comes back."""
    try:
        data = make(row)
        if isinstance(data, _ActionUpdate):
            return _update_action(services, session, data)
        service: Any = services.meetings if isinstance(data, MeetingData) else services.observations
        if earlier is None:
            return uuid.UUID(str(service.create_in(session, data).id))
        if not _exists(session, service, earlier):
            return None
        return uuid.UUID(str(service.update_in(session, earlier, data).id))
    except ValidationError as error:
        field, message = next(iter(error.errors.items()))
        raise BadFile(
            _("row {row}, {field}: {message}").format(row=row.number, field=field, message=message)
        ) from None
    except (PermissionDenied, NotFoundError) as error:
        raise BadFile(_("row {row}: {message}").format(row=row.number, message=error)) from None


def _exists(session: Session, service: Any, record_id: uuid.UUID) -> bool:
    row = session.get(service.model, record_id)
    return row is not None and row.deleted_at is None


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
    if update.note and not _said_already(session, update):  # an edit may repeat the note
        comment = CommentData(current.cycle_id, "action", update.action_id, update.note)
        services.comments.create_in(session, comment)
    return update.action_id


def _said_already(session: Session, update: _ActionUpdate) -> bool:
    found = session.scalars(
        select(Comment.id).where(
            Comment.subject_id == update.action_id,
            Comment.body == update.note,
            Comment.deleted_at.is_(None),
        )
    ).first()
    return found is not None


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
