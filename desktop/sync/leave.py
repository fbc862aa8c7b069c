"""A laptop follows its user's scope: communities that left it are removed.

"Only what its user may read" must hold over time, not only at join. Each download says
which communities the user may read now (``desktop.sync.scope``); a community this
laptop holds that is no longer among them (reassigned to someone else, or the account's
role changed) is removed here, every record of it, in the download's transaction, and
the audit trail says what left, how many records and why.

Nothing unsent is lost: a sync sends the laptop's own changes first, so by now the
office has every change made here to that community; it applied them, or kept them as
conflicts for the people who may still change that community. A change made here after
that upload (while the sync ran) holds the removal back until the next sync has sent it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models import Community, User
from desktop.services.framework import audit
from desktop.services.framework.actor import Actor
from desktop.storage import Database
from desktop.sync import removal
from desktop.sync.registry import service_classes
from desktop.sync.scope import Scope, local_communities, of_communities


@dataclass(frozen=True)
class Left:
    """Communities removed from this laptop (their names) and how many records went."""

    communities: tuple[str, ...] = ()
    records: int = 0
    held_back: bool = False  # a change waits to be sent: removal at the next sync


def follow_scope(db: Database, session: Session, actor: Actor, scope: Scope) -> Left:
    """Remove the communities this laptop holds that ``scope`` (the download's) does not
    (inside the caller's transaction, after the download's records are written)."""
    if scope.communities is None:
        return Left()
    gone = local_communities(session) - scope.communities
    return _remove(db, session, actor, gone) if gone else Left()


def _remove(db: Database, session: Session, actor: Actor, gone: set[str]) -> Left:
    leaving = Scope.of(gone)
    names = sorted(
        session.scalars(
            select(Community.name).where(Community.id.in_([uuid.UUID(text) for text in gone]))
        )
    )
    chosen = {
        service.model.__table__: of_communities(service.model, leaving)
        for service in service_classes().values()
    }
    found = removal.plan(session, chosen)
    if removal.waiting_on(session, found):
        return Left(held_back=True)
    removal.execute(session, found)
    audit.record(
        session,
        actor=actor,
        action="sync.scope_left",
        device_id=db.device_id,
        entity_type="database",
        changes={
            "communities": names,
            "records": found.count(),
            "reason": _reason(session, actor),
        },
    )
    return Left(tuple(names), found.count())


def _reason(session: Session, actor: Actor) -> str:
    role = session.scalars(select(User.role).where(User.username == actor.username)).first()
    if role is not None and role != actor.role:
        return f"the account's role changed from {actor.role} to {role} at the office"
    return "no longer among the account's assignments at the office"
