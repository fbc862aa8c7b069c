from __future__ import annotations

import uuid
from dataclasses import replace
from functools import partial

from sqlalchemy import select

from desktop.models import HarmName, HarmRank
from desktop.services.facade import Services
from desktop.services.usecases.actions import IndicatorData
from desktop.services.usecases.cycles import LearningFindingData
from desktop.services.usecases.harms import HarmData, HarmPriorityData
from desktop.storage import Database
from tests.services.service_contract import assert_refused, audit_events, check_crud
from tests.services.service_world import World


def test_harm_life(db: Database, services: Services, world: World) -> None:
    check_crud(
        db,
        services.harms,
        HarmData(name="Children sent to fish at night", code="night_fishing"),
        HarmData(name="Begging", code="begging", community_id=world.community.id),
        lambda d: replace(d, description="On the lake", names={"fr": "Pêche de nuit"}),
        where={"code": "night_fishing"},
        search="FISH",
        sort_field="name",
    )


def test_harm_code_made_from_name_when_left_empty(services: Services) -> None:
    harms = services.harms
    first = harms.create(HarmData(name="Early marriage!"))
    second = harms.create(HarmData(name="Early  marriage"))
    arabic = harms.create(HarmData(name="زواج الأطفال"))
    assert (first.data.code, second.data.code) == ("early_marriage", "early_marriage_2")
    assert arabic.data.code == "harm"
    assert harms.update(first.id, replace(first.data, code="")).data.code == "early_marriage"


def test_harm_rules(db: Database, services: Services, world: World) -> None:
    harms = services.harms
    good = HarmData(name="Night fishing", code="night_fishing")
    assert_refused(db, lambda: harms.create(replace(good, name="")), "name")
    assert_refused(db, lambda: harms.create(replace(good, code="Night Fishing")), "code")
    assert_refused(db, lambda: harms.create(replace(good, code="child_marriage")), "code")
    assert_refused(db, lambda: harms.create(replace(good, names={"French": "x"})), "names")
    assert_refused(db, lambda: harms.create(replace(good, names={"fr": "x" * 201})), "names")
    assert_refused(
        db, lambda: harms.create(replace(good, community_id=uuid.uuid4())), "community_id"
    )
    # A code is unique among live harms only.
    mine = harms.create(good)
    harms.delete(mine.id)
    again = harms.create(good)
    assert_refused(db, lambda: harms.restore(mine.id), "code")
    assert again.data.code == "night_fishing"


def test_harm_names_round_trip_and_update_in_place(
    db: Database, services: Services, world: World
) -> None:
    harms = services.harms
    harm = harms.create(
        HarmData(name="Child marriage (local)", names={"fr": " Mariage précoce ", "ar": "زواج"})
    )
    assert harm.data.names == {"fr": "Mariage précoce", "ar": "زواج"}
    with db.session() as session:
        ids = {r.language: r.id for r in session.scalars(select(HarmName))}
    changed = harms.update(
        harm.id, replace(harm.data, names={"fr": "Mariage d'enfants", "ar": "", "sw": "Ndoa"})
    )
    assert changed.data.names == {"fr": "Mariage d'enfants", "sw": "Ndoa"}  # empty name: removed
    with db.session() as session:
        rows = {r.language: r for r in session.scalars(select(HarmName))}
    assert rows["fr"].id == ids["fr"] and rows["fr"].name == "Mariage d'enfants"
    assert rows["ar"].deleted_at is not None
    assert audit_events(db, "harm", harm.id)[-1].changes == {
        "names": [
            {"ar": "زواج", "fr": "Mariage précoce"},
            {"fr": "Mariage d'enfants", "sw": "Ndoa"},
        ]
    }
    assert harms.display_name(harm.id, "fr") == "Mariage d'enfants"
    assert harms.display_name(harm.id, "fr_CA") == "Mariage d'enfants"
    assert harms.display_name(harm.id, "ar") == "Child marriage (local)"
    assert harms.display_name(harm.id, "en") == "Child marriage (local)"


def test_harm_in_use_is_retired_not_deleted(db: Database, services: Services, world: World) -> None:
    harms = services.harms
    error = assert_refused(db, lambda: harms.delete(world.harm_id), "retired")
    assert "retire" in error.errors["retired"]
    for make in (
        lambda h: services.findings.create(
            LearningFindingData(cycle_id=world.cycle.id, summary="s", harm_id=h)
        ),
        lambda h: services.indicators.create(
            IndicatorData(cycle_id=world.cycle.id, wording="w", harm_id=h)
        ),
        lambda h: services.priorities.create(HarmPriorityData(cycle_id=world.cycle.id, harm_id=h)),
    ):
        harm = harms.create(HarmData(name="Something new"))
        assert not make(harm.id).is_deleted
        assert_refused(db, partial(harms.delete, harm.id), "retired")
    unused = harms.create(HarmData(name="Never used"))
    assert harms.delete(unused.id).is_deleted
    retired = harms.update(world.harm_id, replace(harms.get(world.harm_id).data, retired=True))
    assert retired.data.retired


def test_priority_life(db: Database, services: Services, world: World) -> None:
    check_crud(
        db,
        services.priorities,
        HarmPriorityData(
            cycle_id=world.cycle.id, harm_id=world.unselected_harm_id, ranks={"girls": 2}
        ),
        HarmPriorityData(cycle_id=world.other_cycle.id, harm_id=world.unselected_harm_id),
        lambda d: replace(
            d,
            selected=True,
            reasons="Boys miss school for the harvest",
            decided_at_meeting_id=world.meeting.id,
            ranks={"girls": 1, "boys": 1},
        ),
        where={"cycle_id": world.cycle.id, "harm_id": world.unselected_harm_id},
        search="harvest",
        sort_field="selected",
    )


def test_priority_ranks_round_trip_and_update_in_place(
    db: Database, services: Services, world: World
) -> None:
    priorities = services.priorities
    priority = priorities.update(
        world.priority.id, replace(world.priority.data, ranks={"girls": 1, "women": 2})
    )
    assert priorities.get(priority.id).data.ranks == {"girls": 1, "women": 2}
    with db.session() as session:
        before = {r.group_code: r.id for r in session.scalars(select(HarmRank))}
    priorities.update(priority.id, replace(priority.data, ranks={"girls": 3, "men": 1}))
    with db.session() as session:
        rows = {r.group_code: r for r in session.scalars(select(HarmRank))}
    assert rows["girls"].id == before["girls"] and rows["girls"].rank == 3
    assert rows["women"].deleted_at is not None
    assert priorities.get(priority.id).data.ranks == {"girls": 3, "men": 1}


def test_priority_rules(db: Database, services: Services, world: World) -> None:
    priorities = services.priorities
    good = HarmPriorityData(cycle_id=world.cycle.id, harm_id=world.unselected_harm_id)
    create = priorities.create
    assert_refused(db, lambda: create(replace(good, selected=True)), "reasons")
    assert_refused(db, lambda: create(replace(good, ranks={"girls": 0})), "ranks")
    assert_refused(db, lambda: create(replace(good, ranks={"aliens": 1})), "ranks")
    assert_refused(
        db,
        lambda: create(replace(good, decided_at_meeting_id=world.other_meeting.id)),
        "decided_at_meeting_id",
    )
    assert_refused(db, lambda: create(replace(good, harm_id=world.harm_id)), "harm_id")
    own = services.harms.create(HarmData(name="Lake", community_id=world.other_community.id))
    assert_refused(db, lambda: create(replace(good, harm_id=own.id)), "harm_id")
    retired = services.harms.create(HarmData(name="Old", retired=True))
    assert_refused(db, lambda: create(replace(good, harm_id=retired.id)), "harm_id")
    # A deleted consideration of the same harm is restored, not made twice.
    made = create(good)
    priorities.delete(made.id)
    error = assert_refused(db, lambda: create(good), "harm_id")
    assert "restore" in error.errors["harm_id"]
    assert not priorities.restore(made.id).is_deleted


def test_priority_of_own_harm_in_own_community(services: Services, world: World) -> None:
    own = services.harms.create(HarmData(name="Lake", community_id=world.community.id))
    record = services.priorities.create(HarmPriorityData(cycle_id=world.cycle.id, harm_id=own.id))
    assert record.data.harm_id == own.id
    assert services.priorities.selected_harm_ids(world.cycle.id) == {world.harm_id}
    # A retired harm already considered can still be edited.
    services.harms.update(own.id, replace(own.data, retired=True))
    updated = services.priorities.update(record.id, replace(record.data, ranks={"men": 2}))
    assert updated.data.ranks == {"men": 2}
