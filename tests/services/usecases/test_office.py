from __future__ import annotations

from dataclasses import replace
from functools import partial

from desktop.services.facade import Services
from desktop.services.usecases.harms import HarmPriorityData
from desktop.services.usecases.meetings import MeetingData, PlanningGroupMemberData
from desktop.services.usecases.office import OfficeSettingData, ParticipantGroupData
from desktop.services.usecases.office_keys import SettingKey
from desktop.storage import Database
from tests.services.service_contract import assert_refused, audit_events, check_crud
from tests.services.service_world import START, World

SEEDED = ["girls", "boys", "women", "men", "elders", "disability"]


def test_participant_group_life(db: Database, services: Services) -> None:
    check_crud(
        db,
        services.participant_groups,
        ParticipantGroupData(code="teen-mothers", name="Teenage mothers", position=6),
        ParticipantGroupData(code="refugees", name="Refugee families", position=7),
        lambda d: replace(d, name="Young mothers", active=False),
        where={"active": False},
        search="young",
        sort_field="position",
    )


def test_seeded_groups_in_order(services: Services) -> None:
    groups = services.participant_groups
    assert [g.data.code for g in groups.participant_groups()] == SEEDED
    groups.create(ParticipantGroupData(code="albinism", name="People with albinism", position=2))
    [boys] = groups.list(where={"code": "boys"}).items
    groups.update(boys.id, replace(boys.data, active=False))
    assert [g.data.code for g in groups.participant_groups()] == [
        "girls",
        "albinism",
        "women",
        "men",
        "elders",
        "disability",
    ]
    every = [g.data.code for g in groups.participant_groups(active_only=False)]
    assert every == ["girls", "boys", "albinism", "women", "men", "elders", "disability"]


def test_participant_group_rules(db: Database, services: Services) -> None:
    groups = services.participant_groups
    good = ParticipantGroupData(code="youth", name="Youth")
    assert_refused(db, lambda: groups.create(replace(good, code="Youth Group")), "code")
    assert_refused(db, lambda: groups.create(replace(good, code="girls")), "code")
    assert_refused(db, lambda: groups.create(replace(good, name="")), "name")
    assert_refused(db, lambda: groups.create(replace(good, position=-1)), "position")
    assert_refused(db, lambda: groups.create(replace(good, code="x" * 41)), "code")


def test_group_in_use_is_deactivated_not_deleted(
    db: Database, services: Services, world: World
) -> None:
    groups = services.participant_groups
    made = {
        code: groups.create(ParticipantGroupData(code=code, name=code.title()))
        for code in ("in-meetings", "in-ranks", "in-planning", "unused")
    }
    services.meetings.create(
        MeetingData(
            cycle_id=world.cycle.id,
            held_on=START,
            kind="small_group",
            attendance={"in-meetings": 2},
        )
    )
    services.priorities.create(
        HarmPriorityData(
            cycle_id=world.cycle.id, harm_id=world.unselected_harm_id, ranks={"in-ranks": 1}
        )
    )
    services.planning_members.create(
        PlanningGroupMemberData(
            community_id=world.community.id, label="A.", group_code="in-planning"
        )
    )
    for code in ("in-meetings", "in-ranks", "in-planning"):
        group = made[code]
        error = assert_refused(db, partial(groups.delete, group.id), "active")
        assert "deactivate" in error.errors["active"]
        assert_refused(
            db,
            partial(groups.update, group.id, replace(group.data, code="renamed")),
            "code",
        )
        assert not groups.update(group.id, replace(group.data, active=False)).data.active
    assert groups.delete(made["unused"].id).is_deleted
    renamed = groups.update(made["in-meetings"].id, replace(made["in-meetings"].data, name="X"))
    assert renamed.data.name == "X"


def test_setting_life(db: Database, services: Services) -> None:
    check_crud(
        db,
        services.settings,
        OfficeSettingData(key="office_name", value="Lira field office"),
        OfficeSettingData(key="report_footer", value="Confidential"),
        lambda d: replace(d, value="Lira and Alebtong field office"),
        where={"key": "office_name"},
        search="alebtong",
        sort_field="key",
    )


def test_typed_setting_helpers(db: Database, services: Services) -> None:
    settings = services.settings
    assert settings.office_name() == ""
    assert settings.default_language() == "en"
    assert settings.idle_lock_minutes() == 10
    assert settings.value("unknown") == "" and settings.value("unknown", "d") == "d"
    first = settings.set_office_name("Lira field office")
    assert settings.office_name() == "Lira field office"
    second = settings.set_office_name("Gulu field office")
    assert second.id == first.id and second.version == 2
    settings.set_idle_lock_minutes(15)
    assert settings.idle_lock_minutes() == 15
    assert settings.int_value(SettingKey.IDLE_LOCK_MINUTES) == 15
    settings.set_value("report_footer", "Confidential")
    assert settings.int_value("report_footer", 3) == 3
    assert [e.action for e in audit_events(db, "office_setting", first.id)] == [
        "create",
        "update",
    ]
    # A deleted setting is brought back, not made twice (keys stay unique).
    settings.delete(first.id)
    assert settings.office_name() == ""
    again = settings.set_office_name("Kitgum field office")
    assert again.id == first.id and settings.office_name() == "Kitgum field office"


def test_setting_rules(db: Database, services: Services) -> None:
    settings = services.settings
    assert_refused(db, lambda: settings.set_idle_lock_minutes(0), "value")
    assert_refused(db, lambda: settings.set_value("idle_lock_minutes", "ten"), "value")
    assert_refused(db, lambda: settings.set_value("default_language", "French"), "value")
    assert_refused(db, lambda: settings.set_value("Office Name", "x"), "key")
    assert_refused(db, lambda: settings.set_value("", "x"), "key")
    made = settings.set_idle_lock_minutes(5)
    settings.delete(made.id)
    # A refused value leaves the deleted setting deleted.
    assert_refused(db, lambda: settings.set_idle_lock_minutes(99999), "value")
    assert settings.get(made.id, include_deleted=True).is_deleted
    assert_refused(
        db, lambda: settings.create(OfficeSettingData(key="idle_lock_minutes", value="5")), "key"
    )
