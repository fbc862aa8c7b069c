"""The seal between the key file and the database (issue: a seal that stalled after one
interrupted commit, and key file edits or rollbacks that passed ``clcp check``).

Each attack or accident is first done to a real encrypted office, then ``clcp check``
must name it (exit 1, one line) and signing in to work must refuse it (the file is not
written)."""

from __future__ import annotations

import hashlib
import hmac
import json
import shutil
from pathlib import Path

import pytest

from desktop.cli import entry as cli
from desktop.services.facade import Services
from desktop.services.security.signin import sign_in
from desktop.storage import StorageError
from desktop.storage import keyfile as kf
from desktop.storage.connect import apply_key, dbapi_module
from desktop.storage.database import BEGIN_MODE_OPTION
from tests.cli.cli_support import digest
from tests.services.security.security_world import PASSWORD, Office

COPY_LAST_EVENT = (
    "INSERT INTO audit_event (id, at, username, action, entity_type, entity_id, changes, "
    "origin_device, prev_hash, hash) SELECT lower(hex(randomblob(16))), at, username, action, "
    "entity_type, entity_id, changes, origin_device, hash, 'h' FROM audit_event "
    "ORDER BY seq DESC LIMIT 1"
)
"""A new last event chained to the current last one (not through the app)."""


@pytest.fixture(autouse=True)
def _password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLCP_PASSWORD", PASSWORD)


def _check(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = cli.main(["check", "--db", str(path), "--user", "manager1"])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return status, captured.err.strip()


def _write(office: Office, note: str = "x") -> None:
    office.services("manager").audit_log.record_export("csv", {"note": note})


def _keys(office: Office) -> Path:
    return kf.key_file_path(office.path)


def _refused_to_work(path: Path) -> str:
    before = (digest(path), digest(kf.key_file_path(path)))
    with pytest.raises(StorageError) as refused:
        sign_in(path, "manager1", PASSWORD)
    assert (digest(path), digest(kf.key_file_path(path))) == before
    assert "\n" not in str(refused.value)
    return str(refused.value)


def _interrupted_commit(office: Office) -> None:
    """What a process killed between writing the key file and committing leaves: the key
    file sealed for events the database never got."""
    keyring = office.db.keyring
    assert keyring is not None
    writer = office.db.engine.execution_options(**{BEGIN_MODE_OPTION: "IMMEDIATE"})
    connection = writer.connect()
    transaction = connection.begin()
    connection.exec_driver_sql(COPY_LAST_EVENT)
    keyring.seal(connection)
    transaction.rollback()  # the commit never happened
    connection.close()


def test_an_interrupted_commit_does_not_stall_the_seal(
    office: Office, capsys: pytest.CaptureFixture[str]
) -> None:
    _interrupted_commit(office)
    office.db.close()
    assert _check(office.path, capsys)[0] == 0
    office.db = sign_in(office.path, "admin1", PASSWORD).db
    for number in range(3):
        _write(office, str(number))
    sealed = kf.load(office.path)["seal"]
    office.db.close()
    assert _check(office.path, capsys)[0] == 0
    # The seal is on the very last event, so removing it now is seen.
    _tamper(office, f"DELETE FROM audit_event WHERE seq = {sealed['seq']}")
    status, err = _check(office.path, capsys)
    assert status == 1 and f"audit event {sealed['seq']} is missing" in err


def test_two_databases_open_on_one_file_keep_the_seal_moving(
    office: Office, capsys: pytest.CaptureFixture[str]
) -> None:
    other = sign_in(office.path, "manager1", PASSWORD)
    try:
        for number in range(4):
            _write(office, f"first {number}")
            Services(other.db, other.actor).audit_log.record_export("csv", {"n": number})
    finally:
        other.db.close()
    office.db.close()
    assert _check(office.path, capsys)[0] == 0


def _tamper(office: Office, sql: str) -> None:
    assert office.db.keyring is not None
    key = office.db.keyring.master_key
    connection = dbapi_module(key).connect(str(office.path))
    try:
        apply_key(connection, key)
        connection.execute(sql)
        connection.commit()
    finally:
        connection.close()


@pytest.mark.parametrize(
    ("field", "value"),
    [("seal", None), ("generation", 0), ("seal_before", None), ("audit_head", None)],
)
def test_an_edited_key_file_field_is_named(
    office: Office, capsys: pytest.CaptureFixture[str], field: str, value: object
) -> None:
    _write(office)
    office.db.close()
    data = json.loads(_keys(office).read_text())
    data[field] = value
    _keys(office).write_text(json.dumps(data))
    status, err = _check(office.path, capsys)
    assert status == 1 and "changed outside the app" in err, err
    assert "changed outside the app" in _refused_to_work(office.path)


def test_a_key_file_stripped_of_its_seal_is_named(
    office: Office, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(office)
    office.db.close()
    data = json.loads(_keys(office).read_text())
    for field in ("mac", "generation", "seal", "seal_before"):
        data.pop(field)
    _keys(office).write_text(json.dumps(data))
    status, err = _check(office.path, capsys)
    assert status == 1 and "lost its seal" in err


def test_deleting_the_last_events_and_putting_back_an_older_key_file_is_named(
    office: Office, capsys: pytest.CaptureFixture[str]
) -> None:
    old_keys = office.path.with_name("old.keys")
    shutil.copy2(_keys(office), old_keys)
    before = office.services("manager").audit_log.list(limit=1).items[0].seq
    _write(office, "to be hidden")
    _write(office, "also hidden")
    office.db.checkpoint()
    _tamper(office, f"DELETE FROM audit_event WHERE seq > {before}")
    office.db.close()
    shutil.copy2(old_keys, _keys(office))
    status, err = _check(office.path, capsys)
    assert status == 1 and "key file is older than the database" in err, err
    assert "older" in _refused_to_work(office.path)


def test_an_older_copy_of_the_database_is_named(
    office: Office, capsys: pytest.CaptureFixture[str]
) -> None:
    office.db.checkpoint()
    old_db = office.path.with_name("old.db")
    shutil.copy2(office.path, old_db)
    _write(office)
    _write(office)
    office.db.close()
    shutil.copy2(old_db, office.path)
    status, err = _check(office.path, capsys)
    assert status == 1 and "database is older than its key file" in err, err
    _refused_to_work(office.path)


def test_events_added_at_the_end_by_other_tools_are_named(
    office: Office, capsys: pytest.CaptureFixture[str]
) -> None:
    office.db.checkpoint()
    _tamper(
        office,
        COPY_LAST_EVENT,
    )
    office.db.close()
    status, err = _check(office.path, capsys)
    assert status == 1, err


def test_no_temporary_or_backup_key_files_are_left(office: Office) -> None:
    for number in range(3):
        _write(office, str(number))
    names = sorted(p.name for p in office.path.parent.iterdir())
    assert not [name for name in names if name.endswith((".tmp", ".bak"))], names


def _legacy_pair(office: Office) -> None:
    """The files as earlier versions wrote them: no generation, the last event sealed
    in ``audit_head`` with a MAC of its own."""
    assert office.db.keyring is not None
    key = office.db.keyring.master_key
    with office.db.session() as session:
        seq, digest = (
            session.connection()
            .exec_driver_sql("SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1")
            .one()
        )
    office.db.checkpoint()
    _tamper(office, "DELETE FROM app_meta WHERE key = 'keys_generation'")
    office.db.close()
    data = json.loads(_keys(office).read_text())
    for field in ("mac", "generation", "seal", "seal_before"):
        data.pop(field)
    sealing_key = hashlib.sha256(b"clcp audit head\x00" + key).digest()
    mac = hmac.new(sealing_key, f"{seq}:{digest}".encode(), hashlib.sha256).hexdigest()
    data["audit_head"] = {"seq": seq, "hash": digest, "mac": mac}
    _keys(office).write_text(json.dumps(data))


def test_a_key_file_of_an_earlier_version_is_checked_then_sealed_anew(
    office: Office, capsys: pytest.CaptureFixture[str]
) -> None:
    _legacy_pair(office)
    assert _check(office.path, capsys)[0] == 0
    sign_in(office.path, "manager1", PASSWORD).db.close()  # a session: the first write
    assert "generation" in kf.load(office.path) and "audit_head" not in kf.load(office.path)
    assert _check(office.path, capsys)[0] == 0


def test_events_removed_under_an_earlier_versions_seal_are_named(
    office: Office, capsys: pytest.CaptureFixture[str]
) -> None:
    last = office.services("manager").audit_log.list(limit=1).items[0].seq
    _legacy_pair(office)
    office.db = sign_in(office.path, "admin1", PASSWORD, read_only=True).db
    _tamper(office, f"DELETE FROM audit_event WHERE seq = {last}")
    office.db.close()
    status, err = _check(office.path, capsys)
    assert status == 1 and f"audit event {last} is missing" in err, err
