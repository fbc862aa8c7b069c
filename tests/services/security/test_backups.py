"""Backups that restore (issue: copying clcp.db without its key file left an unopenable
file, and there was no backup but the one before a migration)."""

from __future__ import annotations

import zipfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from desktop.cli import entry as cli
from desktop.services.security.backups import WORK_LOCK, WORK_PREFIX, back_up, daily_backup
from desktop.services.security.signin import sign_in
from desktop.storage import StorageError, filelock
from desktop.storage import archive as arc
from desktop.storage.backup import backup_dir_for
from tests.cli.cli_support import folder_state
from tests.services.security.security_world import PASSWORD, Office


@pytest.fixture(autouse=True)
def _password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLCP_USER", "manager1")
    monkeypatch.setenv("CLCP_PASSWORD", PASSWORD)


def _communities(path: Path) -> list[str]:
    db = sign_in(path, "manager1", PASSWORD, read_only=True).db
    try:
        with db.session() as session:
            rows = session.connection().exec_driver_sql("SELECT name FROM community ORDER BY name")
            return [row[0] for row in rows]
    finally:
        db.close()


def test_a_backup_restored_in_another_folder_opens_with_the_same_password(
    office: Office, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = _communities_of(office)
    office.db.close()
    out = tmp_path / "usb"
    assert cli.main(["backup", "--db", str(office.path), "--out", str(out)]) == 0
    (archive,) = out.glob(f"*{arc.SUFFIX}")
    assert "checked" in capsys.readouterr().out
    with zipfile.ZipFile(archive) as bundle:
        assert sorted(bundle.namelist()) == [arc.DATABASE, arc.KEYS, arc.MANIFEST]
    elsewhere = tmp_path / "other machine" / "clcp.db"
    assert cli.main(["restore", str(archive), "--db", str(elsewhere)]) == 0
    assert _communities(elsewhere) == expected
    assert cli.main(["check", "--db", str(elsewhere)]) == 0
    # It is a working database: the office carries on there.
    signed_in = sign_in(elsewhere, "admin1", PASSWORD)
    signed_in.db.close()
    assert cli.main(["check", "--db", str(elsewhere)]) == 0


def _communities_of(office: Office) -> list[str]:
    with office.db.session() as session:
        rows = session.connection().exec_driver_sql("SELECT name FROM community ORDER BY name")
        return [row[0] for row in rows]


def test_restore_refuses_to_overwrite_without_force_and_keeps_the_replaced_one(
    office: Office, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    made = back_up(office.db, tmp_path / "usb")
    office.db.close()
    before = folder_state(office.path.parent)
    status = cli.main(["restore", str(made.path), "--db", str(office.path)])
    err = capsys.readouterr().err
    assert status == 2 and len(err.splitlines()) == 1 and "--force" in err
    assert folder_state(office.path.parent) == before
    assert cli.main(["restore", str(made.path), "--db", str(office.path), "--force"]) == 0
    kept = list(backup_dir_for(office.path).glob("*before-restore*.db"))
    assert len(kept) == 1 and Path(f"{kept[0]}.keys").exists()
    assert cli.main(["check", "--db", str(office.path)]) == 0


def test_a_damaged_archive_is_refused_and_nothing_is_made(
    office: Office, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    made = back_up(office.db, tmp_path / "usb")
    content = bytearray(made.path.read_bytes())
    content[len(content) // 2] ^= 0x01
    made.path.write_bytes(bytes(content))
    target = tmp_path / "restored"
    status = cli.main(["restore", str(made.path), "--db", str(target / "clcp.db")])
    err = capsys.readouterr().err
    assert status == 2 and len(err.splitlines()) == 1 and "Traceback" not in err
    assert not target.exists() or not any(target.iterdir())


def test_restoring_with_a_wrong_password_leaves_nothing(
    office: Office, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = back_up(office.db, tmp_path / "usb")
    monkeypatch.setenv("CLCP_PASSWORD", "not the password")
    target = tmp_path / "restored"
    assert cli.main(["restore", str(made.path), "--db", str(target / "clcp.db")]) == 2
    assert not target.exists() or not any(target.iterdir())


def test_a_damaged_database_is_not_archived(office: Office, tmp_path: Path) -> None:
    office.db.checkpoint()
    office.db.close()
    content = bytearray(office.path.read_bytes())
    page = len(content) // 4096 // 2
    content[4096 * page + 500] ^= 0x20
    office.path.write_bytes(bytes(content))
    out = tmp_path / "usb"
    assert cli.main(["backup", "--db", str(office.path), "--out", str(out)]) == 2
    assert not list(out.glob(f"*{arc.SUFFIX}*")) if out.exists() else True


def test_daily_backups_one_a_day_and_the_last_seven_kept(office: Office) -> None:
    first = datetime(2026, 3, 1, 9, 0)
    assert daily_backup(office.db, first) is not None
    assert daily_backup(office.db, first + timedelta(hours=5)) is None  # one a day
    for offset in range(1, 10):
        assert daily_backup(office.db, first + timedelta(days=offset)) is not None
    kept = arc.archives(backup_dir_for(office.path), f"{office.path.stem}-auto-")
    assert [path.name[len("office-auto-") :][:8] for path in kept] == [
        f"202603{day:02d}" for day in range(4, 11)
    ]


def test_backing_up_needs_a_file(office: Office, tmp_path: Path) -> None:
    with pytest.raises(StorageError):
        back_up(office.db, office.path)  # a file, not a folder


def test_what_a_killed_backup_left_is_removed_by_the_next_and_one_under_way_is_not(
    office: Office, tmp_path: Path
) -> None:
    """A killed backup leaves its work folder (a copy of the database and key file) whose
    lock nobody holds any more: the next backup removes it at once. A backup still under
    way holds its lock, and its folder is left alone."""
    out = tmp_path / "usb"
    killed, running = out / f"{WORK_PREFIX}killed", out / f"{WORK_PREFIX}running"
    for folder in (killed, running):
        folder.mkdir(parents=True)
        (folder / "office.db").write_bytes(b"a copy of the database")
        (folder / WORK_LOCK).touch()
    lockless = out / f"{WORK_PREFIX}killed-before-locking"  # or while being removed
    lockless.mkdir()
    (lockless / "office.db").write_bytes(b"a copy of the database")
    with filelock.exclusive(running / WORK_LOCK):
        made = back_up(office.db, out)
        assert sorted(found.name for found in out.iterdir()) == [running.name, made.path.name]
    assert filelock.is_free(running / WORK_LOCK)
