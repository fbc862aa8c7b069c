"""One sync of a laptop, whatever carries the messages: own writes first, then download.

The laptop sends every change the server has not acknowledged and marks each one as the
server answers, tells it which conflicts were resolved here, then downloads what changed
since its checkpoint and applies it in one transaction. Cut anywhere, a rerun sends again
only what was not acknowledged (the server remembers changes by device and sequence, so
nothing is applied twice) and the download starts again from the last checkpoint fully
applied. The download also removes the communities that left the user's scope and brings
those that came into it; when the checksums after it differ, the kinds that differ are
fetched whole once (``desktop.sync.repair``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import func, select

from desktop.models import SyncConflict
from desktop.services.framework.actor import Actor
from desktop.storage import Database
from desktop.sync.laptop import CHECKPOINT_KEY, acknowledge, apply_download, meta, waiting_messages
from desktop.sync.outside import KEPT
from desktop.sync.resolve import clear_pending, pending_resolutions
from desktop.sync.scope import Scope, held_scope
from desktop.sync.wire import Outcome

BATCH = 200


class Transport(Protocol):
    """How a laptop reaches the office server (HTTP, or the server's API in tests).
    ``fetch``: the download after checkpoint ``since``; ``held``, the scope the laptop
    holds (communities it lacks come whole); ``repair``, kinds to send whole."""

    name: str

    def upload(self, items: list[dict[str, Any]], seen: int) -> list[dict[str, Any]]: ...

    def resolved(self, items: list[dict[str, str]]) -> None: ...

    def fetch(
        self, since: int, held: Scope | None = None, repair: Sequence[str] = ()
    ) -> dict[str, Any]: ...


@dataclass(frozen=True)
class Summary:
    sent: int
    received: int
    conflicts: int  # open on this laptop after the sync
    refused: int = 0
    kept: int = 0  # edits the user may no longer make, kept at the office as conflicts
    left: tuple[str, ...] = ()  # communities removed from this laptop (names)
    repaired: int = 0  # records a checksum found differing, fetched whole again
    still_differing: tuple[str, ...] = ()  # kinds that differ even after the repair

    def line(self) -> str:
        text = f"sent {self.sent}, received {self.received}, conflicts {self.conflicts}"
        text += f", refused {self.refused}" if self.refused else ""
        if self.kept:
            text += f"; {self.kept} {'edit' if self.kept == 1 else 'edits'} you may no longer "
            text += "make kept at the office as conflicts"
        if self.left:
            count = len(self.left)
            text += f"; {count} {'community' if count == 1 else 'communities'} left your "
            text += f"assignments ({', '.join(self.left)})"
        if self.repaired:
            text += f"; repaired {self.repaired} {'record' if self.repaired == 1 else 'records'}"
        if self.still_differing:
            text += f"; still differing from the office: {', '.join(self.still_differing)}"
        return text


def sync_once(db: Database, actor: Actor, transport: Transport) -> Summary:
    """Send, then receive (see the module docstring); when the checksums then differ,
    fetch the kinds that differ whole, once."""
    waiting = waiting_messages(db)
    since = int(meta(db, CHECKPOINT_KEY, "0") or 0)
    sent = refused = kept = 0
    for start in range(0, len(waiting), BATCH):
        batch = waiting[start : start + BATCH]
        answer = transport.upload([message.to_dict() for message in batch], since)
        outcomes = [Outcome.from_dict(item) for item in answer]
        acknowledge(db, outcomes)
        sent += len(outcomes)
        refused += sum(outcome.outcome == "refused" for outcome in outcomes)
        kept += sum(outcome.outcome == KEPT for outcome in outcomes)
    resolutions = pending_resolutions(db)
    if resolutions:
        transport.resolved(resolutions)
        clear_pending(db, resolutions)
    received = apply_download(db, actor, transport.fetch(since, _held(db)), transport.name)
    count, left, repaired = received.records, received.left.communities, 0
    if received.differing:
        since = int(meta(db, CHECKPOINT_KEY, "0") or 0)
        download = transport.fetch(since, _held(db), received.differing)
        received = apply_download(db, actor, download, transport.name)
        count, repaired = count + received.records, received.repaired
        left += received.left.communities
    with db.session() as session:
        open_count = session.scalar(
            select(func.count()).select_from(SyncConflict).where(SyncConflict.resolved_at.is_(None))
        )
    return Summary(sent, count, open_count or 0, refused, kept, left, repaired, received.differing)


def _held(db: Database) -> Scope | None:
    with db.session() as session:
        return held_scope(session)
