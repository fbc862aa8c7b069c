"""Laptops that sync by USB stick with an office on PostgreSQL (see test_bundles.py)."""

from __future__ import annotations

from pathlib import Path

from desktop.sync.bundle import Answered, export_bundle, import_answer
from desktop.sync.bundle_keys import own_keys, remember_office
from desktop.sync.bundle_office import import_bundle
from desktop.sync.devices import register_device
from tests.sync.office_world import Laptop


def link(machine: Laptop) -> None:
    """What a network sign-in does for bundles: each side learns the other's keys."""
    office = machine.office.db
    register_device(
        office, machine.db.device_id, machine.actor.username, own_keys(machine.db).public
    )
    remember_office(machine.db, own_keys(office).public)


def carry(machine: Laptop, folder: Path) -> Answered:
    """Laptop -> stick -> office -> stick -> laptop."""
    done = export_bundle(machine.db, machine.actor, folder / "out.clcpsync")
    imported = import_bundle(machine.office.db, (folder / "out.clcpsync").read_bytes())
    assert imported.seq == done.seq
    (folder / "back.clcpsync").write_bytes(imported.answer)
    return import_answer(machine.db, machine.actor, folder / "back.clcpsync")
