"""Which communities a laptop holds: its user's scope.

A laptop holds the office's own records (accounts, settings, catalogues, stakeholders)
and every record of the communities its user may read: all of them for a manager, the
assigned ones for a facilitator or a mentor. The server decides the scope at each
download (assignments and roles change at the office) and says it in the answer; the
laptop keeps the scope it holds, removes a community that left it and asks for one that
came into it whole (see ``desktop.sync.leave``).

A record of an office-wide kind that belongs to a community (an assignment to it, a
harm of its own) travels with that community: a laptop never holds a row whose
community it does not hold, so every reference it stores points at a row it has.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, false, select, true
from sqlalchemy.orm import Session

from desktop.models import AppMeta, Community
from desktop.services.framework.actor import Actor
from desktop.services.security import permissions
from desktop.services.security.permission_matrix import Scope as Reach
from desktop.services.security.record_community import entity_of_model
from desktop.sync.wire import WireError

SCOPE_KEY = "sync_scope"  # the scope a laptop holds (app_meta, as Scope.to_dict's JSON)


@dataclass(frozen=True)
class Scope:
    """Every community (``communities`` None) or the communities named, by id text."""

    communities: frozenset[str] | None

    @classmethod
    def everything(cls) -> Scope:
        return cls(None)

    @classmethod
    def of(cls, ids: Iterable[Any]) -> Scope:
        return cls(frozenset(str(value) for value in ids))

    @property
    def is_all(self) -> bool:
        return self.communities is None

    def to_dict(self) -> dict[str, Any]:
        if self.communities is None:
            return {"all": True}
        return {"all": False, "communities": sorted(self.communities)}

    @classmethod
    def from_dict(cls, data: Any) -> Scope:
        try:
            if data["all"]:
                return cls.everything()
            return cls(frozenset(str(uuid.UUID(str(item))) for item in data["communities"]))
        except (KeyError, TypeError, ValueError) as error:
            raise WireError(f"not a scope: {error}") from error

    def missing_from(self, held: Scope) -> Scope | None:
        """The part of this scope that ``held`` lacks (None when it lacks nothing); a
        laptop holding named communities and now given every one lacks "all but those"."""
        if held.communities is None:
            return None
        if self.communities is None:
            return self  # every community: the ones held come again, harmlessly
        new = self.communities - held.communities
        return Scope(frozenset(new)) if new else None


def scope_of(session: Session, actor: Actor) -> Scope:
    """The communities ``actor`` may read today (the server's answer)."""
    condition = permissions.readable_condition(session, actor, Community)
    if condition is true():
        return Scope.everything()
    return Scope.of(session.scalars(select(Community.id).where(condition)))


def ids_select(scope: Scope) -> Select[Any]:
    """The ids of ``scope`` as a sub-select (for :func:`permissions.in_communities`)."""
    ids = [uuid.UUID(text) for text in scope.communities or ()]
    return select(Community.id).where(Community.id.in_(ids))


def within(model: type[Any], scope: Scope) -> ColumnElement[bool]:
    """Rows of ``model`` a laptop of ``scope`` holds: the office's own, and those of the
    communities in scope."""
    if scope.is_all:
        return true()
    return permissions.in_communities(model, ids_select(scope))


def readable_within(
    session: Session, actor: Actor, model: type[Any], scope: Scope
) -> ColumnElement[bool]:
    """Rows of ``model`` that ``actor`` may read and a laptop of ``scope`` holds. (For a
    kind read only in assigned communities, with the scope of those very communities,
    both conditions name the same rows: the query carries it once.)"""
    readable = permissions.readable_condition(session, actor, model)
    if scope.is_all:
        return readable
    grant = permissions.grant_for(actor, entity_of_model(model))
    if grant is not None and grant.scope is Reach.ASSIGNED and readable is not false():
        return within(model, scope)
    return and_(readable, within(model, scope))


def of_communities(model: type[Any], scope: Scope) -> ColumnElement[bool]:
    """Rows of ``model`` that belong to the communities of ``scope`` (office rows not)."""
    if scope.is_all:
        return permissions.in_communities(model, select(Community.id), office_rows=False)
    return permissions.in_communities(model, ids_select(scope), office_rows=False)


def held_scope(session: Session) -> Scope | None:
    """The scope this laptop holds, as last stored (None for a laptop that joined before
    scopes were kept: the server then sends nothing whole, and the checksums after the
    sync find anything missing)."""
    row = session.get(AppMeta, SCOPE_KEY)
    return Scope.from_dict(json.loads(row.value)) if row is not None else None


def local_communities(session: Session) -> set[str]:
    """The ids of the communities this laptop has rows of."""
    return {str(value) for value in session.scalars(select(Community.id))}
