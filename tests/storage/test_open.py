"""Opening a database file: creating, reopening, refusing, encrypting, transactions.

Every test works on real files in ``tmp_path`` through ``open_database``, the
same path the app and the CLI take.
"""

from __future__ import annotations

import hashlib
import random
import secrets
import sqlite3
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from platformdirs import user_data_path
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from desktop import APP_AUTHOR, APP_NAME
from desktop.models import AuditEvent, Base, Community, Cycle, Harm, ParticipantGroup
from desktop.services.framework import audit
from desktop.services.framework.actor import SYSTEM
from desktop.storage import (
    Database,
    DatabaseMissingError,
    NewerDatabaseError,
    NotADatabaseError,
    StorageError,
    open_database,
)
from desktop.storage.backup import backup_dir_for
from desktop.storage.connect import BUSY_TIMEOUT_MS
from desktop.storage.migrate import current_revision, head_revision
from desktop.storage.paths import DATA_DIR_ENV_VAR, DB_ENV_VAR, data_dir

SQLITE_MAGIC = b"SQLite format 3\x00"
COMMUNITY_NAME = "Nkhwazi-Mbewe Village"
SEEDED_HARM_NAME = "Child marriage"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with its hash (folders as ``<dir>``)."""
    return {
        str(item.relative_to(folder)): "<dir>" if item.is_dir() else sha256(item)
        for item in sorted(folder.rglob("*"))
    }


def wal_path(path: Path) -> Path:
    return Path(f"{path}-wal")


def count(database: Database, entity: type[Base]) -> int:
    with database.sessions() as session:
        return session.scalar(select(func.count()).select_from(entity)) or 0


def add_community(database: Database, name: str = COMMUNITY_NAME) -> uuid.UUID:
    with database.sessions.begin() as session:
        community = Community(name=name, district="Lower Shire", notes="flip-chart notes")
        session.add(community)
        session.flush()
        return community.id


# --- a new file ------------------------------------------------------------------------


def test_new_file_is_created_and_migrated_to_head(db: Database, db_path: Path) -> None:
    assert db.path == db_path
    assert db_path.read_bytes().startswith(SQLITE_MAGIC)
    with db.engine.connect() as connection:
        assert current_revision(connection) == head_revision()
    assert db.migration_backup is None
    assert not backup_dir_for(db_path).exists()
    assert db.encrypted is False


def test_new_file_has_the_seeded_participant_groups_and_harms(db: Database) -> None:
    with db.sessions() as session:
        groups = session.scalars(select(ParticipantGroup).order_by(ParticipantGroup.position))
        assert [group.code for group in groups] == [
            "girls",
            "boys",
            "women",
            "men",
            "elders",
            "disability",
        ]
        harms = session.scalars(select(Harm)).all()
    assert len(harms) == 12
    assert SEEDED_HARM_NAME in {harm.name for harm in harms}
    assert all(harm.community_id is None and not harm.retired for harm in harms)


def test_seeded_rows_have_the_same_ids_in_every_new_file(tmp_path: Path) -> None:
    ids: list[set[uuid.UUID]] = []
    for name in ("a.db", "b.db"):
        database = open_database(tmp_path / name)
        try:
            with database.sessions() as session:
                harm_ids = set(session.scalars(select(Harm.id)))
                group_ids = set(session.scalars(select(ParticipantGroup.id)))
            ids.append(harm_ids | group_ids)
        finally:
            database.close()
    assert len(ids[0]) == 18
    assert ids[0] == ids[1]


def test_session_connections_use_wal_foreign_keys_and_busy_timeout(db: Database) -> None:
    with db.sessions() as session:
        connection = session.connection()
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == BUSY_TIMEOUT_MS
    assert BUSY_TIMEOUT_MS >= 1000


def test_foreign_keys_are_enforced_on_write(db: Database) -> None:
    with pytest.raises(IntegrityError), db.sessions.begin() as session:
        session.add(Cycle(community_id=uuid.uuid4(), number=1, start_on=date(2026, 1, 5)))


def test_device_id_is_a_uuid_and_stable_across_reopen(db_path: Path, tmp_path: Path) -> None:
    first = open_database(db_path)
    device_id = first.device_id
    first.close()
    assert uuid.UUID(device_id)

    again = open_database(db_path)
    try:
        assert again.device_id == device_id
        assert again.meta["device_id"] == device_id
    finally:
        again.close()

    other = open_database(tmp_path / "other.db")
    try:
        assert other.device_id != device_id
    finally:
        other.close()


def test_reopening_an_up_to_date_file_makes_no_backup_and_keeps_data(db_path: Path) -> None:
    first = open_database(db_path)
    community_id = add_community(first)
    first.close()
    before = sha256(db_path)

    again = open_database(db_path)
    try:
        assert again.migration_backup is None
        with again.sessions() as session:
            community = session.get(Community, community_id)
            assert community is not None
            assert community.name == COMMUNITY_NAME
    finally:
        again.close()
    assert not backup_dir_for(db_path).exists()
    assert sha256(db_path) == before


def test_data_written_in_one_session_is_there_after_reopen(db_path: Path) -> None:
    first = open_database(db_path)
    community_id = add_community(first)
    first.close()
    again = open_database(db_path, create=False)
    try:
        with again.sessions() as session:
            community = session.get(Community, community_id)
            assert community is not None
            assert community.name == COMMUNITY_NAME
            assert community.created_at.tzinfo is not None
    finally:
        again.close()


def test_checkpoint_moves_the_wal_into_the_main_file(db: Database, db_path: Path) -> None:
    add_community(db)
    assert wal_path(db_path).stat().st_size > 0
    assert COMMUNITY_NAME.encode() not in db_path.read_bytes()

    assert db.checkpoint() is True

    assert wal_path(db_path).stat().st_size == 0
    assert COMMUNITY_NAME.encode() in db_path.read_bytes()
    assert db.file_size() == db_path.stat().st_size


# --- where the file is -----------------------------------------------------------------


def test_tests_never_use_the_real_user_data_folder() -> None:
    assert data_dir() != user_data_path(APP_NAME, APP_AUTHOR)


def test_no_target_means_the_default_file_in_the_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV_VAR, str(tmp_path / "data"))
    database = open_database()
    try:
        assert database.path == tmp_path / "data" / "clcp.db"
        assert database.path.is_file()
    finally:
        database.close()


def test_clcp_db_environment_variable_chooses_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV_VAR, str(tmp_path / "data"))
    monkeypatch.setenv(DB_ENV_VAR, str(tmp_path / "chosen.db"))
    database = open_database()
    try:
        assert database.path == tmp_path / "chosen.db"
    finally:
        database.close()
    assert not (tmp_path / "data").exists()


def test_a_sqlalchemy_url_opens_the_same_file(db_path: Path) -> None:
    first = open_database(db_path)
    community_id = add_community(first)
    device_id = first.device_id
    first.close()
    database = open_database(f"sqlite:///{db_path}")
    try:
        assert database.path == db_path
        assert database.device_id == device_id
        with database.sessions() as session:
            assert session.get(Community, community_id) is not None
    finally:
        database.close()


def test_an_in_memory_url_gives_a_migrated_database_without_a_file() -> None:
    database = open_database("sqlite://")
    try:
        assert database.path is None
        assert database.file_size() == 0
        assert count(database, Harm) == 12
        assert uuid.UUID(database.device_id)
    finally:
        database.close()


# --- refusals --------------------------------------------------------------------------

KEY = bytes(range(32))
OTHER_KEY = bytes(range(1, 33))


def make_text_file(path: Path) -> None:
    path.write_text("Meeting notes, Nkhwazi village\n" * 40, encoding="utf-8")


def make_short_text_file(path: Path) -> None:
    path.write_text("hello", encoding="utf-8")


def make_random_file(path: Path) -> None:
    path.write_bytes(random.Random(20261121).randbytes(16384))


def make_other_app_database(path: Path, journal_mode: str) -> None:
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA journal_mode = {journal_mode}")
    connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    connection.execute("INSERT INTO notes (body) VALUES ('shopping list')")
    connection.commit()
    connection.close()


def make_folder(path: Path) -> None:
    path.mkdir()
    (path / "readme.txt").write_text("not a database", encoding="utf-8")


def make_newer_database(path: Path) -> None:
    open_database(path).close()
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    connection.commit()
    connection.close()


def make_encrypted_database(path: Path) -> None:
    database = open_database(path, key=KEY)
    add_community(database)
    database.close()


def make_plain_database(path: Path) -> None:
    open_database(path).close()


REFUSALS: list[tuple[str, Callable[[Path], None], bytes | None, type[StorageError]]] = [
    ("text file", make_text_file, None, NotADatabaseError),
    ("short text file", make_short_text_file, None, NotADatabaseError),
    ("random bytes", make_random_file, None, NotADatabaseError),
    (
        "other app's database",
        lambda path: make_other_app_database(path, "DELETE"),
        None,
        NotADatabaseError,
    ),
    (
        "other app's WAL database",
        lambda path: make_other_app_database(path, "WAL"),
        None,
        NotADatabaseError,
    ),
    ("folder", make_folder, None, NotADatabaseError),
    ("newer schema", make_newer_database, None, NewerDatabaseError),
    ("encrypted, no key", make_encrypted_database, None, NotADatabaseError),
    ("encrypted, wrong key", make_encrypted_database, OTHER_KEY, NotADatabaseError),
    ("plain file, given a key", make_plain_database, KEY, NotADatabaseError),
]


@pytest.mark.parametrize(
    ("make", "key", "error"),
    [pytest.param(make, key, error, id=name) for name, make, key, error in REFUSALS],
)
def test_refused_files_are_left_untouched_with_a_one_line_message(
    tmp_path: Path,
    make: Callable[[Path], None],
    key: bytes | None,
    error: type[StorageError],
) -> None:
    folder = tmp_path / "office"
    folder.mkdir()
    path = folder / "clcp.db"
    make(path)
    before = snapshot(folder)
    assert before, "the scenario must have put something on disk"

    with pytest.raises(error) as raised:
        open_database(path, key=key)

    message = str(raised.value)
    assert message
    assert "\n" not in message
    assert path.name in message
    assert snapshot(folder) == before


def test_newer_schema_message_says_so(tmp_path: Path) -> None:
    path = tmp_path / "clcp.db"
    make_newer_database(path)
    with pytest.raises(NewerDatabaseError, match="newer version"):
        open_database(path)


def test_missing_file_with_create_false_is_not_created(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "clcp.db"
    with pytest.raises(DatabaseMissingError) as raised:
        open_database(path, create=False)
    message = str(raised.value)
    assert "\n" not in message
    assert str(path) in message
    assert not path.parent.exists()


def test_an_empty_file_is_treated_as_new(db_path: Path) -> None:
    db_path.touch()
    database = open_database(db_path)
    try:
        assert count(database, Harm) == 12
    finally:
        database.close()


def test_a_refused_encrypted_file_still_opens_with_its_key(tmp_path: Path) -> None:
    path = tmp_path / "secret.db"
    make_encrypted_database(path)
    with pytest.raises(NotADatabaseError):
        open_database(path, key=OTHER_KEY)
    database = open_database(path, key=KEY)
    try:
        assert count(database, Community) == 1
    finally:
        database.close()


# --- encryption ------------------------------------------------------------------------

NEEDLES = (COMMUNITY_NAME.encode(), SEEDED_HARM_NAME.encode(), b"Lower Shire")


def test_encrypted_file_and_its_wal_hold_no_plaintext(tmp_path: Path) -> None:
    path = tmp_path / "secret.db"
    key = secrets.token_bytes(32)
    database = open_database(path, key=key)
    try:
        assert database.encrypted
        community_id = add_community(database)
        wal = wal_path(path).read_bytes()
        assert len(wal) > 0, "the write should still be in the WAL"
        for needle in NEEDLES:
            assert needle not in wal
    finally:
        database.close()

    content = path.read_bytes()
    assert not content.startswith(SQLITE_MAGIC)
    for needle in NEEDLES:
        assert needle not in content

    reopened = open_database(path, key=key)
    try:
        with reopened.sessions() as session:
            community = session.get(Community, community_id)
            assert community is not None
            assert community.name == COMMUNITY_NAME
            assert session.scalar(select(Harm.name).where(Harm.code == "child_marriage")) == (
                SEEDED_HARM_NAME
            )
    finally:
        reopened.close()


def test_unencrypted_file_does_hold_plaintext(db_path: Path) -> None:
    """The control for the test above: the same search does find the names in a plain file."""
    database = open_database(db_path)
    try:
        add_community(database)
        written = db_path.read_bytes() + wal_path(db_path).read_bytes()
    finally:
        database.close()
    for needle in NEEDLES:
        assert needle in written
    assert db_path.read_bytes().startswith(SQLITE_MAGIC)


# --- transactions ----------------------------------------------------------------------


def test_an_exception_inside_a_transaction_writes_nothing(db: Database) -> None:
    with pytest.raises(RuntimeError, match="interrupted"), db.sessions.begin() as session:
        community = Community(name=COMMUNITY_NAME)
        session.add(community)
        session.flush()
        audit.record(
            session,
            actor=SYSTEM,
            action="community.create",
            device_id=db.device_id,
            entity_type="community",
            entity_id=community.id,
            changes={"name": COMMUNITY_NAME},
        )
        raise RuntimeError("interrupted")

    assert count(db, Community) == 0
    assert count(db, AuditEvent) == 0


def test_a_failing_statement_undoes_the_earlier_writes_of_its_transaction(db: Database) -> None:
    with pytest.raises(IntegrityError), db.sessions.begin() as session:
        session.add(Community(name=COMMUNITY_NAME))
        session.flush()
        session.add(Cycle(community_id=uuid.uuid4(), number=1, start_on=date(2026, 1, 5)))
        session.flush()

    assert count(db, Community) == 0
    add_community(db, "After the failure")
    assert count(db, Community) == 1


def test_an_open_reading_session_does_not_block_a_write(db: Database) -> None:
    """Reading sessions begin deferred: a screen holding a read open never locks out a save."""
    with db.session() as reader:
        before = reader.scalar(select(func.count()).select_from(Community))
        with db.sessions.begin() as writer:
            writer.add(Community(name="Written while a reader is open"))
        assert reader.scalar(select(func.count()).select_from(Community)) == before
    with db.session() as fresh:
        assert fresh.scalar(select(func.count()).select_from(Community)) == (before or 0) + 1
