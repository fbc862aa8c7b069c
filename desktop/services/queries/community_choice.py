"""Choosing one community from what a person typed: its id, its name, or "name, district".

Two communities may share a name (two villages called Kasese in two districts), so a name
alone may not be enough. Every command that takes a community asks this one resolver:

- an id (the community's UUID, as ``clcp`` lists it when names clash) is that community;
- a name is the one live community of that name (exact, else ignoring case and accents);
- "name, district" is the one of that name in that district (the last comma parts them,
  so a name with a comma in it still works when typed whole).

A name that fits more than one community raises :class:`CommunityClash`, which carries the
choices, one line each (id, name, district), for the person to pick from.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from desktop.i18n import _
from desktop.services.facade import Services
from desktop.services.framework.errors import NotFoundError, PermissionDenied
from desktop.services.framework.records import Record
from desktop.services.framework.text import fold, match_key
from desktop.services.usecases.communities import CommunityData

#: How many communities of one name are looked at (more is not a real clash).
MOST_CANDIDATES = 200


class CommunityNotFound(LookupError):
    """No community the person may read fits what was typed; str() says what was typed."""


class CommunityClash(LookupError):
    """More than one community fits; ``choices`` lists them, ``lines()`` one line each."""

    def __init__(self, message: str, choices: Sequence[Record[CommunityData]]) -> None:
        super().__init__(message)
        self.choices = tuple(choices)

    def lines(self) -> list[str]:
        """One line per choice: the id, then "name, district" as it can be typed back."""
        return [choice_line(c) for c in self.choices]


def choice_line(community: Record[CommunityData]) -> str:
    district = community.data.district or _("no district")
    return f"{community.id}  {community.data.name}, {district}"


def resolve_community(services: Services, typed: str) -> Record[CommunityData]:
    """The one live community ``typed`` names (see the module note); raises
    :class:`CommunityNotFound` or :class:`CommunityClash`."""
    wanted = typed.strip()
    if not wanted:
        raise CommunityNotFound(_("give a community's name or id"))
    by_id = _by_id(services, wanted)
    if by_id is not None:
        return by_id
    found = _named(services, wanted)
    district = ""
    if not found and "," in wanted:
        name, _comma, district = wanted.rpartition(",")
        found = [
            c
            for c in _named(services, name.strip())
            if match_key(c.data.district) == match_key(district)
        ]
    if not found:
        raise CommunityNotFound(_("no community called {name!r}").format(name=wanted))
    if len(found) > 1:
        hint = _("give its id") if district else _('give its id, or "name, district"')
        raise CommunityClash(
            _("{count} communities are called {name!r}; {hint}:").format(
                count=len(found), name=wanted, hint=hint
            ),
            sorted(found, key=lambda c: (fold(c.data.district), str(c.id))),
        )
    return found[0]


def _by_id(services: Services, wanted: str) -> Record[CommunityData] | None:
    try:
        community_id = uuid.UUID(wanted)
    except ValueError:
        return None
    try:
        return services.communities.get(community_id)
    except (NotFoundError, PermissionDenied):
        raise CommunityNotFound(_("no community with id {id}").format(id=wanted)) from None


def _named(services: Services, name: str) -> list[Record[CommunityData]]:
    """The live communities called ``name``: exactly, else ignoring case and accents."""
    if not name:
        return []
    found = list(services.communities.list(where={"name": name}, limit=MOST_CANDIDATES).items)
    if found:
        return found
    folded = match_key(name)
    candidates = services.communities.list(search=name, limit=MOST_CANDIDATES).items
    return [c for c in candidates if match_key(c.data.name) == folded]
