"""Revision 0010: ids and the creating device in 16 bytes, every value kept."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

from alembic import command
from sqlalchemy import text

from desktop.models import Community, PartnershipChange
from desktop.storage import open_database
from desktop.storage.migrate import alembic_config, upgrade
from tests.storage.old_revisions import app_like_engine

COMMUNITY = uuid.UUID("3f2b6c1e-9d0a-4b7c-8e5f-1a2b3c4d5e6f")
DEVICE = "11111111-2222-3333-4444-555555555555"
STAMP = "2026-01-05 09:30:00.000000"


def _file_at_0008(path: Path, device: str) -> None:
    engine = app_like_engine(path)
    try:
        with engine.begin() as connection:
            upgrade(connection, "0008")
            connection.execute(
                text(
                    "INSERT INTO community (id, name, other_names, kind, country, region, "
                    "district, locality, population_estimate, languages, notes, "
                    "partnership_status, search_text, created_at, updated_at, version, "
                    "updated_by, origin_device) VALUES (:id, 'Chikwawa East', '', 'village', "
                    "'Malawi', 'Southern', 'Chikwawa', '', 1200, '', '', 'agreed', "
                    "'chikwawa east', :at, :at, 1, 'amina', :device)"
                ),
                {"id": COMMUNITY.hex, "at": STAMP, "device": device},
            )
            connection.execute(
                text(
                    "INSERT INTO partnership_change (id, community_id, status, changed_on, "
                    "reason, created_at, updated_at, version, updated_by, origin_device) "
                    "VALUES (:id, :community, 'agreed', '2026-01-05', '', :at, :at, 1, "
                    "'amina', 'an old laptop')"
                ),
                {"id": uuid.UUID(int=7).hex, "community": COMMUNITY.hex, "at": STAMP},
            )
    finally:
        engine.dispose()


def _raw(path: Path, sql: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def test_ids_and_devices_become_16_bytes_and_read_back_the_same(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _file_at_0008(path, DEVICE)
    db = open_database(path)
    try:
        with db.session() as session:
            community = session.get(Community, COMMUNITY)
            assert community is not None and community.origin_device == DEVICE
            change = session.get(PartnershipChange, uuid.UUID(int=7))
            assert change is not None and change.community_id == COMMUNITY
            assert change.origin_device == "an old laptop"  # not a UUID: kept as text
    finally:
        db.close()
    assert _raw(path, "SELECT typeof(id), length(id), typeof(origin_device) FROM community") == [
        ("blob", 16, "blob")
    ]
    assert _raw(path, "SELECT typeof(origin_device) FROM partnership_change") == [("text",)]


def test_a_downgrade_gives_back_the_text_of_every_id(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _file_at_0008(path, DEVICE)
    before = _raw(path, "SELECT id, origin_device FROM community")
    open_database(path).close()
    engine = app_like_engine(path)
    try:
        with engine.connect() as connection:
            # as the app migrates: links are not checked while tables are rebuilt
            raw = connection.connection.dbapi_connection
            assert raw is not None
            raw.execute("PRAGMA foreign_keys = OFF")
            with connection.begin():
                command.downgrade(alembic_config(connection), "0008")
    finally:
        engine.dispose()
    assert _raw(path, "SELECT id, origin_device FROM community") == before
    assert _raw(path, "SELECT community_id, origin_device FROM partnership_change") == [
        (COMMUNITY.hex, "an old laptop")
    ]
