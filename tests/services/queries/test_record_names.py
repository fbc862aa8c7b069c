"""Records are named by what people know them by, with their community and cycle, and
only for people who may read them."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date

from desktop.services.facade import Services
from desktop.services.framework.actor import Actor
from desktop.services.queries.record_names import (
    describe,
    describe_form,
    describe_new,
    name_record,
    shorten,
)
from desktop.services.security.users import AssignmentData
from desktop.services.usecases.actions import IndicatorData, ObservationData
from desktop.services.usecases.cycles import CycleData
from desktop.storage import Database
from tests.services.service_world import START, World


def test_a_harm_considered_is_named_by_the_harm_not_its_reasons(
    services: Services, world: World
) -> None:
    named = name_record(services, "harm_priority", world.priority.id)
    harm = services.harms.get(world.harm_id).data.name
    assert named.phrase() == f"harm considered “{harm}”"
    assert "marry" not in named.phrase()  # the reasons written beside it
    where = f"in Kéréwé, cycle {world.cycle.data.number}"
    assert describe(services, "harm_priority", world.priority.id) == (
        f"Harm considered “{harm}” {where}"
    )


def test_records_are_named_with_their_community_and_cycle(services: Services, world: World) -> None:
    titled = services.cycles.update(
        world.cycle.id, replace(world.cycle.data, title="Keeping girls in school")
    )
    where = f"in Kéréwé, cycle {titled.data.number} “Keeping girls in school”"
    meeting = describe(services, "meeting", world.meeting.id)
    assert meeting == f"Meeting of {START.isoformat()} {where}"
    assert describe(services, "action", world.action.id) == f"Action “Talk with parents” {where}"
    indicator = services.indicators.create(
        IndicatorData(cycle_id=world.cycle.id, wording="Girls back in class")
    )
    result = services.observations.create(
        ObservationData(indicator_id=indicator.id, observed_on=date(2025, 3, 31), value_number=4)
    )
    assert describe(services, "observation", result.id) == f"Observation of 2025-03-31 {where}"
    assert describe(services, "cycle", world.cycle.id) == (
        f"Cycle {titled.data.number} “Keeping girls in school” in Kéréwé"
    )
    assert describe_new(services, "meeting", world.cycle.id, None) == f"New meeting {where}"
    assert describe_new(services, "cycle", None, world.community.id) == "New cycle in Kéréwé"
    assert describe(services, "meeting", uuid.uuid4()) == ""  # gone: nothing to name


def test_a_record_out_of_reach_is_not_named(db: Database, services: Services, world: World) -> None:
    # The office setting "facilitators read all communities" is off by default.
    services.assignments.create(
        AssignmentData(
            community_id=world.community.id, user_id=world.facilitator.id, role="facilitator"
        )
    )
    theirs = Services(db, Actor("okello", "facilitator"))
    assert describe(theirs, "action", world.action.id).startswith("Action “Talk with parents”")
    other = services.cycles.create(
        CycleData(community_id=world.other_community.id, start_on=START, title="Elsewhere")
    )
    assert describe(theirs, "cycle", other.id) == ""
    assert describe_new(theirs, "meeting", other.id, None) == "New meeting"


def test_long_words_are_shortened_at_a_word() -> None:
    assert shorten("Girls say  they\nreach school") == "Girls say they reach school"
    assert shorten("Girls say they reach school on time after fetching water", 32) == (
        "Girls say they reach school on…"
    )


def test_a_form_is_named_from_its_key(services: Services, world: World) -> None:
    """The keys forms keep their drafts under: a record, or a new one under its parent."""
    number = world.cycle.data.number
    where = f"in Kéréwé, cycle {number}"
    indicator = services.indicators.create(IndicatorData(cycle_id=world.cycle.id, wording="n"))
    community = world.community.id
    assert describe_form(services, f"meeting/{world.meeting.id}") == (
        f"Meeting of {START.isoformat()} {where}"
    )
    assert describe_form(services, f"action/new/{world.cycle.id}") == f"New action {where}"
    assert describe_form(services, f"observation/new/{indicator.id}") == (
        f"New observation {where}"
    )
    assert describe_form(services, f"planning_group_member/new/{community}") == (
        "New planning group member in Kéréwé"
    )
    assert describe_form(services, f"cycle/new/{community}") == "New cycle in Kéréwé"
    assert describe_form(services, f"community/{community}") == "Community “Kéréwé”"
    assert describe_form(services, f"partnership/{community}") == "Partnership of Kéréwé"
    assert describe_form(services, f"linkage/new/{community}") == "New linkage in Kéréwé"
    assert describe_form(services, "community/new") == "New community"
    assert describe_form(services, "office/settings") == ""  # not a record: the form's title
