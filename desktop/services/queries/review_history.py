"""A community's mentor reviews over time, side by side: each review with its benchmark
ratings and how many of its follow-ups are still open, for the review history screen and
the mentor's printed summary. Read with three queries whatever the number of reviews."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select

from desktop.models import BenchmarkAssessment, Cycle, FollowUp, MentorReview, User
from desktop.models.enums import FollowUpStatus
from desktop.services.framework.actor import Actor
from desktop.services.security import permissions
from desktop.storage import Database


@dataclass(frozen=True)
class ReviewSnapshot:
    """One review of a community's cycle, for reading reviews side by side."""

    review_id: uuid.UUID
    cycle_id: uuid.UUID
    cycle_number: int
    reviewed_on: date
    mentor: str
    overall_comment: str
    facilitator_response: str
    signed_off_phase: str
    signed_off_on: date | None
    #: benchmark -> (rating, comment)
    ratings: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    open_follow_ups: int = 0


def review_history(db: Database, community_id: uuid.UUID, *, actor: Actor) -> list[ReviewSnapshot]:
    """Every review of the community's cycles, oldest first, with ratings and open follow-ups."""
    with db.session() as session:
        permissions.require(session, actor, permissions.READ, "mentor_review", community_id)
        reviews = session.execute(
            select(MentorReview, Cycle.number, User.display_name, User.username)
            .join(Cycle, Cycle.id == MentorReview.cycle_id)
            .outerjoin(User, User.id == MentorReview.mentor_id)
            .where(
                Cycle.community_id == community_id,
                Cycle.deleted_at.is_(None),
                MentorReview.deleted_at.is_(None),
            )
            .order_by(MentorReview.reviewed_on, MentorReview.created_at)
        ).all()
        ids = [review.id for review, *_rest in reviews]
        ratings: dict[uuid.UUID, dict[str, tuple[str, str]]] = {}
        for row in session.scalars(
            select(BenchmarkAssessment).where(
                BenchmarkAssessment.review_id.in_(ids), BenchmarkAssessment.deleted_at.is_(None)
            )
        ):
            ratings.setdefault(row.review_id, {})[row.benchmark] = (row.rating, row.comment)
        open_counts: dict[uuid.UUID, int] = {
            review_id: count
            for review_id, count in session.execute(
                select(FollowUp.review_id, func.count(FollowUp.id))
                .where(
                    FollowUp.review_id.in_(ids),
                    FollowUp.deleted_at.is_(None),
                    FollowUp.status == FollowUpStatus.OPEN,
                )
                .group_by(FollowUp.review_id)
            ).all()
        }
        return [
            ReviewSnapshot(
                review_id=review.id,
                cycle_id=review.cycle_id,
                cycle_number=number,
                reviewed_on=review.reviewed_on,
                mentor=display_name or username or "",
                overall_comment=review.overall_comment,
                facilitator_response=review.facilitator_response,
                signed_off_phase=review.signed_off_phase,
                signed_off_on=review.signed_off_on,
                ratings=ratings.get(review.id, {}),
                open_follow_ups=open_counts.get(review.id, 0),
            )
            for review, number, display_name, username in reviews
        ]
