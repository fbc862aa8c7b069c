"""The quick crash bench: processes killed (SIGKILL) at random moments while they write
through the services, two at a time, and while they build the demo database.

After every round: ``clcp check`` is ok, every row a writer reported as saved is there,
and the seal is on the trail's last event (it never stalls). A fixed seed makes a failing
round repeatable; the figures are printed (``pytest -s``)."""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

import pytest

from desktop.cli import entry as cli
from desktop.cli.commands import make_demo
from desktop.services.facade import Services
from desktop.services.framework.actor import Actor
from desktop.services.security.signin import sign_in
from desktop.services.usecases.communities import CommunityData
from desktop.storage import building
from desktop.storage import keyfile as kf

ROUNDS = 24
PASSWORD = "crash test"
pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs fork and SIGKILL")


def _writer(path: Path, name: str, acknowledged: int) -> None:
    """Child process: write communities until killed, reporting each one once committed."""
    try:
        signed_in = sign_in(path, "admin", PASSWORD)
        services = Services(signed_in.db, signed_in.actor)
        keyring = signed_in.db.keyring
        assert keyring is not None
        key = keyring.master_key
        for number in range(10_000):
            services.communities.create(CommunityData(name=f"{name}-{number}", district="D"))
            os.write(acknowledged, f"{name}-{number}\n".encode())
            if number % 7 == 3:  # now and then a key slot changes too
                keyring.modify(lambda data: kf.set_password_slot(data, key, "mentor", "m"))
    finally:
        os._exit(0)


def _start(path: Path, name: str) -> tuple[int, int]:
    read, write = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(read)
        _writer(path, name, write)
    os.close(write)
    return child, read


def _collect(read: int) -> list[str]:
    chunks = []
    while chunk := os.read(read, 65536):
        chunks.append(chunk)
    os.close(read)
    return b"".join(chunks).decode().split()


def _names(path: Path) -> set[str]:
    db = sign_in(path, "admin", PASSWORD, read_only=True).db
    try:
        with db.session() as session:
            rows = session.connection().exec_driver_sql("SELECT name FROM community")
            return {row[0] for row in rows}
    finally:
        db.close()


def test_kill_nine_during_writes_loses_nothing_and_never_stalls_the_seal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLCP_USER", "admin")
    monkeypatch.setenv("CLCP_PASSWORD", PASSWORD)
    path = tmp_path / "office.db"
    make_demo(str(path), password=PASSWORD, communities=1, seed=1, actor=Actor("setup"))
    randomly = random.Random(20)
    acknowledged: list[str] = []
    kills = 0
    for round_number in range(ROUNDS):
        writers = [_start(path, f"r{round_number}w{n}") for n in range(1 + round_number % 2)]
        time.sleep(randomly.uniform(0.05, 0.5))
        for child, _read in writers:
            os.kill(child, signal.SIGKILL)
            kills += 1
        for child, read in writers:
            os.waitpid(child, 0)
            acknowledged += _collect(read)
        assert cli.main(["check", "--db", str(path)]) == 0, capsys.readouterr().err
        stored = _names(path)
        assert set(acknowledged) <= stored, set(acknowledged) - stored
    lost = set(acknowledged) - _names(path)
    temporaries = list(tmp_path.glob("*.tmp"))
    with capsys.disabled():
        print(
            f"\ncrash bench: {kills} kills in {ROUNDS} rounds, {len(acknowledged)} rows "
            f"acknowledged, {len(lost)} lost, {len(temporaries)} temporary files left"
        )
    assert not lost and acknowledged
    # The seal follows the last write: removing that last event now would be seen.
    data = kf.load(path)
    assert data["generation"] > ROUNDS


def test_kill_nine_while_the_demo_is_built_never_blocks_the_next_try(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLCP_PASSWORD", "demo")
    path = tmp_path / "demo.db"
    randomly = random.Random(3)
    for _attempt in range(5):
        child = os.fork()
        if child == 0:
            try:
                make_demo(str(path), password="demo", communities=40, seed=1, actor=Actor("d"))
            finally:
                os._exit(0)
        time.sleep(randomly.uniform(0.2, 1.0))
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
        if path.exists():
            break  # finished before the kill: complete, in place
        assert not kf.has_key_file(path)
    if not path.exists():
        make_demo(str(path), password="demo", communities=2, seed=1, actor=Actor("d"))
    assert path.exists() and kf.has_key_file(path)
    assert not building.build_path(path).exists()
    assert cli.main(["check", "--db", str(path), "--user", "manager"]) == 0
