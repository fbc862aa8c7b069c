"""Accounts with passwords: add, change one's own password, reset, disable, recovery key.

An account is a ``User`` record (audited like any other) plus a key slot in the key
file. Only an administrator adds, resets or disables accounts; everyone changes their
own password. Disabling removes the account's key slot, so its password no longer
opens the database at all.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.i18n import _
from desktop.models import AuditEvent, User
from desktop.services.framework import audit
from desktop.services.framework.actor import Actor
from desktop.services.framework.errors import NotFoundError, PermissionDenied, ValidationError
from desktop.services.framework.records import Record
from desktop.services.security import permissions
from desktop.services.security.users import UserData, UserService
from desktop.storage import Database
from desktop.storage import keyfile as kf
from desktop.storage.keyslots import WrongSecret, new_recovery_key
from desktop.storage.seal import KeyRing

MIN_PASSWORD = 8


def password_problems(password: str, field: str = "password") -> dict[str, str]:
    """What is wrong with a new password (field -> message; empty when it will do)."""
    if len(password) < MIN_PASSWORD:
        return {field: _("At least {n} characters.").format(n=MIN_PASSWORD)}
    if password.strip() != password:
        return {field: _("Must not begin or end with a space.")}
    return {}


def check_password_rules(password: str, field: str = "password") -> None:
    problems = password_problems(password, field)
    if problems:
        raise ValidationError(problems)


SIGN_IN_ACTIONS = ("login", "login.recovery_key")


@dataclass(frozen=True)
class AccountSummary:
    """One line of the accounts list. ``last_sign_in`` is None when never signed in, or
    when the viewer may not read the audit trail (where sign-ins are recorded)."""

    id: uuid.UUID
    username: str
    display_name: str
    role: str
    active: bool
    has_password: bool
    last_sign_in: datetime | None


class AccountService:
    """Passwords and key slots for the accounts of an open encrypted database."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self.db = db
        self.actor = actor
        self.users = UserService(db, actor)

    # ---------------------------------------------------------------- queries
    @property
    def protected(self) -> bool:
        """Whether the database is encrypted with key slots (passwords mean something)."""
        return self.db.keyring is not None

    def has_password(self, username: str) -> bool:
        if self.db.keyring is None:
            return False
        return bool(kf.password_slots(self.db.keyring.data(), username))

    def opens_own_slot(self, password: str) -> bool:
        """Whether ``password`` is the signed-in person's password on this database (True
        for a database without passwords). Not counted as a sign-in: the person is signed
        in already, and it is asked only to tell a password mistyped from one changed."""
        keyring = self.db.keyring
        if keyring is None:
            return True
        try:
            master_key, _slot = kf.unlock(keyring.data(), self.actor.username, password)
        except (kf.NoSuchAccount, WrongSecret):
            return False
        return master_key == keyring.master_key

    def accounts(self) -> list[AccountSummary]:
        """Every account (disabled ones too), by user name."""
        users = self.users.list(order_by="username").items
        with self.db.session() as session:
            seen: dict[str, datetime] = {}
            if permissions.allowed(session, self.actor, permissions.READ, "audit_event"):
                rows = session.execute(
                    select(AuditEvent.username, func.max(AuditEvent.at))
                    .where(AuditEvent.action.in_(SIGN_IN_ACTIONS))
                    .group_by(AuditEvent.username)
                )
                seen = {name: at for name, at in rows}
        slots = self.db.keyring.data() if self.db.keyring is not None else None
        return [
            AccountSummary(
                id=user.id,
                username=user.data.username,
                display_name=user.data.display_name,
                role=user.data.role,
                active=user.data.active,
                has_password=bool(slots and kf.password_slots(slots, user.data.username)),
                last_sign_in=seen.get(user.data.username),
            )
            for user in users
        ]

    def language_of(self, username: str) -> str | None:
        """The language an account was given (read for its own window, whatever the
        reader's role)."""
        with self.db.session() as session:
            return session.scalars(
                select(User.language).where(User.username == username.strip().lower())
            ).first()

    # ---------------------------------------------------------------- writes
    def add(self, data: UserData, password: str) -> Record[UserData]:
        """A new account that signs in with ``password`` (to be changed at first sign-in).
        Problems with the account and with the password are reported together."""
        self._require_admin("create")
        self._keyring()
        with self.db.sessions.begin() as session:
            errors: dict[str, str] = {}
            try:
                record = self.users.create_in(session, data)
            except ValidationError as refused:
                errors.update(refused.errors)
            errors.update(password_problems(password))
            if errors:
                raise ValidationError(errors)
            self._set_slot(record.data.username, password, must_change=True, session=session)
        return record

    def change_own_password(self, current: str, new: str) -> None:
        keyring = self._keyring()
        check_password_rules(new, "new_password")
        if current == new:
            raise ValidationError({"new_password": _("Choose a password you have not used here.")})
        try:
            master_key, _slot = kf.unlock(keyring.data(), self.actor.username, current)
        except (kf.NoSuchAccount, WrongSecret):
            raise ValidationError({"current_password": _("This is not your password.")}) from None
        if master_key != keyring.master_key:
            raise ValidationError({"current_password": _("This is not your password.")})
        self._set_slot(self.actor.username, new, must_change=False)
        self._audit("password.changed", self.actor.username)

    def reset_password(self, username: str, new: str) -> None:
        """An administrator gives an account a new password (changed at next sign-in)."""
        self._require_admin("update")
        check_password_rules(new)
        user = self._user(username)
        if not user.active:
            raise ValidationError({"username": _("This account is disabled: enable it first.")})
        self._set_slot(user.username, new, must_change=True)
        self._audit("password.reset", user.username)

    def disable(self, username: str) -> Record[UserData]:
        self._require_admin("update")
        user = self._user(username)
        if user.username == self.actor.username:
            raise ValidationError({"username": _("You cannot disable your own account.")})
        record = self.users.get(user.id)
        updated = self.users.update(user.id, replace(record.data, active=False))
        keyring = self._keyring()
        keyring.modify(lambda data: kf.remove_password_slots(data, user.username))
        return updated

    def enable(self, username: str, password: str) -> Record[UserData]:
        self._require_admin("update")
        check_password_rules(password)
        user = self._user(username)
        record = self.users.get(user.id)
        updated = self.users.update(user.id, replace(record.data, active=True))
        self._set_slot(user.username, password, must_change=True)
        return updated

    def renew_recovery_key(self) -> str:
        """A new recovery key (the old one stops working). Shown once: print it."""
        self._require_admin("update")
        keyring = self._keyring()
        key = new_recovery_key()
        keyring.modify(lambda data: kf.set_recovery_slot(data, keyring.master_key, key))
        self._audit("recovery_key.renewed", "")
        return key

    # ---------------------------------------------------------------- helpers
    def _keyring(self) -> KeyRing:
        if self.db.keyring is None:
            raise ValidationError(
                {"password": _("This database is not encrypted, so it has no passwords.")}
            )
        return self.db.keyring

    def _require_admin(self, action: str) -> None:
        if not permissions.role_may(self.actor, action, "user"):
            raise PermissionDenied(permissions.denial(self.actor, action, "user"))

    def _user(self, username: str) -> User:
        with self.db.session() as session:
            user = session.scalars(
                select(User).where(User.username == username.strip().lower())
            ).first()
        if user is None or user.deleted_at is not None:
            raise NotFoundError(_("no account named {name}").format(name=username))
        return user

    def _set_slot(
        self, username: str, password: str, *, must_change: bool, session: Session | None = None
    ) -> None:
        """The account's key slot, sealed in ``session``'s transaction when one is open
        (it holds the write lock another transaction would wait for)."""
        keyring = self._keyring()

        def change(data: dict[str, Any]) -> None:
            kf.set_password_slot(
                data, keyring.master_key, username, password, must_change=must_change
            )

        if session is not None:
            keyring.seal(session.connection(), change)
        else:
            keyring.modify(change)

    def _audit(self, action: str, username: str) -> None:
        with self.db.sessions.begin() as session:
            user_id = session.scalars(select(User.id).where(User.username == username)).first()
            audit.record(
                session,
                actor=self.actor,
                action=action,
                device_id=self.db.device_id,
                entity_type="user" if username else "database",
                entity_id=user_id or "",
                changes={},
            )
