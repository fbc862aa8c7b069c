"""The community list query: search, filters, sorting, paging and computed columns."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sqlalchemy import event

from desktop.services.facade import Services
from desktop.services.framework.actor import SYSTEM
from desktop.services.framework.text import fold
from desktop.services.queries.community_list import (
    CommunityQuery,
    CommunityRow,
    SortKey,
    list_communities,
    list_districts,
)
from desktop.services.security.users import AssignmentData, UserData
from desktop.services.usecases.actions import ActionData, ReflectionData
from desktop.services.usecases.communities import CommunityData
from desktop.services.usecases.cycles import CycleData, PhaseData
from desktop.services.usecases.meetings import MeetingData
from desktop.services.usecases.reviews import FollowUpData, MentorReviewData
from desktop.storage import Database

TODAY = date(2024, 6, 1)


def day(month: int, dom: int) -> date:
    return date(2024, month, dom)


@dataclass(frozen=True)
class Office:
    ids: dict[str, uuid.UUID]


def _cycle_with_activity(s: Services, community_id: uuid.UUID) -> uuid.UUID:
    """Kéréwé's live cycle: phases, meetings, reflections, actions and follow-ups."""
    cycle = s.cycles.create(CycleData(community_id=community_id, start_on=day(1, 1))).id
    for kind, start, end in [
        ("learning", day(1, 1), day(3, 1)),
        ("planning", day(3, 2), None),  # the latest started open phase
        ("feedback", day(4, 1), day(4, 15)),  # started later, but over
        ("action", day(7, 1), None),  # not started yet
    ]:
        s.phases.create(PhaseData(cycle_id=cycle, kind=kind, start_on=start, end_on=end))
    s.meetings.create(MeetingData(cycle_id=cycle, held_on=day(2, 10), kind="whole_community"))
    s.reflections.create(ReflectionData(cycle_id=cycle, held_on=day(5, 20), challenges="Rain"))
    deleted_meeting = s.meetings.create(
        MeetingData(cycle_id=cycle, held_on=day(5, 28), kind="small_group")
    )
    s.meetings.delete(deleted_meeting.id)
    for status, due in [
        ("planned", day(5, 1)),  # overdue
        ("under_way", day(5, 31)),  # overdue
        ("done", day(1, 1)),
        ("dropped", day(1, 1)),
        ("planned", TODAY),  # due today: not overdue yet
        ("planned", None),
    ]:
        s.actions.create(ActionData(cycle_id=cycle, what=status, status=status, due_on=due))
    gone = s.actions.create(ActionData(cycle_id=cycle, what="gone", due_on=day(1, 2)))
    s.actions.delete(gone.id)
    review = s.reviews.create(MentorReviewData(cycle_id=cycle, reviewed_on=day(4, 1))).id
    for status in ("open", "open", "done", "cancelled"):
        s.follow_ups.create(FollowUpData(review_id=review, description="f", status=status))
    gone_follow_up = s.follow_ups.create(FollowUpData(review_id=review, description="gone"))
    s.follow_ups.delete(gone_follow_up.id)
    return cycle


def _deleted_cycle(s: Services, community_id: uuid.UUID) -> None:
    """A deleted cycle: none of its activity may show."""
    cycle = s.cycles.create(CycleData(community_id=community_id, start_on=day(1, 1))).id
    s.phases.create(PhaseData(cycle_id=cycle, kind="review", start_on=day(5, 1)))
    s.meetings.create(MeetingData(cycle_id=cycle, held_on=day(5, 30), kind="small_group"))
    s.actions.create(ActionData(cycle_id=cycle, what="old", due_on=day(1, 1)))
    review = s.reviews.create(MentorReviewData(cycle_id=cycle, reviewed_on=day(1, 1))).id
    s.follow_ups.create(FollowUpData(review_id=review, description="old"))
    s.cycles.delete(cycle)


@pytest.fixture
def office(services: Services) -> Office:
    s = services
    okello = s.users.create(UserData("okello", "facilitator", display_name="Okello J.")).id
    akello = s.users.create(UserData("akello", "facilitator")).id
    lamwaka = s.users.create(UserData("lamwaka", "facilitator", display_name="Lamwaka")).id
    mentor = s.users.create(UserData("achen", "mentor", display_name="Achen")).id

    def community(name: str, district: str, status: str, **more: Any) -> uuid.UUID:
        reason = "They said no for now" if status == "declined" else ""
        data = CommunityData(
            name=name,
            district=district,
            partnership_status=status,
            partnership_reason=reason,
            **more,
        )
        return s.communities.create(data).id

    kerewe = community("Kéréwé", "Lira", "agreed")
    camp = community("مخيم الأمل", "Gulu", "exploring", kind="camp")
    amuru = community("Amuru", "Gulu", "declined", other_names="Amuru Centre")
    ogur = community("Ogur", "Lira", "paused")
    gone = community("Gone", "Lira", "agreed")
    s.communities.delete(gone)

    _cycle_with_activity(s, kerewe)
    _deleted_cycle(s, kerewe)
    amuru_cycle = s.cycles.create(CycleData(community_id=amuru, start_on=day(4, 1))).id
    s.phases.create(PhaseData(amuru_cycle, "action", start_on=day(5, 1), end_on=day(6, 30)))
    s.meetings.create(MeetingData(cycle_id=amuru_cycle, held_on=day(5, 25), kind="home_visit"))
    s.reflections.create(ReflectionData(cycle_id=amuru_cycle, held_on=day(4, 2), what_worked="x"))

    def assign(community_id: uuid.UUID, user: uuid.UUID, role: str, **dates: date) -> None:
        s.assignments.create(AssignmentData(community_id, user, role, **dates))

    assign(kerewe, okello, "facilitator", from_on=day(1, 1))
    assign(kerewe, mentor, "mentor", from_on=day(2, 1))
    assign(camp, akello, "facilitator")  # no display name: the username shows
    assign(amuru, lamwaka, "facilitator", from_on=day(1, 1), to_on=day(5, 1))  # ended
    assign(amuru, okello, "facilitator", from_on=day(7, 1))  # not started yet
    assign(ogur, lamwaka, "facilitator", from_on=day(1, 1), to_on=day(5, 31))  # ended
    assign(ogur, akello, "facilitator", from_on=day(6, 1))  # starts today
    return Office({"kerewe": kerewe, "camp": camp, "amuru": amuru, "ogur": ogur})


def rows(db: Database, **query: Any) -> list[CommunityRow]:
    query.setdefault("today", TODAY)
    return list(list_communities(db, CommunityQuery(**query), actor=SYSTEM).items)


def names(db: Database, **query: Any) -> list[str]:
    return [row.name for row in rows(db, **query)]


def test_computed_columns(db: Database, office: Office) -> None:
    by_name = {row.name: row for row in rows(db)}
    assert set(by_name) == {"Kéréwé", "مخيم الأمل", "Amuru", "Ogur"}
    kerewe, camp, amuru, ogur = (by_name[n] for n in ("Kéréwé", "مخيم الأمل", "Amuru", "Ogur"))
    assert (kerewe.id, kerewe.district, kerewe.partnership_status) == (
        office.ids["kerewe"],
        "Lira",
        "agreed",
    )
    assert kerewe.current_phase == "planning"
    assert kerewe.facilitator == "Okello J."
    assert kerewe.last_activity == day(5, 20)  # the reflection
    assert kerewe.overdue_actions == 2
    assert kerewe.open_follow_ups == 2
    assert (camp.current_phase, camp.facilitator, camp.last_activity) == (None, "akello", None)
    assert (camp.overdue_actions, camp.open_follow_ups) == (0, 0)
    assert amuru.current_phase == "action"
    assert amuru.last_activity == day(5, 25)  # the meeting
    assert amuru.facilitator is None  # one assignment ended, the other has not begun
    assert ogur.facilitator == "akello"


def test_today_is_taken_from_the_query(db: Database, office: Office) -> None:
    later = {r.name: r for r in rows(db, today=day(7, 2))}
    assert later["Kéréwé"].current_phase == "action"
    assert later["Kéréwé"].overdue_actions == 3  # the action due on June 1 is now late
    assert later["Amuru"].current_phase is None  # its action phase ended on June 30
    assert later["Amuru"].facilitator == "Okello J."
    earlier = {r.name: r for r in rows(db, today=day(1, 15))}
    assert earlier["Kéréwé"].current_phase == "learning"
    assert earlier["Kéréwé"].overdue_actions == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kerewe", ["Kéréwé"]),
        ("KÉRÉ", ["Kéréwé"]),
        ("  rew ", ["Kéréwé"]),
        ("الأمل", ["مخيم الأمل"]),
        ("مخيم", ["مخيم الأمل"]),
        ("centre", ["Amuru"]),  # other names are searched too
        ("gulu", ["Amuru", "مخيم الأمل"]),  # and the district
        ("%", []),
        ("gone", []),  # deleted communities never show
    ],
)
def test_text_search(db: Database, office: Office, text: str, expected: list[str]) -> None:
    assert names(db, text=text) == expected


def test_filters(db: Database, office: Office) -> None:
    assert names(db, district="Lira") == ["Kéréwé", "Ogur"]
    assert names(db, partnership_status="declined") == ["Amuru"]
    assert names(db, phase="planning") == ["Kéréwé"]
    assert names(db, phase="action") == ["Amuru"]
    assert names(db, phase="review") == []  # only in a deleted cycle
    assert names(db, facilitator="okello") == ["Kéréwé"]
    assert names(db, facilitator="akello") == ["Ogur", "مخيم الأمل"]
    assert names(db, facilitator="lamwaka") == []
    assert names(db, facilitator="okello", today=day(7, 2)) == ["Amuru", "Kéréwé"]
    assert names(db, district="Lira", partnership_status="paused", text="og") == ["Ogur"]


def _key(value: Any) -> tuple[bool, Any]:
    return (value is not None, value)


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("sort", list(SortKey))
def test_every_sort_key(db: Database, office: Office, sort: SortKey, descending: bool) -> None:
    found = rows(db, sort=sort, descending=descending)
    expected = sorted(found, key=lambda r: (r.name, r.id))  # ties: by name, then id
    expected.sort(key=lambda r: _key(getattr(r, sort.value)), reverse=descending)
    assert [r.name for r in found] == [r.name for r in expected]
    values = [getattr(r, sort.value) for r in found]
    assert len(set(map(str, values))) > 1  # the sort is really exercised


def test_paging_with_total(db: Database, office: Office) -> None:
    page = list_communities(db, CommunityQuery(today=TODAY, offset=1, limit=2), actor=SYSTEM)
    assert page.total == 4 and page.offset == 1
    assert [r.name for r in page.items] == ["Kéréwé", "Ogur"]
    last = list_communities(db, CommunityQuery(today=TODAY, offset=3, limit=2), actor=SYSTEM)
    assert [r.name for r in last.items] == ["مخيم الأمل"] and last.total == 4
    filtered = list_communities(
        db, CommunityQuery(today=TODAY, district="Gulu", limit=1), actor=SYSTEM
    )
    assert filtered.total == 2 and len(filtered.items) == 1


NAME_CHARS = st.characters(
    whitelist_categories=("Lu", "Ll", "Lo", "Nd", "Zs", "Mn"),
    whitelist_characters="%_\\'-.",
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(name=st.text(NAME_CHARS, min_size=1, max_size=30), data=st.data())
def test_any_name_is_found_by_any_part_of_its_folded_form(
    db: Database, services: Services, name: str, data: st.DataObject
) -> None:
    assume(name.strip())
    community = services.communities.create(CommunityData(name=name))
    folded = fold(community.data.name)
    start = data.draw(st.integers(0, len(folded) - 1), label="start")
    end = data.draw(st.integers(start + 1, len(folded)), label="end")
    part = folded[start:end]
    assume(part.strip())
    found = list_communities(db, CommunityQuery(text=part, limit=None), actor=SYSTEM)
    assert community.id in {row.id for row in found.items}
    assert community.id in {row.id for row in rows(db, text=community.data.name, limit=None)}


def test_list_districts_for_filters(db: Database, office: Office) -> None:
    assert list_districts(db, actor=SYSTEM) == ["Gulu", "Lira"]


def test_last_activity_spans_cycles_with_only_meetings_or_only_reflections(
    services: Services, db: Database
) -> None:
    s = services
    both = s.communities.create(CommunityData(name="Both")).id
    meetings_only = s.cycles.create(CycleData(community_id=both, start_on=day(1, 1))).id
    reflections_only = s.cycles.create(CycleData(community_id=both, start_on=day(2, 1))).id
    s.meetings.create(MeetingData(cycle_id=meetings_only, held_on=day(3, 3), kind="home_visit"))
    s.reflections.create(ReflectionData(reflections_only, held_on=day(3, 9), what_worked="x"))
    quiet = s.communities.create(CommunityData(name="Quiet")).id
    s.cycles.create(CycleData(community_id=quiet, start_on=day(1, 1)))  # nothing held yet

    found = {row.name: row.last_activity for row in rows(db, sort=SortKey.LAST_ACTIVITY)}
    assert found == {"Quiet": None, "Both": day(3, 9)}
    s.reflections.create(ReflectionData(meetings_only, held_on=day(3, 1), what_worked="x"))
    s.meetings.create(MeetingData(cycle_id=reflections_only, held_on=day(4, 4), kind="home_visit"))
    assert rows(db, sort=SortKey.LAST_ACTIVITY)[-1].last_activity == day(4, 4)


LOOKED_UP = (  # the tables the computed columns read, through their covering indexes
    "cycle",
    "phase",
    "meeting",
    "reflection",
    "action",
    "mentor_review",
    "follow_up",
    "community_assignment",
)


def _page_query_plan(db: Database, sort: SortKey) -> list[str]:
    """SQLite's plan for the query that orders the list (the first the service runs)."""
    statements: list[tuple[str, Any]] = []

    def remember(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        statements.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", remember)
    try:
        list_communities(db, CommunityQuery(sort=sort, today=TODAY), actor=SYSTEM)
    finally:
        event.remove(db.engine, "before_cursor_execute", remember)
    statement, parameters = next(item for item in statements if "OVER ()" in item[0])
    with db.engine.connect() as connection:
        plan = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)
        return [str(row[3]) for row in plan]


@pytest.mark.parametrize(
    "sort",
    [
        SortKey.CURRENT_PHASE,
        SortKey.FACILITATOR,
        SortKey.LAST_ACTIVITY,
        SortKey.OPEN_FOLLOW_UPS,
        SortKey.OVERDUE_ACTIONS,
    ],
)
def test_sorting_by_a_computed_column_reads_indexes_only(
    db: Database, office: Office, sort: SortKey
) -> None:
    plan = _page_query_plan(db, sort)
    lookups = [step for step in plan if step.split()[1:2] and step.split()[1] in LOOKED_UP]
    assert lookups  # the sort really looks up the records of each community
    assert all("USING COVERING INDEX" in step for step in lookups), plan
