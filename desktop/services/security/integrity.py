"""``clcp check``: is the database file sound, are its links whole, is the audit trail intact?"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from desktop.i18n import _
from desktop.models import AuditEvent
from desktop.services.framework import audit
from desktop.services.framework.actor import Actor
from desktop.services.security import permissions
from desktop.storage import Database


@dataclass(frozen=True)
class CheckResult:
    """The first problem found (None: all good) and how many audit events were checked."""

    problem: str | None
    events: int


def check_database(db: Database, actor: Actor) -> CheckResult:
    with db.session() as session:
        permissions.require(session, actor, permissions.READ, "audit_event")
        connection = session.connection()
        result = connection.exec_driver_sql("PRAGMA integrity_check").fetchall()
        if [tuple(row) for row in result] != [("ok",)]:
            return CheckResult(_("the file is damaged: {reason}").format(reason=result[0][0]), 0)
        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
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


def _event_problem(seq: int, reason: str) -> str:
    return _("audit event {seq}: {reason}").format(seq=seq, reason=reason)
