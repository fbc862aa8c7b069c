from __future__ import annotations

import hashlib
import uuid
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import event

from desktop.services.facade import Services
from desktop.services.framework.errors import NotFoundError
from desktop.services.usecases import attachments as attachments_module
from desktop.services.usecases.attachments import AttachmentData
from desktop.storage import Database
from tests.services.service_contract import assert_refused, audit_events, check_crud
from tests.services.service_world import World

PHOTO = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40


def photo_of(world: World, **changes: Any) -> AttachmentData:
    data = AttachmentData(
        entity_type="meeting",
        entity_id=world.meeting.id,
        file_name="flip-chart.png",
        media_type="image/png",
        caption="Harm ranking by girls",
        content=PHOTO,
    )
    return replace(data, **changes)


def test_attachment_life(db: Database, services: Services, world: World) -> None:
    record = check_crud(
        db,
        services.attachments,
        photo_of(world),
        photo_of(world, entity_type="community", entity_id=world.community.id, file_name="a.pdf"),
        lambda d: replace(d, caption="Ranking by girls, second day"),
        where={"entity_type": "meeting", "entity_id": world.meeting.id},
        search="second day",
        sort_field="file_name",
    )
    assert record.data.content is None
    assert record.data.size == len(PHOTO)
    assert record.data.sha256 == hashlib.sha256(PHOTO).hexdigest()
    assert services.attachments.content(record.id) == PHOTO


def test_audit_trail_has_no_bytes(db: Database, services: Services, world: World) -> None:
    attachments = services.attachments
    record = attachments.create(photo_of(world))
    replaced = attachments.update(record.id, replace(record.data, content=b"second version"))
    assert attachments.content(record.id) == b"second version"
    assert replaced.data.size == len(b"second version")
    created, updated = audit_events(db, "attachment", record.id)
    assert "content" not in created.changes and "content" not in updated.changes
    assert created.changes["sha256"] == [None, hashlib.sha256(PHOTO).hexdigest()]
    assert created.changes["size"] == [None, len(PHOTO)]
    assert created.changes["file_name"] == [None, "flip-chart.png"]
    assert updated.changes["size"] == [len(PHOTO), len(b"second version")]
    assert set(updated.changes) == {"size", "sha256"}
    with db.session() as session:
        raw = session.connection().exec_driver_sql("SELECT changes FROM audit_event").all()
    assert not any("PNG" in row[0] for row in raw)
    # The same bytes again change nothing.
    same = attachments.update(record.id, replace(replaced.data, content=b"second version"))
    assert same.version == replaced.version


def test_list_does_not_load_content(db: Database, services: Services, world: World) -> None:
    attachments = services.attachments
    attachments.create(photo_of(world))
    statements: list[str] = []

    def remember(conn: object, cursor: object, statement: str, *args: object) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", remember)
    try:
        page = attachments.list()
        attachments.get(page.items[0].id)
    finally:
        event.remove(db.engine, "before_cursor_execute", remember)
    assert page.total == 1 and page.items[0].data.content is None
    assert statements and not any("attachment.content" in s for s in statements)


def test_attachment_rules(
    db: Database, services: Services, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    attachments = services.attachments
    create = attachments.create
    assert_refused(db, lambda: create(photo_of(world, content=None)), "content")
    assert_refused(db, lambda: create(photo_of(world, content=b"")), "content")
    assert_refused(db, lambda: create(photo_of(world, file_name="")), "file_name")
    assert_refused(db, lambda: create(photo_of(world, entity_type="app_user")), "entity_type")
    assert_refused(db, lambda: create(photo_of(world, entity_id=uuid.uuid4())), "entity_id")
    assert_refused(db, lambda: create(photo_of(world, entity_id=world.cycle.id)), "entity_id")
    monkeypatch.setattr(attachments_module, "MAX_SIZE", 1000)
    error = assert_refused(db, lambda: create(photo_of(world)), "content")
    assert "MB" in error.errors["content"]
    monkeypatch.undo()
    services.meetings.delete(world.meeting.id)
    assert_refused(db, lambda: create(photo_of(world)), "entity_id")


def test_real_size_limit_message(db: Database, services: Services, world: World) -> None:
    too_big = b"\0" * (attachments_module.MAX_SIZE + 1)
    error = assert_refused(
        db, lambda: services.attachments.create(photo_of(world, content=too_big)), "content"
    )
    assert error.errors["content"] == "The file is 25.0 MB; at most 25 MB can be attached."


def test_content_of_deleted_attachment(services: Services, world: World) -> None:
    record = services.attachments.create(photo_of(world))
    services.attachments.delete(record.id)
    with pytest.raises(NotFoundError):
        services.attachments.content(record.id)
