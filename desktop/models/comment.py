"""Comments on the records of a cycle: threaded, resolvable, and read or unread per person."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, SyncMixin, UTCDateTime


class Comment(SyncMixin, Base):
    """A remark on one record of a cycle, or a reply to one (``parent_id``).

    The record is named by kind and id (``subject_kind`` "action", ``subject_id``);
    ``cycle_id`` scopes the thread to a community, for permissions and badges. A
    thread is resolved on its first comment.
    """

    __tablename__ = "comment"
    __table_args__ = (Index("ix_comment_subject", "subject_kind", "subject_id"),)

    cycle_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cycle.id"), index=True)
    subject_kind: Mapped[str] = mapped_column(String(30))
    subject_id: Mapped[uuid.UUID] = mapped_column()
    parent_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("comment.id"), default=None)
    author: Mapped[str] = mapped_column(String(80))
    body: Mapped[str] = mapped_column(Text)
    resolved_on: Mapped[date | None] = mapped_column(Date, default=None)
    resolved_by: Mapped[str] = mapped_column(String(80), default="")


class CommentRead(SyncMixin, Base):
    """That a person has seen a comment (what is not here counts as unread)."""

    __tablename__ = "comment_read"
    __table_args__ = (UniqueConstraint("comment_id", "username"),)

    comment_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("comment.id"), index=True)
    username: Mapped[str] = mapped_column(String(80))
    read_at: Mapped[datetime] = mapped_column(UTCDateTime)
