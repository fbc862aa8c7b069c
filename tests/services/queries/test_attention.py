"""Which communities need attention and why: every flag raised through the services on a
real database, the office's thresholds changing them, and the words they are shown in."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from desktop.services.facade import Services
from desktop.services.framework.actor import SYSTEM
from desktop.services.framework.errors import ValidationError
from desktop.services.queries.attention import (
    Direction,
    FlagKind,
    Thresholds,
    by_urgency,
    direction,
    flag_words,
)
from desktop.services.queries.attention_reads import community_attention
from desktop.services.usecases.actions import ActionData, IndicatorData, ObservationData
from desktop.services.usecases.communities import CommunityData
from desktop.services.usecases.cycles import CycleData
from desktop.services.usecases.meetings import MeetingData
from desktop.services.usecases.office_keys import SettingKey
from desktop.services.usecases.reviews import FollowUpData, MentorReviewData
from desktop.storage import Database

TODAY = date(2026, 6, 30)


def ago(days: int) -> date:
    return TODAY - timedelta(days=days)


@dataclass(frozen=True)
class Office:
    troubled: uuid.UUID
    calm: uuid.UUID
    unreviewed: uuid.UUID


def make_office(s: Services) -> Office:
    """Three communities: one with every kind of flag but one, one with none, one whose
    running cycle has had no mentor review."""
    troubled = s.communities.create(CommunityData(name="Kéréwé", district="Lira"))
    old = s.cycles.create(CycleData(community_id=troubled.id, start_on=ago(400), title="Old"))
    s.cycles.update(old.id, CycleData(community_id=troubled.id, start_on=ago(400),
                                      title="Old", status="completed"))  # fmt: skip
    cycle = s.cycles.create(CycleData(community_id=troubled.id, start_on=ago(200)))
    s.meetings.create(
        MeetingData(
            cycle_id=cycle.id,
            held_on=ago(100),
            kind="whole_community",
            decisions="Walk the girls to school",
            attendance={"girls": 5, "women": 3, "men": 4, "boys": 2, "elders": 1},
        )
    )
    s.actions.create(ActionData(cycle_id=cycle.id, what="Talk to parents", due_on=ago(30)))
    s.actions.create(ActionData(cycle_id=cycle.id, what="Meet the chief", due_on=ago(10)))
    s.actions.create(ActionData(cycle_id=old.id, what="Done late", due_on=ago(300),
                                status="done", completed_on=ago(250)))  # fmt: skip
    review = s.reviews.create(MentorReviewData(cycle_id=cycle.id, reviewed_on=ago(90)))
    s.follow_ups.create(FollowUpData(review_id=review.id, description="Visit", due_on=ago(20)))
    s.follow_ups.create(FollowUpData(review_id=review.id, description="Call", due_on=ago(-5)))
    counted = s.indicators.create(
        IndicatorData(cycle_id=cycle.id, wording="Girls in class", baseline="10", target="30")
    )
    for days, value in ((60, 12.0), (20, 8.0)):
        s.observations.create(
            ObservationData(indicator_id=counted.id, observed_on=ago(days), value_number=value)
        )
    words = s.indicators.create(
        IndicatorData(cycle_id=cycle.id, wording="Mothers speak up", value_kind="text")
    )
    s.observations.create(
        ObservationData(indicator_id=words.id, observed_on=ago(120), value_text="a few")
    )

    calm = s.communities.create(CommunityData(name="Amuru", district="Gulu"))
    calm_cycle = s.cycles.create(CycleData(community_id=calm.id, start_on=ago(10)))
    everyone = {"girls": 1, "boys": 1, "women": 1, "men": 1, "elders": 1}
    everyone["disability"] = 1
    s.meetings.create(
        MeetingData(cycle_id=calm_cycle.id, held_on=ago(5), kind="small_group",
                    decisions="Start", attendance=everyone)
    )  # fmt: skip

    unreviewed = s.communities.create(CommunityData(name="Bweyale", district="Gulu"))
    waiting = s.cycles.create(CycleData(community_id=unreviewed.id, start_on=ago(45)))
    s.meetings.create(MeetingData(cycle_id=waiting.id, held_on=ago(3), kind="small_group"))
    return Office(troubled.id, calm.id, unreviewed.id)


def flags_of(db: Database, community_id: uuid.UUID) -> dict[FlagKind, object]:
    found = community_attention(db, [community_id], TODAY, actor=SYSTEM)[community_id]
    return {flag.kind: flag for flag in found.flags}


def test_each_flag_is_raised_with_its_reason_and_since_when(
    db: Database, services: Services
) -> None:
    office = make_office(services)
    flags = flags_of(db, office.troubled)
    assert list(flags) == [
        FlagKind.OVERDUE_ACTIONS,
        FlagKind.OVERDUE_FOLLOW_UPS,
        FlagKind.NO_MEETING,
        FlagKind.GROUP_ABSENT,
        FlagKind.INDICATOR_AWAY,
        FlagKind.INDICATOR_SILENT,
    ]  # reviewed this cycle: no NO_REVIEW
    words = {kind: flag_words(flag, TODAY) for kind, flag in flags.items()}  # type: ignore[arg-type]
    assert words[FlagKind.OVERDUE_ACTIONS] == f"2 actions overdue since {ago(30)}"
    assert words[FlagKind.OVERDUE_FOLLOW_UPS] == f"1 mentor follow-up overdue since {ago(20)}"
    assert words[FlagKind.NO_MEETING] == f"No meeting since {ago(100)} (100 days)"
    assert words[FlagKind.GROUP_ABSENT] == (
        "People with disabilities: absent from the 1 decision meeting of cycle 2 "
        f"(since {ago(100)})"
    )
    assert words[FlagKind.INDICATOR_AWAY].startswith("1 indicator moving away from its target")
    assert words[FlagKind.INDICATOR_SILENT] == f"1 indicator not observed since {ago(120)}"
    silent = flags[FlagKind.INDICATOR_SILENT]
    assert flag_words(silent, TODAY, names=True).endswith(": Mothers speak up")  # type: ignore[arg-type]

    assert flags_of(db, office.calm) == {}
    assert list(flags_of(db, office.unreviewed)) == [FlagKind.NO_REVIEW]
    ranked = by_urgency(
        community_attention(db, list(vars(office).values()), TODAY, actor=SYSTEM).values()
    )
    assert [c.name for c in ranked] == ["Kéréwé", "Bweyale"]  # most reasons first; calm left out


def test_the_offices_thresholds_decide(db: Database, services: Services) -> None:
    office = make_office(services)
    services.settings.set_value(SettingKey.NO_MEETING_DAYS, 120)
    services.settings.set_value(SettingKey.NO_OBSERVATION_DAYS, 150)
    services.settings.set_value(SettingKey.REVIEW_AFTER_DAYS, 60)
    flags = flags_of(db, office.troubled)
    assert FlagKind.NO_MEETING not in flags and FlagKind.INDICATOR_SILENT not in flags
    assert flags_of(db, office.unreviewed) == {}  # 45 days is not yet too long
    with pytest.raises(ValidationError):
        services.settings.set_value(SettingKey.NO_MEETING_DAYS, "soon")
    assert services.settings.value(SettingKey.NO_MEETING_DAYS) == "120"  # unchanged


def test_a_counted_indicator_keeps_its_words_and_gets_numbers(services: Services) -> None:
    office = make_office(services)
    cycle = services.cycles.list(where={"community_id": office.calm}).items[0]
    made = services.indicators.create(
        IndicatorData(cycle_id=cycle.id, wording="Girls", baseline="12,5", target="30")
    )
    with services.db.session() as session:
        from desktop.models import Indicator

        row = session.get(Indicator, made.id)
        assert row is not None
        assert (row.baseline, row.target) == ("12,5", "30")
        assert (row.baseline_number, row.target_number) == (12.5, 30.0)
    with pytest.raises(ValidationError):  # a counted indicator aims at a number
        services.indicators.create(
            IndicatorData(cycle_id=cycle.id, wording="Boys", baseline="a few", target="30")
        )


@pytest.mark.parametrize(
    ("baseline", "target", "values", "expected"),
    [
        (10.0, 30.0, [12.0, 20.0], Direction.TOWARD),
        (10.0, 30.0, [12.0, 8.0], Direction.AWAY),
        (10.0, 30.0, [10.5], Direction.STALLED),  # under 5 % of the way
        (30.0, 10.0, [25.0], Direction.TOWARD),  # a target below the start
        (None, 30.0, [5.0, 2.0], Direction.AWAY),  # no baseline: from the first value
        (None, 30.0, [5.0], Direction.UNKNOWN),
        (10.0, None, [12.0], Direction.UNKNOWN),
        (10.0, 30.0, [30.0], Direction.TOWARD),  # reached
    ],
)
def test_the_direction_of_a_counted_indicator(
    baseline: float | None, target: float | None, values: list[float], expected: Direction
) -> None:
    assert direction(baseline, target, values, Thresholds()) == expected
