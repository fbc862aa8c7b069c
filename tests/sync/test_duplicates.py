"""Two laptops add "the same" community or stakeholder offline: the office keeps both and
raises a possible duplicate, laptops that can read both receive it, and a manager's
decision (keep both, or merge) syncs to every laptop as ordinary changes."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import select

from desktop.models import AuditEvent, Community, PossibleDuplicate
from desktop.services.facade import Services
from desktop.services.framework.errors import PermissionDenied
from desktop.services.security.users import AssignmentData, UserData
from desktop.services.usecases.actions import ActionData
from desktop.services.usecases.communities import CommunityData
from desktop.services.usecases.cycles import CycleData
from desktop.services.usecases.linkages import LinkageData, StakeholderData
from desktop.sync.accounts import set_password
from tests.sync.office_world import PASSWORD, Laptop, Office

MakeLaptop = Callable[[str], Laptop]


@pytest.fixture
def two_managers(office: Office, laptop: MakeLaptop) -> tuple[Laptop, Laptop]:
    """Mary's laptop and Moses's (both managers: they read every community)."""
    office.services.users.create(UserData(username="moses", role="manager"))
    set_password(office.db, "moses", PASSWORD, office.admin)
    return laptop("mary"), laptop("moses")


def add_with_cycle(machine: Laptop, name: str, district: str = "Lira") -> uuid.UUID:
    s = machine.services
    made = s.communities.create(CommunityData(name=name, district=district))
    s.cycles.create(CycleData(community_id=made.id, start_on=date(2026, 3, 1)))
    return made.id


def live_communities(machine_db: object) -> list[str]:
    with machine_db.session() as session:  # type: ignore[attr-defined]
        return sorted(
            row.name
            for row in session.scalars(select(Community).where(Community.deleted_at.is_(None)))
        )


def test_the_same_community_added_twice_is_kept_twice_and_raised_once(
    office: Office, two_managers: tuple[Laptop, Laptop]
) -> None:
    mary, moses = two_managers
    first = add_with_cycle(mary, "Kéréwé North")
    second = add_with_cycle(moses, "  kerewe   NORTH ")
    mary.sync()
    moses.sync()
    assert live_communities(office.db).count("Kéréwé North") == 1  # both kept, as typed
    assert len(live_communities(office.db)) == 4
    with office.db.session() as session:
        items = list(session.scalars(select(PossibleDuplicate)))
    assert [(i.kind, i.first_id, i.second_id, i.status) for i in items] == [
        ("community", first, second, "open")
    ]
    assert (items[0].first_added_by, items[0].second_added_by) == ("mary", "moses")
    mary.sync()
    for machine in (mary, moses):
        (item,) = machine.services.duplicates.items()
        assert (item.first.name, item.second.name) == ("Kéréwé North", "kerewe   NORTH")
        assert item.first.holds == item.second.holds == {"cycle": 1}
        assert item.first.added_by == "mary"


def test_a_merge_on_one_laptop_reaches_the_server_and_every_laptop(
    office: Office, two_managers: tuple[Laptop, Laptop]
) -> None:
    mary, moses = two_managers
    kept = add_with_cycle(mary, "Kéréwé North")
    given_up = add_with_cycle(moses, "Kerewe North")
    mary.sync()
    moses.sync()
    mary.sync()
    (item,) = moses.services.duplicates.items()
    moved = moses.services.duplicates.merge_into(item.id, kept)
    assert moved == {"cycle": 1}
    assert moses.sync().refused == 0
    mary.sync()
    for db in (office.db, mary.db, moses.db):
        assert live_communities(db) == ["Amuru", "Kéréwé", "Kéréwé North"]
        with db.session() as session:
            row = session.get(PossibleDuplicate, item.id)
            assert row is not None and (row.status, row.kept_id) == ("merged", kept)
    for machine in (mary, moses):
        cycles = machine.services.cycles.list(where={"community_id": kept}).items
        assert sorted(c.data.number for c in cycles) == [1, 2]  # the moved one renumbered
        assert not machine.services.cycles.list(where={"community_id": given_up}).items
        assert machine.services.duplicates.items() == []
    with office.db.session() as session:
        events = session.scalars(
            select(AuditEvent.action).where(AuditEvent.entity_id == str(given_up))
        ).all()
    assert "delete" in events  # the merge's writes are audited on the server too


def test_keep_both_closes_the_item_and_moves_nothing(
    office: Office, two_managers: tuple[Laptop, Laptop]
) -> None:
    mary, moses = two_managers
    add_with_cycle(mary, "Okwang")
    add_with_cycle(moses, "Okwang")
    mary.sync()
    moses.sync()
    (item,) = moses.services.duplicates.items()
    moses.services.duplicates.keep_both(item.id)
    moses.sync()
    mary.sync()
    assert mary.services.duplicates.items() == []
    assert live_communities(mary.db).count("Okwang") == 2
    (decided,) = mary.services.duplicates.items(decided=True)
    assert (decided.status, decided.decided_by) == ("kept_both", "moses")


def test_other_districts_and_other_names_are_not_duplicates(
    office: Office, two_managers: tuple[Laptop, Laptop]
) -> None:
    mary, moses = two_managers
    add_with_cycle(mary, "Okwang", "Lira")
    add_with_cycle(moses, "Okwang", "Gulu")
    add_with_cycle(moses, "Okwang East", "Lira")
    mary.sync()
    moses.sync()
    with office.db.session() as session:
        assert session.scalars(select(PossibleDuplicate)).first() is None


def test_a_facilitator_receives_only_items_about_communities_she_reads(
    office: Office, laptop: MakeLaptop
) -> None:
    mary = laptop("mary")
    fatima = laptop("fatima")
    mary.services.communities.create(CommunityData(name="Amuru", district="Gulu"))  # not hers
    mary.services.communities.create(CommunityData(name="Kéréwé", district="Lira"))  # hers
    mary.sync()
    fatima.sync()
    mary.sync()
    assert len(mary.services.duplicates.items()) == 2
    assert fatima.services.duplicates.items() == []  # she reads only one of each pair
    (item,) = [i for i in mary.services.duplicates.items() if i.first.name == "Amuru"]
    with pytest.raises(PermissionDenied):  # on the office too: not hers to read or decide
        Services(office.db, fatima.actor).duplicates.keep_both(item.id)


def test_the_same_stakeholder_merged_moves_its_linkages_and_actions(
    office: Office, two_managers: tuple[Laptop, Laptop]
) -> None:
    mary, moses = two_managers
    police = StakeholderData(name="Lira Police Post", type="police", district="Lira")
    kept = mary.services.stakeholders.create(police).id
    other = moses.services.stakeholders.create(
        StakeholderData(name="lira police  post", type="police", district="LIRA")
    ).id
    health = moses.services.stakeholders.create(
        StakeholderData(name="Lira Police Post", type="health", district="Lira")
    )  # another type: not the same stakeholder
    s = moses.services
    cycle = s.cycles.create(CycleData(community_id=office.community_id, start_on=date(2026, 3, 1)))
    s.linkages.create(LinkageData(office.community_id, other, "referral_pathway"))
    action = s.actions.create(
        ActionData(cycle_id=cycle.id, what="report cases", stakeholder_ids=frozenset({other}))
    )
    mary.sync()
    moses.sync()
    (item,) = moses.services.duplicates.items()
    assert item.kind == "stakeholder" and item.second.holds == {"linkage": 1, "action": 1}
    assert moses.services.duplicates.merge_into(item.id, kept) == {"linkage": 1, "action": 1}
    moses.sync()
    mary.sync()
    for machine in (mary, moses):
        links = machine.services.linkages.list(where={"stakeholder_id": kept}).items
        assert len(links) == 1
        assert machine.services.actions.get(action.id).data.stakeholder_ids == {kept}
        names = {r.data.type for r in machine.services.stakeholders.list().items}
        assert names == {"police", "health"} and health.id


def test_the_facilitator_of_a_community_given_up_receives_the_one_kept_whole(
    office: Office, two_managers: tuple[Laptop, Laptop], laptop: MakeLaptop
) -> None:
    mary, moses = two_managers
    kept = add_with_cycle(mary, "Okwang")
    given_up = add_with_cycle(moses, "Okwang")
    mary.sync()
    moses.sync()
    fatima_id = office.services.users.list(where={"username": "fatima"}).items[0].id
    office.services.assignments.create(
        AssignmentData(community_id=given_up, user_id=fatima_id, role="facilitator")
    )
    fatima = laptop("fatima")
    assert live_communities(fatima.db) == ["Kéréwé", "Okwang"]
    moses.sync()  # he has the assignment too
    (item,) = moses.services.duplicates.items()
    assert moses.services.duplicates.merge_into(item.id, kept) == {
        "cycle": 1,
        "community_assignment": 1,
    }
    moses.sync()
    assert fatima.sync().refused == 0
    assert live_communities(fatima.db) == ["Kéréwé", "Okwang"]
    cycles = fatima.services.cycles.list(where={"community_id": kept}).items
    assert sorted(c.data.number for c in cycles) == [1, 2]  # hers now, and the one kept's


def test_an_administrator_keeps_both_but_a_merge_is_a_managers_and_changes_nothing(
    office: Office, two_managers: tuple[Laptop, Laptop]
) -> None:
    mary, moses = two_managers
    kept = add_with_cycle(mary, "Okwang")
    add_with_cycle(moses, "Okwang")
    mary.sync()
    moses.sync()
    admin = Services(office.db, office.admin).duplicates
    (item,) = admin.items()
    with pytest.raises(PermissionDenied):
        admin.merge_into(item.id, kept)
    assert live_communities(office.db).count("Okwang") == 2
    assert admin.item(item.id).status == "open"
    admin.keep_both(item.id)
    assert admin.item(item.id).status == "kept_both"
