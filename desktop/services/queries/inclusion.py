"""Inclusion check: which participant groups took part in the meetings where a cycle's
harms were decided, and which were missing.

A community's decision is only as good as the voices in the room. The deciding
meetings are the ones a considered harm names as "decided at"; the check adds up
their attendance per group, and notes which groups gave ranks to the harms. A group
that was counted at zero, or not counted at all, is missing.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from desktop.labels import group_words
from desktop.models import HarmPriority, HarmRank, Meeting, MeetingAttendance, ParticipantGroup
from desktop.services.framework.actor import Actor
from desktop.services.security import permissions
from desktop.storage import Database


@dataclass(frozen=True)
class DecidingMeeting:
    """A meeting where the community decided about at least one considered harm."""

    id: uuid.UUID
    held_on: date
    kind: str
    people: int


@dataclass(frozen=True)
class GroupPresence:
    """One participant group across the deciding meetings."""

    code: str
    name: str
    people: int  # counted over all deciding meetings
    meetings: int  # deciding meetings where this group was counted above zero
    ranked: bool  # the group gave a rank to at least one considered harm

    @property
    def present(self) -> bool:
        return self.people > 0


@dataclass(frozen=True)
class InclusionCheck:
    meetings: tuple[DecidingMeeting, ...]
    groups: tuple[GroupPresence, ...]

    @property
    def present(self) -> tuple[GroupPresence, ...]:
        return tuple(g for g in self.groups if g.present)

    @property
    def missing(self) -> tuple[GroupPresence, ...]:
        return tuple(g for g in self.groups if not g.present)


def inclusion_check(db: Database, cycle_id: uuid.UUID, *, actor: Actor) -> InclusionCheck:
    """The groups present at and missing from a cycle's deciding meetings.

    Every active group of the office is listed; a deactivated group is listed only if
    it was counted at a deciding meeting (older records may use it).
    """
    with db.session() as session:
        permissions.require_record(
            session, actor, permissions.READ, "harm_priority", {"cycle_id": cycle_id}
        )
        priorities = select(HarmPriority).where(
            HarmPriority.cycle_id == cycle_id, HarmPriority.deleted_at.is_(None)
        )
        live_priorities = session.scalars(priorities).all()
        meeting_ids = {p.decided_at_meeting_id for p in live_priorities} - {None}
        meetings = session.scalars(
            select(Meeting)
            .where(Meeting.id.in_(meeting_ids), Meeting.deleted_at.is_(None))
            .order_by(Meeting.held_on, Meeting.id)
        ).all()
        attendance = session.scalars(
            select(MeetingAttendance).where(
                MeetingAttendance.meeting_id.in_([m.id for m in meetings]),
                MeetingAttendance.deleted_at.is_(None),
            )
        ).all()
        ranked_codes = set(
            session.scalars(
                select(HarmRank.group_code).where(
                    HarmRank.priority_id.in_([p.id for p in live_priorities]),
                    HarmRank.deleted_at.is_(None),
                )
            ).all()
        )
        groups = session.scalars(
            select(ParticipantGroup)
            .where(ParticipantGroup.deleted_at.is_(None))
            .order_by(ParticipantGroup.position, ParticipantGroup.name)
        ).all()
        return _tally(meetings, attendance, ranked_codes, groups)


def _tally(
    meetings: Sequence[Meeting],
    attendance: Sequence[MeetingAttendance],
    ranked_codes: set[str],
    groups: Sequence[ParticipantGroup],
) -> InclusionCheck:
    """People per group and per meeting, added up from the deciding meetings' attendance."""
    people: dict[str, int] = {}
    present_at: dict[str, int] = {}
    per_meeting: dict[uuid.UUID, int] = {}
    for row in attendance:
        people[row.group_code] = people.get(row.group_code, 0) + row.count
        per_meeting[row.meeting_id] = per_meeting.get(row.meeting_id, 0) + row.count
        if row.count > 0:
            present_at[row.group_code] = present_at.get(row.group_code, 0) + 1
    listed = tuple(
        GroupPresence(
            code=g.code,
            name=group_words(g.code, g.name),
            people=people.get(g.code, 0),
            meetings=present_at.get(g.code, 0),
            ranked=g.code in ranked_codes,
        )
        for g in groups
        if g.active or people.get(g.code, 0) > 0
    )
    deciding = tuple(
        DecidingMeeting(id=m.id, held_on=m.held_on, kind=m.kind, people=per_meeting.get(m.id, 0))
        for m in meetings
    )
    return InclusionCheck(meetings=deciding, groups=listed)
