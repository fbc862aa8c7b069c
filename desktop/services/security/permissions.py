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

The table is in ``permission_matrix``, where a record belongs in ``record_community``,
the filtering of lists in ``readable``; this module decides one action on one record,
and names all of it for its callers (``permissions.READ``, ``permissions.require`` ...).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from desktop.i18n import _, isolated
from desktop.labels import label, record_kind
from desktop.models import Attachment, CommunityAssignment
from desktop.services.framework.actor import Actor
from desktop.services.framework.errors import PermissionDenied
from desktop.services.security.permission_matrix import (
    ACTIONS,
    CREATE,
    DELETE,
    FACILITATORS_READ_ALL,
    MATRIX,
    READ,
    UPDATE,
    Grant,
    Scope,
    grant_for,
    role_may,
    roles_allowed,
)
from desktop.services.security.readable import (
    assigned_communities,
    belongs_to_a_community,
    facilitators_read_all,
    in_communities,
    readable_condition,
    reads_everywhere,
)
from desktop.services.security.record_community import (
    MISSING,
    CommunityRef,
    Missing,
    attachment_community,
    community_of,
    community_of_row,
    model_for_entity,
    row_values,
)

__all__ = [
    "ACTIONS",
    "CREATE",
    "DELETE",
    "FACILITATORS_READ_ALL",
    "MATRIX",
    "MISSING",
    "READ",
    "UPDATE",
    "CommunityRef",
    "Grant",
    "Scope",
    "allowed",
    "assigned_communities",
    "belongs_to_a_community",
    "community_of",
    "community_of_row",
    "denial",
    "facilitators_read_all",
    "grant_for",
    "in_communities",
    "model_for_entity",
    "readable_condition",
    "require",
    "require_record",
    "role_may",
    "roles_allowed",
    "row_values",
    "why_not",
]

# Attachments belong to any record: acting on one needs the right on its record.
_ATTACHMENT_NEEDS = {READ: READ, CREATE: UPDATE, UPDATE: UPDATE, DELETE: UPDATE}


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
    if grant.scope is Scope.OFFICE or isinstance(community, Missing):
        return True
    if action == READ and reads_everywhere(session, actor, entity, grant):
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
        role=label(actor.role),
        user=isolated(actor.username),
        verb=verbs.get(action, action),
        what=what,
    )


def why_not(actor: Actor, action: str, entity: str) -> str:
    """Why a command is disabled for the actor's role, and who can do it instead: the one
    sentence every disabled button and menu entry shows (empty when the role may)."""
    if role_may(actor, action, entity):
        return ""
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
        community = attachment_community(session, owner, values.get("entity_id"))
        if isinstance(community, Missing):
            return
        require(session, actor, _ATTACHMENT_NEEDS[action], owner, community)
        return
    if model is None:
        require(session, actor, action, entity, None)
        return
    require(session, actor, action, entity, community_of(session, model, values))
