"""Laptops and a real office server: uvicorn on a free loopback port, PostgreSQL behind
it, and the ``clcp`` commands a person types."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select, update

from desktop.models import Community, SyncChange
from desktop.server.run import BackgroundServer, ServerSetupError, server_config
from desktop.services.facade import Services
from desktop.services.security.signin import sign_in
from desktop.storage.server_database import ServerDatabase
from desktop.sync.client import HttpTransport
from desktop.sync.laptop import CHECKPOINT_KEY, meta, waiting_messages
from tests.cli.cli_support import assert_refused, run
from tests.sync.office_world import PASSWORD, Office


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def server_url(office: Office) -> Iterator[str]:
    port = free_port()
    server = BackgroundServer(server_config(office.db, "127.0.0.1", port))
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


@pytest.fixture(autouse=True)
def password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLCP_PASSWORD", PASSWORD)


def join(url: str, path: Path, user: str, capsys: pytest.CaptureFixture[str]) -> str:
    status, out, err = run(["join", "--server", url, "--db", str(path), "--user", user], capsys)
    assert status == 0, err
    return out


def sync(path: Path, user: str, capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    status, out, err = run(["sync", "--db", str(path), "--user", user, *extra], capsys)
    assert status == 0, err
    return out.strip()


def test_join_sync_and_receive_through_the_real_server(
    office: Office, server_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fatima_db, mary_db = tmp_path / "fatima.db", tmp_path / "mary.db"
    out = join(server_url, fatima_db, "fatima", capsys)
    assert "recovery key" in out
    join(server_url, mary_db, "mary", capsys)
    signed = sign_in(fatima_db, "fatima", PASSWORD)
    try:
        s = Services(signed.db, signed.actor)
        names = [c.data.name for c in s.communities.list().items]
        assert names == ["Kéréwé"]  # only what she may read
        current = s.communities.get(office.community_id)
        s.communities.update(current.id, replace(current.data, notes="a new well"))
    finally:
        signed.db.close()
    line = sync(fatima_db, "fatima", capsys)
    assert line.startswith("sent 1, received ") and line.endswith("conflicts 0")
    with office.db.session() as session:
        row = session.get(Community, office.community_id)
        assert row is not None and row.notes == "a new well"
    sync(mary_db, "mary", capsys)
    signed = sign_in(mary_db, "mary", PASSWORD)
    try:
        got = Services(signed.db, signed.actor).communities.get(office.community_id)
    finally:
        signed.db.close()
    assert got.data.notes == "a new well"
    assert sync(fatima_db, "fatima", capsys).startswith("sent 0")
    status, _out, err = run(["check", "--db", str(mary_db), "--user", "mary"], capsys)
    assert status == 0, err  # the audit trail, received changes included, and its seal


def test_a_sync_whose_answer_was_lost_is_rerun_without_doubling(
    office: Office, server_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mary.db"
    join(server_url, path, "mary", capsys)
    signed = sign_in(path, "mary", PASSWORD)
    try:
        s = Services(signed.db, signed.actor)
        current = s.communities.get(office.community_id)
        s.communities.update(current.id, replace(current.data, notes="once"))
        waiting = [m.to_dict() for m in waiting_messages(signed.db)]
        with HttpTransport(server_url) as transport:  # sent, but the answer never arrives
            transport.sign_in("mary", PASSWORD, signed.db.device_id)
            transport.upload(waiting, int(meta(signed.db, CHECKPOINT_KEY)))
        device = signed.db.device_id
    finally:
        signed.db.close()
    assert sync(path, "mary", capsys).startswith("sent 1, ")
    with office.db.session() as session:
        count = session.scalar(
            select(func.count()).select_from(SyncChange).where(SyncChange.device_id == device)
        )
    assert count == 1


def test_conflicts_are_listed_shown_and_resolved_on_the_command_line(
    office: Office, server_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    join(server_url, one, "mary", capsys)
    join(server_url, two, "fatima", capsys)
    for path, user, text in ((one, "mary", "reopened"), (two, "fatima", "closed")):
        signed = sign_in(path, user, PASSWORD)
        try:
            s = Services(signed.db, signed.actor)
            current = s.communities.get(office.community_id)
            s.communities.update(current.id, replace(current.data, notes=text))
        finally:
            signed.db.close()
        sync(path, user, capsys)
    status, out, _err = run(["conflicts", "list", "--db", str(two), "--user", "fatima"], capsys)
    assert status == 0
    [line] = out.splitlines()
    conflict_id = line.split()[0]
    assert "Kéréwé" in line and "notes" in line
    status, out, _err = run(
        ["conflicts", "show", conflict_id, "--db", str(two), "--user", "fatima"], capsys
    )
    assert '"reopened"' in out and '"closed"' in out and "mary" in out and "fatima" in out
    status, out, _err = run(
        [
            "conflicts",
            "resolve",
            conflict_id,
            "--value",
            "closed for repairs",
            "--db",
            str(two),
            "--user",
            "fatima",
        ],
        capsys,
    )
    assert status == 0
    assert sync(two, "fatima", capsys).endswith("conflicts 0")
    with office.db.session() as session:
        row = session.get(Community, office.community_id)
        assert row is not None and row.notes == "closed for repairs"


def test_a_server_that_is_down_gives_one_line_and_exit_2(
    office: Office, server_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mary.db"
    join(server_url, path, "mary", capsys)
    down = f"http://127.0.0.1:{free_port()}"
    status, _out, err = run(["sync", "--db", str(path), "--user", "mary", "--server", down], capsys)
    assert_refused(status, err, "cannot reach the office server")


def test_a_wrong_password_is_refused_in_one_line(
    office: Office,
    server_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CLCP_PASSWORD", "not the password")
    path = tmp_path / "mary.db"
    status, _out, err = run(
        ["join", "--server", server_url, "--db", str(path), "--user", "mary"], capsys
    )
    assert_refused(status, err, "Wrong user name or password")
    assert not path.exists()


def test_plain_http_is_refused_beyond_loopback(office_db: ServerDatabase) -> None:
    with pytest.raises(ServerSetupError, match="plain HTTP is only"):
        server_config(office_db, "0.0.0.0", 8470)


def test_a_join_stopped_half_way_leaves_nothing_in_the_way_of_the_next(
    office: Office, server_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A killed join used to leave a key file and a half-filled database under the final
    name: every later try was refused, and the file said "This account is disabled"
    (found by the crash bench). Now it is built beside the name and renamed when whole."""
    path = tmp_path / "mary.db"
    for suffix in ("", "-wal", ".keys", ".keys.lock", ".keys.1f2e.tmp"):
        Path(f"{path}.building{suffix}").write_bytes(b"half a join")

    join(server_url, path, "mary", capsys)

    names = {found.name for found in tmp_path.iterdir()} - {"mary.db.keys.lock"}
    assert names == {"mary.db", "mary.db.keys"}
    assert run(["check", "--db", str(path), "--user", "mary"], capsys)[0] == 0


def test_the_real_server_removes_what_left_and_repairs_what_drifted(
    office: Office, server_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fatima_db, mary_db = tmp_path / "fatima.db", tmp_path / "mary.db"
    join(server_url, fatima_db, "fatima", capsys)
    join(server_url, mary_db, "mary", capsys)
    for assignment in office.services.assignments.list().items:
        office.services.assignments.delete(assignment.id)
    line = sync(fatima_db, "fatima", capsys)
    assert line.endswith("; 1 community left your assignments (Kéréwé)")
    signed = sign_in(mary_db, "mary", PASSWORD)
    try:
        with signed.db.sessions.begin() as session:  # a change past the app
            table = Community.__table__
            session.execute(
                update(table).where(table.c.id == office.other_community_id).values(version=40)
            )
    finally:
        signed.db.close()
    assert sync(mary_db, "mary", capsys).endswith("; repaired 1 record")
    assert sync(mary_db, "mary", capsys) == "sent 0, received 0, conflicts 0"
