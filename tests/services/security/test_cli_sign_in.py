"""The command line signs in like the window and obeys the same roles."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import entry as cli
from desktop.demo.accounts import DEMO_ACCOUNTS
from tests.services.security.security_world import PASSWORD, Office


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = cli.main(argv)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def _refused(status: int, err: str, fragment: str) -> None:
    assert status == 2
    assert len(err.splitlines()) == 1 and err.startswith("clcp: "), err
    assert fragment in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("role", "names"),
    [
        ("admin", ["Amuru", "Kéréwé"]),
        ("manager", ["Amuru", "Kéréwé"]),
        ("facilitator", ["Kéréwé"]),
        ("mentor", ["Kéréwé"]),
    ],
)
def test_communities_lists_what_the_role_may_read(
    office: Office,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    role: str,
    names: list[str],
) -> None:
    monkeypatch.setenv("CLCP_PASSWORD", PASSWORD)
    argv = ["communities", "--db", str(office.path), "--user", f"{role}1", "--format", "csv"]
    status, out, _err = _run(argv, capsys)
    assert status == 0
    assert [line.split(",")[0] for line in out.splitlines()[1:]] == names


def test_wrong_password_or_unknown_user_exit_2_with_one_line(
    office: Office, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLCP_PASSWORD", "nope")
    status, _out, err = _run(["info", "--db", str(office.path), "--user", "manager1"], capsys)
    _refused(status, err, "Wrong user name or password")
    monkeypatch.setenv("CLCP_PASSWORD", PASSWORD)
    status, _out, err = _run(["info", "--db", str(office.path), "--user", "ghost"], capsys)
    _refused(status, err, "Wrong user name or password")


def test_users_commands_need_an_administrator(
    office: Office, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLCP_PASSWORD", PASSWORD)
    monkeypatch.setenv("CLCP_NEW_PASSWORD", "first password")
    db = ["--db", str(office.path)]
    status, _out, err = _run(["users", "add", "neema", "--role", "facilitator", *db,
                              "--user", "manager1"], capsys)  # fmt: skip
    _refused(status, err, "manager")
    status, out, _err = _run(["users", "add", "neema", "--role", "facilitator", *db,
                              "--user", "admin1"], capsys)  # fmt: skip
    assert status == 0 and "neema" in out
    status, out, _err = _run(["users", "list", *db, "--user", "admin1"], capsys)
    assert status == 0 and "neema" in out
    monkeypatch.setenv("CLCP_PASSWORD", "first password")
    monkeypatch.setenv("CLCP_NEW_PASSWORD", "my own password")
    status, out, _err = _run(["users", "passwd", *db, "--user", "neema"], capsys)
    assert status == 0
    monkeypatch.setenv("CLCP_PASSWORD", "my own password")
    assert _run(["info", *db, "--user", "neema"], capsys)[0] == 0
    monkeypatch.setenv("CLCP_PASSWORD", PASSWORD)
    assert _run(["users", "disable", "neema", *db, "--user", "admin1"], capsys)[0] == 0
    monkeypatch.setenv("CLCP_PASSWORD", "my own password")
    status, _out, err = _run(["info", *db, "--user", "neema"], capsys)
    _refused(status, err, "Wrong user name or password")


def test_recover_with_the_recovery_key(
    office: Office, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLCP_RECOVERY_KEY", office.recovery_key)
    monkeypatch.setenv("CLCP_NEW_PASSWORD", "recovered at last")
    status, out, _err = _run(["users", "recover", "admin1", "--db", str(office.path)], capsys)
    assert status == 0 and "admin1" in out
    monkeypatch.setenv("CLCP_PASSWORD", "recovered at last")
    assert _run(["info", "--db", str(office.path), "--user", "admin1"], capsys)[0] == 0


def test_the_demo_database_is_encrypted_with_one_account_per_role(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "demo.db"
    argv = ["demo", "--db", str(path), "--communities", "3", "--password", "pw"]
    assert _run(argv, capsys)[0] == 0
    assert not path.read_bytes().startswith(b"SQLite format 3")
    monkeypatch.setenv("CLCP_PASSWORD", "pw")
    for username in DEMO_ACCOUNTS:
        status, out, _err = _run(["check", "--db", str(path), "--user", username], capsys)
        if username in ("admin", "manager"):
            assert status == 0 and out.startswith("ok:")
        else:
            assert status == 2  # a mentor or facilitator may not read the audit trail
