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

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

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
    utcnow,
)
from desktop.services import permissions
from desktop.services.entity import EntityService, Errors
from desktop.services.records import Record

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
        parent = self.get(parent_id).data
        return self.create(
            replace(parent, body=body, parent_id=parent_id, resolved_on=None, resolved_by="")
        )

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
        """Comments by others the acting person has not seen, among those they may read
        (the badge beside "Reviews" in the navigation)."""
        username = self.actor.username
        read = and_(CommentRead.comment_id == Comment.id, CommentRead.username == username)
        with self.db.session() as session:
            query = (
                select(func.count(Comment.id))
                .join(Cycle, Cycle.id == Comment.cycle_id)
                .outerjoin(CommentRead, read)
                .where(
                    Comment.deleted_at.is_(None),
                    Cycle.deleted_at.is_(None),
                    Comment.author != username,
                    CommentRead.id.is_(None),
                    permissions.readable_condition(session, self.actor, Comment),
                )
            )
            return int(session.scalar(query) or 0)

    def unread_counts(
        self, *, by: str = "cycle", cycle_ids: Iterable[uuid.UUID] | None = None
    ) -> dict[Any, int]:
        """Comments by others the acting person has not seen, counted per cycle
        (``by="cycle"``), per community (``by="community"``) or per record
        (``by="subject"``, keys are (kind, id) pairs)."""
        username = self.actor.username
        read = and_(CommentRead.comment_id == Comment.id, CommentRead.username == username)
        keys: tuple[Any, ...]
        if by == "cycle":
            keys = (Comment.cycle_id,)
        elif by == "community":
            keys = (Cycle.community_id,)
        elif by == "subject":
            keys = (Comment.subject_kind, Comment.subject_id)
        else:
            raise ValueError(f"unknown grouping {by!r}")
        query = (
            select(*keys, func.count(Comment.id))
            .join(Cycle, Cycle.id == Comment.cycle_id)
            .outerjoin(CommentRead, read)
            .where(
                Comment.deleted_at.is_(None),
                Comment.author != username,
                CommentRead.id.is_(None),
            )
            .group_by(*keys)
        )
        if cycle_ids is not None:
            query = query.where(Comment.cycle_id.in_(list(cycle_ids)))
        with self.db.session() as session:
            rows = session.execute(query).all()
        if by == "subject":
            return {(row[0], row[1]): row[2] for row in rows}
        return {row[0]: row[1] for row in rows}


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
    cycle_id: uuid.UUID = row.cycle_id
    return cycle_id
