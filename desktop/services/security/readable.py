"""Which records a person may read, as a question to the database: the communities they are
assigned to today, and the SQL condition that keeps a list to the rows they may read
(the community list, the timelines and every entity list filter with it)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, false, or_, select, true
from sqlalchemy.orm import Session

from desktop.models import (
    Attachment,
    Community,
    CommunityAssignment,
    OfficeSetting,
    PossibleDuplicate,
    User,
)
from desktop.models.enums import Role
from desktop.services.framework.actor import Actor
from desktop.services.security.permission_matrix import (
    FACILITATORS_READ_ALL,
    READ,
    Grant,
    Scope,
    grant_for,
)
from desktop.services.security.record_community import PARENTS, attachable_models, entity_of_model


def assigned_communities(actor: Actor, today: date | None = None) -> Select[uuid.UUID]:
    """The ids of the communities the actor is assigned to today (any role)."""
    today = today or date.today()
    return (
        select(CommunityAssignment.community_id)
        .join(User, CommunityAssignment.user_id == User.id)
        .where(
            User.username == actor.username,
            User.deleted_at.is_(None),
            CommunityAssignment.deleted_at.is_(None),
            or_(CommunityAssignment.from_on.is_(None), CommunityAssignment.from_on <= today),
            or_(CommunityAssignment.to_on.is_(None), CommunityAssignment.to_on >= today),
        )
    )


def facilitators_read_all(session: Session) -> bool:
    value = session.scalars(
        select(OfficeSetting.value).where(
            OfficeSetting.key == FACILITATORS_READ_ALL, OfficeSetting.deleted_at.is_(None)
        )
    ).first()
    return (value or "").strip().lower() in {"yes", "true", "1"}


def reads_everywhere(session: Session, actor: Actor, entity: str, grant: Grant) -> bool:
    if grant.scope is Scope.OFFICE:
        return True
    return actor.role == Role.FACILITATOR and facilitators_read_all(session)


def readable_condition(session: Session, actor: Actor, model: type[Any]) -> ColumnElement[bool]:
    """An SQL condition keeping only the rows of ``model`` the actor may read."""
    entity = entity_of_model(model)
    if actor.is_system:
        return true()
    grant = grant_for(actor, entity)
    if grant is None or READ not in grant.actions:
        return false()
    if reads_everywhere(session, actor, entity, grant):
        return true()
    return in_communities(model, assigned_communities(actor))


def belongs_to_a_community(model: type[Any]) -> bool:
    """Whether records of ``model`` belong to a community (so a grant limited to assigned
    communities limits them), rather than to the whole office."""
    if model in (Community, Attachment):
        return True
    return any(column in model.__table__.columns for column, _parent in PARENTS)


def in_communities(
    model: type[Any], communities: Select[uuid.UUID], *, office_rows: bool = True
) -> ColumnElement[bool]:
    """An SQL condition keeping the rows of ``model`` that belong to one of
    ``communities`` (through their parents). ``office_rows``: whether rows that belong to
    no community (a catalogue harm, a stakeholder) are kept too; without them, the
    condition names exactly what a community holds (what a laptop removes when the
    community leaves its user's assignments)."""
    if model is Community:
        return Community.id.in_(communities)
    if model is PossibleDuplicate:  # two communities that may be one: both must be readable
        return or_(
            PossibleDuplicate.kind != "community",
            and_(
                PossibleDuplicate.first_id.in_(communities),
                PossibleDuplicate.second_id.in_(communities),
            ),
        )
    if model is Attachment:
        parts = [
            (Attachment.entity_type == entity)
            & Attachment.entity_id.in_(
                select(target.id).where(
                    in_communities(target, communities, office_rows=office_rows)
                )
            )
            for entity, target in attachable_models()
        ]
        return or_(*parts) if parts else false()
    columns = model.__table__.columns
    for column, parent in PARENTS:
        if column in columns:
            if column == "community_id":
                own: ColumnElement[bool] = getattr(model, column).in_(communities)
                if columns[column].nullable and office_rows:
                    return or_(own, getattr(model, column).is_(None))
                return own
            inner = select(parent.id).where(
                in_communities(parent, communities, office_rows=office_rows)
            )
            within: ColumnElement[bool] = getattr(model, column).in_(inner)
            return within
    return true() if office_rows else false()  # office-wide records (limited grants read them)
