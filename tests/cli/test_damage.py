"""Damage is named, never made worse (issue: a flipped byte ended ``clcp check`` in a
traceback after the sign-in had written to the damaged file; an empty database beside its
key file was silently re-created; a stopped ``clcp demo`` blocked every later try)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop.storage import building
from desktop.storage import keyfile as kf
from tests.cli.cli_support import assert_refused, folder_state, run

PAGE = 4096


def _copy(demo_db: Path, folder: Path) -> Path:
    path = folder / "office.db"
    for suffix in ("", ".keys"):
        shutil.copy2(f"{demo_db}{suffix}", f"{path}{suffix}")
    return path


def _flip(path: Path, offset: int) -> None:
    content = bytearray(path.read_bytes())
    content[offset] ^= 0x10
    path.write_bytes(bytes(content))


def test_a_flipped_byte_in_a_data_page_is_named_by_check_and_nothing_is_written(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _copy(demo_db, tmp_path)
    pages = path.stat().st_size // PAGE
    _flip(path, PAGE * (pages // 2) + 1000)
    before = folder_state(tmp_path)
    status, out, err = run(["check", "--db", str(path)], capsys)
    assert status == 1, (out, err)
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert "damaged" in err and f"page {pages // 2 + 1}" in err, err
    assert ("table " in err) or ("index " in err), err
    for command in (["info"], ["communities"], ["users", "list"]):
        status, out, err = run([*command, "--db", str(path)], capsys)
        assert status in (0, 2), (command, err)
        if status == 2:
            assert_refused(status, err)
    assert folder_state(tmp_path) == before


@pytest.mark.parametrize("page", [1, 2, 3])
def test_damage_to_the_first_pages_is_refused_in_one_line(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], page: int
) -> None:
    path = _copy(demo_db, tmp_path)
    _flip(path, PAGE * (page - 1) + 100)
    before = folder_state(tmp_path)
    status, _out, err = run(["check", "--db", str(path)], capsys)
    assert status in (1, 2) and len(err.splitlines()) == 1 and "Traceback" not in err, err
    status, _out, err = run(["communities", "--db", str(path)], capsys)
    assert status in (0, 2) and "Traceback" not in err, err
    if status == 2:
        assert_refused(status, err)
    assert folder_state(tmp_path) == before


def test_a_truncated_database_is_refused_in_one_line(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _copy(demo_db, tmp_path)
    with open(path, "r+b") as handle:
        handle.truncate(path.stat().st_size // 2)
    before = folder_state(tmp_path)
    status, _out, err = run(["check", "--db", str(path)], capsys)
    assert status in (1, 2) and len(err.splitlines()) == 1 and "Traceback" not in err, err
    status, _out, err = run(["info", "--db", str(path)], capsys)
    assert status in (0, 2) and "Traceback" not in err
    assert folder_state(tmp_path) == before


@pytest.mark.parametrize("state", ["empty", "missing"])
def test_a_lost_database_beside_its_key_file_is_refused_pointing_to_the_backups(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], state: str
) -> None:
    path = _copy(demo_db, tmp_path)
    path.unlink()
    if state == "empty":
        path.write_bytes(b"")
    before = folder_state(tmp_path)
    for command in (["info"], ["check"], []):
        status, _out, err = run([*command, "--db", str(path)], capsys)
        assert_refused(status, err, "backup")
    assert folder_state(tmp_path) == before


def test_read_only_commands_change_neither_file(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _copy(demo_db, tmp_path)
    before = folder_state(tmp_path)
    for command in (["info"], ["communities"], ["check"], ["users", "list"]):
        status, _out, err = run([*command, "--db", str(path)], capsys)
        assert status == 0, err
    after = folder_state(tmp_path)
    after.pop(f"{path.name}{kf.LOCK_SUFFIX}", None)  # the (empty) lock file may appear
    assert after == before


def test_a_stopped_build_is_cleared_by_the_next_try(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "demo.db"
    build = building.build_path(path)
    build.write_bytes(b"half a database")
    kf.key_file_path(build).write_text("{}")
    Path(f"{path}.keys.1a2b3c4d.tmp").write_text("{}")  # what a killed save once left
    status, _out, err = run(["demo", "--db", str(path), "--communities", "2"], capsys)
    assert status == 0, err
    names = sorted(p.name for p in tmp_path.iterdir() if p.name != f"demo.db{kf.LOCK_SUFFIX}")
    assert names == ["demo.db", "demo.db.keys"], names


def test_a_move_stopped_between_the_two_renames_is_finished_on_opening(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "demo.db"
    assert run(["demo", "--db", str(path), "--communities", "2"], capsys)[0] == 0
    kf.key_file_path(path).rename(kf.key_file_path(building.build_path(path)))
    status, _out, err = run(["check", "--db", str(path)], capsys)
    assert status == 0, err
    assert kf.has_key_file(path)
