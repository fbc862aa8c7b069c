"""Mentor reviews of a cycle: benchmark ratings, follow-ups and sign-off."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, SyncMixin


class MentorReview(SyncMixin, Base):
    __tablename__ = "mentor_review"
    # Ends with deleted_at so the community list reads it from the index alone.
    __table_args__ = (Index("ix_mentor_review_cycle_id", "cycle_id", "id", "deleted_at"),)

    cycle_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cycle.id"))
    mentor_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("app_user.id"), default=None)
    reviewed_on: Mapped[date] = mapped_column(Date)
    overall_comment: Mapped[str] = mapped_column(Text, default="")
    facilitator_response: Mapped[str] = mapped_column(Text, default="")
    signed_off_on: Mapped[date | None] = mapped_column(Date, default=None)
    signed_off_phase: Mapped[str] = mapped_column(String(30), default="")


class BenchmarkAssessment(SyncMixin, Base):
    """A mentor's rating of one process benchmark in a review."""

    __tablename__ = "benchmark_assessment"
    __table_args__ = (UniqueConstraint("review_id", "benchmark"),)

    review_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("mentor_review.id"))
    benchmark: Mapped[str] = mapped_column(String(40))
    rating: Mapped[str] = mapped_column(String(20))
    comment: Mapped[str] = mapped_column(Text, default="")


class FollowUp(SyncMixin, Base):
    """Something a review asks someone to do by a date."""

    __tablename__ = "follow_up"
    # Ends with deleted_at so the community list reads it from the index alone.
    __table_args__ = (
        Index("ix_follow_up_review_status_due", "review_id", "status", "due_on", "deleted_at"),
    )

    review_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("mentor_review.id"))
    description: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(160), default="")
    due_on: Mapped[date | None] = mapped_column(Date, default=None)
    status: Mapped[str] = mapped_column(String(20), default="open")
    closed_on: Mapped[date | None] = mapped_column(Date, default=None)
