"""The permission matrix: which role may read, create, update or delete which records.

One table decides every service call (``EntityService`` asks it before each read and
write, the community list filters with it, ``Services.can`` answers views from it), so
the window and the command line obey the same rules.

A grant is either office-wide or limited to the communities a person is assigned to
(as facilitator or mentor, today). A limited grant on a record that belongs to no
community (a catalogue harm, a stakeholder) allows reading only. Facilitators read
the other communities too when the office setting ``facilitators_read_all_communities``
is ``yes``.

An administrator sets the office up, so adds and corrects communities (their profile
and partnership) office-wide, but does not delete them nor write the cycle work itself:
that stays with managers and the people assigned.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from sqlalchemy import ColumnElement, Select, false, or_, select, true
from sqlalchemy.orm import Session

from desktop.i18n import _
from desktop.labels import record_kind
from desktop.models import (
    Attachment,
    Community,
    CommunityAssignment,
    Cycle,
    HarmPriority,
    Indicator,
    Linkage,
    Meeting,
    MentorReview,
    OfficeSetting,
    User,
)
from desktop.models.enums import Role
from desktop.services.framework.actor import Actor
from desktop.services.framework.errors import PermissionDenied

READ, CREATE, UPDATE, DELETE = "read", "create", "update", "delete"
ACTIONS = (READ, CREATE, UPDATE, DELETE)
_LETTERS = {"r": READ, "c": CREATE, "u": UPDATE, "d": DELETE}

FACILITATORS_READ_ALL = "facilitators_read_all_communities"
"""Office setting: ``yes`` lets facilitators read communities they are not assigned to."""


class Scope(Enum):
    OFFICE = "office"  # every record of the kind
    ASSIGNED = "assigned"  # records of the communities the person is assigned to


@dataclass(frozen=True)
class Grant:
    actions: frozenset[str]
    scope: Scope


def _g(text: str) -> Grant | None:
    """``"crud"`` = office-wide; ``"crud@"`` = only in assigned communities; ``""`` = nothing."""
    if not text:
        return None
    scope = Scope.ASSIGNED if text.endswith("@") else Scope.OFFICE
    return Grant(frozenset(_LETTERS[letter] for letter in text.rstrip("@")), scope)


_ROLES = (Role.ADMIN, Role.MANAGER, Role.FACILITATOR, Role.MENTOR)
_CYCLE_WORK = ("r", "crud", "crud@", "r@")

# fmt: off
_TABLE: dict[str, tuple[str, str, str, str]] = {
    #  entity                   admin   manager  facilitator  mentor
    "community":               ("cru",  "crud",  "ru@",       "r@"),
    "cycle":                   _CYCLE_WORK,
    "phase":                   _CYCLE_WORK,
    "learning_finding":        _CYCLE_WORK,
    "harm_priority":           _CYCLE_WORK,
    "meeting":                 _CYCLE_WORK,
    "planning_group_member":   _CYCLE_WORK,
    "action":                  _CYCLE_WORK,
    "indicator":               _CYCLE_WORK,
    "observation":             _CYCLE_WORK,
    "reflection":              _CYCLE_WORK,
    "linkage":                 _CYCLE_WORK,
    "attachment":              ("r",    "crud",  "crud@",     "crud@"),
    "harm":                    ("r",    "crud",  "cru@",      "r"),
    "stakeholder":             ("r",    "crud",  "cru",       "r"),
    "mentor_review":           ("r",    "crud",  "ru@",       "crud@"),
    "follow_up":               ("r",    "crud",  "ru@",       "crud@"),
    "comment":                 ("r",    "crud",  "crud@",     "crud@"),
    "user":                    ("crud", "r",     "r",         "r"),
    "community_assignment":    ("crud", "crud",  "r",         "r"),
    "participant_group":       ("crud", "r",     "r",         "r"),
    "office_setting":          ("crud", "r",     "r",         "r"),
    "audit_event":             ("r",    "r",     "",          ""),
    "report":                  ("",     "r",     "r@",        "r@"),
    "export":                  ("",     "r",     "r@",        "r@"),
}
# fmt: on

MATRIX: dict[str, dict[str, Grant | None]] = {
    entity: {role.value: _g(text) for role, text in zip(_ROLES, row, strict=True)}
    for entity, row in _TABLE.items()
}
"""entity -> role -> grant (None: no access)."""

# Attachments belong to any record: acting on one needs the right on its record.
_ATTACHMENT_NEEDS = {READ: READ, CREATE: UPDATE, UPDATE: UPDATE, DELETE: UPDATE}


class _Missing:
    """A referenced parent that does not exist: validation will refuse the input."""


MISSING = _Missing()
CommunityRef = uuid.UUID | None | _Missing


def grant_for(actor: Actor, entity: str) -> Grant | None:
    return MATRIX.get(entity, {}).get(actor.role or "")


def role_may(actor: Actor, action: str, entity: str) -> bool:
    """Whether the role may do ``action`` on ``entity`` somewhere (in some community)."""
    if actor.is_system:
        return True
    grant = grant_for(actor, entity)
    return grant is not None and action in grant.actions


# ------------------------------------------------------------- assigned communities
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


def _reads_everywhere(session: Session, actor: Actor, entity: str, grant: Grant) -> bool:
    if grant.scope is Scope.OFFICE:
        return True
    return actor.role == Role.FACILITATOR and facilitators_read_all(session)


def allowed(
    session: Session,
    actor: Actor,
    action: str,
    entity: str,
    community: CommunityRef = None,
) -> bool:
    """Whether ``actor`` may ``action`` a record of ``entity`` in ``community``.

    ``community`` None means the record belongs to no community; MISSING means its
    parent does not exist (the role decides; validation then refuses the input).
    """
    if actor.is_system:
        return True
    grant = grant_for(actor, entity)
    if grant is None or action not in grant.actions:
        return False
    if grant.scope is Scope.OFFICE or isinstance(community, _Missing):
        return True
    if action == READ and _reads_everywhere(session, actor, entity, grant):
        return True
    if community is None:
        return action == READ
    found = session.scalars(
        assigned_communities(actor).where(CommunityAssignment.community_id == community).limit(1)
    ).first()
    return found is not None


def require(
    session: Session,
    actor: Actor,
    action: str,
    entity: str,
    community: CommunityRef = None,
) -> None:
    """Raise PermissionDenied unless :func:`allowed`."""
    if not allowed(session, actor, action, entity, community):
        raise PermissionDenied(denial(actor, action, entity))


def denial(actor: Actor, action: str, entity: str) -> str:
    verbs = {
        READ: _("see"),
        CREATE: _("add"),
        UPDATE: _("change"),
        DELETE: _("delete"),
    }
    what = record_kind(entity)
    if actor.role is None:
        return _("You are not signed in with a role, so you cannot {verb} any {what}.").format(
            verb=verbs.get(action, action), what=what
        )
    return _("As {role}, {user} cannot {verb} this {what}.").format(
        role=actor.role, user=actor.username, verb=verbs.get(action, action), what=what
    )


def roles_allowed(action: str, entity: str) -> list[str]:
    """The roles that may ``action`` ``entity`` somewhere, in the matrix's order."""
    row = MATRIX.get(entity, {})
    return [
        role.value for role in _ROLES if (grant := row.get(role.value)) and action in grant.actions
    ]


def why_not(actor: Actor, action: str, entity: str) -> str:
    """Why a command is disabled for the actor's role, and who can do it instead: the one
    sentence every disabled button and menu entry shows (empty when the role may)."""
    if role_may(actor, action, entity):
        return ""
    from desktop.labels import label

    verbs = {READ: _("see"), CREATE: _("add"), UPDATE: _("change"), DELETE: _("delete")}
    others = [label(role) for role in roles_allowed(action, entity)]
    text = _("Your role ({role}) cannot {verb} a {what}.").format(
        role=label(actor.role) if actor.role else _("none"),
        verb=verbs.get(action, action),
        what=record_kind(entity),
    )
    if others:
        text += " " + _("Roles that can: {roles}.").format(roles=", ".join(others))
    return text


# ------------------------------------------------------------- where records belong
# A column naming the parent a record belongs to, and the parent's model.
_PARENTS: tuple[tuple[str, type[Any]], ...] = (
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
        return _attachment_community(session, values.get("entity_type"), values.get("entity_id"))
    for column, parent in _PARENTS:
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


def _attachment_community(session: Session, entity_type: Any, entity_id: Any) -> CommunityRef:
    model = model_for_entity(str(entity_type or ""))
    if model is None or entity_id is None:
        return MISSING
    row = session.get(model, entity_id)
    return MISSING if row is None else community_of_row(session, row)


def require_record(
    session: Session, actor: Actor, action: str, entity: str, values: Mapping[str, Any]
) -> None:
    """Raise PermissionDenied unless the actor may ``action`` this record of ``entity``.

    A file attached to a record needs the right to read (to see it) or change (to add,
    replace or remove it) that record.
    """
    if actor.is_system:
        return
    model = model_for_entity(entity)
    if model is Attachment:
        if not role_may(actor, action, entity):
            raise PermissionDenied(denial(actor, action, entity))
        owner = str(values.get("entity_type") or "")
        community = _attachment_community(session, owner, values.get("entity_id"))
        if isinstance(community, _Missing):
            return
        require(session, actor, _ATTACHMENT_NEEDS[action], owner, community)
        return
    if model is None:
        require(session, actor, action, entity, None)
        return
    require(session, actor, action, entity, community_of(session, model, values))


# ------------------------------------------------------------- filtering lists
def readable_condition(session: Session, actor: Actor, model: type[Any]) -> ColumnElement[bool]:
    """An SQL condition keeping only the rows of ``model`` the actor may read."""
    entity = _entity_of_model(model)
    if actor.is_system:
        return true()
    grant = grant_for(actor, entity)
    if grant is None or READ not in grant.actions:
        return false()
    if _reads_everywhere(session, actor, entity, grant):
        return true()
    return _in_communities(model, assigned_communities(actor))


def _in_communities(model: type[Any], communities: Select[uuid.UUID]) -> ColumnElement[bool]:
    if model is Community:
        return Community.id.in_(communities)
    if model is Attachment:
        parts = [
            (Attachment.entity_type == entity)
            & Attachment.entity_id.in_(
                select(target.id).where(_in_communities(target, communities))
            )
            for entity, target in _attachable()
        ]
        return or_(*parts) if parts else false()
    columns = model.__table__.columns
    for column, parent in _PARENTS:
        if column in columns:
            if column == "community_id":
                own: ColumnElement[bool] = getattr(model, column).in_(communities)
                if columns[column].nullable:
                    return or_(own, getattr(model, column).is_(None))
                return own
            inner = select(parent.id).where(_in_communities(parent, communities))
            within: ColumnElement[bool] = getattr(model, column).in_(inner)
            return within
    return true()  # office-wide records (limited grants read them)


def _attachable() -> list[tuple[str, type[Any]]]:
    from desktop.models import Base

    found: list[tuple[str, type[Any]]] = []
    for mapper in Base.registry.mappers:
        cls = mapper.class_
        columns = cls.__table__.columns
        if cls is Attachment or "deleted_at" not in columns:
            continue
        if cls is Community or any(column in columns for column, _parent in _PARENTS):
            found.append((_entity_of_model(cls), cls))
    return found


def _entity_of_model(model: type[Any]) -> str:
    table: str = model.__tablename__
    return {value: key for key, value in _TABLE_NAMES.items()}.get(table, table)
