"""The office server applies a laptop's changes through the app's own services.

Each change is checked against what its laptop had received when the edit was made (the
checkpoint of its last download). When nobody else changed the record since, it is applied
as it is; when someone did, the fields nobody else touched are merged and each field both changed
to different values becomes a conflict kept with both values, who and when; the value
already on the server stays current until a person decides. An edit to a deleted record
brings the record back with the edit (and a conflict says so); a delete of a record that
someone edited since is not done (a conflict asks). A change the user may not make is
refused and the refusal is audited. Every change, whatever became of it, is remembered by
(device, sequence), so a batch sent twice is applied once. The write itself is the
service's ``UPDATE ... WHERE version = :read``, so a request that changed the record in
between makes this one read again rather than overwrite it.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.services.framework import audit, changelog, fieldcodec
from desktop.services.framework.actor import Actor
from desktop.services.framework.entity import EntityService
from desktop.services.framework.errors import (
    ConflictError,
    NotFoundError,
    PermissionDenied,
    ServiceError,
)
from desktop.services.usecases.duplicates import MODELS as DUPLICATE_KINDS
from desktop.services.usecases.duplicates import note_possible_duplicates
from desktop.storage import Database
from desktop.sync.conflicts import Kept, conflict_rows
from desktop.sync.history import known_outcome, touched_since, write_marker
from desktop.sync.outside import KEPT, kept_conflicts
from desktop.sync.registry import service_for
from desktop.sync.wire import ChangeMessage, Outcome

ATTEMPTS = 3


def apply_batch(
    db: Database, actor: Actor, device_id: str, messages: list[ChangeMessage], seen: int
) -> list[Outcome]:
    """Apply a device's changes in the order it made them; one outcome each. ``seen``:
    the checkpoint of the last download the device applied before making them (own
    writes go first, so every change waiting on a laptop was made after that download)."""
    outcomes = []
    for message in messages:
        if message.device_id != device_id:  # not remembered: it is not this device's to use
            outcomes.append(Outcome(message.device_seq, "refused", "change of another device"))
        else:
            outcomes.append(apply_change(db, actor, message, seen))
    return outcomes


def apply_change(db: Database, actor: Actor, message: ChangeMessage, seen: int) -> Outcome:
    """Apply one change as ``actor`` (the account that signed in to sync)."""
    service = service_for(db, actor, message.entity)
    for _attempt in range(ATTEMPTS):
        with db.session() as session:
            known = known_outcome(session, message)
        if known is not None:
            return known
        if service is None:
            return refuse(db, actor, message, f"unknown kind of record: {message.entity}")
        try:
            return _apply(db, service, actor, message, seen)
        except ConflictError:
            continue  # written meanwhile by another request: read it again
        except IntegrityError:
            continue  # the same change applied meanwhile by a second request
        except PermissionDenied as error:
            kept = kept_conflicts(db, actor, message)
            if kept is not None:
                return keep(db, actor, message, str(error), kept)
            return refuse(db, actor, message, str(error), audited=True)
        except (ServiceError, ValueError, TypeError) as error:
            return refuse(db, actor, message, str(error) or type(error).__name__)
    return refuse(db, actor, message, "the record kept changing; sync again")


def _origin(actor: Actor, message: ChangeMessage, outcome: str = "applied") -> changelog.Origin:
    return changelog.Origin(
        device_id=message.device_id,
        device_seq=message.device_seq,
        username=actor.username,
        at=message.at,
        record_id=uuid.UUID(message.record_id),
        outcome=outcome,
    )


def _apply(
    db: Database, service: EntityService[Any, Any], actor: Actor, message: ChangeMessage, seen: int
) -> Outcome:
    record_id = uuid.UUID(message.record_id)
    with db.session() as session:
        row = session.get(service.model, record_id)
        version = row.version if row is not None else 0
        deleted = row is not None and row.deleted_at is not None
        current = service.snapshot(session, row) if row is not None else None
        touched = touched_since(session, message, seen)
    if message.action == "create":
        if row is not None:
            return _marker(db, actor, message, "unchanged", version)
        data = service.data_type(**fieldcodec.decode_fields(service.data_type, message.fields))
        with (
            changelog.applying(_origin(actor, message)),
            changelog.together(_look_alikes(db, message.entity, record_id)),
        ):
            service.create(data)
        return Outcome(message.device_seq, "applied")
    if row is None:
        raise NotFoundError(f"no {message.entity} with id {record_id}")
    if message.action == "update":
        return _update(db, service, actor, message, (version, deleted, current, touched))
    if message.action == "delete":
        if deleted:
            return _marker(db, actor, message, "unchanged", version)
        if touched:  # edited by someone else since: keep the edit, ask
            kept = Kept(db, actor, message, touched)
            return _marker(db, actor, message, "conflict", version, kept.edit_vs_delete(False))
        with changelog.applying(_origin(actor, message)):
            service.delete(record_id, expected_version=version)
        return Outcome(message.device_seq, "applied")
    if message.action == "restore":
        if not deleted:
            return _marker(db, actor, message, "unchanged", version)
        with changelog.applying(_origin(actor, message)):
            service.restore(record_id)
        return Outcome(message.device_seq, "applied")
    raise ValueError(f"unknown action {message.action}")


def _look_alikes(db: Database, entity: str, record_id: uuid.UUID) -> Callable[[Session], None]:
    """A new community or stakeholder that looks like one the office has: a possible
    duplicate for a manager, written in the same transaction as the record (as the
    office's own change, which laptops receive like any other)."""

    def write(session: Session) -> None:
        if entity in DUPLICATE_KINDS:
            with changelog.own_changes():
                note_possible_duplicates(session, db, entity, record_id)

    return write


def _update(
    db: Database,
    service: EntityService[Any, Any],
    actor: Actor,
    message: ChangeMessage,
    state: tuple[int, bool, Any, dict[str, Any]],
) -> Outcome:
    version, deleted, current, touched = state
    record_id = uuid.UUID(message.record_id)
    incoming = fieldcodec.decode_fields(service.data_type, message.fields)
    kept = Kept(db, actor, message, touched)
    merged: dict[str, Any] = {}
    for name, value in incoming.items():
        if name in touched and getattr(current, name) != value:
            kept.same_field(name, fieldcodec.encode(getattr(current, name)))
        else:
            merged[name] = value
    if deleted:  # an edit to a deleted record: the edit is kept, the record comes back
        with changelog.together(conflict_rows(kept.edit_vs_delete(True))):
            service.restore(record_id)
        version += 1
    if not merged or current == replace(current, **merged):
        outcome = "conflict" if kept.items else "unchanged"
        return _marker(db, actor, message, outcome, version, kept.items)
    outcome = "merged" if touched else "applied"
    if kept.items:
        outcome = "conflict"
    with (
        changelog.applying(_origin(actor, message, outcome)),
        changelog.together(conflict_rows(kept.items)),
    ):
        service.update(record_id, replace(current, **merged), expected_version=version)
    return Outcome(message.device_seq, outcome)


def _marker(
    db: Database,
    actor: Actor,
    message: ChangeMessage,
    outcome: str,
    version: int,
    conflicts: list[dict[str, Any]] | None = None,
) -> Outcome:
    with db.sessions.begin() as session:
        write_marker(session, message, outcome, actor.username, version)
        conflict_rows(conflicts or [])(session)
    return Outcome(message.device_seq, outcome)


def keep(
    db: Database, actor: Actor, message: ChangeMessage, reason: str, kept: list[dict[str, Any]]
) -> Outcome:
    """Apply none of a change the user may no longer make, keep it as conflicts for the
    office (``desktop.sync.outside``), and audit it."""
    outcome = KEPT if kept else "unchanged"
    with db.sessions.begin() as session:
        audit.record(
            session,
            actor=actor,
            action="sync.kept",
            device_id=message.device_id,
            entity_type=message.entity,
            entity_id=message.record_id,
            changes={"device_seq": message.device_seq, "reason": reason, "conflicts": len(kept)},
        )
        write_marker(session, message, outcome, actor.username, 0)
        conflict_rows(kept)(session)
    note = "your change is kept at the office as a conflict, for those who may decide it"
    return Outcome(message.device_seq, outcome, f"{reason} ({note})" if kept else reason)


def refuse(
    db: Database, actor: Actor, message: ChangeMessage, reason: str, *, audited: bool = False
) -> Outcome:
    """Take no part of the change; remember (and, for a permission, audit) the refusal."""
    with db.sessions.begin() as session:
        if audited:
            audit.record(
                session,
                actor=actor,
                action="sync.refused",
                device_id=message.device_id,
                entity_type=message.entity,
                entity_id=message.record_id,
                changes={"device_seq": message.device_seq, "reason": reason},
            )
        write_marker(session, message, "refused", actor.username, 0)
    return Outcome(message.device_seq, "refused", reason)
