"""Key slots: every account's password opens the same master key; changing slots never
touches the database file."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from desktop.services.framework.actor import Actor
from desktop.services.framework.errors import PermissionDenied, ValidationError
from desktop.services.security.passwords import AccountService
from desktop.services.security.signin import SignInError, sign_in, sign_in_with_recovery_key
from desktop.services.security.users import UserData
from desktop.storage import StorageError, keyfile
from tests.services.security.security_world import PASSWORD, Office


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _opens(office: Office, username: str, password: str) -> bool:
    try:
        signed_in = sign_in(office.path, username, password)
    except SignInError:
        return False
    signed_in.db.close()
    return True


def test_each_account_opens_the_database_with_its_own_password(office: Office) -> None:
    for role in ("admin", "manager", "facilitator", "mentor"):
        signed_in = sign_in(office.path, f"{role}1", PASSWORD)
        assert signed_in.actor == Actor(f"{role}1", role)
        assert signed_in.db.encrypted
        signed_in.db.close()
    assert not _opens(office, "manager1", "wrong password")
    assert not _opens(office, "nobody", PASSWORD)


def test_wrong_password_and_unknown_user_get_the_same_answer(office: Office) -> None:
    with pytest.raises(SignInError) as wrong:
        sign_in(office.path, "manager1", "not it at all")
    with pytest.raises(SignInError) as unknown:
        sign_in(office.path, "ghost", PASSWORD)
    assert str(wrong.value) == str(unknown.value) == "Wrong user name or password."


def test_adding_changing_and_removing_slots_leaves_the_data_untouched(office: Office) -> None:
    office.db.checkpoint()
    before = _digest(office.path)
    admin = AccountService(office.db, Actor("admin1", "admin"))
    keys_before = keyfile.load(office.path)
    admin.reset_password("mentor1", "temporary pass")
    # Only the key file changed (the audit event waits in the WAL until a checkpoint).
    assert _digest(office.path) == before
    assert keyfile.load(office.path)["slots"] != keys_before["slots"]
    assert not Path(f"{office.path}.keys.bak").exists()  # an older copy would be a rollback
    assert not list(office.path.parent.glob("*.tmp"))
    assert not _opens(office, "mentor1", PASSWORD)
    signed_in = sign_in(office.path, "mentor1", "temporary pass")
    assert signed_in.must_change_password
    AccountService(signed_in.db, signed_in.actor).change_own_password("temporary pass", "mine now!")
    signed_in.db.close()
    assert _opens(office, "mentor1", "mine now!")
    assert not _opens(office, "mentor1", "temporary pass")
    assert not sign_in(office.path, "mentor1", "mine now!").must_change_password


def test_change_own_password_needs_the_current_one(office: Office) -> None:
    me = AccountService(office.db, Actor("manager1", "manager"))
    with pytest.raises(ValidationError) as wrong:
        me.change_own_password("guess", "a new password")
    assert "current_password" in wrong.value.errors
    with pytest.raises(ValidationError) as short:
        me.change_own_password(PASSWORD, "short")
    assert "new_password" in short.value.errors
    assert _opens(office, "manager1", PASSWORD)


def test_only_an_administrator_manages_accounts(office: Office) -> None:
    manager = AccountService(office.db, Actor("manager1", "manager"))
    with pytest.raises(PermissionDenied):
        manager.reset_password("mentor1", "whatever123")
    with pytest.raises(PermissionDenied):
        manager.add(UserData(username="x2", role="mentor"), "whatever123")
    with pytest.raises(PermissionDenied):
        manager.disable("mentor1")
    assert _opens(office, "mentor1", PASSWORD)


def test_a_disabled_account_cannot_open_the_database(office: Office) -> None:
    admin = AccountService(office.db, Actor("admin1", "admin"))
    admin.disable("facilitator1")
    assert not admin.has_password("facilitator1")
    assert not _opens(office, "facilitator1", PASSWORD)
    admin.enable("facilitator1", "welcome back")
    assert _opens(office, "facilitator1", "welcome back")


def test_the_recovery_key_replaces_a_forgotten_password(office: Office) -> None:
    with pytest.raises(SignInError):
        sign_in_with_recovery_key(office.path, "AAAA-" * 7 + "AAAA", "admin1", "brand new pw")
    typed = office.recovery_key.lower().replace("-", " ")  # as someone may type it
    signed_in = sign_in_with_recovery_key(office.path, typed, "admin1", "brand new pw")
    assert signed_in.actor.role == "admin"
    signed_in.db.close()
    assert _opens(office, "admin1", "brand new pw")
    assert not _opens(office, "admin1", PASSWORD)
    events = office.services("manager").audit_log.list(entity_type="session").items
    assert "login.recovery_key" in {e.action for e in events}


def test_a_renewed_recovery_key_retires_the_old_one(office: Office) -> None:
    new_key = AccountService(office.db, Actor("admin1", "admin")).renew_recovery_key()
    with pytest.raises(SignInError):
        sign_in_with_recovery_key(office.path, office.recovery_key, "admin1", "another pw1")
    sign_in_with_recovery_key(office.path, new_key, "admin1", "another pw1").db.close()


def test_a_damaged_key_file_is_reported_and_left_as_it_is(office: Office) -> None:
    """No silent fall-back to an older copy: that would undo password changes."""
    AccountService(office.db, Actor("admin1", "admin")).reset_password("mentor1", "second pw!")
    keys = Path(f"{office.path}.keys")
    keys.write_text("{ half written", encoding="utf-8")
    with pytest.raises(StorageError) as refused:
        sign_in(office.path, "manager1", PASSWORD)
    message = str(refused.value)
    assert "damaged" in message and "backup" in message and "\n" not in message
    assert keys.read_text(encoding="utf-8") == "{ half written"
