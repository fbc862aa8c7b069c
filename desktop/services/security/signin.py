"""Signing in to an encrypted database: password, delay after wrong passwords, recovery key.

A password opens the account's key slot, which gives the database's master key; nothing
else can open the file. After ``FREE_ATTEMPTS`` wrong passwords for one account name,
each further try must wait longer (30 s, 1 min, 2 min, ... up to an hour). The count is
kept in the key file, so closing and reopening the app does not reset it. Failed
sign-ins cannot be written to the database (it is locked); they wait in the key file
and enter the audit trail at the next successful sign-in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.i18n import _
from desktop.models import User, utcnow
from desktop.services.framework import audit
from desktop.services.framework.actor import Actor
from desktop.services.framework.errors import ServiceError
from desktop.storage import Database, damage, open_database
from desktop.storage import keyfile as kf
from desktop.storage.keyslots import WrongSecret

FREE_ATTEMPTS = 5
FIRST_DELAY = timedelta(seconds=30)
LONGEST_DELAY = timedelta(hours=1)

Clock = Callable[[], datetime]


class SignInError(ServiceError):
    """Sign-in refused; ``str(error)`` says why in one line (never which part was wrong)."""

    def __init__(self, message: str, wait: timedelta | None = None) -> None:
        super().__init__(message)
        self.wait = wait


@dataclass
class SignedIn:
    """An open database and the person who opened it."""

    db: Database
    actor: Actor
    display_name: str
    must_change_password: bool = False


def delay_after(failures: int) -> timedelta | None:
    """How long the next try must wait after ``failures`` wrong passwords in a row."""
    if failures < FREE_ATTEMPTS:
        return None
    doublings = min(failures - FREE_ATTEMPTS, 20)
    return min(FIRST_DELAY * (1 << doublings), LONGEST_DELAY)


def _wait_message(wait: timedelta) -> str:
    seconds = max(1, round(wait.total_seconds()))
    if seconds < 120:
        return _("Too many wrong passwords: try again in {n} seconds.").format(n=seconds)
    return _("Too many wrong passwords: try again in {n} minutes.").format(n=-(-seconds // 60))


def check_not_delayed(db_path: Path, username: str, now: Clock = utcnow) -> None:
    """Raise SignInError if this account name must still wait before another try."""
    waiting = kf.attempts(kf.load(db_path), username).wait_until
    if waiting is not None and now() < waiting:
        raise SignInError(_wait_message(waiting - now()), waiting - now())


def _failed(db_path: Path, username: str, reason: str, now: Clock) -> SignInError:
    moment = now()
    wait: timedelta | None = None

    def change(data: dict[str, Any]) -> None:
        nonlocal wait
        failures = kf.attempts(data, username).failures + 1
        wait = delay_after(failures)
        kf.set_attempts(data, username, kf.Attempts(failures, moment + wait if wait else None))
        kf.add_pending_event(
            data,
            {"at": moment.isoformat(), "account": kf.tag(data, username), "reason": reason},
        )

    kf.modify(db_path, change)
    message = _("Wrong user name or password.")
    if wait is not None:
        message = f"{message} {_wait_message(wait)}"
    return SignInError(message, wait)


def unlock_master_key(
    db_path: Path, username: str, password: str, now: Clock = utcnow
) -> tuple[bytes, bool]:
    """The master key and whether the password must be changed; counts a wrong password."""
    check_not_delayed(db_path, username, now)
    try:
        master_key, slot = kf.unlock(kf.load(db_path), username, password)
    except kf.NoSuchAccount:
        raise _failed(db_path, username, "unknown_account", now) from None
    except WrongSecret:
        raise _failed(db_path, username, "wrong_password", now) from None
    return master_key, bool(slot.get("must_change"))


def sign_in(
    db_path: Path,
    username: str,
    password: str,
    *,
    now: Clock = utcnow,
    read_only: bool = False,
    checking: bool = False,
) -> SignedIn:
    """Open the encrypted database at ``db_path`` as ``username``.

    ``read_only`` (commands that only read: info, lists, check) writes no session to the
    trail, so neither file changes. ``checking`` (``clcp check``, read-only too) opens a
    database whose key file does not match it, to report that instead of refusing."""
    username = username.strip().lower()
    damage.require_database(db_path)
    master_key, must_change = unlock_master_key(db_path, username, password, now)
    with damage.named(db_path, master_key):
        db = open_database(db_path, key=master_key, create=False, checking=checking)
        try:
            action = None if read_only or checking else "login"
            signed_in = _start_session(db, username, must_change, action)
        except BaseException:
            db.close()
            raise
    return signed_in


def sign_in_with_recovery_key(
    db_path: Path, recovery_key: str, username: str, new_password: str, *, now: Clock = utcnow
) -> SignedIn:
    """For a forgotten password: the recovery key opens the database, and ``username``
    (normally an administrator) gets ``new_password``."""
    from desktop.services.security.passwords import check_password_rules

    username = username.strip().lower()
    check_password_rules(new_password)
    check_not_delayed(db_path, "*recovery*", now)
    try:
        master_key = kf.unlock_with_recovery_key(kf.load(db_path), recovery_key)
    except WrongSecret:
        error = _failed(db_path, "*recovery*", "wrong_recovery_key", now)
        raise SignInError(
            str(error).replace(_("user name or password"), _("recovery key")), error.wait
        ) from None
    db = open_database(db_path, key=master_key, create=False)
    try:
        signed_in = _start_session(db, username, False, "login.recovery_key")
        assert db.keyring is not None
        db.keyring.modify(
            lambda data: kf.set_password_slot(data, master_key, username, new_password)
        )
    except BaseException:
        db.close()
        raise
    return signed_in


def _start_session(db: Database, username: str, must_change: bool, action: str | None) -> SignedIn:
    """Check the account in the database, write the waiting failed sign-ins and this one
    (``action`` None: a read-only session, which writes nothing)."""
    assert db.path is not None
    with db.session() as session:
        user = session.scalars(select(User).where(User.username == username)).first()
    if user is None or user.deleted_at is not None or not user.active:
        raise SignInError(_("This account is disabled; ask an administrator."))
    actor = Actor(username=user.username, role=user.role)
    forget_failures(db.path, username)
    if action is not None:
        write_failed_sign_ins(db)
        with db.sessions.begin() as session:
            record_session(session, db, actor, action)
    return SignedIn(db, actor, user.display_name or user.username, must_change)


def record_session(
    session: Session, db: Database, actor: Actor, action: str, changes: dict[str, Any] | None = None
) -> None:
    """A sign-in ("login", "login.recovery_key") or sign-out ("logout") in the audit trail,
    where the accounts list reads each person's last sign-in."""
    audit.record(
        session,
        actor=actor,
        action=action,
        device_id=db.device_id,
        entity_type="session",
        changes=changes,
    )


def sign_out(db: Database, actor: Actor, *, switching: bool = False) -> None:
    """End a session: recorded in the trail like a sign-in, then the database is closed,
    so nothing can be read again without a password. ``switching``: another person signs
    in next (File > Switch user)."""
    with db.sessions.begin() as session:
        record_session(
            session, db, actor, "logout", {"how": "switch_user" if switching else "sign_out"}
        )
    db.close()


def verify_password(db: Database, actor: Actor, password: str, *, now: Clock = utcnow) -> None:
    """Check the signed-in person's password again (to unlock a locked window);
    SignInError if wrong. Wrong tries count towards the delay like at sign-in."""
    if db.path is None or db.keyring is None:
        raise SignInError(_("This database has no passwords."))
    try:
        master_key, _must = unlock_master_key(db.path, actor.username, password, now)
    finally:
        write_failed_sign_ins(db)
    if master_key != db.keyring.master_key:
        raise SignInError(_("Wrong user name or password."))
    forget_failures(db.path, actor.username)


def forget_failures(db_path: Path, username: str) -> None:
    """A right password clears the count of wrong ones (the key file is rewritten only if
    there was a count, so signing in to read changes no file)."""
    if kf.attempts(kf.load(db_path), username).failures:
        kf.modify(db_path, lambda data: kf.set_attempts(data, username, kf.Attempts(0, None)))


def write_failed_sign_ins(db: Database) -> int:
    """Move the failed sign-ins waiting in the key file into the audit trail."""
    if db.path is None or db.keyring is None:
        return 0
    pending = kf.take_pending_events(db.path)
    if not pending:
        return 0
    data = kf.load(db.path)
    with db.sessions.begin() as session:
        known = {kf.tag(data, name): name for name in session.scalars(select(User.username))}
        for event in pending:
            audit.record(
                session,
                actor=Actor(username=known.get(str(event.get("account", "")), "?")),
                action="login.failed",
                device_id=db.device_id,
                entity_type="session",
                changes={"attempted_at": event.get("at"), "reason": event.get("reason")},
            )
    return len(pending)
