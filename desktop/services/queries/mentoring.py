"""What a mentor needs to see: their communities, cycles awaiting review, follow-ups due,
unread comments, and a community's reviews over time (``review_history``, named here too).

A mentor sees the communities assigned to them today; a manager or administrator
sees every community. A cycle awaits review when it was never reviewed and has run
for a while, when its last review is old, or when a phase ended after the last review.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session

from desktop.models import (
    Comment,
    Community,
    CommunityAssignment,
    Cycle,
    FollowUp,
    MentorReview,
    Phase,
    User,
)
from desktop.models.enums import AssignmentRole, CycleStatus, FollowUpStatus, Role
from desktop.services.framework.actor import Actor
from desktop.services.queries.review_history import ReviewSnapshot, review_history
from desktop.services.usecases.comments import CommentService, unread_query
from desktop.storage import Database

__all__ = [
    "DUE_SOON",
    "FIRST_REVIEW_AFTER",
    "REVIEW_INTERVAL",
    "CycleAwaitingReview",
    "FollowUpDue",
    "MentorHome",
    "MentoredCommunity",
    "ReviewSnapshot",
    "UnreadComment",
    "display_names",
    "mentor_home",
    "review_history",
    "unread_comments",
]

#: A cycle whose last review is older than this awaits a new one.
REVIEW_INTERVAL = timedelta(days=90)
#: A cycle never reviewed awaits its first review once it has run this long.
FIRST_REVIEW_AFTER = timedelta(days=30)
#: Follow-ups due within this many days are listed as coming up.
DUE_SOON = timedelta(days=14)


@dataclass(frozen=True)
class CycleAwaitingReview:
    cycle_id: uuid.UUID
    community_id: uuid.UUID
    community_name: str
    cycle_number: int
    started_on: date
    last_review_on: date | None
    #: "never" (never reviewed), "stale" (last review too old) or "phase_ended".
    reason: str
    #: The phase that ended since the last review, for ``reason == "phase_ended"``.
    ended_phase: str = ""
    ended_on: date | None = None


@dataclass(frozen=True)
class FollowUpDue:
    follow_up_id: uuid.UUID
    review_id: uuid.UUID
    cycle_id: uuid.UUID
    community_id: uuid.UUID
    community_name: str
    description: str
    owner: str
    due_on: date | None
    overdue: bool


@dataclass(frozen=True)
class MentoredCommunity:
    community_id: uuid.UUID
    name: str
    district: str
    partnership_status: str
    last_review_on: date | None
    open_follow_ups: int
    unread_comments: int


@dataclass(frozen=True)
class MentorHome:
    communities: list[MentoredCommunity]
    awaiting_review: list[CycleAwaitingReview]
    follow_ups: list[FollowUpDue]
    unread_comments: int


def mentor_home(db: Database, actor: Actor, *, today: date | None = None) -> MentorHome:
    """Everything on the mentor's home screen, for ``actor`` as of ``today``."""
    today = today or date.today()
    with db.session() as session:
        scope = _scope(actor, today)
        communities = {
            row.id: row
            for row in session.scalars(
                select(Community).where(Community.id.in_(scope)).order_by(Community.name)
            ).all()
        }
        last_review: dict[uuid.UUID, date] = {
            community_id: last_on
            for community_id, last_on in session.execute(
                select(Cycle.community_id, func.max(MentorReview.reviewed_on))
                .join(MentorReview, MentorReview.cycle_id == Cycle.id)
                .where(MentorReview.deleted_at.is_(None), Cycle.community_id.in_(scope))
                .group_by(Cycle.community_id)
            ).all()
        }
        awaiting = _awaiting_review(session, scope, communities, today)
        follow_ups = _follow_ups_due(session, scope, communities, today)
    unread = CommentService(db, actor).unread_counts(by="community")
    open_counts: dict[uuid.UUID, int] = {}
    for item in follow_ups:
        open_counts[item.community_id] = open_counts.get(item.community_id, 0) + 1
    rows = [
        MentoredCommunity(
            community_id=community.id,
            name=community.name,
            district=community.district,
            partnership_status=community.partnership_status,
            last_review_on=last_review.get(community.id),
            open_follow_ups=open_counts.get(community.id, 0),
            unread_comments=unread.get(community.id, 0),
        )
        for community in communities.values()
    ]
    return MentorHome(
        communities=rows,
        awaiting_review=awaiting,
        follow_ups=[f for f in follow_ups if f.due_on is None or f.due_on <= today + DUE_SOON],
        unread_comments=sum(unread.get(c, 0) for c in communities),
    )


@dataclass(frozen=True)
class UnreadComment:
    """A comment by someone else the person has not seen yet, with where it is."""

    comment_id: uuid.UUID
    cycle_id: uuid.UUID
    community_id: uuid.UUID
    community_name: str
    cycle_number: int
    subject_kind: str
    subject_id: uuid.UUID
    author: str
    body: str
    written_at: datetime


def unread_comments(db: Database, actor: Actor, *, limit: int = 100) -> list[UnreadComment]:
    """The newest comments that concern ``actor`` and that they have not seen (see
    :mod:`desktop.services.usecases.comments`); authors by their display names."""
    author = func.coalesce(func.nullif(User.display_name, ""), Comment.author)
    with db.session() as session:
        rows = session.execute(
            unread_query(
                session, actor, Comment, Cycle.number, Community.id, Community.name, author
            )
            .join(Community, Community.id == Cycle.community_id)
            .outerjoin(User, User.username == Comment.author)
            .order_by(Comment.created_at.desc())
            .limit(limit)
        ).all()
        return [
            UnreadComment(
                comment_id=comment.id,
                cycle_id=comment.cycle_id,
                community_id=community_id,
                community_name=name,
                cycle_number=number,
                subject_kind=comment.subject_kind,
                subject_id=comment.subject_id,
                author=author_name,
                body=comment.body,
                written_at=comment.created_at,
            )
            for comment, number, community_id, name, author_name in rows
        ]


def display_names(db: Database, usernames: Iterable[str]) -> dict[str, str]:
    """Each person's display name by username (the username when they have none, or when
    there is no such account)."""
    wanted = set(usernames)
    names = {username: username for username in wanted}
    if not wanted:
        return names
    with db.session() as session:
        for username, shown in session.execute(
            select(User.username, User.display_name).where(User.username.in_(wanted))
        ).all():
            names[username] = shown or username
    return names


# --------------------------------------------------------------------- helpers
def _scope(actor: Actor, today: date) -> Select[uuid.UUID]:
    """Ids of the live communities the actor's home covers."""
    live = select(Community.id).where(Community.deleted_at.is_(None))
    if actor.role not in (Role.MENTOR, Role.FACILITATOR):
        return live
    assigned = (
        select(CommunityAssignment.community_id)
        .join(User, User.id == CommunityAssignment.user_id)
        .where(
            User.username == actor.username,
            CommunityAssignment.role
            == (AssignmentRole.MENTOR if actor.role == Role.MENTOR else AssignmentRole.FACILITATOR),
            CommunityAssignment.deleted_at.is_(None),
            or_(CommunityAssignment.from_on.is_(None), CommunityAssignment.from_on <= today),
            or_(CommunityAssignment.to_on.is_(None), CommunityAssignment.to_on >= today),
        )
    )
    return live.where(Community.id.in_(assigned))


def _awaiting_review(
    session: Session,
    scope: Select[uuid.UUID],
    communities: Mapping[uuid.UUID, Community],
    today: date,
) -> list[CycleAwaitingReview]:
    last = (
        select(MentorReview.cycle_id, func.max(MentorReview.reviewed_on).label("last_on"))
        .where(MentorReview.deleted_at.is_(None))
        .group_by(MentorReview.cycle_id)
        .subquery()
    )
    cycles = session.execute(
        select(Cycle, last.c.last_on)
        .outerjoin(last, last.c.cycle_id == Cycle.id)
        .where(
            Cycle.community_id.in_(scope),
            Cycle.deleted_at.is_(None),
            Cycle.status == CycleStatus.ACTIVE,
            Cycle.start_on <= today,
        )
    ).all()
    ended = _phases_ended_since(session, [(c.id, last_on) for c, last_on in cycles], today)
    found: list[CycleAwaitingReview] = []
    for cycle, last_on in cycles:
        reason, phase, ended_on = "", "", None
        if cycle.id in ended:
            reason, (phase, ended_on) = "phase_ended", ended[cycle.id]
        elif last_on is None and today - cycle.start_on >= FIRST_REVIEW_AFTER:
            reason = "never"
        elif last_on is not None and today - last_on >= REVIEW_INTERVAL:
            reason = "stale"
        if not reason:
            continue
        community = communities[cycle.community_id]
        found.append(
            CycleAwaitingReview(
                cycle_id=cycle.id,
                community_id=community.id,
                community_name=community.name,
                cycle_number=cycle.number,
                started_on=cycle.start_on,
                last_review_on=last_on,
                reason=reason,
                ended_phase=phase,
                ended_on=ended_on,
            )
        )
    # Longest waiting first: never reviewed, then by the date of the last review.
    found.sort(key=lambda c: (c.last_review_on or date.min, c.community_name, c.cycle_number))
    return found


def _phases_ended_since(
    session: Session, cycles: Iterable[tuple[uuid.UUID, date | None]], today: date
) -> dict[uuid.UUID, tuple[str, date]]:
    """For each cycle, the latest phase that ended after its last review (and by today)."""
    last_by_cycle = dict(cycles)
    if not last_by_cycle:
        return {}
    rows = session.execute(
        select(Phase.cycle_id, Phase.kind, Phase.end_on).where(
            Phase.cycle_id.in_(list(last_by_cycle)),
            Phase.deleted_at.is_(None),
            Phase.end_on.is_not(None),
            Phase.end_on <= today,
        )
    ).all()
    found: dict[uuid.UUID, tuple[str, date]] = {}
    for cycle_id, kind, end_on in rows:
        last_on = last_by_cycle[cycle_id]
        # A never-reviewed cycle is listed as such, whatever phases ended.
        if end_on is None or last_on is None or end_on <= last_on:
            continue
        if cycle_id not in found or found[cycle_id][1] < end_on:
            found[cycle_id] = (kind, end_on)
    return found


def _follow_ups_due(
    session: Session,
    scope: Select[uuid.UUID],
    communities: Mapping[uuid.UUID, Community],
    today: date,
) -> list[FollowUpDue]:
    rows = session.execute(
        select(FollowUp, MentorReview.cycle_id, Cycle.community_id)
        .join(MentorReview, MentorReview.id == FollowUp.review_id)
        .join(Cycle, Cycle.id == MentorReview.cycle_id)
        .where(
            and_(
                FollowUp.deleted_at.is_(None),
                MentorReview.deleted_at.is_(None),
                FollowUp.status == FollowUpStatus.OPEN,
                Cycle.community_id.in_(scope),
            )
        )
        .order_by(FollowUp.due_on.is_(None), FollowUp.due_on)
    ).all()
    return [
        FollowUpDue(
            follow_up_id=follow_up.id,
            review_id=follow_up.review_id,
            cycle_id=cycle_id,
            community_id=community_id,
            community_name=communities[community_id].name,
            description=follow_up.description,
            owner=follow_up.owner,
            due_on=follow_up.due_on,
            overdue=follow_up.due_on is not None and follow_up.due_on < today,
        )
        for follow_up, cycle_id, community_id in rows
    ]
