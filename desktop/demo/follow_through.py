"""What a community does about the harms it selected: actions with the formal actors who
help, indicators in its own words with observations over time, and reflections.

Statuses follow the calendar: in a finished cycle actions are done or dropped; in the
current one some are still planned, some under way, and some past their due date (the
overdue work a field office has to notice).
"""

from __future__ import annotations

from desktop.demo import harm_texts, indicators, phrases
from desktop.demo import timeline as tl
from desktop.demo.context import Place, World
from desktop.demo.cycle import CycleState, harm_id, harm_phrase
from desktop.demo.writer import RowId
from desktop.models.enums import ActionStatus, ObservationKind

_PLANNED = ActionStatus.PLANNED.value
_UNDER_WAY = ActionStatus.UNDER_WAY.value
_DONE = ActionStatus.DONE.value
_DROPPED = ActionStatus.DROPPED.value
_NUMBER, _TEXT = ObservationKind.NUMBER.value, ObservationKind.TEXT.value


def _own_idea(phrase: str) -> harm_texts.ActionIdea:
    return harm_texts.ActionIdea(
        f"Parents and leaders agree together how to end {phrase}",
        "Planning group chair",
        "Parents, leaders, young people",
        "Meeting time; volunteers to follow up",
        "",
        ("local_government",),
    )


def _status(w: World, state: CycleState, start: int, due: int) -> tuple[str, int | None]:
    """An action's status and completion day, given where the cycle stands."""
    plan = state.plan
    roll = w.random()
    if plan.status == tl.COMPLETED:
        if roll < 0.88:
            return _DONE, w.between(start, min(due + 20, plan.stop))
        return _DROPPED, None
    if start > plan.stop:
        return _PLANNED, None
    if plan.status == tl.SUSPENDED:
        return (_UNDER_WAY, None) if roll < 0.7 else (_DROPPED, None)
    if due < 0:  # the due date has passed: many done, some overdue
        if roll < 0.5:
            return _DONE, w.between(start, min(due + 20, 0))
        if roll < 0.72:
            return _UNDER_WAY, None
        if roll < 0.82:
            return _PLANNED, None
        return _DROPPED, None
    if roll < 0.6:
        return _UNDER_WAY, None
    if roll < 0.8:
        return _PLANNED, None
    return _DONE, w.between(start, 0)


def build_actions(w: World, place: Place, state: CycleState) -> list[tuple[RowId, str, int]]:
    """Actions for the selected harms; returns (action id, harm code, start day)."""
    decided = state.selection_meeting
    action = next(p for p in state.plan.phases if p.kind == tl.ACTION)
    if decided is None:
        return []
    cal = w.cal
    made: list[tuple[RowId, str, int]] = []
    per_harm = 2 if len(state.selected) == 1 else 1
    for code in state.selected:
        if code in harm_texts.ACTIONS:
            pool = harm_texts.ACTIONS[code]
            ideas = w.rng.sample(pool, min(len(pool), per_harm + w.between(0, 1)))
        else:
            ideas = [_own_idea(harm_phrase(place, code))]
        for idea in ideas:
            start = action.start + w.between(0, 40)
            due = min(start + w.between(30, 120), action.end + 15)
            status, completed = _status(w, state, start, due)
            action_id = w.new_id()
            touched = completed if completed is not None else min(start, state.plan.stop)
            w.add(
                "action",
                (
                    action_id,
                    state.id,
                    harm_id(w, place, code),
                    idea.what,
                    idea.lead,
                    idea.participants,
                    cal.day(start),
                    cal.day(due),
                    status,
                    idea.community,
                    idea.outside,
                    1 if w.random() < 0.92 else 0,
                    1 if w.random() < 0.85 else 0,
                    1 if w.random() < 0.95 else 0,
                    1 if w.random() < 0.8 else 0,
                    cal.maybe_day(completed),
                    cal.stamp(decided[0]),
                    cal.stamp(max(touched, decided[0])),
                ),
            )
            _link_actors(w, place, action_id, idea.partners, cal.stamp(decided[0]))
            made.append((action_id, code, start))
    return made


def _link_actors(
    w: World, place: Place, action_id: RowId, partners: tuple[str, ...], stamp: str
) -> None:
    linked = set()
    for wanted in partners:
        if w.random() < 0.3:
            continue
        options = [sid for sid, kind, _name in place.stakeholders if kind == wanted]
        if options:
            stakeholder = w.pick(options)
            if stakeholder not in linked:
                linked.add(stakeholder)
                w.add("action_stakeholder", (w.new_id(), action_id, stakeholder, stamp, stamp))


def build_indicators(
    w: World, place: Place, state: CycleState, actions: list[tuple[RowId, str, int]]
) -> None:
    """One or two indicators per selected harm, observed every month or two since action."""
    decided = state.selection_meeting
    if decided is None:
        return
    cal = w.cal
    action = next(p for p in state.plan.phases if p.kind == tl.ACTION)
    for code in state.selected:
        ideas = indicators.IDEAS.get(code, (indicators.OWN_HARM_IDEA,))
        for idea in w.rng.sample(ideas, min(len(ideas), w.between(1, 2))):
            wording, unit = idea.words[place.words]
            counted = idea.counted
            first, last = w.between(*idea.baseline), w.between(*idea.target)
            linked = [a for a, c, _s in actions if c == code]
            collected_by = w.pick(indicators.COLLECTED_BY)
            indicator_id = w.new_id()
            w.add(
                "indicator",
                (
                    indicator_id,
                    state.id,
                    harm_id(w, place, code),
                    linked[0] if linked and w.random() < 0.5 else None,
                    wording,
                    1,
                    idea.method,
                    collected_by,
                    w.pick(indicators.FREQUENCY),
                    _NUMBER if counted else _TEXT,
                    unit,
                    str(first) if counted else indicators.SCALE[w.between(0, 1)],
                    str(last) if counted else indicators.SCALE[-1],
                    float(first) if counted else None,
                    float(last) if counted else None,
                    cal.stamp(decided[0]),
                    cal.stamp(decided[0]),
                ),
            )
            _observe(w, state, indicator_id, counted, first, last, collected_by, action.start)


def _observe(
    w: World,
    state: CycleState,
    indicator_id: RowId,
    counted: bool,
    first: int,
    last: int,
    collected_by: str,
    since: int,
) -> None:
    cal = w.cal
    span = max(1, state.plan.end - since)
    pace = w.pick((0.2, 1.0, 1.0, 1.2))  # some indicators stall
    day = since + w.between(0, 20)
    level = 0
    while day <= min(state.plan.stop, 0):
        progress = min(1.0, (day - since) / span * pace)
        if counted:
            noise = w.rng.gauss(0, max(1.0, abs(last - first) * 0.08))
            value: float | None = float(max(0, round(first + (last - first) * progress + noise)))
            text = ""
        else:
            level = max(level, min(len(indicators.SCALE) - 1, int(progress * 4 + w.random())))
            value, text = None, indicators.SCALE[level]
        note = w.pick(indicators.OBSERVATION_NOTES) if w.random() < 0.15 else ""
        stamp = cal.stamp(day)
        row = (w.new_id(), indicator_id, cal.day(day), value, text, note, collected_by)
        w.add("observation", (*row, stamp, stamp))
        day += w.between(28, 60)


def build_reflections(
    w: World, place: Place, state: CycleState, actions: list[tuple[RowId, str, int]]
) -> None:
    """The review phase's reflection meeting, and now and then one during the action phase."""
    cal = w.cal
    sessions = []
    if state.reflection_meeting is not None:
        sessions.append(state.reflection_meeting)
    during = [(d, m) for d, m, k in state.meetings if k == "planning_group"]
    if actions and len(during) > 2 and w.random() < 0.4:
        sessions.append(w.pick(during[1:]))
    harm = harm_phrase(place, state.selected[0]) if state.selected else "the harms chosen"
    for day, meeting_id in sessions:
        reflection_id = w.new_id()
        stamp = cal.stamp(day)
        w.add(
            "reflection",
            (
                reflection_id,
                state.id,
                cal.day(day),
                w.pick(phrases.WHAT_WORKED).format(harm=harm),
                w.pick(phrases.CHALLENGES),
                w.pick(phrases.ADJUSTMENTS),
                meeting_id,
                stamp,
                stamp,
            ),
        )
        begun = [a for a, _c, start in actions if start <= day]
        for action_id in w.rng.sample(begun, min(len(begun), w.between(1, 2))):
            w.add("reflection_action", (w.new_id(), reflection_id, action_id, stamp, stamp))
