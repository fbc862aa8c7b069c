"""clcp import communities: an office's Excel or CSV list comes in, columns mapped, likely
duplicates flagged, all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from desktop.models import Community
from desktop.storage import open_database
from tests.cli.cli_support import assert_refused, run


@pytest.fixture
def office(demo_path: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "office.db"
    copy.write_bytes(demo_path.read_bytes())
    return copy


def _names(path: Path) -> list[str]:
    db = open_database(path, create=False)
    try:
        with db.session() as session:
            return sorted(session.scalars(select(Community.name)))
    finally:
        db.close()


def _existing(path: Path) -> tuple[str, str]:
    db = open_database(path, create=False)
    try:
        with db.session() as session:
            row = session.execute(select(Community.name, Community.district)).first()
    finally:
        db.close()
    assert row is not None
    return row.name, row.district


def _import(office: Path, file: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple:
    argv = ["import", "communities", "--db", str(office), "--user", "manager", str(file)]
    return run([*argv, *extra], capsys)


def _workbook(path: Path, rows: list[list[object]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_a_workbook_list_comes_in_with_mapped_columns(
    office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = _workbook(
        tmp_path / "list.xlsx",
        [
            ["Village name", "District", "Population estimate", "Type", "Remarks"],
            ["Kéréwé", "Kongoussi", 1200, "Village", "x"],
            ["مخيم الزيتون", "Irbid", None, "Camp", ""],
        ],
    )
    before = _names(office)
    status, out, err = _import(office, file, capsys, "--map", "Village name=name")
    assert status == 0, err
    assert "2 communities added" in out and "Remarks" in out
    assert sorted([*before, "Kéréwé", "مخيم الزيتون"]) == _names(office)


def test_likely_duplicates_are_refused_skipped_or_added(
    office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name, district = _existing(office)
    file = tmp_path / "list.csv"
    file.write_text(
        f"name,district\n{name.upper()},{district}\nNew place,{district}\n", encoding="utf-8"
    )
    before = _names(office)
    assert_refused(*_import(office, file, capsys)[::2], "looks like")
    assert _names(office) == before
    status, out, _err = _import(office, file, capsys, "--skip-duplicates", "--dry-run")
    assert status == 0 and "1 communities added" in out and "dry run" in out
    assert _names(office) == before
    assert _import(office, file, capsys, "--skip-duplicates")[0] == 0
    assert len(_names(office)) == len(before) + 1


@pytest.mark.parametrize(
    ("content", "extra", "fragment"),
    [
        ("district\nKibondo\n", [], "no column gives the name"),
        ("name,population_estimate\nA,many\n", [], "row 2, population_estimate"),
        ("name,latitude\nA,123\n", [], "row 2, latitude"),
        ("name\nA\n", ["--map", "name=title"], "no community field 'title'"),
        ("name\nA\n", ["--map", "nonsense"], "COLUMN=field"),
    ],
)
def test_bad_lists_are_refused_and_change_nothing(
    office: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: str,
    extra: list[str],
    fragment: str,
) -> None:
    file = tmp_path / "list.csv"
    file.write_text(content, encoding="cp1252")
    before = _names(office)
    assert_refused(*_import(office, file, capsys, *extra)[::2], fragment)
    assert _names(office) == before


def test_a_facilitator_may_not_add_communities(
    office: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "list.csv"
    file.write_text("name\nA\n", encoding="utf-8")
    argv = ["import", "communities", "--db", str(office), "--user", "facilitator", str(file)]
    assert_refused(*run(argv, capsys)[::2], "row 2")
