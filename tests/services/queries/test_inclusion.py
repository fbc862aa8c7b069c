"""The inclusion check: who was in the room when the community decided about its harms."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from desktop.services.facade import Services
from desktop.services.queries.inclusion import inclusion_check
from desktop.services.usecases.harms import HarmPriorityData
from desktop.services.usecases.meetings import MeetingData
from desktop.services.usecases.office import ParticipantGroupData

if TYPE_CHECKING:  # the ``world`` fixture's type (the fixture itself comes from conftest)
    from tests.services.service_world import World

DAY = date(2024, 3, 1)


def _codes(groups: tuple[object, ...]) -> list[str]:
    return [g.code for g in groups]  # type: ignore[attr-defined]


def test_no_deciding_meeting_means_no_one_counted(services: Services, world: World) -> None:
    check = inclusion_check(services.db, world.cycle.id, actor=services.actor)

    assert check.meetings == ()
    assert check.present == ()
    assert _codes(check.missing) == ["girls", "boys", "women", "men", "elders", "disability"]


def test_groups_counted_at_deciding_meetings_are_present(services: Services, world: World) -> None:
    s = services
    deciding = s.meetings.create(
        MeetingData(
            cycle_id=world.cycle.id,
            held_on=DAY,
            kind="whole_community",
            attendance={"women": 30, "men": 12, "girls": 0},
        )
    )
    second = s.meetings.create(
        MeetingData(
            cycle_id=world.cycle.id,
            held_on=DAY,
            kind="small_group",
            attendance={"girls": 9, "women": 4},
        )
    )
    # A meeting that decided nothing does not count, however many came.
    s.meetings.create(
        MeetingData(
            cycle_id=world.cycle.id, held_on=DAY, kind="home_visit", attendance={"elders": 5}
        )
    )
    s.priorities.update(
        world.priority.id,
        replace(world.priority.data, decided_at_meeting_id=deciding.id, ranks={"women": 1}),
    )
    s.priorities.create(
        HarmPriorityData(
            cycle_id=world.cycle.id,
            harm_id=world.unselected_harm_id,
            decided_at_meeting_id=second.id,
            ranks={"girls": 2},
        )
    )

    check = inclusion_check(s.db, world.cycle.id, actor=s.actor)

    assert [m.id for m in check.meetings] == sorted(
        [deciding.id, second.id], key=lambda i: (DAY, i)
    )
    assert {m.id: m.people for m in check.meetings} == {deciding.id: 42, second.id: 13}
    by_code = {g.code: g for g in check.groups}
    assert (by_code["women"].people, by_code["women"].meetings) == (34, 2)
    assert (by_code["girls"].people, by_code["girls"].meetings) == (9, 1)
    assert by_code["women"].ranked and by_code["girls"].ranked and not by_code["men"].ranked
    assert _codes(check.present) == ["girls", "women", "men"]
    assert _codes(check.missing) == ["boys", "elders", "disability"]


def test_deleted_meetings_and_groups_are_left_out(services: Services, world: World) -> None:
    s = services
    extra = s.participant_groups.create(ParticipantGroupData(code="migrants", name="Migrants"))
    meeting = s.meetings.create(
        MeetingData(
            cycle_id=world.cycle.id,
            held_on=DAY,
            kind="whole_community",
            attendance={"migrants": 3, "boys": 7},
        )
    )
    s.priorities.update(
        world.priority.id, replace(world.priority.data, decided_at_meeting_id=meeting.id)
    )
    # A group deactivated later is still shown where it was counted.
    s.participant_groups.update(extra.id, replace(extra.data, active=False))
    assert "migrants" in _codes(inclusion_check(s.db, world.cycle.id, actor=s.actor).present)

    s.meetings.delete(meeting.id)
    check = inclusion_check(s.db, world.cycle.id, actor=s.actor)
    assert check.meetings == ()
    assert "migrants" not in _codes(check.groups)
    assert "boys" in _codes(check.missing)
