"""Mutated key files and database files: each gives one clean refusal and changes nothing.

Random byte flips and truncations (fixed seeds, so a failure repeats). For each mutated
file ``clcp check`` must end in one line without a traceback: exit 1 (it names the
problem) or 2 (it refuses), never 0 unless the mutation only touched what the key file
may hold unsealed (sign-in attempts); and no file in the folder may change. The counts
are printed (``pytest -s``)."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest

from desktop.cli import entry as cli
from desktop.cli.commands import make_demo
from desktop.services.framework.actor import Actor
from desktop.storage import keyfile as kf
from tests.cli.cli_support import folder_state

PASSWORD = "mutation test"
KEY_FILE_MUTATIONS = 150
DATABASE_MUTATIONS = 150


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("original") / "office.db"
    make_demo(str(path), password=PASSWORD, communities=1, seed=2, actor=Actor("setup"))
    return path


@pytest.fixture(autouse=True)
def _sign_in_as_manager(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLCP_USER", "manager")
    monkeypatch.setenv("CLCP_PASSWORD", PASSWORD)


def _mutate(content: bytes, randomly: random.Random) -> bytes:
    if randomly.random() < 0.2:
        return content[: randomly.randrange(len(content))]
    changed = bytearray(content)
    changed[randomly.randrange(len(changed))] ^= randomly.randrange(1, 256)
    return bytes(changed)


def _check(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = cli.main(["check", "--db", str(path)])
    captured = capsys.readouterr()
    return status, captured.err


def _harmless(original: bytes, mutated: bytes) -> bool:
    """Whether only the unsealed fields differ (such a key file is still the genuine one)."""
    try:
        before, after = json.loads(original), json.loads(mutated)
    except ValueError:
        return False
    ignored = {"attempts", "pending_events"}
    return {k: v for k, v in before.items() if k not in ignored} == {
        k: v for k, v in after.items() if k not in ignored
    }


def _run(
    folder: Path, target: Path, content: bytes, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, bool]:
    """Write the mutated ``target``, check, and report (status, error, folder unchanged)."""
    target.write_bytes(content)
    before = folder_state(folder)
    status, err = _check(folder / "office.db", capsys)
    after = folder_state(folder)
    after.pop(f"office.db{kf.LOCK_SUFFIX}", None)
    before.pop(f"office.db{kf.LOCK_SUFFIX}", None)
    return status, err, after == before


def _one_clean_line(status: int, err: str) -> bool:
    lines = err.splitlines()
    return status in (1, 2) and len(lines) == 1 and lines[0].startswith("clcp: ")


def _fresh(original: Path, folder: Path) -> Path:
    for leftover in folder.iterdir():
        leftover.unlink()
    for suffix in ("", ".keys"):
        shutil.copy2(f"{original}{suffix}", folder / f"office.db{suffix}")
    return folder / "office.db"


def test_mutated_key_files_are_refused_and_change_nothing(
    original: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    randomly = random.Random(11)
    genuine = kf.key_file_path(original).read_bytes()
    refused = harmless = undetected = changed = unclean = 0
    for _number in range(KEY_FILE_MUTATIONS):
        path = _fresh(original, tmp_path)
        mutated = _mutate(genuine, randomly)
        status, err, unchanged = _run(tmp_path, kf.key_file_path(path), mutated, capsys)
        wrong_password = "Wrong user name or password" in err  # the manager's slot was hit
        changed += not unchanged and not wrong_password  # a wrong password is counted
        if status == 0:
            harmless += _harmless(genuine, mutated)
            undetected += not _harmless(genuine, mutated)
        else:
            refused += 1
            unclean += not _one_clean_line(status, err)
            assert "Traceback" not in err and "unexpected error" not in err, err
    with capsys.disabled():
        print(
            f"\nkey file mutations: {KEY_FILE_MUTATIONS}, refused {refused}, harmless "
            f"{harmless}, undetected {undetected}, unclean {unclean}, files changed {changed}"
        )
    assert (undetected, unclean, changed) == (0, 0, 0)


def test_mutated_database_files_are_refused_and_change_nothing(
    original: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    randomly = random.Random(12)
    genuine = original.read_bytes()
    refused = undetected = changed = unclean = 0
    for _number in range(DATABASE_MUTATIONS):
        path = _fresh(original, tmp_path)
        status, err, unchanged = _run(tmp_path, path, _mutate(genuine, randomly), capsys)
        changed += not unchanged
        if status == 0:
            undetected += 1
        else:
            refused += 1
            unclean += not _one_clean_line(status, err)
            assert "Traceback" not in err, err
    with capsys.disabled():
        print(
            f"\ndatabase mutations: {DATABASE_MUTATIONS}, refused {refused}, undetected "
            f"{undetected}, unclean {unclean}, files changed {changed}"
        )
    assert (undetected, unclean, changed) == (0, 0, 0)


ARCHIVE_MUTATIONS = 60


def test_mutated_backup_archives_are_refused_or_restore_the_genuine_records(
    original: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A flip in the ZIP's own bookkeeping may leave every member intact (the checksums
    prove it); anything else is refused in one line and nothing is left at the target."""
    folder = tmp_path / "office"
    folder.mkdir()
    path = _fresh(original, folder)
    assert cli.main(["backup", "--db", str(path), "--out", str(tmp_path / "usb")]) == 0
    (archive,) = (tmp_path / "usb").glob("*.clcpbackup")
    genuine = archive.read_bytes()
    randomly = random.Random(13)
    refused = restored = unclean = leftovers = 0
    for number in range(ARCHIVE_MUTATIONS):
        archive.write_bytes(_mutate(genuine, randomly))
        target = tmp_path / f"restore-{number}" / "office.db"
        capsys.readouterr()
        status = cli.main(["restore", str(archive), "--db", str(target)])
        err = capsys.readouterr().err
        if status == 0:
            restored += 1
            assert cli.main(["check", "--db", str(target)]) == 0
            assert target.read_bytes() == path.read_bytes()
        else:
            refused += 1
            unclean += not _one_clean_line(status, err) or "Traceback" in err
            leftovers += target.parent.exists() and any(target.parent.iterdir())
    with capsys.disabled():
        print(
            f"\narchive mutations: {ARCHIVE_MUTATIONS}, refused {refused}, restored intact "
            f"{restored}, unclean {unclean}, files left {leftovers}"
        )
    assert (unclean, leftovers) == (0, 0)
