"""``clcp check``: is the database file sound, are its links whole, is the audit trail intact?"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, select

from desktop.i18n import _
from desktop.models import AuditEvent
from desktop.services.framework import audit
from desktop.services.framework.actor import Actor
from desktop.services.security import permissions
from desktop.storage import Database
from desktop.storage.damage import find_damage


@dataclass(frozen=True)
class CheckResult:
    """The first problem found (None: all good) and how many audit events were checked."""

    problem: str | None
    events: int


def check_database(db: Database, actor: Actor) -> CheckResult:
    with db.session() as session:
        permissions.require(session, actor, permissions.READ, "audit_event")
        connection = session.connection()
        problem = _file_problem(db, connection)
        if problem is not None:
            return CheckResult(problem, 0)
        broken = _broken_links(connection)
        if broken:
            table, rowid, parent = broken[0][0], broken[0][1], broken[0][2]
            return CheckResult(
                _("{count} broken links, the first in {table} row {rowid} (to {parent})").format(
                    count=len(broken), table=table, rowid=rowid, parent=parent
                ),
                0,
            )
        events = session.scalar(select(func.count(AuditEvent.seq))) or 0
        chain = audit.verify_chain(session)
        if chain is not None:
            return CheckResult(_event_problem(chain.seq, chain.reason), events)
        if db.keyring is not None:
            problem = db.keyring.current_problem(connection)
            if problem is not None:
                return CheckResult(problem, events)
    return CheckResult(None, events)


def _broken_links(connection: Connection) -> list[Any]:
    """Rows whose link points nowhere. PostgreSQL enforces every foreign key as it
    writes, so only a laptop's SQLite file needs asking."""
    if connection.dialect.name != "sqlite":
        return []
    return list(connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall())


def _file_problem(db: Database, connection: Connection) -> str | None:
    """The first damage in the file, in one line naming the table and page. The office's
    PostgreSQL guards its own pages (data checksums, its WAL): nothing to ask there."""
    if connection.dialect.name != "sqlite":
        return None
    if db.path is not None:
        return find_damage(db.path, db.keyring.master_key if db.keyring else None)
    result = connection.exec_driver_sql("PRAGMA integrity_check").fetchall()
    if [tuple(row) for row in result] == [("ok",)]:
        return None
    return _("the file is damaged: {reason}").format(reason=str(result[0][0]).splitlines()[0])


def _event_problem(seq: int, reason: str) -> str:
    return _("audit event {seq}: {reason}").format(seq=seq, reason=reason)
