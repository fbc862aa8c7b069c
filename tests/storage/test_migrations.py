"""The migration scripts: they agree with the models, every revision upgrades to head with
its data intact, and an older file is backed up before it is migrated.

While only one revision ships, the backup-before-migrate path is exercised with a
test-only revision added to a temporary copy of the migrations folder.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import sqlite3
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from desktop.models import Base, Community, Cycle
from desktop.models.base import CompactUuid, DeviceId
from desktop.storage import StorageError, open_database
from desktop.storage import migrate as migrate_module
from desktop.storage.backup import backup_dir_for
from desktop.storage.migrate import (
    alembic_config,
    current_revision,
    head_revision,
    script_directory,
    upgrade,
)
from tests.storage.old_revisions import app_like_engine, revisions

SHIPPED_HEAD = head_revision()
REVISIONS = revisions()

# Rows written with raw SQL in the schema of each revision (ids as SQLAlchemy stores a
# Uuid in SQLite: 32 hex digits). A new migration needs an entry here.
COMMUNITY_ID = "3f2b6c1e9d0a4b7c8e5f1a2b3c4d5e6f"
CYCLE_ID = "7a1b2c3d4e5f40718293a4b5c6d7e8f9"
USER_ID = "0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f"
SYNC_COLUMNS = {
    "created_at": "2026-01-05 09:30:00.000000",
    "updated_at": "2026-01-05 09:30:00.000000",
    "version": 1,
    "updated_by": "amina",
    "origin_device": "11111111-2222-3333-4444-555555555555",
    "deleted_at": None,
}
SAMPLE_ROWS: dict[str, list[tuple[str, dict[str, Any]]]] = {
    "0001": [
        (
            "community",
            {
                "id": COMMUNITY_ID,
                "name": "Chikwawa East",
                "other_names": "",
                "kind": "village",
                "country": "Malawi",
                "region": "Southern",
                "district": "Chikwawa",
                "locality": "",
                "latitude": -16.03,
                "longitude": 34.8,
                "population_estimate": 1200,
                "languages": "Chichewa",
                "notes": "met the chief",
                "partnership_status": "agreed",
                "partnership_since": "2025-11-02",
                "search_text": "chikwawa east",
                **SYNC_COLUMNS,
            },
        ),
        (
            "cycle",
            {
                "id": CYCLE_ID,
                "community_id": COMMUNITY_ID,
                "number": 1,
                "title": "First cycle",
                "start_on": "2025-11-10",
                "end_on": None,
                "status": "active",
                **SYNC_COLUMNS,
            },
        ),
        (
            "app_user",
            {
                "id": USER_ID,
                "username": "amina",
                "display_name": "Amina",
                "role": "facilitator",
                "language": "en",
                "active": 1,
                **SYNC_COLUMNS,
            },
        ),
        (
            "app_meta",
            {"key": "device_id", "value": "11111111-2222-3333-4444-555555555555"},
        ),
    ],
    "0002": [
        (
            "draft",
            {
                "username": "amina",
                "form_key": "community/new",
                "title": "New community",
                "payload": '{"name": "Mwanza North"}',
                "saved_at": "2025-11-20 08:00:00.000000",
            },
        ),
    ],
    "0003": [
        (
            "comment",
            {
                "id": "5d4c3b2a19084f7e8d6c5b4a39281706",
                "cycle_id": CYCLE_ID,
                "subject_kind": "cycle",
                "subject_id": CYCLE_ID,
                "parent_id": None,
                "author": "amina",
                "body": "Who else should be at the next meeting?",
                "resolved_on": None,
                "resolved_by": "",
                **SYNC_COLUMNS,
            },
        ),
    ],
    # 0004 rebuilds indexes only: a meeting row is read back through the rebuilt one.
    "0004": [
        (
            "meeting",
            {
                "id": "6e5d4c3b2a1940f8e7d6c5b4a3928170",
                "cycle_id": CYCLE_ID,
                "held_on": "2025-11-18",
                "kind": "whole_community",
                "place": "school yard",
                "facilitated_by": "amina",
                "decisions": "",
                "notes": "",
                **SYNC_COLUMNS,
            },
        ),
    ],
    # 0005 adds the change log and conflicts: one laptop change waiting to be sent.
    "0005": [
        (
            "sync_change",
            {
                "seq": 1,
                "device_id": "11111111-2222-3333-4444-555555555555",
                "device_seq": 1,
                "entity_type": "community",
                "entity_id": "3f2b6c1e-9d0a-4b7c-8e5f-1a2b3c4d5e6f",
                "action": "update",
                "base_version": 1,
                "new_version": 2,
                "fields": '{"notes": "met the chief again"}',
                "username": "amina",
                "at": "2026-01-06 10:00:00.000000",
                "acknowledged": 0,
                "outcome": "",
            },
        ),
    ],
    # 0006 drops indexes only: the rows every revision starts with are read back.
    "0006": [],
    # 0007 adds a counted indicator's baseline and target as numbers beside the words.
    "0007": [
        (
            "indicator",
            {
                "id": "1a2b3c4d5e6f40718293a4b5c6d7e8f0",
                "cycle_id": CYCLE_ID,
                "harm_id": None,
                "action_id": None,
                "wording": "Girls walking to school together",
                "defined_by_community": 1,
                "method": "",
                "collected_by": "",
                "frequency": "",
                "value_kind": "number",
                "unit": "girls",
                "baseline": "4",
                "target": "about twenty",
                "baseline_number": 4.0,
                "target_number": None,
                **SYNC_COLUMNS,
            },
        ),
    ],
    # 0008 adds possible duplicates and the office's laptops (a laptop's bundle keys, kept
    # in app_meta until then, move there: see the test of that move below).
    "0008": [
        (
            "possible_duplicate",
            {
                "id": "7f6e5d4c3b2a4190f8e7d6c5b4a39281",
                "kind": "community",
                "first_id": COMMUNITY_ID.replace("-", ""),
                "second_id": "8a7f6e5d4c3b4a2190f8e7d6c5b4a392",
                "first_added_by": "amina",
                "first_added_at": None,
                "second_added_by": "juma",
                "second_added_at": None,
                "status": "open",
                "kept_id": None,
                **SYNC_COLUMNS,
            },
        ),
        (
            "office_device",
            {
                "device_id": "99999999-2222-3333-4444-555555555555",
                "username": "amina",
                "first_seen": "2026-01-06 10:00:00.000000",
                "last_sync": None,
                "box_key": "",
                "sign_key": "",
                "last_bundle_seq": 0,
                "revoked_at": None,
                "revoked_by": "",
            },
        ),
    ],
    # 0010 keeps ids and the creating device in 16 bytes.
    "0010": [
        (
            "partnership_change",
            {
                "id": bytes.fromhex("5e4d3c2b1a0949f88e7d6c5b4a392817"),
                "community_id": bytes.fromhex(COMMUNITY_ID),
                "status": "paused",
                "changed_on": "2026-02-01",
                "reason": "rainy season",
                **SYNC_COLUMNS,
                "origin_device": uuid.UUID(SYNC_COLUMNS["origin_device"]).bytes,
            },
        ),
    ],
}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def as_stored_at(revision: str, table: str, row: dict[str, Any]) -> dict[str, Any]:
    """A sample row as a file at ``revision`` keeps it: from 0010 on, ids (and the
    creating device of a synced row) are their 16 bytes."""
    if REVISIONS.index(revision) < REVISIONS.index("0010"):
        return row
    columns = Base.metadata.tables[table].c
    kept = dict(row)
    for name, value in row.items():
        if not isinstance(value, str):
            continue
        if isinstance(columns[name].type, CompactUuid | DeviceId):
            kept[name] = uuid.UUID(value).bytes
    return kept


def make_database_at(path: Path, revision: str) -> None:
    """A file upgraded from nothing to ``revision`` (not to head), holding the sample rows
    of that revision and of every one before it."""
    engine = app_like_engine(path)
    try:
        with engine.begin() as connection:
            upgrade(connection, revision)
            # The rows of every revision up to this one: later tables refer to earlier rows.
            for earlier in REVISIONS[: REVISIONS.index(revision) + 1]:
                for table, stored in SAMPLE_ROWS.get(earlier, []):
                    row = as_stored_at(revision, table, stored)
                    columns = ", ".join(row)
                    values = ", ".join(f":{name}" for name in row)
                    connection.execute(
                        text(f"INSERT INTO {table} ({columns}) VALUES ({values})"), row
                    )
        with engine.connect() as connection:
            assert current_revision(connection) == revision
    finally:
        engine.dispose()


def readable(column: str, value: Any) -> Any:
    """A value as revisions before 0010 kept it: an id's 16 bytes as its 32 hex digits,
    the creating device's as its UUID text."""
    if not isinstance(value, bytes) or len(value) != 16:
        return value
    return str(uuid.UUID(bytes=value)) if column == "origin_device" else value.hex()


def read_row(path: Path, table: str, key_column: str, key: Any) -> dict[str, Any] | None:
    connection = sqlite3.connect(path)
    connection.row_factory = sqlite3.Row
    try:
        row = connection.execute(f"SELECT * FROM {table} WHERE {key_column} = ?", (key,)).fetchone()
        if row is None and isinstance(key, str) and len(key) == 32:  # ids in 16 bytes (0010)
            found = connection.execute(
                f"SELECT * FROM {table} WHERE {key_column} = ?", (bytes.fromhex(key),)
            ).fetchone()
            return None if found is None else {k: readable(k, v) for k, v in dict(found).items()}
        return dict(row) if row is not None else None
    finally:
        connection.close()


# --- the models and the migrations agree -----------------------------------------------


def test_migrated_schema_matches_the_models(db_path: Path) -> None:
    database = open_database(db_path)
    try:
        with database.engine.connect() as connection:
            tables = set(
                connection.exec_driver_sql(
                    "SELECT name FROM sqlite_master WHERE type = 'table'"
                ).scalars()
            )
            context = MigrationContext.configure(
                connection, opts={"compare_type": True, "render_as_batch": True}
            )
            differences = compare_metadata(context, Base.metadata)
    finally:
        database.close()
    # not a vacuous comparison: every model table is really in the file
    assert tables - {"sqlite_sequence"} == set(Base.metadata.tables) | {"alembic_version"}
    assert differences == []


def test_the_script_directory_has_one_head() -> None:
    assert script_directory().get_heads() == [SHIPPED_HEAD]
    assert REVISIONS[-1] == SHIPPED_HEAD


LIST_INDEXES = {  # rebuilt by 0004 to cover the community list's computed columns
    "cycle": "ix_cycle_community_id",
    "phase": "ix_phase_cycle_start",
    "meeting": "ix_meeting_cycle_held_on",
    "reflection": "ix_reflection_cycle_held_on",
    "action": "ix_action_cycle_status_due",
    "mentor_review": "ix_mentor_review_cycle_id",
    "follow_up": "ix_follow_up_review_status_due",
    "community_assignment": "ix_community_assignment_community_id",
}


def index_columns(path: Path, name: str) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [row[2] for row in connection.execute(f"PRAGMA index_info({name})")]
    finally:
        connection.close()


def model_index_columns(table: str, name: str) -> list[str]:
    (index,) = [index for index in Base.metadata.tables[table].indexes if index.name == name]
    return [column.name for column in index.columns]


def test_upgrading_a_0003_file_rebuilds_the_list_indexes_with_every_column(
    tmp_path: Path,
) -> None:
    path = tmp_path / "clcp.db"
    make_database_at(path, "0003")
    for name in LIST_INDEXES.values():
        assert "deleted_at" not in index_columns(path, name)

    database = open_database(path)
    try:
        assert database.migration_backup is not None  # the 0003 file was kept first
        with database.engine.connect() as connection:
            assert current_revision(connection) == head_revision()
    finally:
        database.close()

    for table, name in LIST_INDEXES.items():
        columns = index_columns(path, name)
        assert columns == model_index_columns(table, name)
        assert columns[-1] == "deleted_at"
    assert read_row(path, "cycle", "id", CYCLE_ID) is not None


def test_downgrading_0004_gives_back_the_0003_indexes(tmp_path: Path) -> None:
    made_at_0003, downgraded = tmp_path / "0003.db", tmp_path / "downgraded.db"
    make_database_at(made_at_0003, "0003")
    make_database_at(downgraded, "0004")
    engine = app_like_engine(downgraded)
    try:
        with engine.begin() as connection:
            command.downgrade(alembic_config(connection), "0003")
    finally:
        engine.dispose()
    for name in LIST_INDEXES.values():
        assert index_columns(downgraded, name) == index_columns(made_at_0003, name)


# --- backup before migrate, with a test-only revision on top of the shipped head --------

EXTRA_REVISION = "9001_test_only"
EXTRA_MIGRATION = '''"""Test-only revision: rebuilds a referenced table and adds one.

Revision ID: {revision}
Revises: {down_revision}
"""

import sqlalchemy as sa
from alembic import op

revision = "{revision}"
down_revision = "{down_revision}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "test_extra",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("note", sa.Text(), nullable=False),
    )
    op.execute("INSERT INTO test_extra (id, note) VALUES (1, 'made by the test revision')")
    # a copy-and-move rebuild of a table other tables point at, as SQLite batch mode does
    with op.batch_alter_table("community", recreate="always") as batch_op:
        batch_op.add_column(sa.Column("test_flag", sa.Integer(), nullable=False,
                                      server_default="7"))
    {extra}


def downgrade() -> None:
    raise NotImplementedError
'''


def migrations_with_extra_revision(folder: Path, extra: str = "pass") -> Path:
    copy = folder / "migrations"
    shutil.copytree(
        migrate_module.MIGRATIONS_DIR, copy, ignore=shutil.ignore_patterns("__pycache__")
    )
    (copy / "versions" / f"{EXTRA_REVISION}.py").write_text(
        EXTRA_MIGRATION.format(revision=EXTRA_REVISION, down_revision=SHIPPED_HEAD, extra=extra),
        encoding="utf-8",
    )
    return copy


@pytest.fixture
def older_file(tmp_path: Path) -> Path:
    """A file the app made at the shipped head, with a community and a cycle in it."""
    path = tmp_path / "office" / "clcp.db"
    database = open_database(path)
    with database.sessions.begin() as session:
        community = Community(id=uuid.UUID(COMMUNITY_ID), name="Chikwawa East")
        session.add(community)
        session.flush()
        session.add(
            Cycle(
                id=uuid.UUID(CYCLE_ID),
                community_id=community.id,
                number=1,
                start_on=date(2025, 11, 10),
            )
        )
    database.close()
    return path


def test_an_older_file_is_backed_up_byte_for_byte_before_it_is_migrated(
    older_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = older_file.read_bytes()
    shipped_migrations = migrate_module.MIGRATIONS_DIR
    monkeypatch.setattr(migrate_module, "MIGRATIONS_DIR", migrations_with_extra_revision(tmp_path))
    assert head_revision() == EXTRA_REVISION

    database = open_database(older_file)
    try:
        backup = database.migration_backup
        assert backup is not None
        with database.engine.connect() as connection:
            assert current_revision(connection) == EXTRA_REVISION
            note = connection.exec_driver_sql("SELECT note FROM test_extra").scalar()
            flag = connection.exec_driver_sql("SELECT test_flag FROM community").scalar()
            assert connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        assert note == "made by the test revision"
        assert flag == 7
        with database.sessions() as session:
            cycle = session.get(Cycle, uuid.UUID(CYCLE_ID))
            assert cycle is not None
            assert cycle.community_id == uuid.UUID(COMMUNITY_ID)
    finally:
        database.close()

    assert backup.parent == backup_dir_for(older_file)
    assert re.fullmatch(rf"clcp-\d{{8}}T\d{{12}}Z-before-{EXTRA_REVISION}\.db", backup.name), (
        backup.name
    )
    assert backup.read_bytes() == before
    assert older_file.read_bytes() != before

    # the backup is the old file, still openable by the old version of the app
    monkeypatch.setattr(migrate_module, "MIGRATIONS_DIR", shipped_migrations)
    copy = tmp_path / "restored.db"
    shutil.copy2(backup, copy)
    restored = open_database(copy)
    try:
        with restored.engine.connect() as connection:
            assert current_revision(connection) == SHIPPED_HEAD
    finally:
        restored.close()


def test_a_failing_migration_leaves_the_file_as_it_was(
    older_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = sha256(older_file)
    monkeypatch.setattr(
        migrate_module,
        "MIGRATIONS_DIR",
        migrations_with_extra_revision(tmp_path, extra='raise RuntimeError("disk says no")'),
    )

    with pytest.raises(StorageError) as raised:
        open_database(older_file)

    message = str(raised.value)
    assert "\n" not in message
    assert "disk says no" in message
    assert sha256(older_file) == before
    backups = list(backup_dir_for(older_file).iterdir())
    assert len(backups) == 1
    assert sha256(backups[0]) == before
    connection = sqlite3.connect(older_file)
    try:
        version = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    finally:
        connection.close()
    assert version == (SHIPPED_HEAD,)
    assert "test_extra" not in tables


def test_a_migration_that_would_orphan_rows_is_rolled_back(
    older_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = sha256(older_file)
    monkeypatch.setattr(
        migrate_module,
        "MIGRATIONS_DIR",
        migrations_with_extra_revision(tmp_path, extra='op.execute("DELETE FROM community")'),
    )

    with pytest.raises(StorageError, match="break 1 links"):
        open_database(older_file)

    assert sha256(older_file) == before
    assert read_row(older_file, "community", "id", COMMUNITY_ID) is not None


# --- every revision upgrades to head with its data -------------------------------------


@pytest.mark.parametrize("on_top", [False, True], ids=["shipped head", "test-only head"])
@pytest.mark.parametrize("revision", REVISIONS)
def test_every_revision_upgrades_to_head_keeping_its_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, revision: str, on_top: bool
) -> None:
    """From each shipped revision to the head - also to a test-only revision above the
    shipped head, so that a real upgrade runs even while only one revision ships."""
    if revision not in SAMPLE_ROWS:
        pytest.fail(f"add SAMPLE_ROWS for migration {revision} to this test module")
    path = tmp_path / "clcp.db"
    make_database_at(path, revision)
    if on_top:
        monkeypatch.setattr(
            migrate_module, "MIGRATIONS_DIR", migrations_with_extra_revision(tmp_path)
        )

    database = open_database(path)
    try:
        with database.engine.connect() as connection:
            assert current_revision(connection) == head_revision()
        assert (database.migration_backup is None) == (revision == head_revision())
        device_ids = {row["value"] for table, row in SAMPLE_ROWS[revision] if table == "app_meta"}
        if device_ids:
            assert database.device_id in device_ids
        with database.sessions() as session:
            community = session.get(Community, uuid.UUID(COMMUNITY_ID))
            assert community is not None
            assert community.name == "Chikwawa East"
            assert community.created_at.tzinfo is not None
            cycle = session.get(Cycle, uuid.UUID(CYCLE_ID))
            assert cycle is not None
            assert cycle.community_id == community.id
    finally:
        database.close()

    for table, row in SAMPLE_ROWS[revision]:
        key_column = {
            "app_meta": "key",
            "draft": "form_key",
            "sync_change": "seq",
            "office_device": "device_id",
        }.get(table, "id")
        stored = read_row(path, table, key_column, row[key_column])
        assert stored is not None, f"{table} row lost by the upgrade from {revision}"
        kept = {name: value for name, value in row.items() if name in stored}
        assert {name: stored[name] for name in kept} == kept


def test_0008_moves_the_laptops_bundle_keys_from_app_meta_into_their_table(
    tmp_path: Path,
) -> None:
    path = tmp_path / "office.db"
    make_database_at(path, "0006")
    device = "99999999-2222-3333-4444-555555555555"
    stored = {"username": "amina", "keys": {"box": "Qk9Y", "sign": "U0lHTg=="}, "last_seq": 4}
    connection = sqlite3.connect(path)
    with connection:
        connection.execute(
            "INSERT INTO app_meta (key, value) VALUES (?, ?)",
            (f"bundle_device:{device}", json.dumps(stored)),
        )
    connection.close()
    open_database(path).close()
    row = read_row(path, "office_device", "device_id", device)
    assert row is not None
    assert (row["username"], row["box_key"], row["sign_key"], row["last_bundle_seq"]) == (
        "amina",
        "Qk9Y",
        "U0lHTg==",
        4,
    )
    assert read_row(path, "app_meta", "key", f"bundle_device:{device}") is None


def test_the_revisions_read_from_the_scripts_are_alembics() -> None:
    """Opening a file reads the revisions without Alembic; they must be what Alembic says."""
    scripts = migrate_module.script_directory()
    assert head_revision() == scripts.get_current_head()
    assert migrate_module.known_revisions() == {s.revision for s in scripts.walk_revisions()}
    assert migrate_module.revision_graph() == {
        s.revision: s.down_revision for s in scripts.walk_revisions()
    }
