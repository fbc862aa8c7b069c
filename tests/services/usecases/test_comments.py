"""Comments on a cycle's records: threads, replies, resolving, authorship, unread counts."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

import pytest

from desktop.services.facade import Services
from desktop.services.framework.actor import Actor
from desktop.services.framework.errors import PermissionDenied, ValidationError
from desktop.services.security.users import AssignmentData
from desktop.services.usecases.comments import CommentData
from desktop.storage import Database


@pytest.fixture
def people(db: Database, services: Services, world: object) -> tuple[Services, Services]:
    """The world's mentor and facilitator, assigned to its community, each with services."""
    w = world
    for user in (w.mentor, w.facilitator):  # type: ignore[attr-defined]
        services.assignments.create(
            AssignmentData(
                community_id=w.community.id,  # type: ignore[attr-defined]
                user_id=user.id,
                role=user.data.role,
            )
        )
    mentor = Services(db, Actor(username="achen", role="mentor"))
    facilitator = Services(db, Actor(username="okello", role="facilitator"))
    return mentor, facilitator


def on_action(world: object, body: str) -> CommentData:
    return CommentData(
        cycle_id=world.cycle.id,  # type: ignore[attr-defined]
        subject_kind="action",
        subject_id=world.action.id,  # type: ignore[attr-defined]
        body=body,
    )


def test_a_thread_is_the_first_comment_then_its_replies(world, people) -> None:  # type: ignore[no-untyped-def]
    mentor, facilitator = people
    first = mentor.comments.create(on_action(world, "Who will speak with the chief?"))
    other = mentor.comments.create(on_action(world, "Please add a due date."))
    answer = facilitator.comments.reply(first.id, "The women's group chair.")
    # A reply to a reply joins the same thread.
    again = mentor.comments.reply(answer.id, "Thank you.")

    thread = mentor.comments.thread("action", world.action.id)

    assert [c.id for c in thread] == [first.id, answer.id, again.id, other.id]
    assert again.data.parent_id == first.id
    assert answer.data.author == "okello" and first.data.author == "achen"


def test_a_comment_must_name_a_record_of_its_own_cycle(world, people) -> None:  # type: ignore[no-untyped-def]
    mentor, _f = people
    # The other community's meeting, filed under this cycle.
    elsewhere = CommentData(
        cycle_id=world.cycle.id,
        subject_kind="meeting",
        subject_id=world.other_meeting.id,
        body="Hm",
    )
    with pytest.raises(ValidationError) as wrong_cycle:
        mentor.comments.create(elsewhere)
    assert "subject_id" in wrong_cycle.value.errors
    # A community the mentor is not assigned to is not theirs to comment on.
    with pytest.raises(PermissionDenied):
        mentor.comments.create(replace(on_action(world, "Hm"), cycle_id=world.other_cycle.id))

    with pytest.raises(ValidationError) as unknown_kind:
        mentor.comments.create(replace(on_action(world, "Hm"), subject_kind="community"))
    assert "subject_kind" in unknown_kind.value.errors

    with pytest.raises(ValidationError) as empty:
        mentor.comments.create(on_action(world, "   "))
    assert "body" in empty.value.errors
    assert mentor.comments.list().total == 0


def test_comments_on_a_meeting_and_a_follow_up_are_found_in_their_cycle(  # type: ignore[no-untyped-def]
    world, people, services
) -> None:
    from desktop.services.usecases.reviews import FollowUpData, MentorReviewData

    mentor, _f = people
    review = services.reviews.create(
        MentorReviewData(cycle_id=world.cycle.id, reviewed_on=date(2024, 3, 1))
    )
    follow_up = services.follow_ups.create(
        FollowUpData(review_id=review.id, description="Visit the school")
    )
    for kind, record_id in (("meeting", world.meeting.id), ("follow_up", follow_up.id)):
        made = mentor.comments.create(
            CommentData(cycle_id=world.cycle.id, subject_kind=kind, subject_id=record_id, body="?")
        )
        assert mentor.comments.thread(kind, record_id)[0].id == made.id


def test_only_the_author_changes_the_text_but_anyone_may_resolve(world, people) -> None:  # type: ignore[no-untyped-def]
    mentor, facilitator = people
    first = mentor.comments.create(on_action(world, "Is the chief involved?"))
    reply = facilitator.comments.reply(first.id, "Yes, since May.")

    with pytest.raises(ValidationError) as not_theirs:
        facilitator.comments.update(first.id, replace(first.data, body="changed"))
    assert "body" in not_theirs.value.errors

    resolved = facilitator.comments.resolve(reply.id, on=date(2024, 6, 1))
    assert resolved.id == first.id
    assert resolved.data.resolved_on == date(2024, 6, 1)
    assert resolved.data.resolved_by == "okello"
    assert resolved.data.body == "Is the chief involved?"

    reopened = mentor.comments.resolve(first.id, resolved=False)
    assert reopened.data.resolved_on is None and reopened.data.resolved_by == ""


def test_unread_counts_follow_what_each_person_has_seen(world, people) -> None:  # type: ignore[no-untyped-def]
    mentor, facilitator = people
    first = mentor.comments.create(on_action(world, "One"))
    second = mentor.comments.create(on_action(world, "Two"))

    # Your own comments are never unread to you.
    assert mentor.comments.unread_counts() == {}
    assert facilitator.comments.unread_counts() == {world.cycle.id: 2}
    assert facilitator.comments.unread_counts(by="community") == {world.community.id: 2}
    assert facilitator.comments.unread_counts(by="subject") == {("action", world.action.id): 2}

    assert facilitator.comments.mark_read([first.id]) == 1
    assert facilitator.comments.mark_read([first.id, uuid.uuid4()]) == 0  # seen, or no such
    assert facilitator.comments.unread_counts() == {world.cycle.id: 1}

    reply = facilitator.comments.reply(second.id, "Noted")
    assert mentor.comments.unread_counts() == {world.cycle.id: 1}
    mentor.comments.mark_read([reply.id])
    assert mentor.comments.unread_counts() == {}
    assert facilitator.comments.unread_counts(cycle_ids=[world.other_cycle.id]) == {}


def test_every_comment_write_is_audited(world, people, services) -> None:  # type: ignore[no-untyped-def]
    mentor, _f = people
    made = mentor.comments.create(on_action(world, "Audited?"))
    mentor.comments.resolve(made.id)
    events = services.audit_log.history("comment", made.id)
    assert [e.action for e in events] == ["create", "update"]
    assert events[1].changes["resolved_by"] == ["", "achen"]


def test_a_manager_is_told_only_about_threads_they_take_part_in(world, people, db) -> None:  # type: ignore[no-untyped-def]
    mentor, facilitator = people
    manager = Services(db, Actor(username="grace", role="manager"))
    first = mentor.comments.create(on_action(world, "Who leads this?"))
    mentor.comments.create(on_action(world, "Another question"))
    # The manager may read every thread, but none of them is theirs yet.
    assert len(manager.comments.thread("action", world.action.id)) == 2
    assert manager.comments.unread_total() == 0
    assert manager.comments.unread_counts() == {}

    manager.comments.reply(first.id, "I can help with the district office.")
    facilitator.comments.reply(first.id, "The chair, with help from the district.")
    assert manager.comments.unread_total() == 1
    assert manager.comments.unread_counts(by="community") == {world.community.id: 1}


def test_mentors_and_facilitators_are_told_about_their_communities(world, people, db) -> None:  # type: ignore[no-untyped-def]
    mentor, facilitator = people
    manager = Services(db, Actor(username="grace", role="manager"))
    manager.comments.create(on_action(world, "Please add a due date."))
    assert mentor.comments.unread_total() == 1
    assert facilitator.comments.unread_total() == 1

    # A facilitator of another community is not told (and may not read it anyway).
    other = Services(db, Actor(username="otim", role="facilitator"))
    assert other.comments.unread_total() == 0

    # Once the mentor's assignment has ended, the community's comments stop counting.
    where = {"user_id": world.mentor.id, "community_id": world.community.id}
    (ended,) = manager.assignments.list(where=where).items
    manager.assignments.update(ended.id, replace(ended.data, to_on=date(2020, 1, 1)))
    assert mentor.comments.unread_total() == 0


def test_comments_on_a_mentor_s_review_concern_that_mentor(world, people, services) -> None:  # type: ignore[no-untyped-def]
    from desktop.services.usecases.reviews import FollowUpData, MentorReviewData

    mentor, facilitator = people
    review = mentor.reviews.create(
        MentorReviewData(
            cycle_id=world.cycle.id, reviewed_on=date(2024, 3, 1), mentor_id=world.mentor.id
        )
    )
    follow_up = mentor.follow_ups.create(FollowUpData(review_id=review.id, description="Visit"))
    for kind, record_id in (("mentor_review", review.id), ("follow_up", follow_up.id)):
        facilitator.comments.create(
            CommentData(
                cycle_id=world.cycle.id, subject_kind=kind, subject_id=record_id, body="Noted"
            )
        )
    assert mentor.comments.unread_counts(by="subject") == {
        ("mentor_review", review.id): 1,
        ("follow_up", follow_up.id): 1,
    }


def test_people_edit_their_own_comments_only_and_the_change_shows(world, people, services) -> None:  # type: ignore[no-untyped-def]
    mentor, facilitator = people
    first = mentor.comments.create(on_action(world, "Who leads thsi?"))
    reply = facilitator.comments.reply(first.id, "The chair.")
    mentor.comments.resolve(first.id)
    resolved = mentor.comments.get(first.id)
    assert mentor.comments.edited_among([first.id, reply.id]) == set()  # resolving is no edit

    edited = mentor.comments.edit(first.id, "Who leads this?", expected_version=resolved.version)
    assert edited.data.body == "Who leads this?" and edited.data.author == "achen"
    assert edited.data.resolved_on is not None
    assert mentor.comments.edited_among([first.id, reply.id]) == {first.id}
    last = services.audit_log.history("comment", first.id)[-1]
    assert (last.username, last.changes["body"]) == (
        "achen",
        ["Who leads thsi?", "Who leads this?"],
    )

    with pytest.raises(ValidationError) as not_theirs:
        facilitator.comments.edit(first.id, "Changed", expected_version=edited.version)
    assert not_theirs.value.errors["body"] == (
        "Only the person who wrote a comment can change its text."
    )
    with pytest.raises(ValidationError):
        mentor.comments.edit(reply.id, "Changed", expected_version=reply.version)
    assert mentor.comments.get(first.id).data.body == "Who leads this?"
    assert mentor.comments.get(reply.id).data.body == "The chair."


def test_a_result_is_commented_on_in_its_indicator_s_cycle(world, people, services) -> None:  # type: ignore[no-untyped-def]
    from desktop.services.usecases.actions import IndicatorData, ObservationData

    mentor, facilitator = people
    indicator = services.indicators.create(
        IndicatorData(cycle_id=world.cycle.id, wording="Girls walking to school in groups")
    )
    result = services.observations.create(
        ObservationData(indicator_id=indicator.id, observed_on=date(2024, 3, 1), value_number=4)
    )
    made = mentor.comments.create(
        CommentData(
            cycle_id=world.cycle.id,
            subject_kind="observation",
            subject_id=result.id,
            body="Who counted?",
        )
    )
    assert facilitator.comments.thread("observation", result.id)[0].id == made.id
    with pytest.raises(ValidationError):  # a result is not a record of another cycle
        mentor.comments.create(
            CommentData(
                cycle_id=uuid.uuid4(), subject_kind="observation", subject_id=result.id, body="?"
            )
        )
