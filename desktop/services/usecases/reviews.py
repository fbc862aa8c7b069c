"""Mentor reviews of a cycle (benchmark ratings, sign-off) and the follow-ups they ask for."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, ClassVar

from sqlalchemy.orm import Session

from desktop.i18n import _
from desktop.models import BenchmarkAssessment, FollowUp, MentorReview, User
from desktop.models.enums import Benchmark, BenchmarkRating, FollowUpStatus, PhaseKind, Role
from desktop.services.framework.entity import EntityService
from desktop.services.framework.rules import dates_in_order, not_in_future
from desktop.services.framework.schema_rules import Errors


@dataclass(frozen=True)
class MentorReviewData:
    """A mentor's review. ``ratings`` maps a benchmark (see :class:`Benchmark`) to its
    rating (see :class:`BenchmarkRating`) and a comment. A sign-off names the phase the
    mentor signs off and the date, both or neither."""

    cycle_id: uuid.UUID
    reviewed_on: date
    mentor_id: uuid.UUID | None = None
    overall_comment: str = ""
    facilitator_response: str = ""
    signed_off_on: date | None = None
    signed_off_phase: str = ""
    ratings: Mapping[str, tuple[str, str]] = field(default_factory=dict)


class MentorReviewService(EntityService[MentorReview, MentorReviewData]):
    model: ClassVar[type[Any]] = MentorReview
    data_type: ClassVar[type[Any]] = MentorReviewData
    entity: ClassVar[str] = "mentor_review"
    required = ("cycle_id", "reviewed_on")
    search_fields = ("overall_comment", "facilitator_response")
    default_order = "reviewed_on"

    def fill_in(
        self, session: Session, data: MentorReviewData, current: MentorReview | None
    ) -> MentorReviewData:
        ratings = {
            benchmark.strip(): (rating.strip(), comment.strip())
            for benchmark, (rating, comment) in data.ratings.items()
        }
        return replace(data, ratings=ratings)

    def check(
        self, session: Session, data: MentorReviewData, current: MentorReview | None
    ) -> Errors:
        errors: Errors = {}
        not_in_future(errors, "reviewed_on", data.reviewed_on)
        mentor = session.get(User, data.mentor_id) if data.mentor_id is not None else None
        if mentor is not None and mentor.role != Role.MENTOR:
            errors["mentor_id"] = _("This person is not a mentor.")
        if data.signed_off_phase and data.signed_off_phase not in set(PhaseKind):
            errors["signed_off_phase"] = _("Not a valid choice.")
        elif data.signed_off_phase and data.signed_off_on is None:
            errors["signed_off_on"] = _("Give the date of the sign-off.")
        elif data.signed_off_on is not None and not data.signed_off_phase:
            errors["signed_off_phase"] = _("Say which phase is signed off.")
        not_in_future(errors, "signed_off_on", data.signed_off_on)
        dates_in_order(errors, "signed_off_on", data.reviewed_on, data.signed_off_on)
        unknown = sorted(set(data.ratings) - set(Benchmark))
        if unknown:
            errors["ratings"] = _("Not a benchmark: {names}.").format(names=", ".join(unknown))
        elif any(rating not in set(BenchmarkRating) for rating, _c in data.ratings.values()):
            errors["ratings"] = _("Not a valid rating.")
        return errors

    def snapshot(self, session: Session, row: MentorReview) -> MentorReviewData:
        rows = self.live_children(session, BenchmarkAssessment, ("review_id", row.id))
        ratings = {r.benchmark: (r.rating, r.comment) for r in rows}
        return replace(super().snapshot(session, row), ratings=ratings)

    def after_write(
        self,
        session: Session,
        row: MentorReview,
        before: MentorReviewData | None,
        data: MentorReviewData,
    ) -> None:
        wanted = {
            benchmark: {"rating": rating, "comment": comment}
            for benchmark, (rating, comment) in data.ratings.items()
        }
        self.sync_children(session, BenchmarkAssessment, ("review_id", row.id), "benchmark", wanted)


@dataclass(frozen=True)
class FollowUpData:
    """Something a review asks of someone. ``closed_on`` is set by the service when the
    status leaves open (today, unless a date is given) and cleared when it is reopened."""

    review_id: uuid.UUID
    description: str
    owner: str = ""
    due_on: date | None = None
    status: str = FollowUpStatus.OPEN.value
    closed_on: date | None = None


class FollowUpService(EntityService[FollowUp, FollowUpData]):
    model: ClassVar[type[Any]] = FollowUp
    data_type: ClassVar[type[Any]] = FollowUpData
    entity: ClassVar[str] = "follow_up"
    required = ("review_id", "description")
    choices = {"status": FollowUpStatus}
    search_fields = ("description", "owner")
    default_order = "due_on"

    def fill_in(
        self, session: Session, data: FollowUpData, current: FollowUp | None
    ) -> FollowUpData:
        if data.status == FollowUpStatus.OPEN:
            return replace(data, closed_on=None)
        already = current.closed_on if current is not None else None
        return replace(data, closed_on=data.closed_on or already or date.today())

    def check(self, session: Session, data: FollowUpData, current: FollowUp | None) -> Errors:
        errors: Errors = {}
        not_in_future(errors, "closed_on", data.closed_on)
        review = session.get(MentorReview, data.review_id)
        if review is not None and data.due_on is not None and data.due_on < review.reviewed_on:
            errors["due_on"] = _("Cannot be before the review ({day}).").format(
                day=review.reviewed_on.isoformat()
            )
        return errors
