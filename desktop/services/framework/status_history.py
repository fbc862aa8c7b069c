"""Status histories (a community's partnership, a linkage's status): one implementation.

The parent row mirrors its latest status; a history table keeps every change
with its date and a note (the reason a community gave, what was agreed).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.services.framework import preload


@dataclass(frozen=True)
class StatusEntry:
    status: str
    changed_on: date
    note: str
    changed_by: str


@dataclass(frozen=True)
class StatusHistory:
    """A history table whose rows have ``status``, ``changed_on`` and a note column."""

    model: type[Any]
    parent_column: str
    note_column: str

    def _rows(self, parent_id: uuid.UUID) -> Any:
        return select(self.model).where(
            getattr(self.model, self.parent_column) == parent_id,
            self.model.deleted_at.is_(None),
        )

    def latest(self, session: Session, parent_id: uuid.UUID) -> Any | None:
        ahead = preload.children(session, self.model, self.parent_column, parent_id)
        if ahead is not None:
            live = [row for row in ahead if row.deleted_at is None]
            return max(live, key=lambda row: (row.changed_on, row.created_at), default=None)
        return session.scalars(
            self._rows(parent_id)
            .order_by(self.model.changed_on.desc(), self.model.created_at.desc())
            .limit(1)
        ).first()

    def latest_note(self, session: Session, parent_id: uuid.UUID) -> str:
        row = self.latest(session, parent_id)
        return str(getattr(row, self.note_column)) if row is not None else ""

    def entries(self, session: Session, parent_id: uuid.UUID) -> list[StatusEntry]:
        """Every change, oldest first."""
        rows = session.scalars(
            self._rows(parent_id).order_by(self.model.changed_on, self.model.created_at)
        )
        return [
            StatusEntry(r.status, r.changed_on, getattr(r, self.note_column), r.updated_by)
            for r in rows
        ]

    def record(
        self,
        session: Session,
        stamp: Callable[[Any], None],
        parent_id: uuid.UUID,
        *,
        status_before: str | None,
        status: str,
        note: str,
        changed_on: date,
    ) -> None:
        """Append a change when the status moved; otherwise keep the latest note up to date."""
        if status_before == status:
            latest = self.latest(session, parent_id)
            if latest is not None and getattr(latest, self.note_column) != note:
                setattr(latest, self.note_column, note)
                stamp(latest)
            return
        change = self.model(
            id=uuid.uuid4(),
            status=status,
            changed_on=changed_on,
            **{self.parent_column: parent_id, self.note_column: note},
        )
        stamp(change)
        session.add(change)
