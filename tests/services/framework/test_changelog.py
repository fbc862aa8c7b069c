"""Every audited write to a synced record leaves exactly one change, in its transaction."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from desktop.models import AuditEvent, MeetingAttendance, SyncChange
from desktop.services.facade import Services
from desktop.services.framework import changelog
from desktop.services.usecases.communities import CommunityData
from desktop.services.usecases.meetings import MeetingData
from tests.services.service_world import START, World


def changes(services: Services) -> list[SyncChange]:
    with services.db.session() as session:
        return list(session.scalars(select(SyncChange).order_by(SyncChange.seq)))


def test_create_update_delete_restore_each_leave_one_change(services: Services) -> None:
    made = services.communities.create(CommunityData(name="Lukodi", district="Gulu"))
    services.communities.update(made.id, replace(made.data, notes="met the chief"))
    services.communities.delete(made.id)
    services.communities.restore(made.id)
    log = [c for c in changes(services) if c.entity_id == str(made.id)]
    assert [c.action for c in log] == ["create", "update", "delete", "restore"]
    create, update, delete, restore = log
    assert json.loads(create.fields)["name"] == "Lukodi"
    assert create.base_version == 0
    assert json.loads(update.fields) == {"notes": "met the chief"}
    assert (update.base_version, update.new_version) == (1, 2)
    assert (delete.base_version, restore.base_version) == (2, 3)
    assert [c.device_seq for c in log] == sorted(c.device_seq for c in log)
    assert {c.device_id for c in log} == {services.db.device_id}
    assert not any(c.acknowledged for c in log)
    assert changelog_of(services) == len(changes(services))


def changelog_of(services: Services) -> int:
    """How many audit events name a record change (one change row each)."""
    with services.db.session() as session:
        return (
            session.scalar(
                select(func.count())
                .select_from(AuditEvent)
                .where(AuditEvent.action.in_(changelog.CHANGE_ACTIONS))
            )
            or 0
        )


def test_an_update_that_changes_nothing_leaves_no_change(services: Services) -> None:
    made = services.communities.create(CommunityData(name="Lukodi"))
    before = len(changes(services))
    services.communities.update(made.id, made.data)
    assert len(changes(services)) == before


def test_the_change_rolls_back_with_the_write(services: Services) -> None:
    before, audited = len(changes(services)), changelog_of(services)
    with pytest.raises(RuntimeError), services.db.sessions.begin() as session:
        services.communities.create_in(session, CommunityData(name="Never kept"))
        raise RuntimeError("the use case fails after the write")
    assert (len(changes(services)), changelog_of(services)) == (before, audited)


def test_child_rows_travel_inside_their_parent_and_get_ids_no_device_can_clash(
    world: World, services: Services
) -> None:
    meeting = services.meetings.create(
        MeetingData(
            cycle_id=world.cycle.id, held_on=START, kind="whole_community", attendance={"girls": 4}
        )
    )
    change = changes(services)[-1]
    assert (change.entity_type, change.entity_id) == ("meeting", str(meeting.id))
    assert json.loads(change.fields)["attendance"] == {"girls": 4}

    with services.db.session() as session:
        child = session.scalars(
            select(MeetingAttendance).where(MeetingAttendance.meeting_id == meeting.id)
        ).one()
    assert child.id == changelog.child_id(MeetingAttendance, meeting.id, "girls")
