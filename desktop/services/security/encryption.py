"""Encrypting a database that was made unencrypted (by an older version, or for tests).

The named person becomes (or already is) the administrator and gets the first
password; a new recovery key is made and shown once. The other accounts get no
password: the administrator gives each one in the accounts dialog. The records are
copied into an encrypted file, which is checked (integrity, every row, the audit
chain) before it replaces the original; anything going wrong before that leaves the
original exactly as it was.

Afterwards nothing stays in clear unless asked for: copies in ``backups/`` made
before earlier upgrades are removed (``keep_plain_backups`` keeps them), and a plain
copy is written only to ``keep_plain_copy`` when one is given.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from desktop.i18n import _
from desktop.models import User
from desktop.models.enums import Role
from desktop.services.facade import Services
from desktop.services.framework import audit
from desktop.services.framework.actor import SYSTEM
from desktop.services.framework.errors import ValidationError
from desktop.services.security.passwords import password_problems
from desktop.services.security.signin import SignedIn, sign_in
from desktop.services.security.users import USERNAME_PATTERN, UserData
from desktop.storage import Database, StorageError, open_database
from desktop.storage import encrypt as enc
from desktop.storage import keyfile as kf
from desktop.storage.keyslots import new_master_key, new_recovery_key


@dataclass
class Encrypted:
    """The database, now encrypted and signed in as the administrator, and what to tell them."""

    signed_in: SignedIn
    recovery_key: str
    without_password: list[str]  # accounts the administrator must give a password
    plain_backups_removed: int


def check_encryptable(db_path: Path) -> None:
    """StorageError unless ``db_path`` is an unencrypted CLCP database."""
    if not db_path.is_file():
        raise StorageError(_("no database at {path}").format(path=db_path))
    enc.leftover_key_file(db_path)
    if kf.has_key_file(db_path):
        raise StorageError(_("{path} is already encrypted").format(path=db_path))
    if not enc.is_plain_database(db_path):
        raise StorageError(_("{path} is not a CLCP Desktop database").format(path=db_path))


def encrypt_database(
    db_path: Path,
    username: str,
    password: str,
    *,
    keep_plain_copy: Path | None = None,
    keep_plain_backups: bool = False,
) -> Encrypted:
    """Encrypt the plain database at ``db_path``; ``username`` signs in with ``password``."""
    username = username.strip().lower()
    errors = dict(password_problems(password))
    if not USERNAME_PATTERN.match(username):
        errors["username"] = _("2 to 40 letters a-z, digits, dots, dashes or underscores.")
    if errors:
        raise ValidationError(errors)
    check_encryptable(db_path)
    plain = open_database(db_path, create=False)  # brings an older schema up to date
    try:
        create_admin, others = _administrator(plain, username)
        with plain.session() as session:
            chain = audit.verify_chain(session)
        plain.checkpoint()
    finally:
        plain.close()
    master_key, recovery_key = new_master_key(), new_recovery_key()
    work = enc.work_path(db_path)
    enc.discard_work(work)  # what an earlier, stopped try left
    try:
        counts = enc.export_encrypted(db_path, work, master_key)
        enc.check_copy(work, master_key, counts)
        _check_audit_chain(work, master_key, chain)
        if create_admin:  # in the copy: the file in place always has the signing-in account
            _create_administrator(work, master_key, username)
        kf.create(work, master_key, recovery_key, {username: password})
        if keep_plain_copy is not None:
            enc.copy_file(db_path, keep_plain_copy)
        enc.swap_in(work, db_path)
    except BaseException:
        enc.discard_work(work)
        raise
    removed = 0 if keep_plain_backups else _remove_plain_backups(db_path)
    signed_in = sign_in(db_path, username, password)
    db = signed_in.db
    with db.sessions.begin() as session:
        audit.record(
            session,
            actor=signed_in.actor,
            action="database.encrypted",
            device_id=db.device_id,
            entity_type="database",
            changes={
                "accounts_without_password": others,
                "plain_backups_removed": removed,
                "plain_copy_kept": str(keep_plain_copy) if keep_plain_copy else "",
            },
        )
    return Encrypted(signed_in, recovery_key, others, removed)


def _remove_plain_backups(db_path: Path) -> int:
    """Remove the unencrypted copies made before earlier upgrades; how many there were."""
    found = enc.plain_backups(db_path)
    for backup in found:
        enc.remove_file(backup)
    return len(found)


def _administrator(db: Database, username: str) -> tuple[bool, list[str]]:
    """Whether ``username`` must be created as the administrator (allowed only when the
    database has no administrator at all), and the other active accounts' names."""
    with db.session() as session:
        users = list(session.scalars(select(User).where(User.deleted_at.is_(None))))
    named = next((user for user in users if user.username == username), None)
    if named is None and any(user.role == Role.ADMIN and user.active for user in users):
        raise ValidationError(
            {"username": _("There is no administrator named {name}.").format(name=username)}
        )
    if named is not None and (named.role != Role.ADMIN or not named.active):
        raise ValidationError(
            {"username": _("{name} is not an active administrator.").format(name=username)}
        )
    others = sorted(user.username for user in users if user.active and user.username != username)
    return named is None, others


def _create_administrator(db_path: Path, master_key: bytes, username: str) -> None:
    """The first administrator of a database that had none, written in the encrypted copy
    before it replaces the original (a stop after the swap must not leave a key slot for
    an account the database does not have)."""
    db = open_database(db_path, key=master_key, create=False)
    try:
        Services(db, SYSTEM).users.create(UserData(username=username, role=Role.ADMIN.value))
    finally:
        db.close()


def _check_audit_chain(work: Path, key: bytes, original: audit.ChainProblem | None) -> None:
    """StorageError unless the copy's audit chain checks out exactly as the original's."""
    copy = open_database(work, key=key, create=False)
    try:
        with copy.session() as session:
            broken = audit.verify_chain(session)
        copy.checkpoint()
    finally:
        copy.close()
    if broken != original:
        raise StorageError(_("the audit trail of the encrypted copy differs from the original"))
