"""When things happen in a demo community: its partnership history and its cycles.

Days are numbers relative to ``today`` (0 = today, negative = past). Cycles are laid out
backwards from today, so most partner communities have a cycle under way whatever date the
demo is made on, and each later cycle starts while the one before is still running (a
community acts on one harm while it learns about the next).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from desktop.models.enums import CycleStatus, PartnershipStatus, PhaseKind

# Plain strings: enum member access is slow in a loop that runs millions of times.
RELATIONSHIP_BUILDING = PhaseKind.RELATIONSHIP_BUILDING.value
LEARNING = PhaseKind.LEARNING.value
FEEDBACK = PhaseKind.FEEDBACK.value
PLANNING = PhaseKind.PLANNING.value
ACTION = PhaseKind.ACTION.value
REVIEW = PhaseKind.REVIEW.value
ACTIVE = CycleStatus.ACTIVE.value
COMPLETED = CycleStatus.COMPLETED.value
SUSPENDED = CycleStatus.SUSPENDED.value

_PHASE_DAYS: tuple[tuple[str, int, int], ...] = (
    (RELATIONSHIP_BUILDING, 20, 45),
    (LEARNING, 30, 60),
    (FEEDBACK, 7, 20),
    (PLANNING, 20, 40),
    (ACTION, 120, 240),
    (REVIEW, 20, 40),
)

# Which partnership story a community gets (weights out of 100).
STORIES: tuple[tuple[str, int], ...] = (
    ("agreed", 66),
    ("exploring", 6),
    ("declined", 6),
    ("paused", 6),
    ("resumed", 6),
    ("phased_out", 10),
)
_CYCLE_COUNTS = (1, 1, 1, 1, 1, 2, 2, 2, 3, 4)


@dataclass(frozen=True)
class PhasePlan:
    kind: str
    start: int
    end: int  # last day, inclusive


@dataclass(frozen=True)
class CyclePlan:
    number: int
    phases: tuple[PhasePlan, ...]
    status: str
    stop: int  # the last day anything happens in the cycle (today at most)

    @property
    def start(self) -> int:
        return self.phases[0].start

    @property
    def end(self) -> int:
        return self.phases[-1].end

    def phase(self, kind: str) -> PhasePlan | None:
        """The phase of this kind if it has begun by ``stop``."""
        for phase in self.phases:
            if phase.kind == kind:
                return phase if phase.start <= self.stop else None
        return None


@dataclass(frozen=True)
class Story:
    """A community's partnership changes (status, day, reason key) and its cycles."""

    changes: tuple[tuple[str, int, str], ...]
    cycles: tuple[CyclePlan, ...]

    @property
    def status(self) -> str:
        return self.changes[-1][0]

    @property
    def since(self) -> int:
        return self.changes[-1][1]


def _lengths(rng: random.Random, first: bool) -> list[tuple[str, int]]:
    kinds = _PHASE_DAYS if first else _PHASE_DAYS[1:]
    return [(kind, rng.randint(low, high)) for kind, low, high in kinds]


def _layout(start: int, lengths: list[tuple[str, int]]) -> tuple[PhasePlan, ...]:
    phases = []
    for kind, days in lengths:
        phases.append(PhasePlan(kind, start, start + days - 1))
        start += days
    return tuple(phases)


def _cycle_lengths(rng: random.Random, count: int) -> list[list[tuple[str, int]]]:
    return [_lengths(rng, first=(n == 0)) for n in range(count)]


def _total(lengths: list[tuple[str, int]]) -> int:
    return sum(days for _kind, days in lengths)


def _layouts(
    rng: random.Random, lengths: list[list[tuple[str, int]]], last_start: int
) -> list[tuple[PhasePlan, ...]]:
    """Overlapping cycles, the last starting on ``last_start``, each earlier one begun
    55-85% of its own length before the next."""
    start = last_start
    starts = [start]
    for cycle in reversed(lengths[:-1]):
        start -= int(_total(cycle) * rng.uniform(0.55, 0.85))
        starts.append(start)
    starts.reverse()
    return [_layout(s, cycle) for s, cycle in zip(starts, lengths, strict=True)]


def _plans(layouts: list[tuple[PhasePlan, ...]], suspended_on: int | None) -> tuple[CyclePlan, ...]:
    plans = []
    for number, phases in enumerate(layouts, start=1):
        end = phases[-1].end
        if suspended_on is not None and end > suspended_on:
            status, stop = SUSPENDED, suspended_on
        elif end < 0:
            status, stop = COMPLETED, end
        else:
            status, stop = ACTIVE, 0
        plans.append(CyclePlan(number, phases, status, stop))
    return tuple(plans)


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([name for name, _w in weighted], [w for _n, w in weighted])[0]


_AGREED, _EXPLORING = PartnershipStatus.AGREED.value, PartnershipStatus.EXPLORING.value


def story(rng: random.Random, kind: str | None = None) -> Story:
    """A made-up but coherent partnership history with its cycles (``kind``: one of
    STORIES, else drawn by weight)."""
    kind = kind or _pick(rng, STORIES)
    if kind == "exploring":
        return Story(((_EXPLORING, -rng.randint(3, 120), "exploring"),), ())
    if kind == "declined":
        return _declined(rng)
    count = rng.choice(_CYCLE_COUNTS)
    if kind == "phased_out":
        return _phased_out(rng, count)
    if kind == "paused":
        return _paused(rng, count)
    return _working(rng, count, resumed=kind == "resumed")


def _declined(rng: random.Random) -> Story:
    """Approached, then said no: no cycle."""
    first = -rng.randint(40, 1400)
    declined = min(first + rng.randint(14, 90), -1)
    return Story(
        (
            (_EXPLORING, first, "exploring"),
            (PartnershipStatus.DECLINED.value, declined, "declined"),
        ),
        (),
    )


def _phased_out(rng: random.Random, count: int) -> Story:
    """``count`` cycles, all ended, then the office stepped back."""
    ended = -rng.randint(20, 400)
    lengths = _cycle_lengths(rng, count)
    last_end = ended - rng.randint(10, 60)
    layouts = _layouts(rng, lengths, last_end - _total(lengths[-1]) + 1)
    cycles = _plans(layouts, None)
    begin = cycles[0].start - rng.randint(3, 25)
    changes = [(_EXPLORING, begin - rng.randint(14, 90), "exploring"), (_AGREED, begin, "agreed")]
    changes.append((PartnershipStatus.PHASED_OUT.value, ended, "phased_out"))
    return Story(tuple(changes), cycles)


def _paused(rng: random.Random, count: int) -> Story:
    """Paused while its last cycle runs: that cycle is suspended on the day."""
    layouts = _layouts(rng, _cycle_lengths(rng, count), -rng.randint(60, 300))
    last = layouts[-1]
    paused_on = rng.randint(last[0].start + 30, min(-10, last[-1].end - 1))
    cycles = _plans(layouts, paused_on)
    begin = cycles[0].start - rng.randint(3, 25)
    return Story(
        (
            (_EXPLORING, begin - rng.randint(14, 90), "exploring"),
            (_AGREED, begin, "agreed"),
            (PartnershipStatus.PAUSED.value, paused_on, "paused"),
        ),
        cycles,
    )


def _working(rng: random.Random, count: int, *, resumed: bool) -> Story:
    """In partnership with a cycle under way (or one just ended); ``resumed``: it asked to
    wait (harvest, elections) before the first cycle."""
    lengths = _cycle_lengths(rng, count)
    total = _total(lengths[-1])
    if rng.random() < 0.08:  # between cycles: the last one ended recently
        last_start = -(total + rng.randint(10, 120))
    else:
        last_start = -rng.randint(5, int(total * 0.95))
    cycles = _plans(_layouts(rng, lengths, last_start), None)
    begin = cycles[0].start - rng.randint(3, 25)
    if resumed:
        paused_on = begin - rng.randint(45, 150)
        agreed_on = paused_on - rng.randint(10, 40)
        return Story(
            (
                (_EXPLORING, agreed_on - rng.randint(14, 90), "exploring"),
                (_AGREED, agreed_on, "agreed"),
                (PartnershipStatus.PAUSED.value, paused_on, "paused"),
                (_AGREED, begin, "resumed"),
            ),
            cycles,
        )
    return Story(
        ((_EXPLORING, begin - rng.randint(14, 90), "exploring"), (_AGREED, begin, "agreed")),
        cycles,
    )
