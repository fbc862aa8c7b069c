"""Making the office database, its passwords, and what each person may download."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.models import AuditEvent, Community, User
from desktop.services.facade import Services
from desktop.services.framework.actor import SYSTEM
from desktop.services.framework.audit import verify_chain
from desktop.services.framework.errors import ValidationError
from desktop.services.security.signin import FREE_ATTEMPTS, SignInError
from desktop.services.security.users import UserData
from desktop.services.usecases.communities import CommunityData
from desktop.storage import open_database
from desktop.storage.server_database import ServerDatabase
from desktop.sync.accounts import authenticate
from desktop.sync.download import changes_since
from desktop.sync.office import init_empty, seed_from
from tests.sync.office_world import PASSWORD, Laptop, Office

MakeLaptop = Callable[[str], Laptop]


def test_an_empty_office_gets_its_first_administrator(office_db: ServerDatabase) -> None:
    admin = init_empty(office_db, "Ada", PASSWORD)
    assert admin.username == "ada"
    assert authenticate(office_db, "ada", PASSWORD).role == "admin"
    with pytest.raises(ValidationError, match="already has accounts"):
        init_empty(office_db, "bob", PASSWORD)


def test_a_wrong_password_is_refused_and_counted(office: Office) -> None:
    for _ in range(FREE_ATTEMPTS):
        with pytest.raises(SignInError):
            authenticate(office.db, "mary", "not the password")
    with pytest.raises(SignInError, match="try again later"):
        authenticate(office.db, "mary", PASSWORD)  # delayed, even with the right one
    with office.db.session() as session:
        failed = session.scalar(
            select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "login.failed")
        )
    assert failed == FREE_ATTEMPTS


def test_the_office_can_be_seeded_from_a_laptop_audit_trail_included(
    office_db: ServerDatabase, tmp_path: Path
) -> None:
    laptop = open_database(tmp_path / "first.db")
    try:
        s = Services(laptop, SYSTEM)
        s.users.create(UserData(username="ada", role="admin"))
        s.communities.create(CommunityData(name="Kéréwé", district="Lira"))
        with laptop.session() as session:
            laptop_events = session.scalar(select(func.count()).select_from(AuditEvent))
        seed_from(office_db, laptop, "ada", PASSWORD)
    finally:
        laptop.close()
    with office_db.session() as session:
        assert session.scalars(select(Community.name)).all() == ["Kéréwé"]
        assert session.scalars(select(User.username)).all() == ["ada"]
        events = session.scalar(select(func.count()).select_from(AuditEvent)) or 0
        assert verify_chain(session) is None
    assert events > (laptop_events or 0)  # the laptop's trail, then the server's own events
    assert authenticate(office_db, "ada", PASSWORD).role == "admin"


def test_seeding_needs_an_administrator_of_the_laptop(
    office_db: ServerDatabase, tmp_path: Path
) -> None:
    laptop = open_database(tmp_path / "first.db")
    try:
        with pytest.raises(ValidationError, match="not an administrator"):
            seed_from(office_db, laptop, "nobody", PASSWORD)
    finally:
        laptop.close()


def test_a_facilitator_downloads_only_what_she_may_read(office: Office) -> None:
    fatima = authenticate(office.db, "fatima", PASSWORD)
    download = changes_since(office.db, fatima, 0)
    communities = {r["fields"]["name"] for r in download.records if r["entity"] == "community"}
    assert communities == {"Kéréwé"}
    manager = changes_since(office.db, authenticate(office.db, "mary", PASSWORD), 0)
    assert {r["fields"]["name"] for r in manager.records if r["entity"] == "community"} == {
        "Kéréwé",
        "Amuru",
    }
    assert download.checkpoint == manager.checkpoint > 0


def test_a_download_holds_only_what_changed_since_the_checkpoint(
    office: Office, laptop: MakeLaptop
) -> None:
    mary = laptop("mary")
    checkpoint = changes_since(office.db, mary.server_actor, 0).checkpoint
    assert changes_since(office.db, mary.server_actor, checkpoint).records == []
    office.services.communities.create(CommunityData(name="Lukodi"))
    later = changes_since(office.db, mary.server_actor, checkpoint)
    assert [r["fields"]["name"] for r in later.records] == ["Lukodi"]
    assert later.checkpoint > checkpoint
