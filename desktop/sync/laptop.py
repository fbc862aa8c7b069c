"""The laptop's side of a sync: what waits to be sent, marking what the server took, and
applying a download in one local transaction (all of it up to the checkpoint, or none):
its records, its conflicts, the scope followed (``leave``), the checksums compared."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Table, bindparam, update
from sqlalchemy.orm import Session

from desktop.models import AppMeta, SyncChange, SyncConflict, utcnow
from desktop.services.framework import audit, changelog, changes, fieldcodec
from desktop.services.framework.actor import Actor
from desktop.storage import Database
from desktop.sync.checksum import differing, laptop_sums
from desktop.sync.leave import Left, follow_scope
from desktop.sync.receive import write_records
from desktop.sync.repair import reconcile
from desktop.sync.scope import SCOPE_KEY, Scope
from desktop.sync.wire import ChangeMessage, Outcome, conflict_from_dict

CHECKPOINT_KEY = "sync_checkpoint"
SERVER_KEY = "sync_server"
LAST_SYNC_KEY = "sync_last_at"


@dataclass(frozen=True)
class Received:
    records: int
    conflicts: int
    left: Left = field(default_factory=Left)
    repaired: int = 0  # records of the kinds sent whole that differed here
    #: kinds whose checksums still differ after this download (ask for them whole)
    differing: tuple[str, ...] = ()


def waiting_messages(db: Database) -> list[ChangeMessage]:
    """The changes made here that the server has not acknowledged, oldest first."""
    with db.session() as session:
        return [ChangeMessage.from_row(row) for row in changelog.waiting(session)]


def acknowledge(db: Database, outcomes: list[Outcome]) -> None:
    """Mark the changes the server answered for (applied, merged, set aside or refused)."""
    with db.sessions.begin() as session:
        acknowledge_in(session, db.device_id, outcomes)


def acknowledge_in(session: Session, device_id: str, outcomes: list[Outcome]) -> None:
    """:func:`acknowledge` inside a transaction the caller holds (one statement for all)."""
    if not outcomes:
        return
    table = cast(Table, SyncChange.__table__)
    session.execute(
        update(table)
        .where(table.c.device_id == device_id, table.c.device_seq == bindparam("answered"))
        .values(acknowledged=True, outcome=bindparam("result")),
        [{"answered": item.device_seq, "result": item.outcome} for item in outcomes],
    )
    for outcome in outcomes:
        changes.note(session, "sync_change", outcome.device_seq)  # the screens are told


def meta(db: Database, key: str, default: str = "") -> str:
    with db.session() as session:
        row = session.get(AppMeta, key)
        return row.value if row is not None else default


def set_meta(session: Session, key: str, value: str) -> None:
    row = session.get(AppMeta, key)
    if row is None:
        session.add(AppMeta(key=key, value=value))
    else:
        row.value = value


def apply_download(db: Database, actor: Actor, download: dict[str, Any], server: str) -> Received:
    """Write every received record and conflict and move the checkpoint, in one transaction.

    The writes record no change of their own (they are the server's), and one audit event
    says what came in.
    """
    with db.sessions.begin() as session, changelog.receiving():
        return write_download(db, session, actor, download, server)


def write_download(
    db: Database, session: Session, actor: Actor, download: dict[str, Any], server: str
) -> Received:
    """:func:`apply_download` inside a transaction the caller holds (under ``receiving``):
    the records (a repair's kinds made exactly what came), the conflicts, the scope
    followed, the checkpoint, then the checksums compared."""
    records, conflicts = download["records"], download.get("conflicts", [])
    repaired = reconcile(session, records, download.get("complete", []))
    write_records(db, session, records)
    for values in conflicts:
        session.merge(SyncConflict(**conflict_from_dict(values)))
        changes.note(session, "sync_conflict", values["id"])
    left = Left()
    if "scope" in download:  # an office from before scopes sends none
        scope = Scope.from_dict(download["scope"])
        left = follow_scope(db, session, actor, scope)
        set_meta(session, SCOPE_KEY, json.dumps(scope.to_dict()))
    set_meta(session, CHECKPOINT_KEY, str(int(download["checkpoint"])))
    set_meta(session, SERVER_KEY, server)
    set_meta(session, LAST_SYNC_KEY, fieldcodec.encode(utcnow()))
    differ = _compare(session, download)
    _audit(db, session, actor, download, repaired, differ)
    return Received(len(records), len(conflicts), left, repaired, tuple(differ))


def _compare(session: Session, download: dict[str, Any]) -> list[str]:
    """The kinds whose checksums differ (none while a change made here waits: the
    laptop's own edit is not at the office yet)."""
    if "checksums" not in download or changelog.waiting(session):
        return []
    session.flush()
    return differing(download["checksums"], laptop_sums(session))


def _audit(
    db: Database,
    session: Session,
    actor: Actor,
    download: dict[str, Any],
    repaired: int,
    differ: list[str],
) -> None:
    records, conflicts = download["records"], download.get("conflicts", [])
    if records or conflicts:
        audit.record(
            session,
            actor=actor,
            action="sync.received",
            device_id=db.device_id,
            entity_type="database",
            changes={
                "records": len(records),
                "conflicts": len(conflicts),
                "checkpoint": download["checkpoint"],
            },
        )
    if download.get("complete"):
        audit.record(
            session,
            actor=actor,
            action="sync.repaired",
            device_id=db.device_id,
            entity_type="database",
            changes={"kinds": download["complete"], "records": repaired},
        )
    if differ:
        audit.record(
            session,
            actor=actor,
            action="sync.checksum_differs",
            device_id=db.device_id,
            entity_type="database",
            changes={"kinds": differ, "checkpoint": download["checkpoint"]},
        )
