"""Starting a new cycle from the last one, carrying unfinished actions and indicators."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from desktop.services.facade import Services
from desktop.services.usecases.actions import ActionData, IndicatorData
from desktop.services.usecases.cycles import CycleData
from desktop.services.usecases.harms import HarmData, HarmPriorityData
from tests.services.service_contract import assert_refused, audit_events, row_counts

if TYPE_CHECKING:  # the ``world`` fixture's type (the fixture itself comes from conftest)
    from tests.services.service_world import World

NEXT_START = date(2025, 1, 10)


def _fill_previous_cycle(s: Services, world: World) -> dict[str, ActionData]:
    """Actions in every state, one linked to a formal actor, and two indicators."""
    cycle_id, harm_id = world.cycle.id, world.harm_id
    s.actions.update(
        world.action.id,
        replace(
            world.action.data,
            status="under_way",
            due_on=date(2024, 6, 1),
            stakeholder_ids=frozenset({world.stakeholder.id}),
            is_inclusive=True,
        ),
    )
    s.actions.create(ActionData(cycle_id=cycle_id, what="Planned talk", status="planned"))
    s.actions.create(ActionData(cycle_id=cycle_id, what="Done already", status="done"))
    s.actions.create(ActionData(cycle_id=cycle_id, what="Dropped idea", status="dropped"))
    deleted = s.actions.create(ActionData(cycle_id=cycle_id, what="Deleted one"))
    s.actions.delete(deleted.id)
    s.indicators.create(
        IndicatorData(
            cycle_id=cycle_id,
            wording="Girls back in class after harvest",
            harm_id=harm_id,
            action_id=world.action.id,
            baseline="12",
            target="30",
        )
    )
    s.indicators.create(IndicatorData(cycle_id=cycle_id, wording="Fewer weddings of girls"))
    return {a.data.what: a.data for a in s.actions.list(where={"cycle_id": cycle_id}).items}


def test_carry_over_copies_unfinished_actions_and_indicators(
    services: Services, world: World
) -> None:
    s = services
    before = _fill_previous_cycle(s, world)

    result = s.cycles.start_from(
        world.cycle.id,
        CycleData(community_id=world.community.id, start_on=NEXT_START, title="Second round"),
        carry_actions=True,
        carry_indicators=True,
    )

    new_id = result.cycle.id
    assert (result.cycle.data.number, result.actions, result.indicators) == (2, 2, 2)
    carried = {a.data.what: a for a in s.actions.list(where={"cycle_id": new_id}).items}
    assert set(carried) == {"Talk with parents", "Planned talk"}
    talk = carried["Talk with parents"].data
    assert talk.status == "under_way" and talk.due_on == date(2024, 6, 1)
    assert talk.stakeholder_ids == frozenset({world.stakeholder.id}) and talk.is_inclusive
    assert talk.harm_id == world.harm_id
    # The harm is selected again in the new cycle, with the reasons given before.
    priorities = s.priorities.list(where={"cycle_id": new_id}).items
    assert [(p.data.harm_id, p.data.selected, p.data.reasons) for p in priorities] == [
        (world.harm_id, True, "Girls leave school to marry.")
    ]
    indicators = {
        i.data.wording: i.data for i in s.indicators.list(where={"cycle_id": new_id}).items
    }
    assert (
        indicators["Girls back in class after harvest"].action_id == carried["Talk with parents"].id
    )
    assert indicators["Girls back in class after harvest"].baseline == "12"
    assert indicators["Fewer weddings of girls"].action_id is None
    # The previous cycle keeps its records as they were.
    after = {a.data.what: a.data for a in s.actions.list(where={"cycle_id": world.cycle.id}).items}
    assert after == before
    events = audit_events(s.db, "cycle", new_id)
    assert [e.action for e in events] == ["create", "carry_over"]
    assert events[1].changes == {"from_cycle": str(world.cycle.id), "actions": 2, "indicators": 2}


def test_nothing_carried_unless_asked(services: Services, world: World) -> None:
    s = services
    _fill_previous_cycle(s, world)

    result = s.cycles.start_from(
        world.cycle.id, CycleData(community_id=world.community.id, start_on=NEXT_START)
    )

    assert (result.actions, result.indicators) == (0, 0)
    assert s.actions.list(where={"cycle_id": result.cycle.id}).total == 0
    assert s.indicators.list(where={"cycle_id": result.cycle.id}).total == 0
    only_indicators = s.cycles.start_from(
        world.cycle.id,
        CycleData(community_id=world.community.id, start_on=NEXT_START),
        carry_indicators=True,
    )
    carried = s.indicators.list(where={"cycle_id": only_indicators.cycle.id}).items
    assert sorted(i.data.action_id is None for i in carried) == [True, True]


def test_retired_harm_and_deleted_actor_do_not_block(services: Services, world: World) -> None:
    s = services
    own = s.harms.create(HarmData(name="Children left alone at the market"))
    s.priorities.create(
        HarmPriorityData(cycle_id=world.cycle.id, harm_id=own.id, selected=True, reasons="Seen")
    )
    s.actions.create(ActionData(cycle_id=world.cycle.id, what="Market watch", harm_id=own.id))
    s.harms.update(own.id, replace(s.harms.get(own.id).data, retired=True))
    s.actions.update(
        world.action.id,
        replace(world.action.data, stakeholder_ids=frozenset({world.stakeholder.id})),
    )
    s.stakeholders.delete(world.stakeholder.id)

    result = s.cycles.start_from(
        world.cycle.id,
        CycleData(community_id=world.community.id, start_on=NEXT_START),
        carry_actions=True,
    )

    carried = {
        a.data.what: a.data for a in s.actions.list(where={"cycle_id": result.cycle.id}).items
    }
    assert carried["Market watch"].harm_id is None
    assert carried["Talk with parents"].stakeholder_ids == frozenset()


def test_bad_input_changes_nothing(services: Services, world: World) -> None:
    s = services
    _fill_previous_cycle(s, world)
    counts = row_counts(s.db)

    assert_refused(
        s.db,
        lambda: s.cycles.start_from(
            world.cycle.id,
            CycleData(community_id=world.other_community.id, start_on=NEXT_START),
            carry_actions=True,
        ),
        "community_id",
    )
    assert_refused(
        s.db,
        lambda: s.cycles.start_from(
            world.cycle.id,
            CycleData(
                community_id=world.community.id, start_on=NEXT_START, end_on=date(2024, 1, 1)
            ),
            carry_actions=True,
            carry_indicators=True,
        ),
        "end_on",
    )
    assert row_counts(s.db) == counts
