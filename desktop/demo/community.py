"""One demo community: where it is, its partnership story, who supports it, its planning
group, its links with formal actors, and its cycles.

A community that declined, or is still being approached, has no cycles: the demo shows
that a "no" is recorded and respected, not worked around.
"""

from __future__ import annotations

from desktop.demo import harm_texts, names, phrases, places, timeline
from desktop.demo.context import Place, World
from desktop.demo.cycle import build_cycle
from desktop.demo.follow_through import build_actions, build_indicators, build_reflections
from desktop.demo.reviews import build_reviews
from desktop.demo.writer import RowId
from desktop.models.enums import AssignmentRole, LinkageStatus
from desktop.services.framework.text import fold

_NOTES = (
    "",
    "",
    "",
    "Market day is Thursday; meetings avoid it.",
    "The road is hard to pass in the rainy season.",
    "Meetings in the afternoon suit women best.",
    "Two languages are spoken; sessions are interpreted.",
)
_OWN_CODES = frozenset(h.code for h in harm_texts.OWN_HARMS)
_LINKED_TYPES = (
    "social_welfare",
    "social_welfare",
    "police",
    "health",
    "education",
    "education",
    "local_government",
    "ngo",
    "faith_traditional",
    "other",
)
_LINK_STEPS = (
    LinkageStatus.PROPOSED.value,
    LinkageStatus.IN_DIALOGUE.value,
    LinkageStatus.ACTIVE.value,
)


def build_community(
    w: World,
    district: places.District,
    localities: list[str],
    kind: str | None = None,
    story_kind: str | None = None,
) -> None:
    """Write one community and everything about it (``kind`` and ``story_kind`` force the
    community kind and partnership story, else they are drawn)."""
    if kind is None:
        kinds = district.kinds
        kind = w.rng.choices([k for k, _n in kinds], [n for _k, n in kinds])[0]
    name, other_names = names.community_name(w.rng, district.style, kind)
    locality = w.pick(localities)
    story = timeline.story(w.rng, story_kind)
    community_id = _write_community(w, district, kind, (name, other_names, locality), story)
    for status, day, reason in story.changes:
        text = w.pick(phrases.PARTNERSHIP_REASONS[reason])
        stamp = w.cal.stamp(day)
        w.add(
            "partnership_change",
            (w.new_id(), community_id, status, w.cal.day(day), text, stamp, stamp),
        )
    place = _place(w, kind, district, community_id)
    ended = story.since if story.status in ("declined", "phased_out") else None
    _assign(w, place, district.style, story.changes[0][1], ended)
    if story.cycles:
        _build_cycles(w, place, story)


def _write_community(
    w: World,
    district: places.District,
    kind: str,
    naming: tuple[str, str, str],
    story: timeline.Story,
) -> RowId:
    """The community's own row (its size and spot drawn around the district's); its id."""
    name, other_names, locality = naming
    cal = w.cal
    low, high = places.POPULATION[kind]
    if district.style == "arabic_lb" and kind == "camp":
        low, high = places.SMALL_CAMP
    community_id = w.new_id()
    w.add(
        "community",
        (
            community_id,
            name,
            other_names,
            kind,
            district.country,
            district.region,
            district.name,
            locality,
            round(district.latitude + w.rng.uniform(-0.2, 0.2), 5),
            round(district.longitude + w.rng.uniform(-0.2, 0.2), 5),
            w.rng.randrange(low, high, 10),
            district.languages,
            w.pick(_NOTES),
            story.status,
            cal.day(story.since),
            fold(name, other_names, district.name, locality),
            cal.stamp(story.changes[0][1]),
            cal.stamp(story.since),
        ),
    )
    return community_id


def _build_cycles(w: World, place: Place, story: timeline.Story) -> None:
    """The planning group and linkages from the first cycle on, then every cycle's work."""
    first_cycle = story.cycles[0]
    _planning_group(w, place, first_cycle.start + w.between(10, 40))
    _linkages(w, place, first_cycle.start + w.between(30, 200))
    if w.random() < 0.04 or not w.taken_codes.intersection(_OWN_CODES):
        _own_harm(w, place, w.pick(story.cycles))
    for plan in story.cycles:
        state = build_cycle(w, place, plan)
        actions = build_actions(w, place, state)
        build_indicators(w, place, state, actions)
        build_reflections(w, place, state, actions)
        build_reviews(w, place, state)


def _place(w: World, kind: str, district: places.District, community_id: RowId) -> Place:
    groups = list(w.groups)
    if w.random() < 0.25 and "disability" in groups:  # nobody has reached them yet
        groups.remove("disability")
    if w.random() < 0.08 and "girls" in groups:
        groups.remove("girls")
    quiet = -w.between(60, 150) if w.random() < 0.1 else 0  # no meeting for a while
    return Place(
        id=community_id,
        words=district.words,
        groups=tuple(groups),
        quiet_after=quiet,
        facilitator="",
        mentor_id=None,
        likely=harm_texts.LIKELY_HARMS[kind],
        stakeholders=w.stakeholders.get(district.name, []),
    )


def _user(w: World, usernames: tuple[str, ...], role: str) -> tuple[RowId, str] | None:
    for username in usernames:
        user = w.users.get(username)
        if user is not None and user[2] == role:
            return user[0], user[1] or username
    return None


def _assign(w: World, place: Place, style: str, since: int, ended: int | None) -> None:
    """One current facilitator (sometimes after a handover) and, for most, a mentor; the
    shared `facilitator` and `mentor` accounts get a large share so a demo login sees work."""
    cal = w.cal
    role = AssignmentRole.FACILITATOR.value
    local = names.FACILITATOR_BY_STYLE.get(style, ("facilitator",))
    facilitators = [u.username for u in names.USERS if u.role == role]
    choice = "facilitator" if w.random() < 0.3 else w.pick(local)
    current = _user(w, (choice, *local, *facilitators), role)
    if current is None:
        return
    place.facilitator = current[1]
    start = since
    if ended is None and since < -200 and w.random() < 0.1:  # a handover
        previous = _user(w, (w.pick(facilitators), *facilitators), role)
        start = w.between(since + 60, -30)
        if previous is not None and previous[0] != current[0]:
            past = (previous[0], role, cal.day(since), cal.day(start - 1))
            w.add(
                "community_assignment",
                (w.new_id(), place.id, *past, cal.stamp(since), cal.stamp(start)),
            )
    touched = cal.stamp(ended if ended is not None else start)
    row = (current[0], role, cal.day(start), cal.maybe_day(ended))
    w.add("community_assignment", (w.new_id(), place.id, *row, cal.stamp(start), touched))
    if w.random() < 0.85:
        mentors = [u.username for u in names.USERS if u.role == AssignmentRole.MENTOR]
        pick = "mentor" if w.random() < 0.5 else w.pick(mentors)
        mentor = _user(w, (pick, *mentors), AssignmentRole.MENTOR.value)
        if mentor is not None:
            place.mentor_id = mentor[0]
            mentoring = (
                mentor[0],
                AssignmentRole.MENTOR.value,
                cal.day(start),
                cal.maybe_day(ended),
            )
            w.add(
                "community_assignment",
                (w.new_id(), place.id, *mentoring, cal.stamp(start), touched),
            )


def _planning_group(w: World, place: Place, formed: int) -> None:
    """Members by role or initials (never full names), speaking for the groups present."""
    cal = w.cal
    formed = min(formed, 0)
    roles = [r for r in phrases.ROLES[place.words] if r[1] in place.groups]
    members = w.rng.sample(roles, min(len(roles), w.between(5, 7)))
    letters = phrases.INITIALS["ar" if place.words == "ar" else "latin"]
    for _ in range(w.between(1, 3)):
        initials = f"{w.pick(letters)}.{w.pick(letters)}."
        members.append((initials, w.pick(place.groups)))
    place.leaders = tuple(label for label, _group in members[:3])
    for label, group in members:
        left = None
        if formed < -200 and w.random() < 0.12:
            left = w.between(formed + 60, -10)
        stamp = cal.stamp(formed)
        row = (w.new_id(), place.id, label, group, cal.day(formed), cal.maybe_day(left))
        w.add(
            "planning_group_member", (*row, stamp, cal.stamp(left if left is not None else formed))
        )


def _linkages(w: World, place: Place, first: int) -> None:
    """Links with district actors, each with its status history up to today."""
    cal = w.cal
    if first > -5 or not place.stakeholders:
        return
    chosen: list[tuple[RowId, str, str]] = []
    for _ in range(w.between(1, 3)):
        wanted = w.pick(_LINKED_TYPES)
        options = [s for s in place.stakeholders if s[1] == wanted and s not in chosen]
        if options:
            chosen.append(w.pick(options))
    for stakeholder_id, kind, _name in chosen:
        day, history = w.between(first, -5), []
        for status in _LINK_STEPS[: w.pick((1, 2, 3, 3, 3))]:
            if day > 0:
                break
            history.append((status, day))
            day += w.between(14, 90)
        if len(history) == 3 and day + 120 < 0 and w.random() < 0.25:
            ending = LinkageStatus.LAPSED.value if w.random() < 0.7 else LinkageStatus.ENDED.value
            history.append((ending, w.between(day + 90, -1)))
        linkage_id = w.new_id()
        status, last = history[-1]
        agreed = next((d for s, d in history if s == LinkageStatus.ACTIVE), None)
        agreement = phrases.AGREEMENTS[kind] if agreed is not None else ""
        link_kind = w.pick(phrases.LINKAGE_KIND[kind])
        note = w.pick(phrases.LINKAGE_NOTES[status])
        row = (stakeholder_id, link_kind, status, cal.maybe_day(agreed), agreement, note)
        w.add("linkage", (linkage_id, place.id, *row, cal.stamp(history[0][1]), cal.stamp(last)))
        for step, on in history:
            stamp = cal.stamp(on)
            text = w.pick(phrases.LINKAGE_NOTES[step])
            w.add("linkage_change", (w.new_id(), linkage_id, step, cal.day(on), text, stamp, stamp))


def _own_harm(w: World, place: Place, plan: timeline.CyclePlan) -> None:
    """A harm the community names itself during a cycle's learning; its code follows the
    app's rule for new harms (stem, then stem_2, stem_3 ...)."""
    options = [h for h in harm_texts.OWN_HARMS if place.words in h.names]
    if not options:
        return
    own = w.pick(options)
    code, n = own.code, 1
    while code in w.taken_codes:
        n += 1
        code = f"{own.code}_{n}"
    w.taken_codes.add(code)
    harm_id = w.new_id()
    stamp = w.cal.stamp(min(plan.start + 20, plan.stop))
    w.add(
        "harm", (harm_id, code, own.names[place.words], own.description, place.id, 0, stamp, stamp)
    )
    place.own_harm = (harm_id, own.phrase)
    place.own_harm_cycle = plan.number
