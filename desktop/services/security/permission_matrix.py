"""The permission matrix itself: which role may read, create, update or delete which kind
of record, office-wide or only in the communities the person is assigned to.

A pure table, with no database: ``permissions`` applies it to a given record, and
``readable`` turns it into the SQL condition a list filters with.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from desktop.models.enums import Role
from desktop.services.framework.actor import Actor

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


ROLES = (Role.ADMIN, Role.MANAGER, Role.FACILITATOR, Role.MENTOR)
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
    "possible_duplicate":      ("ru",   "ru",    "r@",        "r@"),
    "report":                  ("",     "r",     "r@",        "r@"),
    "export":                  ("",     "r",     "r@",        "r@"),
}
# fmt: on

MATRIX: dict[str, dict[str, Grant | None]] = {
    entity: {role.value: _g(text) for role, text in zip(ROLES, row, strict=True)}
    for entity, row in _TABLE.items()
}
"""entity -> role -> grant (None: no access)."""


def grant_for(actor: Actor, entity: str) -> Grant | None:
    return MATRIX.get(entity, {}).get(actor.role or "")


def role_may(actor: Actor, action: str, entity: str) -> bool:
    """Whether the role may do ``action`` on ``entity`` somewhere (in some community)."""
    if actor.is_system:
        return True
    grant = grant_for(actor, entity)
    return grant is not None and action in grant.actions


def roles_allowed(action: str, entity: str) -> list[str]:
    """The roles that may ``action`` ``entity`` somewhere, in the matrix's order."""
    row = MATRIX.get(entity, {})
    return [
        role.value for role in ROLES if (grant := row.get(role.value)) and action in grant.actions
    ]
