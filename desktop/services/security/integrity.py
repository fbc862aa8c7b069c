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
from desktop.storage import keyfile as kf


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
        last = session.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(1)).first()
        if db.keyring is None:
            return CheckResult(None, events)
        head = kf.audit_head(db.keyring.data())
        if head is None:
            return CheckResult(None, events)
        if not db.keyring.head_is_genuine(head):
            return CheckResult(_("the key file's seal on the audit trail is not genuine"), events)
        sealed = session.get(AuditEvent, head.seq)
        if last is None or sealed is None or sealed.hash != head.hash:
            reason = _("deleted or replaced (the seal kept in the key file does not match)")
            return CheckResult(_event_problem(head.seq, reason), events)
    return CheckResult(None, events)


def _event_problem(seq: int, reason: str) -> str:
    return _("audit event {seq}: {reason}").format(seq=seq, reason=reason)
