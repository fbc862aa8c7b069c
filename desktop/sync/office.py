"""Making the office database: empty with its first administrator, or seeded whole from a
laptop's database (the office's first laptop: accounts, settings, catalogues, records and
the audit trail, its hash chain intact)."""

from __future__ import annotations

from sqlalchemy import Table, func, insert, select, text
from sqlalchemy.orm import Session

from desktop.i18n import _
from desktop.models import AuditEvent, Base, SyncChange, User
from desktop.services.facade import Services
from desktop.services.framework import audit
from desktop.services.framework.actor import SYSTEM, Actor
from desktop.services.framework.errors import ValidationError
from desktop.services.security.passwords import check_password_rules
from desktop.services.security.users import UserData
from desktop.storage import Database
from desktop.sync.accounts import set_password

#: Never copied from a laptop: the file's own identity, drafts, and its change log (the
#: server starts its own sequence; the laptops join afresh).
NOT_SEEDED = frozenset(
    {"app_meta", "draft", "sync_change", "sync_conflict", "server_account", "office_device"}
)
BATCH = 1000


def is_empty(db: Database) -> bool:
    """True when the office has no account yet (it may be initialised)."""
    with db.session() as session:
        return not session.scalar(select(func.count()).select_from(User))


def init_empty(db: Database, username: str, password: str, display_name: str = "") -> Actor:
    """The office's first administrator, with a server password."""
    if not is_empty(db):
        raise ValidationError({"db": _("the office database already has accounts")})
    check_password_rules(password)  # before anything is written: a refusal changes nothing
    admin = Actor(username=username.strip().lower(), role="admin")
    Services(db, SYSTEM).users.create(
        UserData(username=admin.username, role="admin", display_name=display_name)
    )
    set_password(db, admin.username, password, admin)
    _record(db, admin, "office.created", {})
    return admin


def seed_from(db: Database, laptop: Database, username: str, password: str) -> Actor:
    """Copy every synced table and the audit trail of ``laptop`` into the empty office;
    ``username`` (an administrator of the laptop) gets a server password."""
    if not is_empty(db):
        raise ValidationError({"db": _("the office database already has accounts")})
    with laptop.session() as source:
        user = source.scalars(select(User).where(User.username == username)).first()
    if user is None or user.role != "admin":
        raise ValidationError(
            {"user": _("{name} is not an administrator of that database").format(name=username)}
        )
    check_password_rules(password)  # before anything is written: a refusal changes nothing
    with db.sessions.begin() as target, laptop.session() as source:
        target.execute(text("DELETE FROM participant_group"))  # seeded by the migration
        target.execute(text("DELETE FROM harm"))
        for table in Base.metadata.sorted_tables:
            if table.name not in NOT_SEEDED:
                _copy(source, target, table)
        _restart_sequence(target, AuditEvent.__table__)  # type: ignore[arg-type]
        # The first number of the office's change sequence: a laptop that joins now
        # starts from it, so its next sync asks only for what changed after the seed.
        target.add(
            SyncChange(
                device_id=db.device_id,
                device_seq=1,
                entity_type="database",
                entity_id=laptop.device_id,
                action="seed",
                fields="{}",
                username=username,
                acknowledged=True,
                outcome="seed",
            )
        )
    admin = Actor(username=username, role="admin")
    set_password(db, username, password, admin)
    _record(db, admin, "office.seeded", {"from_device": laptop.device_id})
    return admin


def _copy(source: Session, target: Session, table: Table) -> None:
    rows = source.execute(select(table)).mappings()
    while batch := rows.fetchmany(BATCH):
        target.execute(insert(table), [dict(row) for row in batch])


def _restart_sequence(session: Session, table: Table) -> None:
    """After copying rows with their numbers, the next number follows the largest."""
    if session.get_bind().dialect.name != "postgresql":
        return
    session.execute(
        text(
            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'seq'), "
            f"COALESCE((SELECT MAX(seq) FROM {table.name}), 0) + 1, false)"
        )
    )


def _record(db: Database, actor: Actor, action: str, changes: dict[str, str]) -> None:
    with db.sessions.begin() as session:
        audit.record(
            session,
            actor=actor,
            action=action,
            device_id=db.device_id,
            entity_type="database",
            changes=changes,
        )
