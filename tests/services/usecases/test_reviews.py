from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date, timedelta

from sqlalchemy import select

from desktop.models import BenchmarkAssessment
from desktop.services.facade import Services
from desktop.services.usecases.reviews import FollowUpData, MentorReviewData
from desktop.storage import Database
from tests.services.service_contract import assert_refused, audit_events, check_crud
from tests.services.service_world import START, World

TOMORROW = date.today() + timedelta(days=1)


def test_review_life(db: Database, services: Services, world: World) -> None:
    check_crud(
        db,
        services.reviews,
        MentorReviewData(
            cycle_id=world.cycle.id,
            reviewed_on=START,
            mentor_id=world.mentor.id,
            ratings={"inclusive_participation": ("needs_attention", "Few girls spoke")},
        ),
        MentorReviewData(cycle_id=world.cycle.id, reviewed_on=START - timedelta(30)),
        lambda d: replace(
            d,
            overall_comment="Good ownership",
            signed_off_on=START + timedelta(1),
            signed_off_phase="learning",
            ratings={
                "inclusive_participation": ("on_track", "Girls' group met"),
                "sustainability": ("not_yet", ""),
            },
        ),
        where={"signed_off_phase": "learning"},
        search="ownership",
        sort_field="reviewed_on",
    )


def test_review_rules(db: Database, services: Services, world: World) -> None:
    reviews = services.reviews
    good = MentorReviewData(cycle_id=world.cycle.id, reviewed_on=START)
    create = reviews.create
    assert_refused(db, lambda: create(replace(good, reviewed_on=TOMORROW)), "reviewed_on")
    assert_refused(db, lambda: create(replace(good, mentor_id=world.facilitator.id)), "mentor_id")
    assert_refused(db, lambda: create(replace(good, mentor_id=uuid.uuid4())), "mentor_id")
    assert_refused(db, lambda: create(replace(good, signed_off_phase="party")), "signed_off_phase")
    assert_refused(db, lambda: create(replace(good, signed_off_phase="action")), "signed_off_on")
    assert_refused(db, lambda: create(replace(good, signed_off_on=START)), "signed_off_phase")
    assert_refused(
        db,
        lambda: create(
            replace(good, signed_off_on=START - timedelta(1), signed_off_phase="review")
        ),
        "signed_off_on",
    )
    assert_refused(
        db,
        lambda: create(replace(good, signed_off_on=TOMORROW, signed_off_phase="review")),
        "signed_off_on",
    )
    assert_refused(
        db, lambda: create(replace(good, ratings={"speed": ("on_track", "")})), "ratings"
    )
    assert_refused(
        db,
        lambda: create(replace(good, ratings={"sustainability": ("excellent", "")})),
        "ratings",
    )


def test_ratings_round_trip_and_update_in_place(
    db: Database, services: Services, world: World
) -> None:
    reviews = services.reviews
    review = reviews.create(
        MentorReviewData(
            cycle_id=world.cycle.id,
            reviewed_on=START,
            ratings={
                "community_ownership": ("on_track", " Leaders chair meetings "),
                "formal_linkage": ("not_yet", ""),
            },
        )
    )
    assert reviews.get(review.id).data.ratings == {
        "community_ownership": ("on_track", "Leaders chair meetings"),
        "formal_linkage": ("not_yet", ""),
    }
    with db.session() as session:
        ids = {r.benchmark: r.id for r in session.scalars(select(BenchmarkAssessment))}
    changed = reviews.update(
        review.id,
        replace(review.data, ratings={"community_ownership": ("needs_attention", "Chief leads")}),
    )
    assert changed.data.ratings == {"community_ownership": ("needs_attention", "Chief leads")}
    with db.session() as session:
        rows = {r.benchmark: r for r in session.scalars(select(BenchmarkAssessment))}
    assert rows["community_ownership"].id == ids["community_ownership"]
    assert rows["formal_linkage"].deleted_at is not None
    assert audit_events(db, "mentor_review", review.id)[-1].changes["ratings"][1] == {
        "community_ownership": ["needs_attention", "Chief leads"]
    }


def test_follow_up_life(db: Database, services: Services, world: World) -> None:
    review = services.reviews.create(MentorReviewData(cycle_id=world.cycle.id, reviewed_on=START))
    check_crud(
        db,
        services.follow_ups,
        FollowUpData(review_id=review.id, description="Hold a girls-only session", owner="Okello"),
        FollowUpData(review_id=review.id, description="Invite police", due_on=START),
        lambda d: replace(d, due_on=START + timedelta(14), status="done"),
        where={"status": "done"},
        search="girls-only",
        sort_field="due_on",
    )


def test_follow_up_closed_on_follows_status(db: Database, services: Services, world: World) -> None:
    review = services.reviews.create(MentorReviewData(cycle_id=world.cycle.id, reviewed_on=START))
    follow_ups = services.follow_ups
    made = follow_ups.create(FollowUpData(review_id=review.id, description="Visit"))
    assert made.data.closed_on is None
    done = follow_ups.update(made.id, replace(made.data, status="done"))
    assert done.data.closed_on == date.today()
    cancelled = follow_ups.update(made.id, replace(done.data, status="cancelled"))
    assert cancelled.data.closed_on == date.today()
    reopened = follow_ups.update(made.id, replace(cancelled.data, status="open"))
    assert reopened.data.closed_on is None
    dated = follow_ups.update(made.id, replace(reopened.data, status="done", closed_on=START))
    assert dated.data.closed_on == START
    good = FollowUpData(review_id=review.id, description="x")
    assert_refused(db, lambda: follow_ups.create(replace(good, description="")), "description")
    assert_refused(db, lambda: follow_ups.create(replace(good, status="later")), "status")
    assert_refused(
        db,
        lambda: follow_ups.create(replace(good, status="done", closed_on=TOMORROW)),
        "closed_on",
    )
    early = assert_refused(
        db, lambda: follow_ups.create(replace(good, due_on=START - timedelta(1))), "due_on"
    )
    assert early.errors["due_on"] == f"Cannot be before the review ({START.isoformat()})."
    services.reviews.delete(review.id)
    assert_refused(db, lambda: follow_ups.create(good), "review_id")
