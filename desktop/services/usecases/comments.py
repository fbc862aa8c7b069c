"""Comments on a cycle's records: threads one level deep, resolvable, unread per person.

A comment names its record by kind and id. A reply joins its parent's thread (a reply
to a reply joins the same thread), so a thread is one first comment and its replies,
and resolving a thread is done on that first comment. Only the author may edit a
comment's text. Read markers are personal bookkeeping, not records: they are not
audited.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, ClassVar

from sqlalchemy import ColumnElement, Select, and_, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from desktop.i18n import _
from desktop.models import (
    Action,
    Comment,
    CommentRead,
    Cycle,
    FollowUp,
    HarmPriority,
    Indicator,
    LearningFinding,
    Meeting,
    MentorReview,
    Observation,
    Phase,
    Reflection,
    User,
    utcnow,
)
from desktop.models.audit import AuditEvent
from desktop.models.enums import Role
from desktop.services.framework import changes
from desktop.services.framework.actor import Actor
from desktop.services.framework.entity import EntityService
from desktop.services.framework.records import Record
from desktop.services.framework.schema_rules import Errors
from desktop.services.security import permissions

#: The kinds of record a comment can be on, and where each kind is stored.
SUBJECTS: Mapping[str, type[Any]] = {
    "cycle": Cycle,
    "phase": Phase,
    "finding": LearningFinding,
    "harm_priority": HarmPriority,
    "meeting": Meeting,
    "action": Action,
    "indicator": Indicator,
    "observation": Observation,
    "reflection": Reflection,
    "mentor_review": MentorReview,
    "follow_up": FollowUp,
}

MAX_BODY = 5000


@dataclass(frozen=True)
class CommentData:
    """A comment. ``author`` is set by the service to the person writing it; a reply takes
    its cycle and record from the comment it answers."""

    cycle_id: uuid.UUID
    subject_kind: str
    subject_id: uuid.UUID
    body: str
    parent_id: uuid.UUID | None = None
    author: str = ""
    resolved_on: date | None = None
    resolved_by: str = ""


class CommentService(EntityService[Comment, CommentData]):
    model: ClassVar[type[Any]] = Comment
    data_type: ClassVar[type[Any]] = CommentData
    entity: ClassVar[str] = "comment"
    required = ("cycle_id", "subject_kind", "subject_id", "body")
    search_fields = ("body",)

    def fill_in(self, session: Session, data: CommentData, current: Comment | None) -> CommentData:
        author = current.author if current is not None else self.actor.username
        data = replace(data, author=author)
        parent = session.get(Comment, data.parent_id) if data.parent_id is not None else None
        if parent is not None and parent.deleted_at is None:
            root_id = parent.parent_id or parent.id
            data = replace(
                data,
                parent_id=root_id,
                cycle_id=parent.cycle_id,
                subject_kind=parent.subject_kind,
                subject_id=parent.subject_id,
            )
        if data.parent_id is not None:
            return replace(data, resolved_on=None, resolved_by="")
        if data.resolved_on is None:
            return replace(data, resolved_by="")
        already = current.resolved_by if current is not None and current.resolved_on else ""
        return replace(data, resolved_by=already or self.actor.username)

    def check(self, session: Session, data: CommentData, current: Comment | None) -> Errors:
        errors: Errors = {}
        if len(data.body) > MAX_BODY:
            errors["body"] = _("At most {n} characters.").format(n=MAX_BODY)
        edits_text = current is not None and current.body != data.body
        if edits_text and current is not None and current.author != self.actor.username:
            errors["body"] = _("Only the person who wrote a comment can change its text.")
        model = SUBJECTS.get(data.subject_kind)
        if model is None:
            errors["subject_kind"] = _("Comments cannot be made on this kind of record.")
        elif _cycle_of_subject(session, data.subject_kind, data.subject_id) != data.cycle_id:
            errors["subject_id"] = _("Not found in this cycle (it may have been deleted).")
        return errors

    # ------------------------------------------------------------- use cases
    def thread(self, subject_kind: str, subject_id: uuid.UUID) -> list[Record[CommentData]]:
        """Every live comment on one record, each thread's first comment then its replies."""
        page = self.list(where={"subject_kind": subject_kind, "subject_id": subject_id}, limit=None)
        roots = [c for c in page.items if c.data.parent_id is None]
        replies: dict[uuid.UUID, list[Record[CommentData]]] = {}
        for comment in page.items:
            if comment.data.parent_id is not None:
                replies.setdefault(comment.data.parent_id, []).append(comment)
        ordered: list[Record[CommentData]] = []
        for root in roots:
            ordered.append(root)
            ordered.extend(replies.get(root.id, []))
        return ordered

    def reply(self, parent_id: uuid.UUID, body: str) -> Record[CommentData]:
        """Answer a thread; whoever answers has seen the thread so far."""
        parent = self.get(parent_id).data
        made = self.create(
            replace(parent, body=body, parent_id=parent_id, resolved_on=None, resolved_by="")
        )
        thread = self.thread(parent.subject_kind, parent.subject_id)
        self.mark_read(c.id for c in thread if (c.data.parent_id or c.id) == made.data.parent_id)
        return made

    def resolve(
        self, comment_id: uuid.UUID, *, resolved: bool = True, on: date | None = None
    ) -> Record[CommentData]:
        """Mark a thread resolved (or open again); ``comment_id`` may be any of its comments."""
        current = self.get(comment_id)
        root = self.get(current.data.parent_id) if current.data.parent_id else current
        when = (on or date.today()) if resolved else None
        return self.update(root.id, replace(root.data, resolved_on=when))

    def mark_read(self, comment_ids: Iterable[uuid.UUID]) -> int:
        """Record that the acting person has seen these comments; how many were new to them."""
        wanted = set(comment_ids)
        if not wanted:
            return 0
        username = self.actor.username
        with self.db.sessions.begin() as session:
            seen = set(
                session.scalars(
                    select(CommentRead.comment_id).where(
                        CommentRead.username == username, CommentRead.comment_id.in_(wanted)
                    )
                ).all()
            )
            existing = set(session.scalars(select(Comment.id).where(Comment.id.in_(wanted))).all())
            new = (wanted & existing) - seen
            for comment_id in new:
                marker = CommentRead(
                    id=uuid.uuid4(), comment_id=comment_id, username=username, read_at=utcnow()
                )
                self.stamp(marker)
                session.add(marker)
                # Not audited, yet the unread badges of other screens depend on it.
                changes.note(session, "comment_read", comment_id, "create")
            return len(new)

    def unread_among(self, comment_ids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
        """Which of these comments, written by others, the acting person has not seen yet."""
        wanted = list(comment_ids)
        if not wanted:
            return set()
        username = self.actor.username
        read = and_(CommentRead.comment_id == Comment.id, CommentRead.username == username)
        with self.db.session() as session:
            return set(
                session.scalars(
                    select(Comment.id)
                    .outerjoin(CommentRead, read)
                    .where(
                        Comment.id.in_(wanted),
                        Comment.author != username,
                        CommentRead.id.is_(None),
                    )
                ).all()
            )

    def unread_total(self) -> int:
        """Comments that concern the acting person and that they have not seen (the badge
        beside "Reviews" in the navigation; see the module docstring)."""
        with self.db.session() as session:
            query = unread_query(session, self.actor, func.count(Comment.id))
            return int(session.scalar(query) or 0)

    def unread_counts(
        self, *, by: str = "cycle", cycle_ids: Iterable[uuid.UUID] | None = None
    ) -> dict[Any, int]:
        """The unread comments of :meth:`unread_total`, counted per cycle (``by="cycle"``),
        per community (``by="community"``) or per record (``by="subject"``, keys are
        (kind, id) pairs)."""
        keys: tuple[Any, ...]
        if by == "cycle":
            keys = (Comment.cycle_id,)
        elif by == "community":
            keys = (Cycle.community_id,)
        elif by == "subject":
            keys = (Comment.subject_kind, Comment.subject_id)
        else:
            raise ValueError(f"unknown grouping {by!r}")
        with self.db.session() as session:
            query = unread_query(session, self.actor, *keys, func.count(Comment.id))
            query = query.group_by(*keys)
            if cycle_ids is not None:
                query = query.where(Comment.cycle_id.in_(list(cycle_ids)))
            rows = session.execute(query).all()
        if by == "subject":
            return {(row[0], row[1]): row[2] for row in rows}
        return {row[0]: row[1] for row in rows}

    def open_threads(self, cycle_id: uuid.UUID) -> dict[tuple[str, uuid.UUID], int]:
        """How many unresolved threads each record of the cycle has, keyed by (kind, id)."""
        with self.db.session() as session:
            rows = session.execute(
                select(Comment.subject_kind, Comment.subject_id, func.count(Comment.id))
                .where(
                    Comment.cycle_id == cycle_id,
                    Comment.parent_id.is_(None),
                    Comment.resolved_on.is_(None),
                    Comment.deleted_at.is_(None),
                    permissions.readable_condition(session, self.actor, Comment),
                )
                .group_by(Comment.subject_kind, Comment.subject_id)
            ).all()
        return {(kind, subject_id): count for kind, subject_id, count in rows}

    def edit(
        self, comment_id: uuid.UUID, body: str, *, expected_version: int
    ) -> Record[CommentData]:
        """Change the text of one's own comment (refused for anyone else's)."""
        current = self.get(comment_id)
        return self.update(
            comment_id, replace(current.data, body=body), expected_version=expected_version
        )

    def edited_among(self, comment_ids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
        """Which of these comments had their text changed after they were written."""
        wanted = {str(comment_id): comment_id for comment_id in comment_ids}
        if not wanted:
            return set()
        with self.db.session() as session:
            found = session.scalars(
                select(AuditEvent.entity_id).where(
                    AuditEvent.entity_type == self.entity,
                    AuditEvent.entity_id.in_(list(wanted)),
                    AuditEvent.action == "update",
                    AuditEvent.changes.like('%"body"%'),
                )
            ).all()
        return {wanted[entity_id] for entity_id in found}


def unread_query(session: Session, actor: Actor, *columns: Any) -> Select[Any]:
    """``columns`` over the comments that are unread for ``actor`` (see the module
    docstring), joined with their cycle."""
    read = and_(CommentRead.comment_id == Comment.id, CommentRead.username == actor.username)
    return (
        select(*columns)
        .select_from(Comment)
        .join(Cycle, Cycle.id == Comment.cycle_id)
        .outerjoin(CommentRead, read)
        .where(
            Comment.deleted_at.is_(None),
            Cycle.deleted_at.is_(None),
            Comment.author != actor.username,
            CommentRead.id.is_(None),
            permissions.readable_condition(session, actor, Comment),
            _concerns(actor),
        )
    )


def _concerns(actor: Actor) -> ColumnElement[bool]:
    """Whether a comment concerns ``actor``: see the module docstring."""
    mine = aliased(Comment)
    thread = func.coalesce(Comment.parent_id, Comment.id)
    took_part = exists().where(
        mine.author == actor.username,
        mine.deleted_at.is_(None),
        or_(mine.id == thread, mine.parent_id == thread),
    )
    my_reviews = (
        select(MentorReview.id)
        .join(User, User.id == MentorReview.mentor_id)
        .where(User.username == actor.username, MentorReview.deleted_at.is_(None))
    )
    on_my_review = or_(
        and_(Comment.subject_kind == "mentor_review", Comment.subject_id.in_(my_reviews)),
        and_(
            Comment.subject_kind == "follow_up",
            Comment.subject_id.in_(select(FollowUp.id).where(FollowUp.review_id.in_(my_reviews))),
        ),
    )
    concerns = [took_part, on_my_review]
    if actor.role in (Role.MENTOR, Role.FACILITATOR):
        concerns.append(Cycle.community_id.in_(permissions.assigned_communities(actor)))
    return or_(*concerns)


def _cycle_of_subject(session: Session, kind: str, subject_id: uuid.UUID) -> uuid.UUID | None:
    """The cycle a live record of ``kind`` belongs to (None if there is none)."""
    model = SUBJECTS.get(kind)
    row = session.get(model, subject_id) if model is not None else None
    if row is None or row.deleted_at is not None:
        return None
    if isinstance(row, Cycle):
        return row.id
    if isinstance(row, FollowUp):
        review = session.get(MentorReview, row.review_id)
        return review.cycle_id if review is not None else None
    if isinstance(row, Observation):  # a result belongs to its indicator's cycle
        indicator = session.get(Indicator, row.indicator_id)
        if indicator is None or indicator.deleted_at is not None:
            return None
        return indicator.cycle_id
    cycle_id: uuid.UUID = row.cycle_id
    return cycle_id
