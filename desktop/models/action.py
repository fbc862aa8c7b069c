"""Community-led actions, community-defined indicators, observations and reflections."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Date, Float, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, SyncMixin


class Action(SyncMixin, Base):
    """Something the community decided to do about a selected harm."""

    __tablename__ = "action"
    # The community list counts overdue actions per cycle: one index answers it alone.
    __table_args__ = (
        Index("ix_action_cycle_status_due", "cycle_id", "status", "due_on", "deleted_at"),
    )

    cycle_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cycle.id"))
    harm_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("harm.id"), default=None)
    what: Mapped[str] = mapped_column(Text)
    lead_role: Mapped[str] = mapped_column(String(160), default="")
    participants: Mapped[str] = mapped_column(Text, default="")
    start_on: Mapped[date | None] = mapped_column(Date, default=None)
    due_on: Mapped[date | None] = mapped_column(Date, default=None)
    status: Mapped[str] = mapped_column(String(20), default="planned")
    community_resources: Mapped[str] = mapped_column(Text, default="")
    outside_resources: Mapped[str] = mapped_column(Text, default="")
    is_manageable: Mapped[bool] = mapped_column(default=False)
    is_sustainable: Mapped[bool] = mapped_column(default=False)
    is_do_no_harm: Mapped[bool] = mapped_column(default=False)
    is_inclusive: Mapped[bool] = mapped_column(default=False)
    completed_on: Mapped[date | None] = mapped_column(Date, default=None)


class ActionStakeholder(SyncMixin, Base):
    """A formal actor linked to an action (who in the formal system can help)."""

    __tablename__ = "action_stakeholder"
    __table_args__ = (UniqueConstraint("action_id", "stakeholder_id"),)

    action_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("action.id"), index=True)
    stakeholder_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("stakeholder.id"), index=True)


class Indicator(SyncMixin, Base):
    """A sign of change, in the community's own words, that the community watches."""

    __tablename__ = "indicator"

    cycle_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cycle.id"), index=True)
    harm_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("harm.id"), default=None)
    action_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("action.id"), default=None)
    wording: Mapped[str] = mapped_column(Text)
    defined_by_community: Mapped[bool] = mapped_column(default=True)
    method: Mapped[str] = mapped_column(Text, default="")
    collected_by: Mapped[str] = mapped_column(String(160), default="")
    frequency: Mapped[str] = mapped_column(String(80), default="")
    value_kind: Mapped[str] = mapped_column(String(10), default="number")
    unit: Mapped[str] = mapped_column(String(60), default="")
    baseline: Mapped[str] = mapped_column(String(200), default="")
    target: Mapped[str] = mapped_column(String(200), default="")
    # A counted indicator's baseline and target as numbers (set from the words above when
    # they are one; None for an indicator in words, or words that are not a number).
    baseline_number: Mapped[float | None] = mapped_column(Float, default=None)
    target_number: Mapped[float | None] = mapped_column(Float, default=None)


class Observation(SyncMixin, Base):
    """One monitoring entry for an indicator."""

    __tablename__ = "observation"

    indicator_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("indicator.id"), index=True)
    observed_on: Mapped[date] = mapped_column(Date)
    value_number: Mapped[float | None] = mapped_column(Float, default=None)
    value_text: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(160), default="")


class Reflection(SyncMixin, Base):
    """A review session: what worked, challenges, and adjustments decided."""

    __tablename__ = "reflection"
    # Ends with deleted_at so the community list reads it from the index alone.
    __table_args__ = (Index("ix_reflection_cycle_held_on", "cycle_id", "held_on", "deleted_at"),)

    cycle_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cycle.id"))
    held_on: Mapped[date] = mapped_column(Date)
    what_worked: Mapped[str] = mapped_column(Text, default="")
    challenges: Mapped[str] = mapped_column(Text, default="")
    adjustments: Mapped[str] = mapped_column(Text, default="")
    meeting_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("meeting.id"), default=None)


class ReflectionAction(SyncMixin, Base):
    """An action that a reflection's adjustments change."""

    __tablename__ = "reflection_action"
    __table_args__ = (UniqueConstraint("reflection_id", "action_id"),)

    reflection_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reflection.id"), index=True)
    action_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("action.id"), index=True)
