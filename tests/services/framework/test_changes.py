"""What a write changed, told by the services themselves: only what committed, with ids."""

from __future__ import annotations

import dataclasses

import pytest

from desktop.services.facade import Services
from desktop.services.framework.actor import Actor
from desktop.services.framework.changes import Change, Changes, collect
from desktop.services.framework.errors import ValidationError
from desktop.services.usecases.harms import HarmData
from desktop.storage import Database

MANAGER = Actor("manager", role="manager")


def test_created_updated_and_deleted_records_are_collected_with_their_ids(db: Database) -> None:
    services = Services(db, MANAGER)
    with collect() as box:
        harm = services.harms.create(HarmData(name="Forced labour"))
        changed = services.harms.update(harm.id, dataclasses.replace(harm.data, description="x"))
        other = services.harms.create(HarmData(name="Begging"))
        services.harms.delete(other.id)
    changes = box.changes("the settings page")
    assert changes.initiator == "the settings page"
    # One entry per record: created-then-updated is "created", created-then-deleted "deleted".
    assert changes.ids("harm", "created") == {str(harm.id)}
    assert changes.ids("harm", "deleted") == {str(other.id)}
    assert changes.uuids("harm") == {harm.id, other.id}
    assert changed.version == harm.version + 1
    assert changes.touches("meeting", "harm") and not changes.touches("meeting")


def test_a_refused_write_and_writes_outside_a_collection_announce_nothing(db: Database) -> None:
    services = Services(db, MANAGER)
    services.harms.create(HarmData(name="Outside"))  # nobody collecting: nothing kept
    with collect() as box, pytest.raises(ValidationError):
        services.harms.create(HarmData(name=""))
    assert not box.changes()
    assert box.changes() == Changes()


def test_an_inner_collection_reports_to_the_outer_one(db: Database) -> None:
    services = Services(db, MANAGER)
    with collect() as outer, collect() as inner:
        harm = services.harms.create(HarmData(name="Forced labour"))
    assert inner.changes().entries == (Change("harm", str(harm.id), "created"),)
    assert outer.changes().entries == inner.changes().entries
