"""A full export is a way out and back in: every record and value comes back equal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from desktop.cli import entry as cli
from desktop.exchange.sheets import SHEETS
from desktop.storage import open_database
from tests.cli.cli_support import assert_refused, run


def _all_records(path: Path) -> dict[str, list[dict[str, Any]]]:
    db = open_database(path, create=False)
    try:
        with db.session() as session:
            return {
                spec.table: [
                    dict(row._mapping)
                    for row in session.execute(
                        select(*spec.model.__table__.columns).order_by(spec.model.id)
                    )
                ]
                for spec in SHEETS
            }
    finally:
        db.close()


def test_a_full_export_comes_back_as_the_same_records(
    demo_path: Path, full_export: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = tmp_path / "new.db"
    status, _out, err = run(["import", "workbook", "--db", str(new), str(full_export)], capsys)
    assert status == 0, err
    before, after = _all_records(demo_path), _all_records(new)
    assert sum(len(rows) for rows in before.values()) > 500
    for table, rows in before.items():
        assert after[table] == rows, table


def test_the_import_is_an_audit_event(
    full_export: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = tmp_path / "new.db"
    argv = ["import", "workbook", "--db", str(new), "--user", "amina", str(full_export)]
    assert run(argv, capsys)[0] == 0
    db = open_database(new, create=False)
    try:
        with db.session() as session:
            from desktop.models import AuditEvent

            events = list(session.execute(select(AuditEvent.action, AuditEvent.username)))
    finally:
        db.close()
    assert [tuple(event) for event in events] == [("import", "amina")]


def test_an_existing_database_is_never_overwritten(
    demo_path: Path, full_export: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = demo_path.read_bytes()
    status, _out, err = run(
        ["import", "workbook", "--db", str(demo_path), str(full_export)], capsys
    )
    assert_refused(status, err, "already exists")
    assert demo_path.read_bytes() == before


def test_a_shareable_export_cannot_make_a_database(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "shared.xlsx"
    argv = ["export", "--db", str(demo_path), "--user", "manager", "--out", str(out)]
    assert cli.main([*argv, "--profile", "shareable"]) == 0
    new = tmp_path / "new.db"
    status, _out, err = run(["import", "workbook", "--db", str(new), str(out)], capsys)
    assert_refused(status, err, "only a full export")
    assert not new.exists()


def test_what_a_stopped_import_left_is_removed_by_the_next_one(
    full_export: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A kill half-way leaves the database being built beside its name (never under it);
    the next import starts afresh and leaves only the new database."""
    new = tmp_path / "new.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{new}.building{suffix}").write_bytes(b"half an import")

    status, _out, err = run(["import", "workbook", "--db", str(new), str(full_export)], capsys)

    assert status == 0, err
    assert sorted(found.name for found in tmp_path.iterdir()) == ["new.db"]


def test_a_key_file_without_its_database_is_not_imported_over(
    full_export: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = tmp_path / "new.db"
    Path(f"{new}.keys").write_text("{}", encoding="utf-8")
    status, _out, err = run(["import", "workbook", "--db", str(new), str(full_export)], capsys)
    assert_refused(status, err, "already exists")
    assert sorted(found.name for found in tmp_path.iterdir()) == ["new.db.keys"]
