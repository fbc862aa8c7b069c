"""After five wrong passwords each try waits longer; a restart does not reset it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from desktop.services.security.signin import FREE_ATTEMPTS, SignInError, delay_after, sign_in
from tests.services.security.security_world import PASSWORD, Office


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def _wrong(office: Office, clock: Clock) -> SignInError:
    with pytest.raises(SignInError) as refused:
        sign_in(office.path, "mentor1", "not the password", now=clock)
    return refused.value


def test_the_delay_grows_and_is_capped() -> None:
    assert [delay_after(n) for n in range(FREE_ATTEMPTS)] == [None] * FREE_ATTEMPTS
    waits = [delay_after(n) for n in range(FREE_ATTEMPTS, FREE_ATTEMPTS + 4)]
    assert waits == [timedelta(seconds=s) for s in (30, 60, 120, 240)]
    assert delay_after(500) == timedelta(hours=1)


def test_five_wrong_passwords_then_a_wait(office: Office) -> None:
    clock = Clock()
    for _ in range(FREE_ATTEMPTS - 1):
        assert _wrong(office, clock).wait is None
    fifth = _wrong(office, clock)
    assert fifth.wait == timedelta(seconds=30)
    assert "try again in 30 seconds" in str(fifth)

    # Even the right password is refused while the wait lasts, without being tried.
    clock.now += timedelta(seconds=29)
    with pytest.raises(SignInError) as early:
        sign_in(office.path, "mentor1", PASSWORD, now=clock)
    assert "try again in 1 seconds" in str(early.value)

    clock.now += timedelta(seconds=1)
    assert _wrong(office, clock).wait == timedelta(seconds=60)  # the sixth doubles it
    clock.now += timedelta(seconds=60)
    signed_in = sign_in(office.path, "mentor1", PASSWORD, now=clock)
    signed_in.db.close()
    # A success starts the count again.
    assert _wrong(office, clock).wait is None


def test_other_accounts_are_not_held_up(office: Office) -> None:
    clock = Clock()
    for _ in range(FREE_ATTEMPTS):
        _wrong(office, clock)
    sign_in(office.path, "manager1", PASSWORD, now=clock).db.close()


def test_failed_sign_ins_reach_the_audit_trail(office: Office) -> None:
    clock = Clock()
    _wrong(office, clock)
    with pytest.raises(SignInError):
        sign_in(office.path, "ghost", PASSWORD, now=clock)
    signed_in = sign_in(office.path, "manager1", PASSWORD, now=clock)
    signed_in.db.close()
    events = office.services("manager").audit_log.list(entity_type="session").items
    failed = [(e.username, e.changes["reason"]) for e in events if e.action == "login.failed"]
    assert sorted(failed) == [("?", "unknown_account"), ("mentor1", "wrong_password")]
    assert events[0].action == "login" and events[0].username == "manager1"
