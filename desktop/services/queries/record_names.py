"""How a sentence names a record, and the community and cycle it belongs to.

"the harm considered “Child marriage”", "the meeting of 2025-03-12", "in Kafue, cycle 2
“Keeping girls in school”": the comment panels and the question about unsaved work name
records the same way, by what a person knows them by (a harm by its name in the
catalogue, never by the reasons written beside it), read through the services so a
record the person may not read is not named. :func:`describe_form` names the record a
form edits from the form's key (``"meeting/<id>"``, ``"action/new/<cycle id>"``).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from desktop.i18n import _
from desktop.labels import label, record_kind
from desktop.services.framework.errors import ServiceError

if TYPE_CHECKING:
    from desktop.services.facade import Services

#: The service (an attribute of ``Services``) holding each kind of record of a cycle.
SERVICES = {
    "community": "communities",
    "partnership": "communities",  # a community's partnership (its own form)
    "linkage": "linkages",
    "cycle": "cycles",
    "phase": "phases",
    "finding": "findings",
    "learning_finding": "findings",
    "harm_priority": "priorities",
    "meeting": "meetings",
    "planning_group_member": "planning_members",
    "action": "actions",
    "indicator": "indicators",
    "observation": "observations",
    "reflection": "reflections",
    "mentor_review": "reviews",
    "follow_up": "follow_ups",
}

#: How many characters of a record's own words name it.
NAME_LENGTH = 60


@dataclass(frozen=True)
class RecordName:
    """A record's kind ("meeting"), what names it ("2025-03-12", "Child marriage"),
    whether that reads with "of" (a day; the community of a partnership), and the
    cycle and community it belongs to (None when it has none)."""

    kind: str
    name: str
    with_of: bool = False
    cycle_id: uuid.UUID | None = None
    community_id: uuid.UUID | None = None

    def phrase(self) -> str:
        """ "meeting of 2025-03-12", "action “Walk girls to school”", "new meeting"."""
        kind = record_kind(self.kind)
        if not self.name:
            return kind
        pattern = _("{kind} of {day}") if self.with_of else _("{kind} “{name}”")
        return pattern.format(kind=kind, day=self.name, name=self.name)


def shorten(text: str, length: int = NAME_LENGTH) -> str:
    """``text`` on one line, cut at a word with "…" when longer than ``length``."""
    words = " ".join(text.split())
    if len(words) <= length:
        return words
    cut = words[: length - 1].rsplit(" ", 1)[0] or words[: length - 1]
    return cut.rstrip(",;:.") + "…"


def _day(value: date | None) -> str:
    return value.isoformat() if value is not None else ""


def name_record(services: Services, kind: str, record_id: uuid.UUID) -> RecordName:
    """What names the record ``kind``/``record_id``; raises ServiceError if it cannot be read."""
    data: Any = getattr(services, SERVICES[kind]).get(record_id).data
    cycle_id = getattr(data, "cycle_id", None)
    community_id = getattr(data, "community_id", None)
    with_of = False
    if kind in ("community", "partnership"):
        name, with_of, community_id = data.name, kind == "partnership", None
    elif kind == "linkage":
        name = services.stakeholders.get(data.stakeholder_id).data.name
    elif kind == "cycle":
        name, cycle_id = data.title or str(data.number or ""), record_id
    elif kind == "phase":
        name = label(data.kind)
    elif kind in ("finding", "learning_finding"):
        name = data.summary
    elif kind == "harm_priority":
        name = services.harms.get(data.harm_id).data.name
    elif kind == "action":
        name = data.what
    elif kind == "indicator":
        name = data.wording
    elif kind == "planning_group_member":
        name = data.label
    elif kind == "observation":
        name, with_of = _day(data.observed_on), True
        cycle_id = services.indicators.get(data.indicator_id).data.cycle_id
    elif kind == "follow_up":
        name = data.description
        cycle_id = services.reviews.get(data.review_id).data.cycle_id
    else:  # meetings, reflections, reviews: known by the day they took place
        day = getattr(data, "held_on", None) or getattr(data, "reviewed_on", None)
        name, with_of = _day(day), True
    return RecordName(kind, shorten(str(name)), with_of, cycle_id, community_id)


def cycle_place(
    services: Services, cycle_id: uuid.UUID | None, community_id: uuid.UUID | None = None
) -> str:
    """ "in Kafue, cycle 2 “Keeping girls in school”" ("in Kafue" without a cycle); ""
    when neither can be read."""
    cycle_text = ""
    try:
        if cycle_id is not None:
            cycle = services.cycles.get(cycle_id).data
            community_id = cycle.community_id
            number = cycle.number or "?"
            cycle_text = (
                _("cycle {number} “{title}”").format(number=number, title=shorten(cycle.title))
                if cycle.title
                else _("cycle {number}").format(number=number)
            )
        if community_id is None:
            return ""
        community = services.communities.get(community_id).data.name
    except ServiceError:
        return ""
    if cycle_text:
        return _("in {community}, {cycle}").format(community=community, cycle=cycle_text)
    return _("in {community}").format(community=community)


def describe(services: Services, kind: str, record_id: uuid.UUID) -> str:
    """ "Meeting of 2025-03-12 in Kafue, cycle 2 “Keeping girls in school”"; "" when the
    record cannot be read (deleted, or not the person's to read)."""
    try:
        named = name_record(services, kind, record_id)
    except (ServiceError, KeyError):
        return ""
    place = cycle_place(services, named.cycle_id, named.community_id)
    if named.kind == "cycle":  # the cycle is the record: name it once
        place = cycle_place(services, None, _community_of(services, record_id))
        text = _("cycle {name}").format(name=_cycle_name(services, record_id))
    else:
        text = named.phrase()
    return capitalise(f"{text} {place}".strip())


def describe_form(services: Services, form_key: str) -> str:
    """What the form with ``form_key`` edits: "Meeting of 2025-03-12 in Kafue, cycle 2 …"
    for ``meeting/<id>``, "New action in Kafue, cycle 2 …" for ``action/new/<cycle id>``
    (the parent may be a cycle, a community, an indicator or a review); "" if unknown."""
    kind, _sep, rest = form_key.partition("/")
    parts = rest.split("/")
    try:
        if parts[0] != "new":
            return describe(services, kind, uuid.UUID(parts[0]))
        parent = uuid.UUID(parts[1]) if len(parts) > 1 else None
    except ValueError:
        return ""
    cycle_id, community_id = _place_of_parent(services, parent)
    return describe_new(services, kind, cycle_id, community_id)


def _place_of_parent(
    services: Services, parent: uuid.UUID | None
) -> tuple[uuid.UUID | None, uuid.UUID | None]:
    """(cycle, community) of the record a new one is made under."""
    if parent is None:
        return None, None
    readers: list[tuple[str, str]] = [
        ("cycles", ""),
        ("communities", ""),
        ("indicators", "cycle_id"),
        ("reviews", "cycle_id"),
    ]
    for service, link in readers:
        try:
            data = getattr(services, service).get(parent).data
        except ServiceError:
            continue
        if service == "communities":
            return None, parent
        return (getattr(data, link) if link else parent), None
    return None, None


def describe_new(
    services: Services, kind: str, cycle_id: uuid.UUID | None, community_id: uuid.UUID | None
) -> str:
    """ "New meeting in Kafue, cycle 2 “Keeping girls in school”" for a record not saved yet."""
    text = _("new {kind}").format(kind=record_kind(kind))
    place = cycle_place(services, cycle_id, community_id)
    return capitalise(f"{text} {place}".strip())


def _community_of(services: Services, cycle_id: uuid.UUID) -> uuid.UUID | None:
    try:
        return services.cycles.get(cycle_id).data.community_id
    except ServiceError:
        return None


def _cycle_name(services: Services, cycle_id: uuid.UUID) -> str:
    cycle = services.cycles.get(cycle_id).data
    number = cycle.number or "?"
    return f"{number} “{shorten(cycle.title)}”" if cycle.title else str(number)


def capitalise(text: str) -> str:
    """The first letter in capitals (for a sentence that starts with a record's kind)."""
    return text[:1].upper() + text[1:]
