"""A sign-in on the office server holds only while its account does: every request asks
the database (one read) whether the account is still active, its password unchanged
since the token was issued, and its laptop not revoked. Through the real server."""

from __future__ import annotations

import uuid
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import event

from desktop.services.usecases.communities import CommunityData
from desktop.sync.accounts import SignedOut, set_password, still_signed_in
from desktop.sync.client import HttpTransport, SignedOutError, SyncError
from tests.sync.office_world import PASSWORD, Office
from tests.sync.test_http import server_url  # noqa: F401 (fixture)

DEVICE = str(uuid.uuid4())


def signed_in(url: str, user: str = "fatima", password: str = PASSWORD) -> HttpTransport:
    transport = HttpTransport(url)
    transport.sign_in(user, password, DEVICE)
    transport.fetch(0)  # the token works
    return transport


def set_active(office: Office, username: str, active: bool) -> None:
    users = office.services.users
    record = users.list(where={"username": username}).items[0]
    users.update(record.id, replace(record.data, active=active))


def test_a_token_stops_working_when_its_account_is_disabled(
    office: Office,
    server_url: str,  # noqa: F811
) -> None:
    with signed_in(server_url) as transport:
        set_active(office, "fatima", False)
        with pytest.raises(SignedOutError) as refused:
            transport.fetch(0)
        assert str(refused.value) == "your account was disabled on the office server"
        with pytest.raises(SignedOutError):
            transport.upload([], 0)
        set_active(office, "fatima", True)  # enabled again: the old token still ends
        with pytest.raises(SignedOutError):
            transport.fetch(0)
    with signed_in(server_url):  # a new sign-in works again
        pass


def test_a_token_stops_working_when_the_password_changes(
    office: Office,
    server_url: str,  # noqa: F811
) -> None:
    with signed_in(server_url) as transport:
        set_password(office.db, "fatima", "a new password", office.admin)
        with pytest.raises(SignedOutError) as refused:
            transport.fetch(0)
        assert "your password was changed on the office server" in str(refused.value)
    with pytest.raises(SyncError, match="Wrong user name or password"):
        signed_in(server_url)
    with signed_in(server_url, password="a new password"):
        pass


def test_a_role_changed_meanwhile_counts_at_the_next_request(
    office: Office,
    server_url: str,  # noqa: F811
) -> None:
    """The role comes from the database at every request, not from the token."""
    with signed_in(server_url, "mary") as transport:
        users = office.services.users
        mary = users.list(where={"username": "mary"}).items[0]
        users.update(mary.id, replace(mary.data, role="mentor"))
        received = transport.fetch(0)["records"]
        assert not [r for r in received if r["entity"] == "community"]  # a mentor of none


def test_the_check_is_one_read_and_refuses_with_one_line(office: Office) -> None:
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(str(args[2]))

    event.listen(office.db.engine, "before_cursor_execute", count)
    try:
        actor = still_signed_in(office.db, "fatima", DEVICE, 4e9)
    finally:
        event.remove(office.db.engine, "before_cursor_execute", count)
    assert (actor.username, actor.role) == ("fatima", "facilitator")
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 1
    with pytest.raises(SignedOut, match=r"^your account was disabled on the office server$"):
        still_signed_in(office.db, "nobody", DEVICE, 4e9)
    office.services.communities.create(CommunityData(name="Oyam"))  # the office still works
