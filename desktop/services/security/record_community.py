"""Which community a record belongs to, found through its parents (a phase through its
cycle, a follow-up through its review and cycle, a file through the record it is attached
to), so a grant limited to assigned communities can be checked on any record."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from desktop.models import (
    Attachment,
    Community,
    Cycle,
    HarmPriority,
    Indicator,
    Linkage,
    Meeting,
    MentorReview,
)


class Missing:
    """A referenced parent that does not exist: validation will refuse the input."""


MISSING = Missing()
CommunityRef = uuid.UUID | None | Missing


# A column naming the parent a record belongs to, and the parent's model.
PARENTS: tuple[tuple[str, type[Any]], ...] = (
    ("community_id", Community),
    ("cycle_id", Cycle),
    ("indicator_id", Indicator),
    ("review_id", MentorReview),
    ("priority_id", HarmPriority),
    ("meeting_id", Meeting),
    ("linkage_id", Linkage),
)


def community_of(session: Session, model: type[Any], values: Mapping[str, Any]) -> CommunityRef:
    """The community a record (given by its column values) belongs to."""
    if model is Community:
        return values.get("id")
    if model is Attachment:
        return attachment_community(session, values.get("entity_type"), values.get("entity_id"))
    for column, parent in PARENTS:
        if column in values and column in model.__table__.columns:
            parent_id = values[column]
            if column == "community_id":
                return parent_id  # type: ignore[no-any-return]
            if parent_id is None:
                continue
            row = session.get(parent, parent_id)
            if row is None:
                return MISSING
            return community_of(session, parent, row_values(row))
    return None


def community_of_row(session: Session, row: Any) -> CommunityRef:
    return community_of(session, type(row), row_values(row))


def row_values(row: Any) -> dict[str, Any]:
    """A stored row's column values (deferred columns, such as a file's bytes, left out)."""
    return {
        attr.key: getattr(row, attr.key)
        for attr in row.__mapper__.column_attrs
        if not attr.deferred
    }


def model_for_entity(entity: str) -> type[Any] | None:
    from desktop.models import Base

    for mapper in Base.registry.mappers:
        cls = mapper.class_
        if getattr(cls, "__tablename__", None) == _TABLE_NAMES.get(entity, entity):
            return cls
    return None


_TABLE_NAMES = {"user": "app_user"}


def attachment_community(session: Session, entity_type: Any, entity_id: Any) -> CommunityRef:
    model = model_for_entity(str(entity_type or ""))
    if model is None or entity_id is None:
        return MISSING
    row = session.get(model, entity_id)
    return MISSING if row is None else community_of_row(session, row)


def attachable_models() -> list[tuple[str, type[Any]]]:
    from desktop.models import Base

    found: list[tuple[str, type[Any]]] = []
    for mapper in Base.registry.mappers:
        cls = mapper.class_
        columns = cls.__table__.columns
        if cls is Attachment or "deleted_at" not in columns:
            continue
        if cls is Community or any(column in columns for column, _parent in PARENTS):
            found.append((entity_of_model(cls), cls))
    return found


def entity_of_model(model: type[Any]) -> str:
    table: str = model.__tablename__
    return {value: key for key, value in _TABLE_NAMES.items()}.get(table, table)
