"""Work written through the services, as the demo's accounts would do it.

After the bulk rows of ``generate.py``, the shared `facilitator` account's busiest
communities (its very busiest, and those the shared `mentor` account mentors) get comment
threads between the facilitator and the community's mentor on the records of their latest
cycles (actions, indicators, meetings, reflections): some settled and resolved, some
answered but not yet read, some still waiting. Their latest meetings get a scanned
attendance sheet, the community each person's screens open first gets a flip-chart photo
and a scanned agreement, and the office retires a harm from its catalogue. Every write
here is validated, permission-checked and audited like a person's, so it is kept to a few
communities: its cost does not grow with the size of the demo. The words and choices
follow the seed (the new rows' ids do not).
"""

from __future__ import annotations

import random
import uuid
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date

from desktop.demo import sample_files
from desktop.demo.comment_texts import EXCHANGES, LATE_ACTION, THANKS
from desktop.models.enums import ActionStatus, Role
from desktop.services.facade import Services
from desktop.services.framework.actor import SYSTEM, Actor
from desktop.services.queries.community_list import (
    CommunityQuery,
    CommunityRow,
    SortKey,
    list_communities,
)
from desktop.services.usecases.attachments import AttachmentData
from desktop.services.usecases.comments import CommentData
from desktop.services.usecases.harms import HarmData
from desktop.storage import Database

COMMUNITIES = 4  # the shared accounts' busiest communities that get threads and files
CYCLES_EACH = 2  # their latest cycles that get threads
_OPEN = (ActionStatus.PLANNED.value, ActionStatus.UNDER_WAY.value)

# How a thread goes: the mentor asks and the facilitator's answer is read and resolved
# ("settled"), answered but not read by the mentor yet ("answered"), or not answered yet
# ("waiting"); or the facilitator asks and the mentor has not seen it ("seeking") or has
# answered with advice the facilitator has not read ("advised").
STORIES = ("settled", "answered", "waiting", "seeking", "advised")


@dataclass(frozen=True)
class Subject:
    """A record a thread is about."""

    community_id: uuid.UUID
    cycle_id: uuid.UUID
    kind: str
    id: uuid.UUID
    overdue: bool = False  # an action past its due date


@dataclass(frozen=True)
class _People:
    office: Services
    mentor: Services
    facilitator: Services
    manager: Services


def write_showcase(db: Database, *, seed: int, today: date) -> Counter[str]:
    """Write the showcase; the rows written per table (nothing when the shared accounts
    are missing or have no community in common)."""
    written: Counter[str] = Counter()
    people = _people(db)
    if people is None:
        return written
    rng = random.Random(f"showcase {seed}")
    facilitators = _busiest(people.facilitator, today, COMMUNITIES * 10)
    mentors = _mentors(people, [row.id for row in facilitators], today)
    subjects = [s for c in mentors for s in _subjects(people.facilitator, c, today)]
    if not any(subject.kind == "reflection" for subject in subjects):
        candidates = [row.id for row in facilitators]
        subjects += _a_reflection(people, candidates, mentors, today)
    stories = [STORIES[n % len(STORIES)] for n in range(len(subjects))]
    rng.shuffle(stories)
    if subjects:  # the busiest record gets a settled thread and a newer one besides
        subjects.insert(1, replace(subjects[0], overdue=False))
        stories[:1] = ["settled", "answered"]
    for subject, story in zip(subjects, stories, strict=True):
        mentor = mentors[subject.community_id]
        written["comment"] += _thread(people.facilitator, mentor, rng, subject, story, today)
    for community_id in mentors:
        written["attachment"] += _attach_sheet(people.facilitator, community_id)
    # photos and scans in the community each person's screens open first (the one with
    # the most overdue work), filed by its facilitator or else by the manager
    firsts = [(people.facilitator, facilitators[:1])]
    firsts += [
        (people.manager, _busiest(other, today, 1)) for other in (people.mentor, people.manager)
    ]
    filed: set[uuid.UUID] = set()
    for filer, rows in firsts:
        for row in rows:
            if row.overdue_actions and row.id not in filed:
                filed.add(row.id)
                written["attachment"] += _attach_scans(filer, rng, row.id)
    written["harm"] += _retire_a_harm(people.manager)
    return written


def _people(db: Database) -> _People | None:
    """The shared mentor, facilitator and manager accounts, if the database has them."""
    office = Services(db, SYSTEM)
    found: dict[str, Services] = {}
    for role in (Role.MENTOR, Role.FACILITATOR, Role.MANAGER):
        users = office.users.list(where={"username": role.value, "role": role.value}).items
        if users and users[0].data.active:
            found[role.value] = Services(db, Actor(role.value, role.value))
    if len(found) < 3:
        return None
    return _People(office, found["mentor"], found["facilitator"], found["manager"])


def _busiest(services: Services, today: date, limit: int) -> Sequence[CommunityRow]:
    """The communities the person sees with the most overdue actions first (the same
    order the screenshot tour picks its sample community by)."""
    query = CommunityQuery(sort=SortKey.OVERDUE_ACTIONS, descending=True, limit=limit, today=today)
    return list_communities(services.db, query, actor=services.actor).items


def _mentors(
    people: _People, candidates: Sequence[uuid.UUID], today: date
) -> dict[uuid.UUID, Services]:
    """The communities that get threads, each with its mentor today: the first candidate
    (whatever its mentor) and those the shared `mentor` account mentors, at most
    COMMUNITIES in all."""
    chosen: dict[uuid.UUID, Services] = {}
    for community_id in candidates:
        mentor = _mentor_of(people, community_id, today)
        if mentor is None:
            continue
        if not chosen or mentor.actor.username == people.mentor.actor.username:
            chosen[community_id] = mentor
        if len(chosen) == COMMUNITIES:
            break
    return chosen


def _mentor_of(people: _People, community_id: uuid.UUID, today: date) -> Services | None:
    """The services as the community's mentor today (None if it has none)."""
    assigned = people.office.assignments.list(
        where={"community_id": community_id, "role": Role.MENTOR.value}
    ).items
    current = [
        a.data.user_id
        for a in assigned
        if (a.data.from_on or today) <= today <= (a.data.to_on or today)
    ]
    user = people.office.users.get(current[0]).data if current else None
    if user is None or not user.active:
        return None
    return Services(people.office.db, Actor(user.username, user.role))


def _a_reflection(
    people: _People,
    candidates: Sequence[uuid.UUID],
    mentors: dict[uuid.UUID, Services],
    today: date,
) -> list[Subject]:
    """When the chosen communities have no reflection yet: the latest reflection of the
    next candidate that has one and a mentor (who is added to ``mentors``)."""
    for community_id in candidates:
        if community_id in mentors:
            continue
        mentor = _mentor_of(people, community_id, today)
        if mentor is None:
            continue
        cycles = people.facilitator.cycles.list(
            where={"community_id": community_id}, order_by="start_on", descending=True
        ).items
        for cycle in cycles:
            found = _latest(people.facilitator, cycle.id, "reflection")
            if found is not None:
                mentors[community_id] = mentor
                return [Subject(community_id, cycle.id, "reflection", found)]
    return []


def _subjects(services: Services, community_id: uuid.UUID, today: date) -> Iterator[Subject]:
    """The records the threads are about, in each of the latest few cycles: an
    overdue action (else the first), an indicator, the latest meeting and the latest
    reflection; and, when those cycles have no reflection yet, the latest earlier one."""
    cycles = services.cycles.list(
        where={"community_id": community_id}, order_by="start_on", descending=True
    ).items
    reflected = False
    for number, cycle in enumerate(cycles):
        found = _latest(services, cycle.id, "reflection")
        if number >= CYCLES_EACH:
            if found and not reflected:
                yield Subject(community_id, cycle.id, "reflection", found)
                return
            continue
        reflected = reflected or found is not None
        actions = services.actions.list(where={"cycle_id": cycle.id}, order_by="due_on").items
        late = [
            a
            for a in actions
            if a.data.status in _OPEN and a.data.due_on is not None and a.data.due_on < today
        ]
        if late or actions:
            first = (late or list(actions))[0].id
            yield Subject(community_id, cycle.id, "action", first, overdue=bool(late))
        indicators = services.indicators.list(where={"cycle_id": cycle.id}, limit=1).items
        if indicators:
            yield Subject(community_id, cycle.id, "indicator", indicators[0].id)
        meeting = _latest(services, cycle.id, "meeting")
        if meeting is not None:
            yield Subject(community_id, cycle.id, "meeting", meeting)
        if found is not None:
            yield Subject(community_id, cycle.id, "reflection", found)


def _latest(services: Services, cycle_id: uuid.UUID, kind: str) -> uuid.UUID | None:
    """The cycle's latest meeting or reflection."""
    entity = services.meetings if kind == "meeting" else services.reflections
    latest = entity.list(
        where={"cycle_id": cycle_id}, order_by="held_on", descending=True, limit=1
    ).items
    return latest[0].id if latest else None


def _thread(
    facilitator_services: Services,
    mentor_services: Services,
    rng: random.Random,
    subject: Subject,
    story: str,
    today: date,
) -> int:
    """One thread told as ``story`` (see STORIES); how many comments it wrote."""
    cycle_id, kind, subject_id = subject.cycle_id, subject.kind, subject.id
    words = EXCHANGES[kind]
    mentor, facilitator = mentor_services.comments, facilitator_services.comments
    if story in ("seeking", "advised"):
        pick = rng.randrange(len(words.seeks))
        root = facilitator.create(CommentData(cycle_id, kind, subject_id, words.seeks[pick]))
        if story == "seeking":
            return 1
        mentor.reply(root.id, words.advice[pick])
        return 2
    pick = rng.randrange(len(words.asks))
    ask, answer = LATE_ACTION if subject.overdue else (words.asks[pick], words.answers[pick])
    root = mentor.create(CommentData(cycle_id, kind, subject_id, ask))
    if story == "waiting":
        return 1
    facilitator.reply(root.id, answer)
    if story == "answered":
        return 2
    mentor.reply(root.id, rng.choice(THANKS))
    mentor.resolve(root.id, on=today)
    facilitator.mark_read(c.id for c in facilitator.thread(kind, subject_id))
    return 3


def _attach_scans(services: Services, rng: random.Random, community_id: uuid.UUID) -> int:
    """A flip-chart photo and a signed agreement on the community; how many files."""
    community = services.communities.get(community_id).data
    agreement = [
        ("Community", community.name),
        ("District", community.district),
        ("Agreed with", "Village council and planning group"),
        ("Reviewed", "Every year at the reflection meeting"),
    ]
    photo = sample_files.flip_chart_photo(rng)
    services.attachments.create(
        AttachmentData(
            "community", community_id, "harm-ranking-flip-chart.png", photo, "image/png",
            "Photo of the flip chart from the harm ranking meeting",
        )
    )  # fmt: skip
    services.attachments.create(
        AttachmentData(
            "community", community_id, "partnership-agreement-scan.pdf",
            sample_files.scanned_form("Partnership agreement", agreement),
            "application/pdf", "Signed copy, kept at the office",
        )
    )  # fmt: skip
    return 2


def _attach_sheet(services: Services, community_id: uuid.UUID) -> int:
    """The attendance sheet of the community's latest meeting; how many files (0 or 1)."""
    cycle_id = _latest_cycle(services, community_id)
    if cycle_id is None:
        return 0
    meetings = services.meetings.list(
        where={"cycle_id": cycle_id}, order_by="held_on", descending=True, limit=1
    ).items
    if not meetings:
        return 0
    meeting = meetings[0].data
    sheet = sample_files.scanned_form(
        "Attendance sheet",
        [
            ("Meeting held on", meeting.held_on.isoformat()),
            ("Place", meeting.place),
            ("Groups present", "Girls, boys, women, men, elders"),
            ("Recorded by", "Planning group secretary"),
        ],
    )
    services.attachments.create(
        AttachmentData(
            "meeting", meetings[0].id, "attendance-sheet-scan.pdf", sheet, "application/pdf",
            "Attendance sheet filled in at the meeting",
        )
    )  # fmt: skip
    return 1


def _latest_cycle(services: Services, community_id: uuid.UUID) -> uuid.UUID | None:
    cycles = services.cycles.list(
        where={"community_id": community_id}, order_by="start_on", descending=True, limit=1
    ).items
    return cycles[0].id if cycles else None


def _retire_a_harm(manager: Services) -> int:
    """The office once listed begging as a harm of its own, then folded it into heavy
    and dangerous work: the harm is retired, not deleted."""
    harm = manager.harms.create(
        HarmData(
            name="Children begging at the market",
            code="begging",
            description="Now recorded as heavy or dangerous work.",
        )
    )
    manager.harms.update(harm.id, replace(harm.data, retired=True))
    return 1
