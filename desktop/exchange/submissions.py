"""Bring in what phones collected with the forms of ``clcp xlsform``, as ODK Central or
KoboToolbox export the submissions (CSV, XLSX, or JSON from their APIs): a meeting or an
observation becomes a new record; an action update changes the action's status, its note
kept as a comment.

Every submission becomes a record through the services, with the app's own rules and the
signed-in person's rights, all in one transaction: a row that fails names its row and
field and nothing of the file is kept. Each submission's ``meta/instanceID`` is written in
the audit trail with the record it made, so importing the same file again (or a later
export that repeats old submissions) adds nothing twice.

Reading the sheet's rows (instanceIDs, edits, reviewers' refusals) is in
:mod:`desktop.exchange.submission_rows`.
"""

from __future__ import annotations

import json
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
from .submission_rows import Row, form_of, instance_key, read_submissions
from .tabular import read_rows
from .workbook_import import convert

ENTITY = "submission"
__all__ = [  # instance_key: how the audit trail keys a submission, for its readers
    "ALREADY", "CHANGES", "ENTITY", "NEW", "REJECTED", "RowOutcome", "SubmissionSummary",
    "import_sheet", "import_submissions", "instance_key",
]  # fmt: skip
NEW, CHANGES, ALREADY, REJECTED = "new", "changes", "already", "rejected"


@dataclass(frozen=True)
class RowOutcome:
    """What became of one submission: ``what`` is NEW (a record made), CHANGES (an edit
    changed the earlier record), ALREADY (imported before, or its record deleted here) or
    REJECTED (refused by a reviewer on the server); its community, date and kind or
    status as given, for a preview."""

    number: int
    what: str
    community: str
    day: str
    detail: str


@dataclass(frozen=True)
class SubmissionSummary:
    form: str
    rows: int
    created: int
    already: int
    dry_run: bool
    updated: int = 0  # earlier records changed by an edited submission
    rejected: int = 0  # left out: rejected (Central) or not approved (Kobo) on the server
    outcomes: tuple[RowOutcome, ...] = ()


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
    rows, rejected = read_submissions(sheet)
    form = form_of(rows[0].values if rows else {}, sheet)
    make = _MAKERS[form]
    cycles = _active_cycles(services) if form == "meeting" else {}
    outcomes = [_outcome(row, REJECTED) for row in rejected]
    try:
        with services.db.sessions.begin() as session:
            seen = _already_imported(session, [row.key for row in rows])
            for row in rows:
                if row.key in seen:
                    outcomes.append(_outcome(row, ALREADY))
                    continue
                seen.add(row.key)
                earlier = _earlier_record(session, row.replaces) if row.replaces else None
                record = _bring_in(services, session, row, lambda r: make(r, cycles), earlier)
                _note_imported(services, session, row, form, record, source)
                what = ALREADY if record is None else CHANGES if earlier else NEW
                outcomes.append(_outcome(row, what))
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    outcomes.sort(key=lambda outcome: outcome.number)
    count = {what: sum(1 for o in outcomes if o.what == what) for what in (NEW, CHANGES)}
    done = count[NEW] + count[CHANGES]
    return SubmissionSummary(
        form,
        len(rows),
        count[NEW],
        len(rows) - done,
        dry_run,
        count[CHANGES],
        len(rejected),
        tuple(outcomes),
    )


def _outcome(row: Row, what: str) -> RowOutcome:
    def given(*names: str) -> str:
        found = (row.values.get(name) for name in names)
        return next((str(value).strip() for value in found if str(value or "").strip()), "")

    return RowOutcome(
        row.number,
        what,
        given("community_id"),
        given("held_on", "observed_on", "completed_on"),
        given("kind", "status", "value_number", "value_text"),
    )


class _DryRun(Exception):
    """Ends a dry run's transaction, so everything checked is rolled back."""


def _note_imported(
    services: Services,
    session: Session,
    row: Row,
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
    row: Row,
    make: Callable[[Row], Any],
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


def _value(row: Row, field: str, kind: str) -> Any:
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


def _meeting(row: Row, cycles: dict[uuid.UUID, uuid.UUID]) -> MeetingData:
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


def _observation(row: Row, cycles: dict[uuid.UUID, uuid.UUID]) -> ObservationData:
    return ObservationData(
        indicator_id=_value(row, "indicator_id", "uuid"),
        observed_on=_value(row, "observed_on", "date"),
        value_number=_value(row, "value_number", "float"),
        value_text=_value(row, "value_text", "text"),
        note=_value(row, "note", "text"),
        recorded_by=_value(row, "recorded_by", "text"),
    )


def _action(row: Row, cycles: dict[uuid.UUID, uuid.UUID]) -> _ActionUpdate:
    action_id = _value(row, "action_id", "uuid")
    if action_id is None:
        raise BadFile(_("row {row}, action_id: required").format(row=row.number))
    return _ActionUpdate(
        action_id,
        _value(row, "status", "text"),
        _value(row, "completed_on", "date"),
        _value(row, "note", "text"),
    )


_MAKERS: dict[str, Callable[[Row, dict[uuid.UUID, uuid.UUID]], Any]] = {
    "meeting": _meeting,
    "observation": _observation,
    "action": _action,
}
