"""A full disk is said in one line and loses nothing (found by the crash bench: a write
said "the database could not be read ... run clcp check", a backup blamed the database it
was copying, and an export printed tracebacks after its one line).

The disk is made full in three honest ways: SQLite's own limit on a file's pages (what it
answers on a full disk), an operating-system error from the file being written, and a
folder reported nearly full. The crash bench does the same on a real, small tmpfs."""

from __future__ import annotations

import errno
import gc
import shutil
import sqlite3
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError

from desktop.storage import connect, database
from desktop.storage.errors import disk_full
from tests.cli.cli_support import assert_refused, folder_state, run, service_rows

FULL = "is full; free some space and try again"


@pytest.fixture
def office(demo_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "office" / "office.db"
    path.parent.mkdir()
    for suffix in ("", ".keys"):
        shutil.copy2(f"{demo_db}{suffix}", f"{path}{suffix}")
    return path


def _no_room_to_grow(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every connection may add no page to its file: SQLite's "database or disk is full"."""
    plain = connect.apply_pragmas

    def limited(connection: Any) -> None:
        plain(connection)
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {pages}")

    monkeypatch.setattr(database, "apply_pragmas", limited)


def test_a_write_on_a_full_disk_says_so_and_keeps_every_saved_record(
    office: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = service_rows(office)
    names = tmp_path / "list.csv"
    names.write_text("name,district\n" + "".join(f"Far {n},D\n" for n in range(400)), "utf-8")
    _no_room_to_grow(monkeypatch)

    status, _out, err = run(["import", "communities", str(names), "--db", str(office)], capsys)

    assert_refused(status, err, FULL)
    monkeypatch.setattr(database, "apply_pragmas", connect.apply_pragmas)  # room again
    assert service_rows(office) == before
    assert run(["check", "--db", str(office)], capsys)[0] == 0


def test_an_export_stopped_by_a_full_disk_is_one_line_and_leaves_no_file(
    demo_db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from openpyxl.writer.excel import ExcelWriter

    written = ExcelWriter.write_worksheet
    calls = []

    def second_sheet_finds_the_disk_full(self: Any, sheet: Any) -> None:
        calls.append(sheet)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        written(self, sheet)

    monkeypatch.setattr(ExcelWriter, "write_worksheet", second_sheet_finds_the_disk_full)
    out = tmp_path / "usb" / "office.xlsx"
    out.parent.mkdir()

    status, _out, err = run(["export", "--db", str(demo_db), "--out", str(out)], capsys)
    gc.collect()  # what openpyxl left open is closed now, or at exit: silently

    assert_refused(status, err + capsys.readouterr().err, FULL)
    assert folder_state(out.parent) == {}


def test_a_backup_to_a_folder_without_room_is_refused_before_writing(
    office: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from desktop.services.security import backups

    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(backups.shutil, "disk_usage", lambda _path: SimpleNamespace(free=1000))

    status, _out, err = run(["backup", "--db", str(office), "--out", str(usb)], capsys)

    assert_refused(status, err, "not enough room in", "nothing was written")
    assert folder_state(usb) == {}


def test_a_full_disk_is_known_by_the_system_s_words_and_sqlite_s() -> None:
    assert disk_full(OSError(errno.ENOSPC, "No space left on device"))
    full = sqlite3.OperationalError("database or disk is full")
    assert disk_full(full)
    assert disk_full(OperationalError("INSERT ...", {}, full))
    assert not disk_full(sqlite3.OperationalError("database is locked"))
    assert not disk_full(OSError(errno.EACCES, "Permission denied"))


def test_a_database_on_a_full_disk_is_not_called_something_else(
    office: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """With no room for its shared-memory file SQLite says only "disk I/O error" as the
    file is opened: that was reported as "not a CLCP database"."""
    from desktop.storage import errors, inspect

    def no_room_for_the_journal(path: Path, key: bytes | None) -> Any:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(inspect, "open_readonly", no_room_for_the_journal)
    monkeypatch.setattr(errors.shutil, "disk_usage", lambda _path: SimpleNamespace(free=0))
    before = folder_state(office.parent)

    status, _out, err = run(["info", "--db", str(office)], capsys)

    assert_refused(status, err, f"the disk holding {office.parent} {FULL}")
    assert folder_state(office.parent) == before
