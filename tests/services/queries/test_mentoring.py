"""The mentor's home (communities, cycles awaiting review, follow-ups due, unread comments)
and a community's reviews side by side."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.services.facade import Services
from desktop.services.framework.actor import Actor
from desktop.services.queries.mentoring import (
    display_names,
    mentor_home,
    review_history,
    unread_comments,
)
from desktop.services.security.users import AssignmentData, UserData
from desktop.services.usecases.comments import CommentData
from desktop.services.usecases.communities import CommunityData
from desktop.services.usecases.cycles import CycleData, PhaseData
from desktop.services.usecases.reviews import FollowUpData, MentorReviewData
from desktop.storage import Database

TODAY = date(2024, 9, 1)


@pytest.fixture
def mentor(db: Database, services: Services, world: object) -> Services:
    services.assignments.create(
        AssignmentData(
            community_id=world.community.id,  # type: ignore[attr-defined]
            user_id=world.mentor.id,  # type: ignore[attr-defined]
            role="mentor",
            from_on=date(2024, 1, 1),
        )
    )
    return Services(db, Actor(username="achen", role="mentor"))


def test_a_mentor_sees_only_the_communities_assigned_to_them(db, mentor, world) -> None:  # type: ignore[no-untyped-def]
    home = mentor_home(db, mentor.actor, today=TODAY)
    assert [c.name for c in home.communities] == ["Kéréwé"]

    manager = mentor_home(db, Actor(username="boss", role="manager"), today=TODAY)
    assert [c.name for c in manager.communities] == ["Amuru", "Kéréwé"]

    # An assignment that ended is not today's.
    before = mentor_home(db, mentor.actor, today=date(2023, 12, 1))
    assert before.communities == []


def test_cycles_await_review_when_never_or_long_ago_reviewed_or_a_phase_ended(  # type: ignore[no-untyped-def]
    db, services, mentor, world
) -> None:
    home = mentor_home(db, mentor.actor, today=TODAY)
    assert [(c.cycle_id, c.reason) for c in home.awaiting_review] == [(world.cycle.id, "never")]
    # Too young for a first review.
    assert mentor_home(db, mentor.actor, today=date(2024, 1, 20)).awaiting_review == []

    services.reviews.create(MentorReviewData(cycle_id=world.cycle.id, reviewed_on=date(2024, 8, 1)))
    assert mentor_home(db, mentor.actor, today=TODAY).awaiting_review == []
    stale = mentor_home(db, mentor.actor, today=date(2024, 11, 5)).awaiting_review
    assert [(c.reason, c.last_review_on) for c in stale] == [("stale", date(2024, 8, 1))]

    services.phases.create(
        PhaseData(
            cycle_id=world.cycle.id,
            kind="planning",
            start_on=date(2024, 7, 1),
            end_on=date(2024, 8, 20),
        )
    )
    ended = mentor_home(db, mentor.actor, today=TODAY).awaiting_review
    assert [(c.reason, c.ended_phase, c.ended_on) for c in ended] == [
        ("phase_ended", "planning", date(2024, 8, 20))
    ]


def test_follow_ups_due_soon_or_overdue_are_listed_and_counted(  # type: ignore[no-untyped-def]
    db, services, mentor, world
) -> None:
    review = services.reviews.create(
        MentorReviewData(cycle_id=world.cycle.id, reviewed_on=date(2024, 8, 1))
    )
    late = services.follow_ups.create(
        FollowUpData(
            review_id=review.id, description="Meet the head teacher", due_on=date(2024, 8, 20)
        )
    )
    soon = services.follow_ups.create(
        FollowUpData(review_id=review.id, description="Share the plan", due_on=date(2024, 9, 10))
    )
    services.follow_ups.create(
        FollowUpData(review_id=review.id, description="Later", due_on=date(2024, 12, 1))
    )
    done = services.follow_ups.create(
        FollowUpData(review_id=review.id, description="Done already", status="done")
    )
    home = mentor_home(db, mentor.actor, today=TODAY)
    assert [(f.follow_up_id, f.overdue) for f in home.follow_ups] == [
        (late.id, True),
        (soon.id, False),
    ]
    assert done.id not in {f.follow_up_id for f in home.follow_ups}
    assert home.communities[0].open_follow_ups == 3


def _facilitator_comments(db, services, world, body: str) -> None:  # type: ignore[no-untyped-def]
    """The world's facilitator, assigned to its community, comments on its action."""
    services.assignments.create(
        AssignmentData(
            community_id=world.community.id, user_id=world.facilitator.id, role="facilitator"
        )
    )
    facilitator = Services(db, Actor(username="okello", role="facilitator"))
    facilitator.comments.create(
        CommentData(
            cycle_id=world.cycle.id, subject_kind="action", subject_id=world.action.id, body=body
        )
    )


def test_unread_comments_are_counted_per_community(db, services, mentor, world) -> None:  # type: ignore[no-untyped-def]
    _facilitator_comments(db, services, world, "Done as you asked.")
    home = mentor_home(db, mentor.actor, today=TODAY)
    assert home.unread_comments == 1
    assert home.communities[0].unread_comments == 1


def test_review_history_puts_each_cycle_s_reviews_in_date_order(db, services, world) -> None:  # type: ignore[no-untyped-def]
    second_cycle = services.cycles.create(
        CycleData(community_id=world.community.id, start_on=date(2024, 6, 1))
    )
    services.reviews.create(
        MentorReviewData(
            cycle_id=second_cycle.id,
            reviewed_on=date(2024, 8, 1),
            mentor_id=world.mentor.id,
            ratings={"inclusive_participation": ("on_track", "Girls spoke.")},
        )
    )
    first = services.reviews.create(
        MentorReviewData(
            cycle_id=world.cycle.id,
            reviewed_on=date(2024, 3, 1),
            ratings={"inclusive_participation": ("needs_attention", "No girls yet.")},
        )
    )
    services.follow_ups.create(FollowUpData(review_id=first.id, description="Invite girls"))
    services.communities.create(CommunityData(name="Elsewhere"))

    history = review_history(db, world.community.id, actor=services.actor)

    assert [(r.cycle_number, r.reviewed_on) for r in history] == [
        (1, date(2024, 3, 1)),
        (2, date(2024, 8, 1)),
    ]
    assert history[0].ratings["inclusive_participation"] == ("needs_attention", "No girls yet.")
    assert history[0].open_follow_ups == 1
    assert history[1].mentor == "Achen"


def test_people_are_named_by_display_name_or_else_username(db, services, mentor, world) -> None:  # type: ignore[no-untyped-def]
    services.users.create(UserData(username="nodisplay", role="manager"))
    assert display_names(db, ["achen", "nodisplay", "gone"]) == {
        "achen": "Achen",
        "nodisplay": "nodisplay",
        "gone": "gone",
    }
    _facilitator_comments(db, services, world, "Hi")
    assert [c.author for c in unread_comments(db, mentor.actor)] == ["Okello J."]
