"""A planning and action cycle of a community, its phases, learning findings and meetings.

Cycles of one community may overlap: a community can be acting on one harm
while it plans for another.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, SyncMixin


class Cycle(SyncMixin, Base):
    __tablename__ = "cycle"
    # Ends with deleted_at so the community list reads it from the index alone.
    __table_args__ = (Index("ix_cycle_community_id", "community_id", "id", "deleted_at"),)

    community_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("community.id"))
    number: Mapped[int] = mapped_column()
    title: Mapped[str] = mapped_column(String(200), default="")
    start_on: Mapped[date] = mapped_column(Date)
    end_on: Mapped[date | None] = mapped_column(Date, default=None)
    status: Mapped[str] = mapped_column(String(20), default="active")


class Phase(SyncMixin, Base):
    """A stretch of a cycle (learning, feedback, planning, action, review ...)."""

    __tablename__ = "phase"
    # Ends with deleted_at so the community list reads it from the index alone.
    __table_args__ = (
        Index("ix_phase_cycle_start", "cycle_id", "start_on", "end_on", "kind", "id", "deleted_at"),
    )

    cycle_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cycle.id"))
    kind: Mapped[str] = mapped_column(String(30))
    start_on: Mapped[date] = mapped_column(Date)
    end_on: Mapped[date | None] = mapped_column(Date, default=None)
    notes: Mapped[str] = mapped_column(Text, default="")


class LearningFinding(SyncMixin, Base):
    """What the learning phase found about a harm, and whether the community validated it."""

    __tablename__ = "learning_finding"

    cycle_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cycle.id"), index=True)
    harm_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("harm.id"), default=None)
    summary: Mapped[str] = mapped_column(Text)
    method: Mapped[str] = mapped_column(String(200), default="")
    validated: Mapped[bool | None] = mapped_column(default=None)
    feedback_meeting_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("meeting.id"), default=None
    )


class Meeting(SyncMixin, Base):
    __tablename__ = "meeting"
    # Ends with deleted_at so the community list reads it from the index alone.
    __table_args__ = (Index("ix_meeting_cycle_held_on", "cycle_id", "held_on", "deleted_at"),)

    cycle_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cycle.id"))
    held_on: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(30))
    place: Mapped[str] = mapped_column(String(200), default="")
    facilitated_by: Mapped[str] = mapped_column(String(160), default="")
    decisions: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class MeetingAttendance(SyncMixin, Base):
    """How many people of one participant group took part in a meeting."""

    __tablename__ = "meeting_attendance"
    __table_args__ = (UniqueConstraint("meeting_id", "group_code"),)

    meeting_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("meeting.id"))
    group_code: Mapped[str] = mapped_column(String(40))
    count: Mapped[int] = mapped_column(default=0)


class PlanningGroupMember(SyncMixin, Base):
    """A member of a community's planning group: a role or initials, not a full name by default."""

    __tablename__ = "planning_group_member"

    community_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("community.id"), index=True)
    label: Mapped[str] = mapped_column(String(120))
    group_code: Mapped[str] = mapped_column(String(40), default="")
    from_on: Mapped[date | None] = mapped_column(Date, default=None)
    to_on: Mapped[date | None] = mapped_column(Date, default=None)
