"""What a write changed, as data: which kinds of record, which ids, and who started it.

Screens used to announce their own writes by name ("action", "comment"), each in its own
way, and a screen that forgot left others showing old data. Here the services say it
instead: every audited write already names its entity and id (``audit.record``), and the
few writes that are not audited (read markers) call :func:`note` themselves. The notes
wait on the session and count only once its transaction commits, so a refused or rolled
back write announces nothing.

``with collect() as box: services.harms.create(...)`` then ``box.changes(initiator)``
gives a :class:`Changes`. Collection is per thread (a context variable), so a write run
on a worker thread is collected there and nowhere else.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Literal

from sqlalchemy import event
from sqlalchemy.orm import Session

Action = Literal["created", "updated", "deleted"]

#: How the audit trail's actions read as changes; any other action is an update.
_ACTIONS: dict[str, Action] = {"create": "created", "delete": "deleted"}
#: When one record changes twice in one operation, the stronger word wins.
_RANK: dict[Action, int] = {"updated": 0, "created": 1, "deleted": 2}
_PENDING = "clcp_changes_pending"


@dataclass(frozen=True)
class Change:
    """One record written: its kind ("action", "harm", "comment_read"), id, and what happened."""

    kind: str
    id: str
    action: Action = "updated"


@dataclass(frozen=True)
class Changes:
    """Every record one operation wrote, and the object that started it (a screen, or None).

    A screen refreshes when ``changes.touches("action", "indicator")``; the screen that made
    the change can recognise itself in ``initiator`` and skip what it already did.
    """

    entries: tuple[Change, ...] = ()
    initiator: object | None = field(default=None, compare=False)

    def __bool__(self) -> bool:
        return bool(self.entries)

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(entry.kind for entry in self.entries)

    def touches(self, *kinds: str) -> bool:
        """Whether any record of these kinds changed."""
        return not self.kinds.isdisjoint(kinds)

    def ids(self, kind: str, action: Action | None = None) -> frozenset[str]:
        """Ids of the records of ``kind`` written (only those ``action``-ed, if given)."""
        return frozenset(
            entry.id
            for entry in self.entries
            if entry.kind == kind and (action is None or entry.action == action)
        )

    def uuids(self, kind: str, action: Action | None = None) -> frozenset[uuid.UUID]:
        """``ids`` as UUIDs (every record id is one; anything else is left out)."""
        found: set[uuid.UUID] = set()
        for text in self.ids(kind, action):
            try:
                found.add(uuid.UUID(text))
            except ValueError:
                continue
        return frozenset(found)

    def merged(self, other: Changes) -> Changes:
        """Both operations' changes as one (this one's initiator)."""
        return Changes(combine(self.entries + other.entries), self.initiator)


def combine(entries: Iterable[Change]) -> tuple[Change, ...]:
    """One entry per record, in the order first written; created or deleted outweighs updated."""
    by_record: dict[tuple[str, str], Change] = {}
    for entry in entries:
        key = (entry.kind, entry.id)
        known = by_record.get(key)
        if known is None or _RANK[entry.action] > _RANK[known.action]:
            by_record[key] = entry
    return tuple(by_record.values())


class Collected:
    """The changes committed while a :func:`collect` block ran."""

    def __init__(self) -> None:
        self.entries: list[Change] = []

    def changes(self, initiator: object | None = None) -> Changes:
        return Changes(combine(self.entries), initiator)


_collecting: ContextVar[Collected | None] = ContextVar("clcp_collecting", default=None)


@contextmanager
def collect() -> Iterator[Collected]:
    """Gather what the writes made inside the block commit (nested blocks report outwards too)."""
    box = Collected()
    outer = _collecting.get()
    token = _collecting.set(box)
    try:
        yield box
    finally:
        _collecting.reset(token)
        if outer is not None:
            outer.entries.extend(box.entries)


def note(session: Session, kind: str, record_id: object, action: str = "update") -> None:
    """Say that ``session``'s transaction writes this record; counted if it commits.

    ``action`` is the audit trail's word ("create", "update", "delete", "restore", ...).
    """
    if not kind:
        return
    pending: list[Change] = session.info.setdefault(_PENDING, [])
    pending.append(Change(kind, str(record_id), _ACTIONS.get(action, "updated")))


@event.listens_for(Session, "after_commit")
def _committed(session: Session) -> None:
    pending = session.info.pop(_PENDING, None)
    box = _collecting.get()
    if pending and box is not None:
        box.entries.extend(pending)


@event.listens_for(Session, "after_rollback")
def _rolled_back(session: Session) -> None:
    session.info.pop(_PENDING, None)
