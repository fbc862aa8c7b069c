"""clcp export: one sheet per kind of record, HXL under the headers, real dates, only what
the person may read, nothing personal in a shareable export, and an audit event each time."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from desktop.exchange.sheets import READABLE, SHEETS
from desktop.models import AuditEvent
from desktop.models.sharing import is_shareable
from desktop.storage import open_database
from tests.cli.cli_support import assert_refused, folder_state, run


def _export(demo: Path, out: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> str:
    argv = ["export", "--db", str(demo), "--out", str(out), *extra]
    status, text, err = run(["--user", "manager", *argv] if "--user" not in extra else argv, capsys)
    assert status == 0, err
    return text


def test_one_sheet_per_kind_with_hxl_and_real_dates(full_export: Path) -> None:
    book = load_workbook(full_export, read_only=True)
    names = book.sheetnames
    for wanted in (
        "communities",
        "cycles",
        "phases",
        "meetings",
        "attendance",
        "attendance_wide",
        "harm_ranks",
        "actions",
        "indicators",
        "observations",
        "reflections",
        "linkages",
        "reviews",
        "follow_ups",
    ):
        assert wanted in names
    meetings = list(book["meetings"].iter_rows(values_only=True))
    headers, tags = meetings[0], meetings[1]
    assert all(str(tag).startswith("#") for tag in tags)
    assert tags[headers.index("held_on")] == "#date+meeting"
    held = meetings[2][headers.index("held_on")]
    assert isinstance(held, datetime) and held.time() == datetime.min.time()
    communities = list(book["communities"].iter_rows(values_only=True))
    assert "#adm2+name" in communities[1] and "#loc+name" in communities[1]
    wide = list(book["attendance_wide"].iter_rows(values_only=True))
    assert wide[1][-1] == "#reached+total"


def test_a_shareable_export_holds_no_personal_field(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "shared"
    _export(demo_path, out, capsys, "--format", "csv", "--profile", "shareable")
    by_name = {spec.name: spec for spec in SHEETS}
    files = sorted(out.glob("*.csv"))
    assert {"users.csv", "comments.csv", "assignments.csv"}.isdisjoint(f.name for f in files)
    for path in files:
        spec = by_name.get(path.stem)
        if spec is None:
            continue
        with path.open(encoding="utf-8-sig") as handle:
            headers = next(csv.reader(handle))
        for header in headers:
            if header.endswith("_label") or header in READABLE:
                continue
            assert is_shareable(spec.table, header), f"{path.name}: {header}"
    text = "".join(p.read_text(encoding="utf-8-sig") for p in files)
    assert "+255" not in text and "@" not in text  # no phone number, no e-mail


def test_a_facilitator_exports_only_their_communities(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "mine.xlsx"
    _export(demo_path, out, capsys, "--user", "facilitator")
    rows = list(load_workbook(out, read_only=True)["communities"].iter_rows(values_only=True))
    assert len(rows) == 2 + 1  # headers, hashtags and the one community assigned


def test_district_and_period_choose_the_records(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "zahle.xlsx"
    _export(demo_path, out, capsys, "--district", "Zahle", "--from", "2025-01-01")
    book = load_workbook(out, read_only=True)
    communities = list(book["communities"].iter_rows(values_only=True))
    district = communities[0].index("district")
    assert [row[district] for row in communities[2:]] == ["Zahle"]
    meetings = list(book["meetings"].iter_rows(values_only=True))
    held = meetings[0].index("held_on")
    assert meetings[2:] and all(row[held].date() >= date(2025, 1, 1) for row in meetings[2:])


def test_every_export_is_an_audit_event(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _export(demo_path, tmp_path / "a.xlsx", capsys, "--profile", "shareable")
    db = open_database(demo_path, create=False)
    try:
        with db.session() as session:
            last = session.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc())).first()
    finally:
        db.close()
    assert last is not None and last.action == "export" and last.username == "manager"
    assert "shareable" in last.changes


@pytest.mark.parametrize(
    ("extra", "fragment"),
    [
        (["--out", "nowhere/x.xlsx"], "does not exist"),
        (["--out", "x.txt"], "--format"),
        (["--out", "x.xlsx", "--from", "2025-02-01", "--to", "2025-01-01"], "--from"),
        (["--out", "x.xlsx", "--profile", "secret"], "invalid choice"),
        (["--out", "x.xlsx", "--from", "yesterday"], "not a date"),
    ],
)
def test_bad_input_is_refused_in_one_line_and_writes_nothing(
    demo_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    extra: list[str],
    fragment: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    before = folder_state(tmp_path)
    status, _out, err = run(["export", "--db", str(demo_path), "--user", "manager", *extra], capsys)
    assert_refused(status, err, fragment)
    assert folder_state(tmp_path) == before


def test_an_administrator_may_not_export_the_office_s_records(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _out, err = run(
        ["export", "--db", str(demo_path), "--user", "admin", "--out", str(tmp_path / "a.xlsx")],
        capsys,
    )
    assert_refused(status, err)
    assert not (tmp_path / "a.xlsx").exists()
