"""A full export is a way out and back in: every record and value comes back equal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from desktop.cli import entry as cli
from desktop.exchange.sheets import SHEETS
from desktop.services.security.signin import sign_in
from desktop.storage import Database, open_database
from desktop.storage import keyfile as kf
from tests.cli.cli_support import assert_refused, run
from tests.exchange.conftest import NEW_PASSWORD


def _open(path: Path) -> Database:
    """The demo (plain) or a database an import made (encrypted, opened by its admin)."""
    if kf.has_key_file(path):
        return sign_in(path, "admin", NEW_PASSWORD, read_only=True).db
    return open_database(path, create=False)


def _all_records(path: Path) -> dict[str, list[dict[str, Any]]]:
    db = _open(path)
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
    status, _out, err = run(
        ["import", "workbook", "--user", "admin", "--db", str(new), str(full_export)], capsys
    )
    assert status == 0, err
    before, after = _all_records(demo_path), _all_records(new)
    assert sum(len(rows) for rows in before.values()) > 500
    for table, rows in before.items():
        assert after[table] == rows, table


def test_the_import_is_an_audit_event(
    full_export: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = tmp_path / "new.db"
    argv = ["import", "workbook", "--user", "admin", "--db", str(new), str(full_export)]
    assert run(argv, capsys)[0] == 0
    db = _open(new)
    try:
        with db.session() as session:
            from desktop.models import AuditEvent

            events = list(session.execute(select(AuditEvent.action, AuditEvent.username)))
    finally:
        db.close()
    assert [tuple(event) for event in events] == [("import", "admin")]


def test_an_existing_database_is_never_overwritten(
    demo_path: Path, full_export: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = demo_path.read_bytes()
    status, _out, err = run(
        ["import", "workbook", "--user", "admin", "--db", str(demo_path), str(full_export)], capsys
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
    status, _out, err = run(
        ["import", "workbook", "--user", "admin", "--db", str(new), str(out)], capsys
    )
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

    status, _out, err = run(
        ["import", "workbook", "--user", "admin", "--db", str(new), str(full_export)], capsys
    )

    assert status == 0, err
    assert sorted(found.name for found in tmp_path.iterdir()) == ["new.db", "new.db.keys"]


def test_a_key_file_without_its_database_is_not_imported_over(
    full_export: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = tmp_path / "new.db"
    Path(f"{new}.keys").write_text("{}", encoding="utf-8")
    status, _out, err = run(
        ["import", "workbook", "--user", "admin", "--db", str(new), str(full_export)], capsys
    )
    assert_refused(status, err, "already exists")
    assert sorted(found.name for found in tmp_path.iterdir()) == ["new.db.keys"]


def test_the_new_database_is_encrypted_and_opened_by_its_administrator(
    full_export: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.services.security.signin import sign_in_with_recovery_key
    from desktop.storage import StorageError

    new = tmp_path / "new.db"
    argv = ["import", "workbook", "--user", "admin", "--db", str(new), str(full_export)]
    status, out, err = run(argv, capsys)
    assert status == 0, err
    assert "encrypted; admin signs in" in out
    assert "facilitator" in out.splitlines()[-1]  # no password yet: the admin gives one
    lines = out.splitlines()
    recovery = next(
        lines[i + 1].strip() for i, line in enumerate(lines) if line.startswith("Recovery key")
    )
    assert b"SQLite format 3" not in new.read_bytes()[:16]
    with pytest.raises(StorageError):
        open_database(new, create=False).close()
    sign_in(new, "admin", NEW_PASSWORD).db.close()
    sign_in_with_recovery_key(new, recovery, "admin", "another long password").db.close()


@pytest.mark.parametrize(
    ("user", "password", "fragment"),
    [
        ("manager", NEW_PASSWORD, "manager is not an active administrator"),
        ("nobody", NEW_PASSWORD, "no administrator named nobody"),
        ("admin", "short", "At least"),
    ],
)
def test_a_new_database_needs_an_administrator_of_the_workbook(
    full_export: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    user: str,
    password: str,
    fragment: str,
) -> None:
    monkeypatch.setenv("CLCP_NEW_PASSWORD", password)
    argv = ["import", "workbook", "--user", user, "--db", str(tmp_path / "n.db"), str(full_export)]
    status, _out, err = run(argv, capsys)
    assert_refused(status, err, fragment)
    assert [found.name for found in tmp_path.iterdir()] == []
