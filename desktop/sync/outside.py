"""Edits a laptop's user may no longer make, kept for the office to decide.

A facilitator edits a meeting offline; meanwhile the office reassigns that community to
someone else (or changes her role). At her next sync the server refuses the edit: she
may not change that community any more. It was made in good faith, though, while the
community was hers, so it is not dropped: it becomes a conflict on the record, with her
value set aside beside the one in use, for the people who may still change that
community to decide (its outcome is "kept"). A new record becomes a conflict of kind
``new_record`` holding all its fields: taking it adds the record.

Only edits to a community the person has been assigned to at some time are kept so: an
edit to a community never theirs is a forgery, refused and audited as before.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.i18n import _
from desktop.labels import record_kind
from desktop.models import Community, CommunityAssignment, User
from desktop.services.framework import fieldcodec
from desktop.services.framework.actor import Actor
from desktop.services.framework.entity import EntityService
from desktop.services.security import permissions
from desktop.storage import Database
from desktop.sync.conflicts import NEW_RECORD, Kept
from desktop.sync.history import Touch
from desktop.sync.registry import service_for
from desktop.sync.wire import ChangeMessage

KEPT = "kept"  # the outcome of such a change


def kept_conflicts(
    db: Database, actor: Actor, message: ChangeMessage
) -> list[dict[str, Any]] | None:
    """The conflicts keeping a refused change (empty when it changes nothing), or None
    when the change is not one to keep (see the module docstring)."""
    service = service_for(db, actor, message.entity)
    if service is None or message.action not in ("create", "update", "delete"):
        return None
    record_id = uuid.UUID(message.record_id)
    with db.session() as session:
        row = session.get(service.model, record_id)
        if message.action == "create":
            values = _fields(service, message)
            community = permissions.community_of(session, service.model, values)
        else:
            community = permissions.community_of_row(session, row) if row is not None else None
        if not isinstance(community, uuid.UUID) or not _was_assigned(session, actor, community):
            return None
        if message.action == "create":
            return [] if row is not None else [_new_record(db, session, actor, message, community)]
        if row is None:
            return None
        current = fieldcodec.encode_fields(service.snapshot(session, row))
        touch = Touch(row.updated_by, row.updated_at)
    if message.action == "delete":
        return Kept(db, actor, message, {"": touch}).edit_vs_delete(False)
    kept = Kept(db, actor, message, {})
    for name, value in message.fields.items():
        if name in current and current[name] != value:
            kept.touched[name] = touch
            kept.same_field(name, current[name])
    return kept.items


def _was_assigned(session: Session, actor: Actor, community: uuid.UUID) -> bool:
    """Whether the account has ever been assigned to ``community`` (ended and deleted
    assignments count: they are what made the community theirs)."""
    found = session.scalars(
        select(CommunityAssignment.id)
        .join(User, User.id == CommunityAssignment.user_id)
        .where(User.username == actor.username, CommunityAssignment.community_id == community)
        .limit(1)
    ).first()
    return found is not None


def _fields(service: EntityService[Any, Any], message: ChangeMessage) -> dict[str, Any]:
    try:
        return fieldcodec.decode_fields(service.data_type, message.fields)
    except (TypeError, ValueError):
        return {}


def _new_record(
    db: Database, session: Session, actor: Actor, message: ChangeMessage, community: uuid.UUID
) -> dict[str, Any]:
    place = session.get(Community, community)
    name = _("new {kind} in {community}").format(
        kind=record_kind(message.entity).lower(), community=place.name if place else "?"
    )
    return {
        **Kept(db, actor, message, {}).base("", NEW_RECORD),
        "record_name": name[:200],
        "kept_value": json.dumps(None),
        "other_value": json.dumps(message.fields, ensure_ascii=False),
    }
