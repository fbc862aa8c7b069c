"""What every entity service must do, checked the same way for each of them.

``check_crud`` runs create / get / update / conflict / list / delete / restore through a
service and checks versions, audit events and tombstones; ``assert_refused`` checks
that a refused write names the field and leaves the whole database as it was.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import select

from desktop.models import AuditEvent, Base
from desktop.services.framework.audit import to_json_value
from desktop.services.framework.entity import EntityService
from desktop.services.framework.errors import ConflictError, NotFoundError, ValidationError
from desktop.services.framework.records import Record
from desktop.storage import Database


def database_state(db: Database) -> dict[str, list[tuple[str, ...]]]:
    """Every row of every table (the audit trail included), in a comparable form."""
    state: dict[str, list[tuple[str, ...]]] = {}
    with db.session() as session:
        for table in Base.metadata.sorted_tables:
            rows = session.execute(select(table)).all()
            state[table.name] = sorted(tuple(repr(value) for value in row) for row in rows)
    return state


def row_counts(db: Database) -> dict[str, int]:
    return {name: len(rows) for name, rows in database_state(db).items()}


def assert_refused(db: Database, call: Callable[[], object], *fields: str) -> ValidationError:
    """``call`` raises a ValidationError naming ``fields`` and changes nothing at all."""
    before = database_state(db)
    with pytest.raises(ValidationError) as caught:
        call()
    for name in fields:
        assert name in caught.value.errors, caught.value.errors
        assert caught.value.errors[name].endswith((".", "!", "?")), caught.value.errors[name]
    assert database_state(db) == before
    return caught.value


@dataclass(frozen=True)
class Event:
    action: str
    username: str
    changes: dict[str, Any]


def audit_events(db: Database, entity_type: str, entity_id: uuid.UUID) -> list[Event]:
    with db.session() as session:
        rows = session.scalars(
            select(AuditEvent)
            .where(AuditEvent.entity_type == entity_type, AuditEvent.entity_id == str(entity_id))
            .order_by(AuditEvent.seq)
        ).all()
        return [Event(r.action, r.username, json.loads(r.changes)) for r in rows]


def audit_count(db: Database) -> int:
    with db.session() as session:
        return len(session.scalars(select(AuditEvent.seq)).all())


def _sort_key(value: Any) -> tuple[bool, Any]:
    return (value is not None, value)


def check_crud(
    db: Database,
    service: EntityService[Any, Any],
    first: Any,
    second: Any,
    change: Callable[[Any], Any],
    *,
    where: Mapping[str, Any],
    search: str | None,
    sort_field: str,
) -> Record[Any]:
    """Run the whole life of a record through ``service``.

    ``change`` makes an edited copy of the first record's data; ``where`` and ``search``
    must match the edited first record and not ``second``. Returns the first record.
    """
    entity = service.entity
    created = service.create(first)
    assert created.version == 1
    assert created.updated_by == service.actor.username
    assert not created.is_deleted
    assert service.get(created.id) == created
    [event] = audit_events(db, entity, created.id)
    assert event.action == "create"
    assert event.username == service.actor.username
    for name, value in service.audit_view(created.data).items():
        assert event.changes[name] == [None, to_json_value(value)]

    edited = change(created.data)
    updated = service.update(created.id, edited, expected_version=1)
    assert updated.version == 2
    assert service.get(created.id) == updated
    old, new = service.audit_view(created.data), service.audit_view(updated.data)
    changed = {name for name in new if old[name] != new[name]}
    assert changed
    event = audit_events(db, entity, created.id)[-1]
    assert event.action == "update"
    assert set(event.changes) == changed
    for name in changed:
        assert event.changes[name] == [to_json_value(old[name]), to_json_value(new[name])]

    events_before = audit_count(db)
    assert service.update(created.id, updated.data).version == 2  # nothing changed
    assert audit_count(db) == events_before

    state = database_state(db)
    with pytest.raises(ConflictError):
        service.update(created.id, created.data, expected_version=1)
    with pytest.raises(ConflictError):
        service.delete(created.id, expected_version=1)
    assert database_state(db) == state

    other = service.create(second)
    _check_list(service, updated, other, where=where, search=search, sort_field=sort_field)

    deleted = service.delete(created.id, expected_version=2)
    assert deleted.is_deleted and deleted.version == 3
    assert audit_events(db, entity, created.id)[-1].action == "delete"
    with pytest.raises(NotFoundError):
        service.get(created.id)
    with pytest.raises(NotFoundError):
        service.update(created.id, updated.data)
    assert service.get(created.id, include_deleted=True).is_deleted
    assert created.id not in {r.id for r in service.list(limit=None).items}
    assert created.id in {r.id for r in service.list(include_deleted=True, limit=None).items}
    assert service.list(where=where).total == 0

    restored = service.restore(created.id)
    assert not restored.is_deleted and restored.version == 4
    assert restored.data == updated.data
    assert audit_events(db, entity, created.id)[-1].action == "restore"
    assert service.get(created.id).data == updated.data
    assert service.restore(created.id).version == 4  # restoring a live record: no change
    with pytest.raises(NotFoundError):
        service.get(uuid.uuid4())
    return restored


def _check_list(
    service: EntityService[Any, Any],
    mine: Record[Any],
    other: Record[Any],
    *,
    where: Mapping[str, Any],
    search: str | None,
    sort_field: str,
) -> None:
    assert [r.id for r in service.list(where=where).items] == [mine.id]
    if search is not None:
        found = service.list(search=search)
        assert mine.id in {r.id for r in found.items}
        assert other.id not in {r.id for r in found.items}
        assert mine.id in {r.id for r in service.list(search=search.upper()).items}

    everything = service.list(order_by=sort_field, limit=None)
    assert {mine.id, other.id} <= {r.id for r in everything.items}
    assert everything.total == len(everything.items)
    values = [getattr(r.data, sort_field) for r in everything.items]
    assert values == sorted(values, key=_sort_key)
    backwards = service.list(order_by=sort_field, descending=True, limit=None)
    values = [getattr(r.data, sort_field) for r in backwards.items]
    assert values == sorted(values, key=_sort_key, reverse=True)

    page = service.list(order_by=sort_field, offset=1, limit=1)
    assert page.total == everything.total
    assert page.offset == 1
    assert [r.id for r in page.items] == [r.id for r in everything.items[1:2]]
