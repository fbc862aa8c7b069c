"""The office server applies laptops' changes through the app's services: base versions,
field merges, conflicts kept, edit-versus-delete, idempotency, one sequence, permissions."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace

from sqlalchemy import select

from desktop.models import AuditEvent, Community, SyncChange, SyncConflict
from desktop.services.facade import Services
from desktop.services.framework.actor import SYSTEM
from desktop.services.framework.changelog import next_device_seq
from desktop.services.security.users import AssignmentData
from desktop.services.usecases.attachments import AttachmentData
from desktop.services.usecases.communities import CommunityData
from desktop.services.usecases.cycles import CycleData
from desktop.services.usecases.meetings import MeetingData
from desktop.sync.laptop import CHECKPOINT_KEY, meta, waiting_messages
from desktop.sync.resolve import resolve
from tests.services.service_world import START
from tests.sync.office_world import Laptop, Office

MakeLaptop = Callable[[str], Laptop]


def community(office: Office, record_id: object) -> Community:
    with office.db.session() as session:
        row = session.get(Community, record_id)
        assert row is not None
        return row


def test_a_laptop_edit_reaches_the_server_and_is_acknowledged(
    office: Office, laptop: MakeLaptop
) -> None:
    mary = laptop("mary")
    current = mary.services.communities.get(office.community_id)
    mary.services.communities.update(current.id, replace(current.data, notes="met the chief"))
    summary = mary.sync()
    assert (summary.sent, summary.conflicts) == (1, 0)
    assert community(office, office.community_id).notes == "met the chief"
    assert waiting_messages(mary.db) == []
    again = mary.sync()
    assert again.sent == 0


def test_a_new_record_keeps_its_id_and_other_laptops_receive_it(
    office: Office, laptop: MakeLaptop
) -> None:
    mary, fatima = laptop("mary"), laptop("fatima")
    made = mary.services.communities.create(CommunityData(name="Lukodi", district="Gulu"))
    mary.sync()
    assert community(office, made.id).name == "Lukodi"
    other = laptop("mary")
    assert other.services.communities.get(made.id).data.name == "Lukodi"
    fatima.sync()  # not her community: she does not receive it
    with fatima.db.session() as session:
        assert session.get(Community, made.id) is None


def test_edits_to_different_fields_merge(office: Office, laptop: MakeLaptop) -> None:
    one, two = laptop("mary"), laptop("mary")
    first = one.services.communities.get(office.community_id)
    one.services.communities.update(first.id, replace(first.data, notes="a well"))
    second = two.services.communities.get(office.community_id)
    two.services.communities.update(second.id, replace(second.data, locality="north"))
    one.sync()
    summary = two.sync()
    row = community(office, office.community_id)
    assert (row.notes, row.locality, summary.conflicts) == ("a well", "north", 0)
    one.sync()
    mine = one.services.communities.get(office.community_id).data
    assert (mine.notes, mine.locality) == ("a well", "north")


def test_the_same_field_changed_twice_becomes_a_conflict_with_both_values(
    office: Office, laptop: MakeLaptop
) -> None:
    one, two = laptop("mary"), laptop("fatima")
    first = one.services.communities.get(office.community_id)
    one.services.communities.update(first.id, replace(first.data, notes="school reopened"))
    second = two.services.communities.get(office.community_id)
    two.services.communities.update(second.id, replace(second.data, notes="school closed"))
    one.sync()
    summary = two.sync()
    assert summary.conflicts == 1
    assert community(office, office.community_id).notes == "school reopened"
    with office.db.session() as session:
        conflict = session.scalars(select(SyncConflict)).one()
    assert conflict.field == "notes"
    assert "Kéréwé" in conflict.record_name
    assert json.loads(conflict.kept_value) == "school reopened"
    assert json.loads(conflict.other_value) == "school closed"
    assert (conflict.kept_by, conflict.other_by) == ("mary", "fatima")
    assert conflict.kept_at is not None and conflict.other_at is not None


def test_an_edit_against_a_delete_keeps_the_edit(office: Office, laptop: MakeLaptop) -> None:
    one, two = laptop("mary"), laptop("mary")
    one.services.communities.delete(office.other_community_id)
    current = two.services.communities.get(office.other_community_id)
    two.services.communities.update(current.id, replace(current.data, notes="still active"))
    one.sync()
    assert community(office, office.other_community_id).deleted_at is not None
    two.sync()
    row = community(office, office.other_community_id)
    assert (row.deleted_at, row.notes) == (None, "still active")
    with office.db.session() as session:
        conflict = session.scalars(select(SyncConflict)).one()
    assert conflict.kind == "edit_vs_delete"


def test_a_delete_against_an_edit_is_not_done(office: Office, laptop: MakeLaptop) -> None:
    one, two = laptop("mary"), laptop("mary")
    current = one.services.communities.get(office.other_community_id)
    one.services.communities.update(current.id, replace(current.data, notes="still active"))
    two.services.communities.delete(office.other_community_id)
    one.sync()
    summary = two.sync()
    assert community(office, office.other_community_id).deleted_at is None
    assert summary.conflicts == 1
    assert two.services.communities.get(office.other_community_id).data.notes == "still active"


def test_a_batch_sent_twice_is_applied_once(office: Office, laptop: MakeLaptop) -> None:
    mary = laptop("mary")
    current = mary.services.communities.get(office.community_id)
    mary.services.communities.update(current.id, replace(current.data, notes="once"))
    mary.services.communities.create(CommunityData(name="Lukodi"))
    items = [message.to_dict() for message in waiting_messages(mary.db)]
    seen = int(meta(mary.db, CHECKPOINT_KEY))
    first = mary.upload(items, seen)
    second = mary.upload(items, seen)  # the answer was lost; the laptop sends again
    assert [o["outcome"] for o in first] == [o["outcome"] for o in second] == ["applied"] * 2
    with office.db.session() as session:
        mine = session.scalars(
            select(SyncChange).where(SyncChange.device_id == mary.db.device_id)
        ).all()
        names = session.scalars(select(Community.name).where(Community.name == "Lukodi")).all()
    assert len(mine) == 2 and names == ["Lukodi"]


def test_every_accepted_change_takes_the_next_number_of_one_sequence(
    office: Office, laptop: MakeLaptop
) -> None:
    one, two = laptop("mary"), laptop("fatima")
    for machine, text in ((one, "a"), (two, "b"), (one, "c")):
        current = machine.services.communities.get(office.community_id)
        machine.services.communities.update(current.id, replace(current.data, locality=text))
        machine.sync()
    with office.db.session() as session:
        seqs = list(session.scalars(select(SyncChange.seq).order_by(SyncChange.seq)))
    assert seqs == list(range(seqs[0], seqs[0] + len(seqs)))


def test_a_facilitators_forged_change_to_another_community_is_refused_and_audited(
    office: Office, laptop: MakeLaptop
) -> None:
    fatima = laptop("fatima")
    with fatima.db.session() as session:
        assert session.get(Community, office.other_community_id) is None  # never received
    # A change the app would never make for her, written straight into her laptop's log.
    with fatima.db.sessions.begin() as session:
        session.add(
            SyncChange(
                device_id=fatima.db.device_id,
                device_seq=next_device_seq(session, fatima.db.device_id),
                entity_type="community",
                entity_id=str(office.other_community_id),
                action="update",
                base_version=1,
                fields=json.dumps({"notes": "forged"}),
                username="fatima",
            )
        )
    summary = fatima.sync()
    assert (summary.sent, summary.refused) == (1, 1)
    assert community(office, office.other_community_id).notes == ""
    with office.db.session() as session:
        refusals = session.scalars(
            select(AuditEvent).where(AuditEvent.action == "sync.refused")
        ).all()
    assert [(event.username, event.entity_id) for event in refusals] == [
        ("fatima", str(office.other_community_id))
    ]
    assert fatima.sync().sent == 0  # answered once, not sent again


def test_a_conflict_resolved_on_a_laptop_syncs_as_an_edit(
    office: Office, laptop: MakeLaptop
) -> None:
    one, two = laptop("mary"), laptop("fatima")
    for machine, text in ((one, "school reopened"), (two, "school closed")):
        current = machine.services.communities.get(office.community_id)
        machine.services.communities.update(current.id, replace(current.data, notes=text))
    one.sync()
    two.sync()
    assert two.services.communities.get(office.community_id).data.notes == "school reopened"
    with two.db.session() as session:
        conflict = session.scalars(select(SyncConflict)).one()
    resolve(two.db, two.actor, conflict.id, "other")
    summary = two.sync()
    assert (summary.sent, summary.conflicts) == (1, 0)
    assert community(office, office.community_id).notes == "school closed"
    with office.db.session() as session:
        on_server = session.get(SyncConflict, conflict.id)
        assert on_server is not None and on_server.resolved_by == "fatima"
    one.sync()
    assert one.services.communities.get(office.community_id).data.notes == "school closed"
    assert one.sync().conflicts == 0


def test_a_refused_edit_is_undone_on_the_laptop_by_the_next_download(
    office: Office, laptop: MakeLaptop
) -> None:
    fatima = laptop("fatima")
    current = fatima.services.communities.get(office.community_id)
    # A name the services refuse (empty), written past them into the file and its log.
    with fatima.db.sessions.begin() as session:
        row = session.get(Community, office.community_id)
        assert row is not None
        row.name = ""
        session.add(
            SyncChange(
                device_id=fatima.db.device_id,
                device_seq=next_device_seq(session, fatima.db.device_id),
                entity_type="community",
                entity_id=str(office.community_id),
                action="update",
                base_version=current.version,
                fields=json.dumps({"name": ""}),
                username="fatima",
            )
        )
    summary = fatima.sync()
    assert summary.refused == 1
    assert community(office, office.community_id).name == "Kéréwé"
    assert fatima.services.communities.get(office.community_id).data.name == "Kéréwé"


def test_an_attached_file_travels_with_its_bytes(office: Office, laptop: MakeLaptop) -> None:
    system = Services(office.db, SYSTEM)  # the office's own records, made on the server
    cycle = system.cycles.create(CycleData(community_id=office.community_id, start_on=START))
    meeting = system.meetings.create(
        MeetingData(cycle_id=cycle.id, held_on=START, kind="whole_community")
    )
    fatima, mary = laptop("fatima"), laptop("mary")
    made = fatima.services.attachments.create(
        AttachmentData(
            entity_type="meeting",
            entity_id=meeting.id,
            file_name="sheet.txt",
            content=b"12 girls, 9 boys",
            media_type="text/plain",
        )
    )
    assert fatima.sync().sent == 1
    assert office.services.attachments.content(made.id) == b"12 girls, 9 boys"
    mary.sync()
    assert mary.services.attachments.content(made.id) == b"12 girls, 9 boys"
    fatima.services.attachments.update(made.id, replace(made.data, caption="the paper sheet"))
    fatima.sync()
    mary.sync()
    assert mary.services.attachments.get(made.id).data.caption == "the paper sheet"
    assert mary.services.attachments.content(made.id) == b"12 girls, 9 boys"


def test_a_community_newly_assigned_comes_whole_at_the_next_sync(
    office: Office, laptop: MakeLaptop
) -> None:
    s = office.services
    cycles = Services(office.db, SYSTEM).cycles  # (an administrator writes no cycle work)
    cycle = cycles.create(CycleData(community_id=office.other_community_id, start_on=START))
    fatima = laptop("fatima")
    assert [c.data.name for c in fatima.services.communities.list().items] == ["Kéréwé"]
    fatima_id = s.users.list(where={"username": "fatima"}).items[0].id
    s.assignments.create(
        AssignmentData(
            community_id=office.other_community_id, user_id=fatima_id, role="facilitator"
        )
    )
    fatima.sync()  # neither Amuru nor its cycle changed: they come as newly hers
    names = sorted(c.data.name for c in fatima.services.communities.list().items)
    assert names == ["Amuru", "Kéréwé"]
    assert fatima.services.cycles.get(cycle.id).data.community_id == office.other_community_id
