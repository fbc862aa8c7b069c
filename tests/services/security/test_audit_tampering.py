"""``clcp check`` finds an edited, removed or last-removed audit event, and names it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from desktop.cli import entry as cli
from desktop.storage.connect import apply_key, dbapi_module
from tests.services.security.security_world import PASSWORD, Office


def _check(office: Office, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = cli.main(["check", "--db", str(office.path), "--user", "manager1"])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def _tamper(office: Office, sql: str) -> None:
    """Change the file behind the app's back, as someone holding the key could."""
    assert office.db.keyring is not None
    key = office.db.keyring.master_key
    connection = dbapi_module(key).connect(str(office.path))
    try:
        apply_key(connection, key)
        connection.execute(sql)
        connection.commit()
    finally:
        connection.close()


def _last_seq(office: Office) -> int:
    return office.services("manager").audit_log.list(limit=1).items[0].seq


@pytest.fixture(autouse=True)
def _password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLCP_PASSWORD", PASSWORD)


def test_an_intact_database_passes(office: Office, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = _check(office, capsys)
    assert (status, err) == (0, "")
    assert out.startswith("ok:")


CASES: dict[str, tuple[Callable[[int], str], Callable[[int], str]]] = {
    "edited": (
        lambda last: f"UPDATE audit_event SET changes = '{{}}' WHERE seq = {last - 3}",
        lambda last: f"audit event {last - 3}: content does not match its hash",
    ),
    "user changed": (
        lambda last: f"UPDATE audit_event SET username = 'someone' WHERE seq = {last - 2}",
        lambda last: f"audit event {last - 2}: content does not match its hash",
    ),
    "deleted": (
        lambda last: f"DELETE FROM audit_event WHERE seq = {last - 4}",
        lambda last: f"audit event {last - 3}: does not follow the event before it",
    ),
    "last deleted": (
        lambda last: f"DELETE FROM audit_event WHERE seq = {last}",
        lambda last: f"audit event {last} is missing (the key file's seal is on event {last})",
    ),
    "last two deleted": (
        lambda last: f"DELETE FROM audit_event WHERE seq >= {last - 1}",
        lambda last: (
            f"audit events {last - 1} to {last} are missing (the key file's seal is on event "
            f"{last})"
        ),
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_tampering_is_detected(
    office: Office, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    office.services("manager").audit_log.record_export("csv", {"rows": 3})
    last = _last_seq(office)
    office.db.checkpoint()
    sql, expected = CASES[case]
    _tamper(office, sql(last))
    status, _out, err = _check(office, capsys)
    assert status == 1
    assert err.splitlines() == [f"clcp: {expected(last)}"], err


def test_check_needs_a_role_that_reads_the_audit_trail(
    office: Office, capsys: pytest.CaptureFixture[str]
) -> None:
    status = cli.main(["check", "--db", str(office.path), "--user", "mentor1"])
    err = capsys.readouterr().err
    assert status == 2 and len(err.splitlines()) == 1 and "mentor" in err
