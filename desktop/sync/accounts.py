"""Accounts on the office server: Argon2id password hashes, and sign-in with the same
delay after wrong passwords as the app (``desktop.services.security.signin``)."""

from __future__ import annotations

from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from desktop.i18n import _
from desktop.models import OfficeDevice, ServerAccount, User, utcnow
from desktop.services.facade import Services
from desktop.services.framework import audit
from desktop.services.framework.actor import Actor
from desktop.services.framework.errors import NotFoundError, ServiceError
from desktop.services.framework.records import Record
from desktop.services.security.passwords import check_password_rules
from desktop.services.security.signin import SignInError, delay_after
from desktop.services.security.users import UserData
from desktop.storage import Database
from desktop.sync.devices import revoked_message

_hasher = PasswordHasher()


def set_password(db: Database, username: str, password: str, by: Actor) -> None:
    """Give an account of the office its server password (audited)."""
    check_password_rules(password)
    with db.sessions.begin() as session:
        user = session.scalars(select(User).where(User.username == username)).first()
        if user is None:
            raise NotFoundError(_("no account named {name}").format(name=username))
        account = session.get(ServerAccount, username) or ServerAccount(username=username)
        account.password_hash = _hasher.hash(password)
        account.failures = 0
        account.last_failure_at = None
        account.valid_after = utcnow()  # sign-ins made with the old password end now
        session.add(account)
        audit.record(
            session,
            actor=by,
            action="server.password_set",
            device_id=db.device_id,
            entity_type="user",
            entity_id=user.id,
        )


def authenticate(db: Database, username: str, password: str) -> Actor:
    """The account's actor if the password is right; SignInError otherwise (one line).

    The hash is checked outside any write transaction: the office's writers take turns,
    and nobody's sync should wait while someone else's password is being checked.
    """
    username = username.strip().lower()
    now = utcnow()
    with db.session() as session:
        account = session.get(ServerAccount, username)
        user = session.scalars(select(User).where(User.username == username)).first()
        stored = account.password_hash if account is not None else None
        failures = account.failures if account is not None else 0
        last_failure = account.last_failure_at if account is not None else None
    wait = delay_after(failures) if last_failure is not None else None
    if wait is not None and last_failure is not None and now < last_failure + wait:
        raise SignInError(_("Too many wrong passwords: try again later."), wait)
    if stored is None or user is None or not user.active or user.deleted_at is not None:
        _hasher.hash(password)  # the same time spent whether or not the name exists
        raise SignInError(_("Wrong user name or password."))
    try:
        _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        _count_failure(db, username, now)
        raise SignInError(_("Wrong user name or password.")) from None
    if failures:
        with db.sessions.begin() as session:
            row = session.get(ServerAccount, username)
            if row is not None:
                row.failures, row.last_failure_at = 0, None
    return Actor(username=username, role=user.role)


class SignedOut(ServiceError):
    """A token that no longer holds: the account was disabled, its password changed, or
    its laptop revoked since it was issued (one line the app shows as it is)."""


def disabled_message() -> str:
    return _("your account was disabled on the office server")


def still_signed_in(db: Database, username: str, device_id: str, issued_at: float) -> Actor:
    """The account behind a token, as it is now (its role included), if the token still
    holds; :class:`SignedOut` otherwise. One read of indexed rows: the account by its
    unique name, its server password and the laptop by their keys."""
    with db.session() as session:
        row = session.execute(
            select(User.role, User.active, User.deleted_at, ServerAccount.valid_after)
            .add_columns(OfficeDevice.revoked_at)
            .select_from(User)
            .outerjoin(ServerAccount, ServerAccount.username == User.username)
            .outerjoin(OfficeDevice, OfficeDevice.device_id == device_id)
            .where(User.username == username)
        ).first()
    if row is None or not row.active or row.deleted_at is not None:
        raise SignedOut(disabled_message())
    if row.revoked_at is not None:
        raise SignedOut(revoked_message())
    if row.valid_after is not None and issued_at < row.valid_after.timestamp():
        raise SignedOut(_("your password was changed on the office server: sign in again"))
    return Actor(username=username, role=row.role)


def _count_failure(db: Database, username: str, now: datetime) -> None:
    with db.sessions.begin() as session:
        row = session.get(ServerAccount, username)
        if row is not None:
            row.failures += 1
            row.last_failure_at = now
        audit.record(
            session,
            actor=Actor(username=username),
            action="login.failed",
            device_id=db.device_id,
            entity_type="session",
            changes={"where": "server"},
        )


def add_account(db: Database, by: Actor, data: UserData, password: str) -> Record[UserData]:
    """A new account of the office with its server password (``clcp users add`` given the
    office's URL). The password is checked first, so a refusal writes nothing."""
    check_password_rules(password)
    record = Services(db, by).users.create(data)
    set_password(db, record.data.username, password, by)
    return record


def has_server_password(db: Database, username: str) -> bool:
    with db.session() as session:
        return session.get(ServerAccount, username) is not None
