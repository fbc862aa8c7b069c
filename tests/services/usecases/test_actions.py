from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date, timedelta

from sqlalchemy import select

from desktop.models import ActionStakeholder, ReflectionAction
from desktop.services.facade import Services
from desktop.services.usecases.actions import (
    ActionData,
    IndicatorData,
    ObservationData,
    ReflectionData,
)
from desktop.services.usecases.harms import HarmPriorityData
from desktop.services.usecases.linkages import StakeholderData
from desktop.storage import Database
from tests.services.service_contract import assert_refused, audit_events, check_crud
from tests.services.service_world import START, World

TOMORROW = date.today() + timedelta(days=1)


def test_action_life(db: Database, services: Services, world: World) -> None:
    check_crud(
        db,
        services.actions,
        ActionData(
            cycle_id=world.cycle.id,
            what="Bylaw against early marriage",
            harm_id=world.harm_id,
            due_on=START + timedelta(90),
            stakeholder_ids=frozenset({world.stakeholder.id}),
        ),
        ActionData(cycle_id=world.cycle.id, what="Radio drama", due_on=START + timedelta(30)),
        lambda d: replace(d, status="under_way", is_inclusive=True, lead_role="Chairperson"),
        where={"status": "under_way"},
        search="bylaw",
        sort_field="due_on",
    )


def test_completed_on_follows_status(services: Services, world: World) -> None:
    actions = services.actions
    action = world.action
    assert action.data.completed_on is None
    done = actions.update(action.id, replace(action.data, status="done"))
    assert done.data.completed_on == date.today()
    assert (
        actions.update(
            done.id, replace(done.data, what="Talk with parents and elders")
        ).data.completed_on
        == date.today()
    )
    reopened = actions.update(action.id, replace(done.data, status="under_way"))
    assert reopened.data.completed_on is None
    given = actions.update(
        action.id, replace(reopened.data, status="done", completed_on=START + timedelta(5))
    )
    assert given.data.completed_on == START + timedelta(5)
    created_done = actions.create(
        ActionData(cycle_id=world.cycle.id, what="Done already", status="done")
    )
    assert created_done.data.completed_on == date.today()
    dropped = actions.create(
        ActionData(cycle_id=world.cycle.id, what="x", status="dropped", completed_on=START)
    )
    assert dropped.data.completed_on is None


def test_action_rules(db: Database, services: Services, world: World) -> None:
    actions = services.actions
    good = ActionData(cycle_id=world.cycle.id, what="Home visits")
    create = actions.create
    assert_refused(db, lambda: create(replace(good, what=" ")), "what")
    assert_refused(db, lambda: create(replace(good, status="maybe")), "status")
    assert_refused(
        db, lambda: create(replace(good, start_on=START, due_on=START - timedelta(1))), "due_on"
    )
    assert_refused(
        db, lambda: create(replace(good, status="done", completed_on=TOMORROW)), "completed_on"
    )
    assert_refused(db, lambda: create(replace(good, harm_id=world.unselected_harm_id)), "harm_id")
    assert_refused(db, lambda: create(replace(good, lead_role="r" * 161)), "lead_role")
    assert_refused(
        db,
        lambda: create(replace(good, stakeholder_ids=frozenset({uuid.uuid4()}))),
        "stakeholder_ids",
    )
    # The harm was selected in another cycle, not in this one.
    assert_refused(
        db,
        lambda: create(replace(good, cycle_id=world.other_cycle.id, harm_id=world.harm_id)),
        "harm_id",
    )


def test_unselecting_a_harm_keeps_its_actions_editable(services: Services, world: World) -> None:
    priority = world.priority
    services.priorities.update(priority.id, replace(priority.data, selected=False))
    dropped = services.actions.update(world.action.id, replace(world.action.data, status="dropped"))
    assert dropped.data.status == "dropped"


def test_stakeholder_ids_round_trip_and_update_in_place(
    db: Database, services: Services, world: World
) -> None:
    actions = services.actions
    police = services.stakeholders.create(StakeholderData(name="Police CFPU", type="police"))
    action = actions.update(
        world.action.id,
        replace(world.action.data, stakeholder_ids=frozenset({world.stakeholder.id, police.id})),
    )
    assert actions.get(action.id).data.stakeholder_ids == {world.stakeholder.id, police.id}
    actions.update(action.id, replace(action.data, stakeholder_ids=frozenset({police.id})))
    # The stakeholder is deleted later: the link stays and the action remains editable.
    services.stakeholders.delete(police.id)
    edited = actions.update(action.id, replace(actions.get(action.id).data, what="Visit"))
    assert edited.data.stakeholder_ids == {police.id}
    again = actions.update(
        action.id,
        replace(edited.data, stakeholder_ids=frozenset({police.id, world.stakeholder.id})),
    )
    assert again.data.stakeholder_ids == {police.id, world.stakeholder.id}
    with db.session() as session:
        rows = session.scalars(select(ActionStakeholder)).all()
    assert len(rows) == 2 and all(r.deleted_at is None for r in rows)  # the tombstone revived
    changes = audit_events(db, "action", action.id)[-1].changes
    assert changes == {
        "stakeholder_ids": [[str(police.id)], sorted([str(police.id), str(world.stakeholder.id)])]
    }


def test_indicator_life_and_rules(db: Database, services: Services, world: World) -> None:
    indicators = services.indicators
    check_crud(
        db,
        indicators,
        IndicatorData(cycle_id=world.cycle.id, wording="Girls back in school", unit="girls"),
        IndicatorData(cycle_id=world.cycle.id, wording="Weddings heard of", value_kind="number"),
        lambda d: replace(d, action_id=world.action.id, harm_id=world.harm_id, value_kind="text"),
        where={"value_kind": "text"},
        search="back in",
        sort_field="wording",
    )
    good = IndicatorData(cycle_id=world.cycle.id, wording="Girls in school")
    assert_refused(db, lambda: indicators.create(replace(good, wording="")), "wording")
    assert_refused(db, lambda: indicators.create(replace(good, value_kind="photo")), "value_kind")
    other_action = services.actions.create(ActionData(cycle_id=world.other_cycle.id, what="x"))
    assert_refused(
        db, lambda: indicators.create(replace(good, action_id=other_action.id)), "action_id"
    )
    indicator = indicators.create(good)
    services.observations.create(
        ObservationData(indicator_id=indicator.id, observed_on=START, value_number=3)
    )
    assert_refused(
        db,
        lambda: indicators.update(indicator.id, replace(indicator.data, value_kind="text")),
        "value_kind",
    )


def test_a_counted_indicator_starts_from_a_number_and_aims_at_one(
    db: Database, services: Services, world: World
) -> None:
    indicators = services.indicators
    counted = IndicatorData(cycle_id=world.cycle.id, wording="Girls in class", unit="girls")
    refused = assert_refused(
        db, lambda: indicators.create(replace(counted, baseline="ten girls", target="abc")),
        "baseline", "target",
    )  # fmt: skip
    assert refused.errors["baseline"].startswith("This indicator is counted: write a number")
    assert_refused(db, lambda: indicators.create(replace(counted, target="12 girls")), "target")
    saved = indicators.create(replace(counted, baseline="12", target="30,5"))
    assert (saved.data.baseline, saved.data.target) == ("12", "30,5")
    # In the community's own words, words stay words; so does a baseline left empty.
    told = replace(counted, value_kind="text", baseline="few", target="most of them")
    assert indicators.create(told).data.baseline == "few"
    assert indicators.create(replace(counted, baseline="", target="")).data.baseline == ""
    # Turning a described indicator into a counted one asks for numbers too.
    words = indicators.create(replace(told, wording="Talk at the well"))
    assert_refused(
        db, lambda: indicators.update(words.id, replace(words.data, value_kind="number")),
        "baseline", "target",
    )  # fmt: skip


def test_a_result_in_the_future_is_refused_naming_today(
    db: Database, services: Services, world: World
) -> None:
    counted = services.indicators.create(IndicatorData(cycle_id=world.cycle.id, wording="n"))
    late = ObservationData(indicator_id=counted.id, observed_on=TOMORROW, value_number=1)
    refused = assert_refused(db, lambda: services.observations.create(late), "observed_on")
    today = date.today().isoformat()
    assert refused.errors["observed_on"] == f"Cannot be in the future (today is {today})."
    kept = services.observations.create(replace(late, observed_on=START))
    assert kept.data.observed_on == START  # exactly the day given


def test_observation_life_and_rules(db: Database, services: Services, world: World) -> None:
    counted = services.indicators.create(IndicatorData(cycle_id=world.cycle.id, wording="n"))
    told = services.indicators.create(
        IndicatorData(cycle_id=world.cycle.id, wording="t", value_kind="text")
    )
    observations = services.observations
    check_crud(
        db,
        observations,
        ObservationData(indicator_id=counted.id, observed_on=START, value_number=4),
        ObservationData(indicator_id=told.id, observed_on=START, value_text="Calmer"),
        lambda d: replace(d, value_number=6.5, note="After the radio show", recorded_by="Okello"),
        where={"indicator_id": counted.id},
        search="radio",
        sort_field="observed_on",
    )
    number = ObservationData(indicator_id=counted.id, observed_on=START, value_number=1)
    text = ObservationData(indicator_id=told.id, observed_on=START, value_text="ok")
    assert_refused(
        db, lambda: observations.create(replace(number, value_number=None)), "value_number"
    )
    assert_refused(db, lambda: observations.create(replace(text, value_text="  ")), "value_text")
    assert_refused(
        db, lambda: observations.create(replace(number, observed_on=TOMORROW)), "observed_on"
    )
    assert_refused(
        db, lambda: observations.create(replace(number, indicator_id=uuid.uuid4())), "indicator_id"
    )


def test_reflection_life(db: Database, services: Services, world: World) -> None:
    check_crud(
        db,
        services.reflections,
        ReflectionData(cycle_id=world.cycle.id, held_on=START, what_worked="Fathers came"),
        ReflectionData(cycle_id=world.cycle.id, held_on=START + timedelta(7), challenges="Rain"),
        lambda d: replace(
            d,
            adjustments="Meet on market day",
            meeting_id=world.meeting.id,
            action_ids=frozenset({world.action.id}),
        ),
        where={"meeting_id": world.meeting.id},
        search="market",
        sort_field="held_on",
    )


def test_reflection_rules(db: Database, services: Services, world: World) -> None:
    reflections = services.reflections
    good = ReflectionData(cycle_id=world.cycle.id, held_on=START, challenges="Rain")
    create = reflections.create
    assert_refused(db, lambda: create(replace(good, challenges="")), "what_worked")
    assert_refused(db, lambda: create(replace(good, held_on=TOMORROW)), "held_on")
    assert_refused(
        db, lambda: create(replace(good, meeting_id=world.other_meeting.id)), "meeting_id"
    )
    other_action = services.actions.create(ActionData(cycle_id=world.other_cycle.id, what="x"))
    assert_refused(
        db, lambda: create(replace(good, action_ids=frozenset({other_action.id}))), "action_ids"
    )
    assert_refused(
        db, lambda: create(replace(good, action_ids=frozenset({uuid.uuid4()}))), "action_ids"
    )
    # Moving a reflection to another cycle checks the actions it already names.
    made = create(replace(good, action_ids=frozenset({world.action.id})))
    assert_refused(
        db,
        lambda: reflections.update(made.id, replace(made.data, cycle_id=world.other_cycle.id)),
        "action_ids",
    )


def test_reflection_actions_round_trip(db: Database, services: Services, world: World) -> None:
    second = services.actions.create(ActionData(cycle_id=world.cycle.id, what="Second"))
    reflections = services.reflections
    made = reflections.create(
        ReflectionData(
            cycle_id=world.cycle.id,
            held_on=START,
            adjustments="Change both",
            action_ids=frozenset({world.action.id, second.id}),
        )
    )
    assert reflections.get(made.id).data.action_ids == {world.action.id, second.id}
    fewer = reflections.update(made.id, replace(made.data, action_ids=frozenset({second.id})))
    assert fewer.data.action_ids == {second.id}
    with db.session() as session:
        rows = {r.action_id: r.deleted_at for r in session.scalars(select(ReflectionAction))}
    assert rows[second.id] is None and rows[world.action.id] is not None


def test_selected_harm_unselected_then_new_action_refused(
    db: Database, services: Services, world: World
) -> None:
    services.priorities.update(
        world.priority.id, replace(world.priority.data, selected=False, reasons="")
    )
    good = ActionData(cycle_id=world.cycle.id, what="x", harm_id=world.harm_id)
    assert_refused(db, lambda: services.actions.create(good), "harm_id")
    services.priorities.create(
        HarmPriorityData(
            cycle_id=world.cycle.id, harm_id=world.unselected_harm_id, selected=True, reasons="r"
        )
    )
    assert services.actions.create(replace(good, harm_id=world.unselected_harm_id)).data.harm_id
