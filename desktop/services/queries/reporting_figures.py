"""The figures of the managers' monitoring report, as plain values: which communities and
period (:class:`MonitoringFilter`), and per community its actions, meetings and who was in
the room, indicators, linkages, follow-ups and flags. Read by
:mod:`desktop.services.queries.reporting_monitoring`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from desktop.models.enums import ActionStatus, ObservationKind
from desktop.services.queries.attention import (
    CommunityAttention,
    Direction,
    Flag,
    Thresholds,
    by_urgency,
    direction,
)
from desktop.services.queries.community_list import CommunityRow
from desktop.services.queries.participation import MeetingTally
from desktop.services.queries.periods import quarter_of
from desktop.services.queries.sheet_group import Group
from desktop.services.usecases.actions import IndicatorData, ObservationData, as_count

OPEN_ACTION = frozenset({ActionStatus.PLANNED.value, ActionStatus.UNDER_WAY.value})


@dataclass(frozen=True)
class MonitoringFilter:
    """Which communities and which period; empty means all. ``facilitator`` is a username."""

    district: str = ""
    facilitator: str = ""
    date_from: date | None = None
    date_to: date | None = None

    @property
    def quarter(self) -> str | None:
        """ "2026 Q3" when the period is exactly one calendar quarter."""
        return quarter_of(self.date_from, self.date_to)

    def covers(self, day: date | None) -> bool:
        if day is None:
            return self.date_from is None and self.date_to is None
        return (self.date_from is None or day >= self.date_from) and (
            self.date_to is None or day <= self.date_to
        )


@dataclass
class ActionCounts:
    """Actions in the period: done (on time or late), overdue, still open, dropped."""

    total: int = 0
    done_on_time: int = 0
    done_late: int = 0
    overdue: int = 0
    open_not_due: int = 0
    dropped: int = 0

    @property
    def done(self) -> int:
        return self.done_on_time + self.done_late

    def add(self, other: ActionCounts) -> None:
        for name in ("total", "done_on_time", "done_late", "overdue", "open_not_due", "dropped"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass(frozen=True)
class IndicatorTrend:
    """An indicator and what was observed of it in the period: numbers for a counted one,
    the community's words for one described in words."""

    wording: str
    unit: str
    baseline: str  # as typed
    target: str
    points: list[tuple[date, float]]
    counted: bool = True
    baseline_number: float | None = None
    target_number: float | None = None
    words: list[tuple[date, str]] = field(default_factory=list)

    def direction(self, thresholds: Thresholds) -> Direction:
        if not self.counted:
            return Direction.UNKNOWN
        values = [value for _day, value in self.points]
        return direction(self.baseline_number, self.target_number, values, thresholds)


def trend_of(indicator: IndicatorData, observations: Sequence[ObservationData]) -> IndicatorTrend:
    """An indicator of one cycle and all its observations, as the reports print it (the
    numbers read from its words by the rule the service stores them by)."""
    counted = indicator.value_kind == ObservationKind.NUMBER
    ordered = sorted(observations, key=lambda o: o.observed_on)
    return IndicatorTrend(
        indicator.wording,
        indicator.unit,
        indicator.baseline,
        indicator.target,
        [(o.observed_on, o.value_number) for o in ordered if o.value_number is not None]
        if counted
        else [],
        counted,
        as_count(indicator.baseline) if counted else None,
        as_count(indicator.target) if counted else None,
        [] if counted else [(o.observed_on, o.value_text) for o in ordered if o.value_text],
    )


@dataclass(frozen=True)
class OpenFollowUp:
    community: str
    description: str
    owner: str
    due_on: date | None

    def overdue(self, today: date) -> bool:
        return self.due_on is not None and self.due_on < today


@dataclass
class CommunityFigures:
    row: CommunityRow
    actions: ActionCounts = field(default_factory=ActionCounts)
    #: the meetings of the period and who was in the room
    tally: MeetingTally = field(default_factory=MeetingTally)
    indicators: list[IndicatorTrend] = field(default_factory=list)
    linkages_formed: int = 0
    linkages_active: int = 0
    open_follow_ups: list[OpenFollowUp] = field(default_factory=list)
    #: what needs attention today, as the community list and the timeline say it
    flags: tuple[Flag, ...] = ()

    @property
    def meetings(self) -> int:
        return self.tally.meetings


@dataclass
class MonitoringData:
    selection: MonitoringFilter
    today: date
    groups: list[Group]
    communities: list[CommunityFigures]
    thresholds: Thresholds = field(default_factory=Thresholds)
    #: the meetings and who was in the room, per quarter ("2026 Q1"), all communities
    quarters: dict[str, MeetingTally] = field(default_factory=dict)
    linkages_by_kind: dict[str, int] = field(default_factory=dict)

    def tally(self) -> MeetingTally:
        """The whole period's meetings, all communities."""
        total = MeetingTally()
        for tally in self.quarters.values():
            total.add(tally)
        return total

    def never_in_room(self, code: str) -> list[str]:
        """The communities that met in the period without the group ever counted."""
        return [c.row.name for c in self.communities if c.tally.never_in_room(code)]

    def attention(self) -> list[CommunityAttention]:
        """The communities that need attention, most urgent first."""
        return by_urgency(
            CommunityAttention(c.row.id, c.row.name, c.row.district, c.flags)
            for c in self.communities
        )

    def actions(self) -> ActionCounts:
        total = ActionCounts()
        for community in self.communities:
            total.add(community.actions)
        return total

    def count_by(self, attribute: str) -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for community in self.communities:
            counts[getattr(community.row, attribute) or ""] += 1
        return dict(counts)


def classify_action(
    status: str, due_on: date | None, completed_on: date | None, today: date
) -> str:
    """done_on_time, done_late, overdue, open_not_due or dropped."""
    if status == ActionStatus.DONE:
        late = due_on is not None and completed_on is not None and completed_on > due_on
        return "done_late" if late else "done_on_time"
    if status == ActionStatus.DROPPED:
        return "dropped"
    return "overdue" if due_on is not None and due_on < today else "open_not_due"
