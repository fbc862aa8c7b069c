from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from desktop.models import LinkageChange
from desktop.services.facade import Services
from desktop.services.framework.errors import NotFoundError
from desktop.services.usecases.linkages import LinkageData, StakeholderData
from desktop.storage import Database
from tests.services.service_contract import assert_refused, check_crud
from tests.services.service_world import World


def test_stakeholder_life(db: Database, services: Services, world: World) -> None:
    check_crud(
        db,
        services.stakeholders,
        StakeholderData(name="Lira health centre IV", type="health", district="Lira"),
        StakeholderData(name="Amach primary school", type="education", level="community"),
        lambda d: replace(d, contact_person="Sr. Agnes", email="agnes@example.org"),
        where={"type": "health"},
        search="agnes",
        sort_field="name",
    )


@pytest.mark.parametrize(
    "email", ["agnes", "agnes@", "@example.org", "agnes@example", "a b@example.org", "a@b@c.org"]
)
def test_stakeholder_email_checked(db: Database, services: Services, email: str) -> None:
    good = StakeholderData(name="Clinic", type="health")
    assert_refused(db, lambda: services.stakeholders.create(replace(good, email=email)), "email")


def test_stakeholder_choices(db: Database, services: Services) -> None:
    good = StakeholderData(name="Clinic", type="health")
    stakeholders = services.stakeholders
    assert_refused(db, lambda: stakeholders.create(replace(good, type="shop")), "type")
    assert_refused(db, lambda: stakeholders.create(replace(good, level="world")), "level")
    assert_refused(db, lambda: stakeholders.create(replace(good, name="")), "name")
    assert stakeholders.create(replace(good, email=" agnes@health.go.ug ")).data.email == (
        "agnes@health.go.ug"
    )


def test_linkage_life(db: Database, services: Services, world: World) -> None:
    check_crud(
        db,
        services.linkages,
        LinkageData(
            community_id=world.community.id,
            stakeholder_id=world.stakeholder.id,
            kind="referral_pathway",
            agreement="Cases reported to the probation officer",
        ),
        LinkageData(
            community_id=world.other_community.id,
            stakeholder_id=world.stakeholder.id,
            kind="dialogue",
        ),
        lambda d: replace(d, status="active", agreed_on=date(2024, 2, 1), status_note="Signed"),
        where={"status": "active"},
        search="probation",
        sort_field="kind",
    )


def test_linkage_rules(db: Database, services: Services, world: World) -> None:
    linkages = services.linkages
    good = LinkageData(
        community_id=world.community.id, stakeholder_id=world.stakeholder.id, kind="support"
    )
    assert_refused(db, lambda: linkages.create(replace(good, kind="friendship")), "kind")
    assert_refused(db, lambda: linkages.create(replace(good, status="dreaming")), "status")
    assert_refused(
        db,
        lambda: linkages.create(replace(good, agreed_on=date.today() + timedelta(days=1))),
        "agreed_on",
    )
    assert_refused(
        db, lambda: linkages.create(replace(good, stakeholder_id=uuid.uuid4())), "stakeholder_id"
    )
    services.communities.delete(world.other_community.id)
    assert_refused(
        db,
        lambda: linkages.create(replace(good, community_id=world.other_community.id)),
        "community_id",
    )


def test_linkage_status_history(db: Database, services: Services, world: World) -> None:
    linkages = services.linkages
    linkage = linkages.create(
        LinkageData(
            community_id=world.community.id,
            stakeholder_id=world.stakeholder.id,
            kind="agreement",
            status_note="First visit",
        )
    )
    assert [(e.status, e.note) for e in linkages.history(linkage.id)] == [
        ("proposed", "First visit")
    ]
    in_dialogue = linkages.update(
        linkage.id, replace(linkage.data, status="in_dialogue", status_note="Two meetings held")
    )
    assert in_dialogue.data.status_note == "Two meetings held"
    # Same status, new note: the latest entry's note is corrected, no new entry.
    linkages.update(linkage.id, replace(in_dialogue.data, status_note="Three meetings held"))
    # Other fields change: no history entry.
    linkages.update(linkage.id, replace(linkages.get(linkage.id).data, notes="Officer moved"))
    active = linkages.update(
        linkage.id, replace(linkages.get(linkage.id).data, status="active", status_note="")
    )
    history = linkages.history(linkage.id)
    assert [(e.status, e.note, e.changed_on, e.changed_by) for e in history] == [
        ("proposed", "First visit", date.today(), "amina"),
        ("in_dialogue", "Three meetings held", date.today(), "amina"),
        ("active", "", date.today(), "amina"),
    ]
    assert active.data.status_note == ""
    linkages.delete(linkage.id)
    assert len(linkages.history(linkage.id)) == 3  # history of a deleted linkage stays readable
    with pytest.raises(NotFoundError):
        linkages.history(uuid.uuid4())
    with db.session() as session:
        assert len(session.scalars(select(LinkageChange)).all()) == 3
