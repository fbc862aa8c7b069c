"""Mentor reviews of a cycle: a rating and comment per process benchmark, follow-ups with
owners and due dates (some overdue), the facilitator's response and, often, a sign-off.

Ratings follow what the data shows: a community where a group never takes part gets
"needs attention" on inclusive participation, and early reviews rate the formal linkage
and sustainability benchmarks "not yet".
"""

from __future__ import annotations

from desktop.demo import phrases
from desktop.demo import timeline as tl
from desktop.demo.context import Place, World
from desktop.demo.cycle import CycleState
from desktop.demo.writer import RowId
from desktop.models.enums import Benchmark, BenchmarkRating, FollowUpStatus

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
        if concerns and day >= -120:
            _comment_thread(w, place, state, review_id, day)


def _follow_up(w: World, review_id: RowId, day: int, benchmark: str) -> None:
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


_QUESTIONS = (
    "Could you tell me how the planning group chose this?",
    "Which groups were missing, and why do you think so?",
    "Can we talk about this at my next visit?",
    "Is the district officer aware of this plan?",
)
_REPLIES = (
    "Yes, the chair explained it at the last meeting. I will add the notes.",
    "The elders were at a funeral; we plan a separate session with them.",
    "Agreed, I have put it on the agenda.",
    "Not yet; I will ask the social welfare office this week.",
)


def _usernames(w: World, place: Place) -> tuple[str, str] | None:
    """(mentor, facilitator) usernames of the community, when both are known."""
    mentor = next((u for u, (uid, _s, _r) in w.users.items() if uid == place.mentor_id), None)
    facilitator = next(
        (u for u, (_i, shown, role) in w.users.items()
         if role == "facilitator" and (shown or u) == place.facilitator),
        None,
    )  # fmt: skip
    return (mentor, facilitator) if mentor and facilitator else None


def _comment_thread(w: World, place: Place, state: CycleState, review_id: RowId, day: int) -> None:
    """A mentor's question on a recent review and, mostly, the facilitator's answer; some
    answers the mentor has not read yet, some questions still wait for an answer."""
    people = _usernames(w, place)
    if people is None:
        return
    mentor, facilitator = people
    cal = w.cal
    asked = min(day + w.between(0, 3), 0)
    question = w.new_id()
    answered = w.random() < 0.75
    resolved = asked + 6 if answered and asked <= -10 and w.random() < 0.4 else None
    w.add(
        "comment",
        (
            question, state.id, "mentor_review", review_id, None, mentor, w.pick(_QUESTIONS),
            cal.maybe_day(resolved), mentor if resolved is not None else "",
            cal.stamp(asked), cal.stamp(resolved if resolved is not None else asked),
        ),
    )  # fmt: skip
    if not answered:
        return
    replied = min(asked + w.between(1, 5), 0)
    reply = w.new_id()
    w.add(
        "comment",
        (
            reply, state.id, "mentor_review", review_id, question, facilitator,
            w.pick(_REPLIES), None, "", cal.stamp(replied), cal.stamp(replied),
        ),
    )  # fmt: skip
    at = cal.stamp(replied)
    w.add("comment_read", (w.new_id(), question, facilitator, at, at, at))
    if w.random() < 0.5:  # the mentor has seen the answer; the rest show as new
        seen = min(replied + w.between(0, 3), 0)
        at = cal.stamp(seen)
        w.add("comment_read", (w.new_id(), reply, mentor, at, at, at))
