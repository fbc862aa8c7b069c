"""Syncing by USB stick: the same result as a network sync, and every damaged, replayed,
foreign or newer bundle refused with one line and nothing changed on either side."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop.models import AuditEvent, Community, SyncChange, SyncConflict
from desktop.services.framework.actor import Actor
from desktop.services.usecases.communities import CommunityData
from desktop.storage import Database
from desktop.storage.server_database import open_server_database
from desktop.sync.bundle import export_bundle, header_for, import_answer
from desktop.sync.bundle_format import BundleError, seal
from desktop.sync.bundle_keys import own_keys, remember_office
from desktop.sync.bundle_office import import_bundle
from desktop.sync.resolve import resolve
from tests.postgres_support import fresh_database
from tests.sync.bundle_support import carry, link
from tests.sync.office_world import Laptop, Office, make_office

MakeLaptop = Callable[[str], Laptop]


@pytest.fixture
def second_office(migrated_template: str) -> Iterator[Office]:
    with fresh_database(template=migrated_template) as url:
        database = open_server_database(url)
        try:
            yield make_office(database)
        finally:
            database.close()


def _edit(office: Office, machine: Laptop) -> None:
    """The office and the laptop edit the same records: a conflict, a merge, a new one."""
    kerewe, amuru = office.community_id, office.other_community_id
    for services, edits in (
        (office.services, ((kerewe, {"notes": "office"}), (amuru, {"locality": "east"}))),
        (machine.services, ((kerewe, {"notes": "laptop"}), (amuru, {"notes": "a well"}))),
    ):
        for record_id, changes in edits:
            row = services.communities.get(record_id)
            services.communities.update(row.id, replace(row.data, **changes))
    machine.services.communities.create(CommunityData(name="Opit", district="Lira"))


def _state(db: Database) -> dict[str, Any]:
    """What a person sees, without the ids each office made for itself."""
    with db.session() as session:
        communities = sorted(
            (c.name, c.district, c.locality, c.notes, c.version, c.deleted_at is None)
            for c in session.scalars(select(Community))
        )
        conflicts = sorted(
            (c.record_name, c.field, c.kept_value, c.other_value, c.resolution)
            for c in session.scalars(select(SyncConflict))
        )
    return {"communities": communities, "conflicts": conflicts}


def _scenario(office: Office, machine: Laptop, sync: Callable[[], object]) -> dict[str, Any]:
    _edit(office, machine)
    sync()
    with machine.db.session() as session:
        conflict = session.scalars(select(SyncConflict)).one()
    resolve(machine.db, machine.actor, conflict.id, "value", "both visited")
    sync()
    return {"laptop": _state(machine.db), "office": _state(office.db)}


def test_a_round_trip_by_usb_gives_what_a_network_sync_gives(
    office: Office, second_office: Office, tmp_path: Path
) -> None:
    by_usb = Laptop(tmp_path / "usb.db", office, "mary")
    by_network = Laptop(tmp_path / "net.db", second_office, "mary")
    try:
        by_usb.sync()
        by_network.sync()
        link(by_usb)
        usb = _scenario(office, by_usb, lambda: carry(by_usb, tmp_path))
        network = _scenario(second_office, by_network, by_network.sync)
        assert usb == network
        assert usb["laptop"]["communities"] == usb["office"]["communities"]
        assert by_usb.sync().line() == "sent 0, received 0, conflicts 0"  # nothing left over
    finally:
        by_usb.close()
        by_network.close()


def _counts(db: Database) -> tuple[int, int, int]:
    with db.session() as session:
        return (
            session.scalar(select(func.count()).select_from(SyncChange)) or 0,
            session.scalar(select(func.count()).select_from(AuditEvent)) or 0,
            session.scalar(select(func.count()).select_from(SyncConflict)) or 0,
        )


def _positions(data: bytes, spread: int = 300) -> list[int]:
    """Every byte of the magic, length, header and signature, and an even spread of
    ``spread`` bytes over the ciphertext (every byte of it, when it is that short)."""
    body = 12 + int.from_bytes(data[8:12], "big")
    end = len(data) - 64
    step = max((end - body) // spread, 1)
    return [*range(body), *range(body, end, step), *range(end, len(data))]


def _exported(office: Office, laptop: MakeLaptop, tmp_path: Path) -> tuple[Laptop, bytes]:
    """Mary's laptop, known to the office, after _edit: its bundle exported and read."""
    mary = laptop("mary")
    link(mary)
    _edit(office, mary)
    export_bundle(mary.db, mary.actor, tmp_path / "out.clcpsync")
    return mary, (tmp_path / "out.clcpsync").read_bytes()


def _flipped(data: bytes, position: int) -> bytes:
    return data[:position] + bytes([data[position] ^ 0x01]) + data[position + 1 :]


def test_every_byte_of_a_bundle_and_of_its_answer_is_checked(
    office: Office, laptop: MakeLaptop, tmp_path: Path
) -> None:
    mary, bundle = _exported(office, laptop, tmp_path)
    before = _counts(office.db)
    for position in _positions(bundle, spread=len(bundle)):  # every byte
        with pytest.raises(BundleError):
            import_bundle(office.db, _flipped(bundle, position))
    assert _counts(office.db) == before
    answer = import_bundle(office.db, bundle).answer  # the genuine one still goes in
    laptop_before = (_counts(mary.db), _state(mary.db))
    for position in _positions(answer):
        (tmp_path / "back.clcpsync").write_bytes(_flipped(answer, position))
        with pytest.raises(BundleError):
            import_answer(mary.db, mary.actor, tmp_path / "back.clcpsync")
    assert (_counts(mary.db), _state(mary.db)) == laptop_before
    (tmp_path / "back.clcpsync").write_bytes(answer)
    assert import_answer(mary.db, mary.actor, tmp_path / "back.clcpsync").acknowledged == 3


def test_truncated_and_replayed_bundles_are_refused(
    office: Office, laptop: MakeLaptop, tmp_path: Path
) -> None:
    mary, bundle = _exported(office, laptop, tmp_path)
    before = _counts(office.db)
    for length in (0, 5, 12, 40, len(bundle) // 2, len(bundle) - 64, len(bundle) - 1):
        with pytest.raises(BundleError):
            import_bundle(office.db, bundle[:length])
    assert _counts(office.db) == before
    answer = import_bundle(office.db, bundle).answer
    after = _counts(office.db)
    with pytest.raises(BundleError, match="already imported"):
        import_bundle(office.db, bundle)
    assert _counts(office.db) == after
    (tmp_path / "back.clcpsync").write_bytes(answer)
    import_answer(mary.db, mary.actor, tmp_path / "back.clcpsync")
    with pytest.raises(BundleError, match="already imported"):
        import_answer(mary.db, mary.actor, tmp_path / "back.clcpsync")


def test_a_bundle_for_another_office_or_from_an_unknown_laptop_is_refused(
    office: Office, second_office: Office, laptop: MakeLaptop, tmp_path: Path
) -> None:
    _mary, bundle = _exported(office, laptop, tmp_path)
    before = _counts(second_office.db)
    with pytest.raises(BundleError, match="another office"):
        import_bundle(second_office.db, bundle)
    assert _counts(second_office.db) == before
    stranger = laptop("mary")  # a second laptop, never signed in with its keys
    stranger.services.communities.create(CommunityData(name="Lalogi"))
    remember_office(stranger.db, own_keys(office.db).public)
    export_bundle(stranger.db, stranger.actor, tmp_path / "stranger.clcpsync")
    with pytest.raises(BundleError, match="does not know"):
        import_bundle(office.db, (tmp_path / "stranger.clcpsync").read_bytes())


def test_a_bundle_from_a_newer_app_is_refused_whole(
    office: Office, laptop: MakeLaptop, tmp_path: Path
) -> None:
    mary = laptop("mary")
    link(mary)
    _edit(office, mary)
    header = {**header_for("changes", mary.db.device_id, 1), "schema": "9999_from_the_future"}
    payload = {"seen": 0, "username": "mary", "changes": [], "resolved": []}
    newer = seal(header, payload, own_keys(mary.db), own_keys(office.db).public)
    before = _counts(office.db)
    with pytest.raises(BundleError, match="newer version"):
        import_bundle(office.db, newer)
    assert _counts(office.db) == before


def test_a_laptop_that_never_met_the_office_cannot_export(
    laptop: MakeLaptop, tmp_path: Path
) -> None:
    mary = laptop("mary")
    with pytest.raises(BundleError, match="sync over the network once"):
        export_bundle(mary.db, mary.actor, tmp_path / "out.clcpsync")
    assert not (tmp_path / "out.clcpsync").exists()


def test_an_answer_holds_back_the_download_while_later_edits_wait(
    office: Office, laptop: MakeLaptop, tmp_path: Path
) -> None:
    mary, bundle = _exported(office, laptop, tmp_path)
    answer = import_bundle(office.db, bundle).answer
    current = mary.services.communities.get(office.community_id)  # edited after the export
    mary.services.communities.update(current.id, replace(current.data, district="Oyam"))
    (tmp_path / "back.clcpsync").write_bytes(answer)
    first = import_answer(mary.db, mary.actor, tmp_path / "back.clcpsync")
    assert (first.acknowledged, first.received, first.held_back) == (3, 0, True)
    assert mary.services.communities.get(office.community_id).data.district == "Oyam"
    second = carry(mary, tmp_path)  # the later edit goes, and the office's records come
    assert (second.acknowledged, second.held_back) == (1, False)
    assert second.received > 0
    assert _state(mary.db)["communities"] == _state(office.db)["communities"]


def test_an_answer_for_another_laptop_is_refused(
    office: Office, laptop: MakeLaptop, tmp_path: Path
) -> None:
    one, two = laptop("mary"), laptop("mary")
    link(one)
    link(two)
    _edit(office, one)
    export_bundle(one.db, one.actor, tmp_path / "out.clcpsync")
    answer = import_bundle(office.db, (tmp_path / "out.clcpsync").read_bytes()).answer
    (tmp_path / "back.clcpsync").write_bytes(answer)
    before = (_counts(two.db), _state(two.db))
    with pytest.raises(BundleError, match="another laptop"):
        import_answer(two.db, two.actor, tmp_path / "back.clcpsync")
    assert (_counts(two.db), _state(two.db)) == before


def test_a_bundle_is_applied_only_as_the_account_its_laptop_signed_in_with(
    office: Office, laptop: MakeLaptop, tmp_path: Path
) -> None:
    mary = laptop("mary")
    link(mary)
    _edit(office, mary)
    ada = Actor(username="ada", role="admin")  # signed in on mary's laptop, never at the office
    export_bundle(mary.db, ada, tmp_path / "out.clcpsync")
    before = _counts(office.db)
    with pytest.raises(BundleError, match="known to the office as mary's"):
        import_bundle(office.db, (tmp_path / "out.clcpsync").read_bytes())
    assert _counts(office.db) == before


def test_a_lost_answer_is_made_good_by_exporting_again(
    office: Office, laptop: MakeLaptop, tmp_path: Path
) -> None:
    mary, bundle = _exported(office, laptop, tmp_path)
    import_bundle(office.db, bundle)  # its answer is lost
    applied_once = _counts(office.db)[0]
    again = carry(mary, tmp_path)
    assert (again.acknowledged, again.held_back) == (3, False)
    assert _counts(office.db)[0] == applied_once  # nothing applied twice
    assert _state(mary.db)["communities"] == _state(office.db)["communities"]
