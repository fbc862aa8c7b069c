"""Mentor reviews of a cycle: a rating and comment per process benchmark, follow-ups with
owners and due dates (some overdue), the facilitator's response and, often, a sign-off.

Ratings follow what the data shows: a community where a group never takes part gets
"needs attention" on inclusive participation, and early reviews rate the formal linkage
and sustainability benchmarks "not yet".
"""

from __future__ import annotations

from desktop.models.enums import Benchmark, BenchmarkRating, FollowUpStatus
from desktop.services.demo import phrases
from desktop.services.demo import timeline as tl
from desktop.services.demo.context import Place, World
from desktop.services.demo.cycle import CycleState

_ALL_GROUPS = frozenset(("girls", "boys", "women", "men", "elders", "disability"))
_ON_TRACK = BenchmarkRating.ON_TRACK.value
_NEEDS = BenchmarkRating.NEEDS_ATTENTION.value
_NOT_YET = BenchmarkRating.NOT_YET.value
_BENCHMARKS = tuple(b.value for b in Benchmark)
_INCLUSION = Benchmark.INCLUSIVE_PARTICIPATION.value
_LATER = (Benchmark.FORMAL_LINKAGE.value, Benchmark.SUSTAINABILITY.value)
_OPEN, _DONE = FollowUpStatus.OPEN.value, FollowUpStatus.DONE.value
_CANCELLED = FollowUpStatus.CANCELLED.value


def _moments(w: World, state: CycleState) -> list[tuple[int, str]]:
    """(day, phase kind) of the reviews a mentor made in this cycle so far."""
    plan, out = state.plan, []
    planning = plan.phase(tl.PLANNING)
    if planning is not None:
        out.append((planning.start + w.between(7, 30), tl.PLANNING))
    action = plan.phase(tl.ACTION)
    if action is not None and w.random() < 0.3:
        out.append((action.start + w.between(40, 100), tl.ACTION))
    review = plan.phase(tl.REVIEW)
    if review is not None:
        out.append((review.start + w.between(2, 15), tl.REVIEW))
    return [(day, kind) for day, kind in out if day <= min(plan.stop, 0)]


def _rating(w: World, place: Place, benchmark: str, phase: str, number: int) -> str:
    roll = w.random()
    early = phase == tl.PLANNING and number == 1
    if benchmark == _INCLUSION:
        if not _ALL_GROUPS.issubset(place.groups):
            return _NEEDS if roll < 0.85 else _NOT_YET
    elif benchmark in _LATER and early:
        return _NOT_YET if roll < 0.7 else _NEEDS
    if roll < 0.6:
        return _ON_TRACK
    return _NEEDS if roll < 0.9 else _NOT_YET


def build_reviews(w: World, place: Place, state: CycleState) -> None:
    if place.mentor_id is None:
        return
    cal = w.cal
    for day, phase in _moments(w, state):
        review_id = w.new_id()
        response = w.pick(phrases.RESPONSES) if day <= -7 and w.random() < 0.7 else ""
        signed = day + w.between(1, 10) if day <= -12 and w.random() < 0.65 else None
        touched = max(day, signed or day)
        w.add(
            "mentor_review",
            (
                review_id,
                state.id,
                place.mentor_id,
                cal.day(day),
                w.pick(phrases.OVERALL),
                response,
                cal.maybe_day(signed),
                phase if signed is not None else "",
                cal.stamp(day),
                cal.stamp(touched),
            ),
        )
        stamp = cal.stamp(day)
        concerns = []
        for benchmark in _BENCHMARKS:
            rating = _rating(w, place, benchmark, phase, state.plan.number)
            comment = w.pick(phrases.BENCHMARK_COMMENTS[benchmark][rating])
            row = (w.new_id(), review_id, benchmark, rating, comment, stamp, stamp)
            w.add("benchmark_assessment", row)
            if rating != _ON_TRACK:
                concerns.append(benchmark)
        for concern in concerns[: w.between(1, 2)]:
            _follow_up(w, review_id, day, concern)


def _follow_up(w: World, review_id: str, day: int, benchmark: str) -> None:
    cal = w.cal
    due = day + w.between(14, 60)
    roll = w.random()
    closed: int | None = None
    if due < -90:  # long past: mostly settled
        done, cancelled = 0.85, 0.95
    elif due < 0:  # recently due: some still open, i.e. overdue
        done, cancelled = 0.5, 0.6
    else:
        done, cancelled = (0.15, 0.15) if day < 0 else (0.0, 0.0)
    if roll < done:
        status, closed = _DONE, w.between(day + 1, min(due + 15, 0))
    elif roll < cancelled:
        status, closed = _CANCELLED, w.between(day + 1, min(due, 0))
    else:
        status = _OPEN
    w.add(
        "follow_up",
        (
            w.new_id(),
            review_id,
            w.pick(phrases.FOLLOW_UPS[benchmark]),
            w.pick(phrases.FOLLOW_UP_OWNERS),
            cal.day(due),
            status,
            cal.maybe_day(closed),
            cal.stamp(day),
            cal.stamp(closed if closed is not None else day),
        ),
    )
