"""A laptop holds only what its user may read, over time: a community reassigned away
leaves the laptop at the next sync (after its unsent changes reached the office), comes
back whole when assigned again, and a change of role widens or narrows what it holds."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.models import (
    AuditEvent,
    Community,
    CommunityAssignment,
    Cycle,
    Meeting,
    SyncChange,
    SyncConflict,
    User,
)
from desktop.services.facade import Services
from desktop.services.framework.actor import SYSTEM, Actor
from desktop.services.framework.changelog import next_device_seq
from desktop.services.framework.errors import PermissionDenied
from desktop.services.security import permissions
from desktop.services.security.users import AssignmentData
from desktop.services.usecases.meetings import MeetingData
from desktop.storage import Database
from desktop.sync.accounts import authenticate
from desktop.sync.download import changes_since, record_state, snapshot
from desktop.sync.laptop import meta
from desktop.sync.registry import service_classes
from desktop.sync.resolve import resolve
from desktop.sync.scope import SCOPE_KEY, Scope, of_communities, scope_of
from tests.sync.office_world import PASSWORD, Laptop, Office

MakeLaptop = Callable[[str], Laptop]


def held_rows(db: Database, community_id: uuid.UUID) -> int:
    """How many live records of every kind ``db`` holds of one community."""
    scope = Scope.of([community_id])
    with db.session() as session:
        return sum(
            session.scalar(
                select(func.count())
                .select_from(service.model)
                .where(of_communities(service.model, scope), service.model.deleted_at.is_(None))
            )
            or 0
            for service in service_classes().values()
        )


def name_of(office: Office, community_id: uuid.UUID) -> str:
    with office.db.session() as session:
        row = session.get(Community, community_id)
        assert row is not None
        return row.name


def unassign(office: Office, username: str, community_id: uuid.UUID) -> None:
    with office.db.session() as session:
        found = session.scalars(
            select(CommunityAssignment.id)
            .join(User, User.id == CommunityAssignment.user_id)
            .where(
                User.username == username,
                CommunityAssignment.community_id == community_id,
                CommunityAssignment.deleted_at.is_(None),
            )
        ).all()
    for assignment_id in found:
        office.services.assignments.delete(assignment_id)


def assign(office: Office, username: str, community_id: uuid.UUID) -> None:
    with office.db.session() as session:
        user_id = session.scalars(select(User.id).where(User.username == username)).one()
    office.services.assignments.create(
        AssignmentData(community_id=community_id, user_id=user_id, role="facilitator")
    )


def events(db: Database, action: str) -> list[dict[str, Any]]:
    with db.session() as session:
        found = session.scalars(select(AuditEvent.changes).where(AuditEvent.action == action))
        return [json.loads(text) for text in found]


def test_a_community_reassigned_away_leaves_the_laptop_and_comes_back_whole(
    demo_office: Office, demo_laptop: MakeLaptop
) -> None:
    office, mine = demo_office, demo_laptop("facilitator")
    kept, leaving = office.community_id, office.other_community_id
    before = held_rows(mine.db, leaving)
    assert before == held_rows(office.db, leaving) > 0
    unassign(office, "facilitator", leaving)
    summary = mine.sync()
    assert summary.left == (name_of(office, leaving),)
    assert "1 community left your assignments" in summary.line()
    assert held_rows(mine.db, leaving) == 0
    assert held_rows(mine.db, kept) == held_rows(office.db, kept) > 0
    [event] = events(mine.db, "sync.scope_left")
    assert event["communities"] == [name_of(office, leaving)]
    assert event["records"] >= before
    assert "assignments" in event["reason"]
    assert (summary.repaired, summary.still_differing) == (0, ())
    assign(office, "facilitator", leaving)
    back = mine.sync()
    assert held_rows(mine.db, leaving) == held_rows(office.db, leaving)
    assert (back.left, back.repaired, back.still_differing) == ((), 0, ())
    assert mine.sync().received == 0


def test_a_laptop_holds_no_row_of_a_community_it_does_not_hold(
    demo_office: Office, demo_laptop: MakeLaptop
) -> None:
    """Other people's assignments to other communities are office-wide records, but they
    travel with their community: the laptop's references all point at rows it has."""
    mine = demo_laptop("facilitator")
    with mine.db.session() as session:
        communities = set(session.scalars(select(Community.id)))
        assigned = set(session.scalars(select(CommunityAssignment.community_id)))
    assert assigned == communities == {demo_office.community_id, demo_office.other_community_id}


def test_a_change_of_role_widens_then_narrows_what_the_laptop_holds(
    demo_office: Office, demo_laptop: MakeLaptop
) -> None:
    office, mine = demo_office, demo_laptop("facilitator")
    users = Services(office.db, SYSTEM).users
    with office.db.session() as session:
        user_id = session.scalars(select(User.id).where(User.username == "facilitator")).one()
        everyone = set(session.scalars(select(Community.id)))
    for community_id in (office.community_id, office.other_community_id):
        unassign(office, "facilitator", community_id)
    account = users.get(user_id)
    users.update(user_id, replace(account.data, role="manager"))
    mine.actor = mine.server_actor = replace(mine.server_actor, role="manager")
    wider = mine.sync()
    with mine.db.session() as session:
        assert set(session.scalars(select(Community.id))) == everyone
    assert (wider.left, wider.repaired, wider.still_differing) == ((), 0, ())
    users.update(user_id, replace(users.get(user_id).data, role="facilitator"))
    assign(office, "facilitator", office.community_id)
    mine.server_actor = replace(mine.server_actor, role="facilitator")
    narrower = mine.sync()  # signed in on the laptop as it was: a manager
    assert len(narrower.left) == len(everyone) - 1
    [event] = events(mine.db, "sync.scope_left")
    assert "role changed from manager to facilitator" in event["reason"]
    with mine.db.session() as session:
        assert set(session.scalars(select(Community.id))) == {office.community_id}
    assert (narrower.repaired, narrower.still_differing) == (0, ())


def test_edits_waiting_for_a_community_that_left_are_kept_at_the_office(
    demo_office: Office, demo_laptop: MakeLaptop
) -> None:
    office, mine = demo_office, demo_laptop("facilitator")
    leaving = office.other_community_id
    meetings = mine.services.meetings
    with mine.db.session() as session:
        cycle_id = session.scalars(select(Cycle.id).where(Cycle.community_id == leaving)).first()
        meeting_id = session.scalars(select(Meeting.id).where(Meeting.cycle_id == cycle_id)).first()
    assert cycle_id is not None and meeting_id is not None
    current = meetings.get(meeting_id)
    meetings.update(meeting_id, replace(current.data, notes="the chief came late"))
    made = meetings.create(
        MeetingData(cycle_id=cycle_id, held_on=current.data.held_on, kind=current.data.kind)
    )
    unassign(office, "facilitator", leaving)
    summary = mine.sync()
    assert (summary.sent, summary.kept, summary.refused) == (2, 2, 0)
    assert "2 edits you may no longer make kept at the office" in summary.line()
    assert summary.left == (name_of(office, leaving),)
    with office.db.session() as session:
        kept = {row.kind: row for row in session.scalars(select(SyncConflict))}
    assert json.loads(kept["same_field"].other_value) == "the chief came late"
    assert (kept["same_field"].field, kept["same_field"].other_by) == ("notes", "facilitator")
    assert kept["new_record"].entity_id == str(made.id)
    manager = demo_laptop("manager")
    with manager.db.session() as session:
        seen = {row.kind: row.id for row in session.scalars(select(SyncConflict))}
    assert set(seen) == {"same_field", "new_record"}
    before = count_meetings(office, cycle_id)
    for conflict_id in seen.values():
        resolve(manager.db, manager.actor, conflict_id, "other")
    manager.sync()
    assert count_meetings(office, cycle_id) == before + 1  # the new meeting, added by mary
    with office.db.session() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None and meeting.notes == "the chief came late"
        assert all(row.resolved_at is not None for row in session.scalars(select(SyncConflict)))


def count_meetings(office: Office, cycle_id: uuid.UUID) -> int:
    with office.db.session() as session:
        return (
            session.scalar(
                select(func.count()).select_from(Meeting).where(Meeting.cycle_id == cycle_id)
            )
            or 0
        )


def test_a_forged_edit_to_a_community_never_assigned_is_refused_not_kept(
    demo_office: Office, demo_laptop: MakeLaptop
) -> None:
    mine = demo_laptop("facilitator")
    with demo_office.db.session() as session:
        stranger = session.scalars(
            select(Community.id).where(
                Community.id.not_in([demo_office.community_id, demo_office.other_community_id])
            )
        ).first()
    with mine.db.sessions.begin() as session:
        session.add(
            SyncChange(
                device_id=mine.db.device_id,
                device_seq=next_device_seq(session, mine.db.device_id),
                entity_type="community",
                entity_id=str(stranger),
                action="update",
                base_version=1,
                fields=json.dumps({"notes": "forged"}),
                username="facilitator",
            )
        )
    summary = mine.sync()
    assert (summary.refused, summary.kept) == (1, 0)
    with demo_office.db.session() as session:
        assert session.scalars(select(SyncConflict)).all() == []


def one_by_one(office: Office, actor: Actor) -> dict[tuple[str, str], dict[str, Any]]:
    """What ``actor`` may download, found the slow way: every live row of the office read
    alone, checked alone with the permission matrix, and kept if its community (if any)
    is one the actor holds."""
    found = {}
    with snapshot(office.db) as session:
        scope = scope_of(session, actor)
        for entity, cls in service_classes().items():
            service = cls(office.db, actor)
            for row in session.scalars(select(cls.model).where(cls.model.deleted_at.is_(None))):
                if not may_read(session, actor, entity, row):
                    continue
                community = permissions.community_of_row(session, row)
                if isinstance(community, uuid.UUID) and not (
                    scope.is_all or str(community) in (scope.communities or ())
                ):
                    continue
                found[(entity, str(row.id))] = record_state(service, session, row)
    return found


def may_read(session: Session, actor: Actor, entity: str, row: Any) -> bool:
    try:
        values = permissions.row_values(row)
        permissions.require_record(session, actor, permissions.READ, entity, values)
    except PermissionDenied:
        return False
    return True


def test_each_download_holds_exactly_what_its_user_may_read_record_for_record(
    demo_office: Office,
) -> None:
    people = [
        authenticate(demo_office.db, name, PASSWORD)
        for name in ("facilitator", "mentor", "manager")
    ]
    for moment in ("before", "after"):
        for actor in people:
            download = changes_since(demo_office.db, actor, 0)
            got = {(r["entity"], r["id"]): r for r in download.records}
            assert got == one_by_one(demo_office, actor), f"{actor.username}, {moment}"
        unassign(demo_office, "facilitator", demo_office.other_community_id)
    facilitator = changes_since(demo_office.db, people[0], 0)
    assert {r["id"] for r in facilitator.records if r["entity"] == "community"} == {
        str(demo_office.community_id)
    }


class OfficeOfBefore(Laptop):
    """A laptop talking to an office from before scopes: downloads without a scope,
    checksums or kinds sent whole, whatever the laptop asks."""

    def fetch(self, since: int, held: Scope | None = None, repair: Any = ()) -> dict[str, Any]:
        answer = super().fetch(since)
        for key in ("scope", "checksums", "complete"):
            answer.pop(key, None)
        return answer


def test_an_office_from_before_scopes_still_syncs_and_nothing_is_removed(
    demo_office: Office, tmp_path: Path
) -> None:
    mine = OfficeOfBefore(tmp_path / "old.db", demo_office, "facilitator")
    try:
        mine.sync()
        leaving = demo_office.other_community_id
        unassign(demo_office, "facilitator", leaving)
        summary = mine.sync()
        assert (summary.left, summary.repaired) == ((), 0)
        assert held_rows(mine.db, leaving) > 0  # what an older office never said has left
        assert meta(mine.db, SCOPE_KEY) == ""
    finally:
        mine.close()


class EditsDuringTheSync(Laptop):
    """A laptop whose person saves an edit while the download is on its way."""

    edit: Callable[[], None] | None = None

    def fetch(self, since: int, held: Scope | None = None, repair: Any = ()) -> dict[str, Any]:
        answer = super().fetch(since, held, repair)
        if self.edit is not None:
            self.edit()
            self.edit = None
        return answer


def test_a_change_saved_during_the_sync_holds_the_removal_back_until_it_is_sent(
    demo_office: Office, tmp_path: Path
) -> None:
    office = demo_office
    mine = EditsDuringTheSync(tmp_path / "busy.db", office, "facilitator")
    try:
        mine.sync()
        leaving = office.other_community_id

        def late_edit() -> None:
            current = mine.services.communities.get(leaving)
            mine.services.communities.update(leaving, replace(current.data, notes="late"))

        mine.edit = late_edit
        unassign(office, "facilitator", leaving)
        first = mine.sync()
        assert first.left == () and held_rows(mine.db, leaving) > 0
        second = mine.sync()
        assert (second.sent, second.kept, second.left) == (1, 1, (name_of(office, leaving),))
        assert held_rows(mine.db, leaving) == 0
    finally:
        mine.close()
