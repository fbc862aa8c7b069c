"""One planning and action cycle: phases, meetings with attendance, learning findings, and
the harms the community considered, ranked by each group and selected.

Actions, monitoring and reviews follow in ``follow_through.py``; this module hands over the
selected harms and the meetings they hang on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.demo import harm_texts, phrases
from desktop.demo import timeline as tl
from desktop.demo.context import Place, World
from desktop.demo.timeline import CyclePlan
from desktop.demo.writer import RowId
from desktop.models.enums import MeetingKind

_WHOLE = MeetingKind.WHOLE_COMMUNITY.value
_SMALL = MeetingKind.SMALL_GROUP.value
_HOME = MeetingKind.HOME_VISIT.value
_PLANNING = MeetingKind.PLANNING_GROUP.value
_REFLECTION = MeetingKind.REFLECTION.value
_DIALOGUE = MeetingKind.FORMAL_DIALOGUE.value
_AT_DIALOGUE = frozenset(("women", "men", "elders", "girls"))

# People who come to a whole-community meeting, by group (low, high).
_TURNOUT = {
    "girls": (6, 35),
    "boys": (6, 35),
    "women": (15, 60),
    "men": (10, 45),
    "elders": (4, 15),
    "disability": (1, 6),
}


@dataclass
class CycleState:
    """What the later parts of a cycle need from the earlier ones."""

    id: RowId
    plan: CyclePlan
    meetings: list[tuple[int, RowId, str]] = field(default_factory=list)  # (day, id, kind)
    feedback_meeting: tuple[int, RowId] | None = None
    selection_meeting: tuple[int, RowId] | None = None
    reflection_meeting: tuple[int, RowId] | None = None
    considered: list[str] = field(default_factory=list)  # harm codes ("" = own harm)
    selected: list[str] = field(default_factory=list)
    ranks: dict[str, dict[str, int]] = field(default_factory=dict)  # harm -> group -> rank


def harm_id(w: World, place: Place, code: str) -> RowId:
    if code == "" and place.own_harm is not None:
        return place.own_harm[0]
    return w.harm_ids[code]


def harm_phrase(place: Place, code: str) -> str:
    if code == "" and place.own_harm is not None:
        return place.own_harm[1]
    return harm_texts.PHRASE.get(code, code.replace("_", " "))


def build_cycle(w: World, place: Place, plan: CyclePlan) -> CycleState:
    """Write the cycle's phases, meetings, findings and priorities; the cycle row last."""
    state = CycleState(w.new_id(), plan)
    _phases(w, state)
    held = _held(w, place, state)
    _considered(w, place, state)
    _select(w, place, state)
    _meetings(w, place, state, held)
    _findings(w, place, state)
    _priorities(w, place, state)
    if state.selected:
        first = state.selected[0]
        title = phrases.TITLES.get(first) or harm_phrase(place, first).capitalize()
    else:
        title = phrases.FALLBACK_TITLE
    cal = w.cal
    end = plan.end if plan.status == tl.COMPLETED else None
    w.add(
        "cycle",
        (
            state.id,
            place.id,
            plan.number,
            title,
            cal.day(plan.start),
            cal.maybe_day(end),
            plan.status,
            cal.stamp(plan.start),
            cal.stamp(plan.stop),
        ),
    )
    return state


def _phases(w: World, state: CycleState) -> None:
    cal, plan = w.cal, state.plan
    for phase in plan.phases:
        if phase.start > plan.stop:
            break
        if phase.end < plan.stop:
            end: int | None = phase.end
        else:
            end = None if plan.status == tl.ACTIVE else plan.stop
        note = w.pick(phrases.PHASE_NOTES)
        touched = phase.start if end is None else end
        w.add(
            "phase",
            (
                w.new_id(),
                state.id,
                phase.kind,
                cal.day(phase.start),
                cal.maybe_day(end),
                note,
                cal.stamp(phase.start),
                cal.stamp(touched),
            ),
        )


def _schedule(w: World, state: CycleState) -> list[tuple[int, str, str]]:
    """(day, kind, role) of the meetings a cycle holds; role marks the special ones."""
    out = []
    for phase in state.plan.phases:
        start, end, kind = phase.start, phase.end, phase.kind
        if kind == tl.RELATIONSHIP_BUILDING:
            out.append((start + w.between(0, (end - start) // 3), _WHOLE, ""))
            out.extend((w.between(start, end), _HOME, "") for _ in range(w.between(0, 1)))
        elif kind == tl.LEARNING:
            out.extend((w.between(start, end), _SMALL, "") for _ in range(w.between(2, 3)))
        elif kind == tl.FEEDBACK:
            out.append((w.between(start, end), _WHOLE, "feedback"))
        elif kind == tl.PLANNING:
            out.append((w.between(start, end - 6), _PLANNING, ""))
            out.append((end - w.between(0, 5), _WHOLE, "selection"))
        elif kind == tl.ACTION:
            day = start + w.between(5, 25)
            while day <= end:
                out.append((day, _PLANNING, "action"))
                day += w.between(45, 80)
            if w.random() < 0.5:
                out.append((w.between(start, end), _DIALOGUE, ""))
            if w.random() < 0.2:
                out.append((w.between(start, end), _HOME, ""))
        elif kind == tl.REVIEW:
            out.append((start + w.between(3, end - start), _REFLECTION, "reflection"))
    out.sort()
    return out


def _held(w: World, place: Place, state: CycleState) -> list[tuple[int, str, str, RowId]]:
    """The scheduled meetings that took place by the cycle's stop (and before the community
    went quiet), with their ids; notes which ones were the feedback, selection and
    reflection meetings."""
    last = min(state.plan.stop, place.quiet_after)
    held = []
    for day, kind, role in _schedule(w, state):
        if day > last or day < state.plan.start:
            continue
        meeting_id = w.new_id()
        held.append((day, kind, role, meeting_id))
        state.meetings.append((day, meeting_id, kind))
        if role == "feedback":
            state.feedback_meeting = (day, meeting_id)
        elif role == "selection":
            state.selection_meeting = (day, meeting_id)
        elif role == "reflection":
            state.reflection_meeting = (day, meeting_id)
    return held


def _meetings(
    w: World, place: Place, state: CycleState, held: list[tuple[int, str, str, RowId]]
) -> None:
    cal = w.cal
    places = phrases.PLACES[place.words]
    decisions, notes = phrases.DECISIONS, phrases.NOTES
    formal = [name for _id, _type, name in place.stakeholders]
    chosen = " and ".join(harm_phrase(place, code) for code in state.selected)
    for day, kind, role, meeting_id in held:
        if kind == _HOME:
            where = phrases.HOME[place.words]
        elif kind == _DIALOGUE and formal:
            where = w.pick(formal)
        else:
            where = w.pick(places)
        if kind in (_PLANNING, _REFLECTION) and place.leaders:
            led_by = w.pick(place.leaders)
        else:
            led_by = place.facilitator
        if role == "selection" and chosen:
            decision = phrases.SELECTION.format(harm=chosen)
        else:
            decision = w.pick(decisions[kind])
            if "{harm}" in decision:
                decision = decision.format(harm=chosen) if chosen else ""
        stamp = cal.stamp(day)
        w.add(
            "meeting",
            (
                meeting_id,
                state.id,
                cal.day(day),
                kind,
                where,
                led_by,
                decision,
                w.pick(notes[kind]),
                stamp,
                stamp,
            ),
        )
        _attendance(w, place, meeting_id, kind, stamp)


def _attendance(w: World, place: Place, meeting_id: RowId, kind: str, stamp: str) -> None:
    groups, between, chance = place.groups, w.between, w.random
    if kind == _WHOLE:
        absent = w.pick(groups) if chance() < 0.12 else ""  # someone's absence to notice
        counts = [(g, between(*_TURNOUT[g])) for g in groups if g != absent]
    elif kind == _SMALL:
        counts = [(w.pick(groups), between(5, 20))]
    elif kind == _HOME:
        counts = [(w.pick(groups), between(1, 5))]
    elif kind == _DIALOGUE:
        counts = [(g, between(1, 4)) for g in groups if g in _AT_DIALOGUE and chance() < 0.6]
    elif kind == _REFLECTION:
        counts = [(g, between(3, 15)) for g in groups]
    else:  # planning group: members speak for several groups, not always all
        counts = [(g, between(1, 3)) for g in groups if chance() < 0.75]
    append, new_id = w.table("meeting_attendance").append, w.new_id
    for group, count in counts:
        append((new_id(), meeting_id, group, count, stamp, stamp))


def _considered(w: World, place: Place, state: CycleState) -> None:
    """The harms the learning phase brings up (3-6; earlier selections rarely again)."""
    wanted = w.between(3, 6)
    chosen: list[str] = []
    if place.own_harm is not None and place.own_harm_cycle == state.plan.number:
        chosen.append("")
    pool = [c for c in place.likely if c in w.harm_ids and c not in place.selected_before]
    others = [c for c in w.harm_ids if c not in pool and c in harm_texts.PHRASE]
    if not pool and not others:
        state.considered = chosen
        return
    for _ in range(40):
        if len(chosen) >= wanted:
            break
        code = w.pick(pool) if pool and w.random() < 0.8 else w.pick(others or pool)
        if code not in chosen:
            chosen.append(code)
    state.considered = chosen


def _findings(w: World, place: Place, state: CycleState) -> None:
    learning = state.plan.phase(tl.LEARNING)
    if learning is None or not state.considered:
        return
    cal = w.cal
    feedback = state.feedback_meeting
    for code in state.considered[: w.between(2, 4)]:
        day = w.between(learning.start, min(learning.end, state.plan.stop))
        if code == "":
            summary = f"The community named {harm_phrase(place, code)} as a harm of its own."
        else:
            summary = w.pick(harm_texts.FINDINGS[code])
        group, with_whom = w.pick(harm_texts.WITH_WHOM)
        if group not in place.groups:
            group, with_whom = "women", "with women"
        method = f"{w.pick(harm_texts.TOOLS)} {with_whom}"
        validated: int | None = None
        meeting_id = None
        if feedback is not None:
            roll = w.random()
            validated = None if roll < 0.1 else (0 if roll < 0.15 else 1)
            meeting_id = feedback[1] if validated is not None else None
        touched = feedback[0] if meeting_id is not None and feedback is not None else day
        w.add(
            "learning_finding",
            (
                w.new_id(),
                state.id,
                harm_id(w, place, code),
                summary,
                method,
                validated,
                meeting_id,
                cal.stamp(day),
                cal.stamp(touched),
            ),
        )


def _select(w: World, place: Place, state: CycleState) -> None:
    """Each group ranks the considered harms (1 = most serious, by its own concerns); the
    community selects the one or two with the best ranks overall at the selection meeting."""
    if state.plan.phase(tl.PLANNING) is None or not state.considered:
        return
    concerns = harm_texts.GROUP_CONCERNS
    seriousness = {code: w.random() for code in state.considered}
    for group in place.groups:
        worry = concerns.get(group, ())
        scores = sorted(
            state.considered,
            key=lambda c: -(seriousness[c] + (0.6 if c in worry or c == "" else 0) + w.random()),
        )
        for rank, code in enumerate(scores, start=1):
            state.ranks.setdefault(code, {})[group] = rank
    if state.selection_meeting is not None:
        order = sorted(state.considered, key=lambda c: sum(state.ranks[c].values()))
        state.selected = order[: 1 if w.random() < 0.6 else 2]
        place.selected_before.extend(state.selected)


def _girls_only(ranks: dict[str, int]) -> bool:
    """Whether the girls ranked a harm first and every other group ranked it third or lower."""
    return ranks.get("girls") == 1 and all(r > 2 for g, r in ranks.items() if g != "girls")


def _priorities(w: World, place: Place, state: CycleState) -> None:
    planning = state.plan.phase(tl.PLANNING)
    if planning is None or not state.considered:
        return
    cal = w.cal
    decided = state.selection_meeting
    ranked_on = min(planning.start + w.between(0, 10), state.plan.stop)
    for code in state.considered:
        selected = code in state.selected
        if decided is None:
            reasons = ""
        elif selected:
            reasons = w.pick(harm_texts.SELECTED_REASONS).format(harm=harm_phrase(place, code))
        elif _girls_only(state.ranks[code]):
            reasons = harm_texts.GIRLS_ONLY_REASON
        else:
            reasons = w.pick(harm_texts.NOT_SELECTED_REASONS)
        priority_id = w.new_id()
        created = cal.stamp(ranked_on)
        w.add(
            "harm_priority",
            (
                priority_id,
                state.id,
                harm_id(w, place, code),
                1 if selected else 0,
                reasons,
                decided[1] if decided is not None else None,
                created,
                cal.stamp(decided[0]) if decided is not None else created,
            ),
        )
        append, new_id = w.table("harm_rank").append, w.new_id
        for group, rank in state.ranks.get(code, {}).items():
            append((new_id(), priority_id, group, rank, created, created))
