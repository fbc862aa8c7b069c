"""Workbooks that are not what they claim are refused in one line, and nothing is made."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.cli.cli_support import assert_refused, folder_state, run


def _edited(full_export: Path, folder: Path, edit: Callable[[Any], None]) -> Path:
    book = load_workbook(full_export)
    edit(book)
    path = folder / "edited.xlsx"
    book.save(path)
    return path


def _formula(book: Any) -> None:
    book["communities"]["B3"] = "=1+1"


def _wrong_type(book: Any) -> None:
    sheet = book["meetings"]
    column = [cell.value for cell in sheet[1]].index("held_on") + 1
    sheet.cell(row=3, column=column, value="last Tuesday")


def _wrong_columns(book: Any) -> None:
    book["actions"]["A1"] = "identifier"


def _missing_sheet(book: Any) -> None:
    del book["observations"]


def _bad_reference(book: Any) -> None:
    sheet = book["meetings"]
    column = [cell.value for cell in sheet[1]].index("cycle_id") + 1
    sheet.cell(row=3, column=column, value="00000000-0000-0000-0000-000000000001")


def _not_clcp(book: Any) -> None:
    del book["about"]


@pytest.mark.parametrize(
    ("edit", "fragment"),
    [
        (_formula, "formula"),
        (_wrong_type, "row 3, column held_on"),
        (_wrong_columns, "wrong columns"),
        (_missing_sheet, "no sheet observations"),
        (_bad_reference, "do not fit together"),
        (_not_clcp, "not a CLCP export"),
    ],
)
def test_an_edited_workbook_is_refused(
    full_export: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    edit: Callable[[Any], None],
    fragment: str,
) -> None:
    source = _edited(full_export, tmp_path, edit)
    before = folder_state(tmp_path)
    status, _out, err = run(
        ["import", "workbook", "--user", "admin", "--db", str(tmp_path / "n.db"), str(source)],
        capsys,
    )
    assert_refused(status, err, fragment)
    assert folder_state(tmp_path) == before


def test_a_file_that_is_not_a_zip_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "office.xlsx"
    source.write_text("name,district\nKibondo,Kigoma\n", encoding="utf-8")
    status, _out, err = run(
        ["import", "workbook", "--user", "admin", "--db", str(tmp_path / "n.db"), str(source)],
        capsys,
    )
    assert_refused(status, err, "not a zip file")
    assert not (tmp_path / "n.db").exists()


def test_a_zip_bomb_is_refused_before_it_is_unpacked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(source, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as part:
            block = b"\0" * (1 << 20)
            for _ in range(600):  # 600 MB of zeros, a few hundred kilobytes packed
                part.write(block)
    assert source.stat().st_size < 5_000_000
    status, _out, err = run(
        ["import", "workbook", "--user", "admin", "--db", str(tmp_path / "n.db"), str(source)],
        capsys,
    )
    assert_refused(status, err, "zip bomb")
    assert not (tmp_path / "n.db").exists()


def test_text_that_looks_like_a_formula_is_exported_as_text(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop.services.facade import Services
    from desktop.services.framework.actor import Actor
    from desktop.storage import open_database

    copy = tmp_path / "copy.db"
    copy.write_bytes(demo_path.read_bytes())
    db = open_database(copy, create=False)
    try:
        services = Services(db, Actor("manager", "manager"))
        first = services.communities.list(limit=1).items[0]
        data = first.data.__class__(**{**first.data.__dict__, "other_names": "=HYPERLINK(x)"})
        services.communities.update(first.id, data)
    finally:
        db.close()
    out = tmp_path / "out.xlsx"
    argv = ["export", "--db", str(copy), "--user", "manager", "--out", str(out)]
    assert run(argv, capsys)[0] == 0
    new = tmp_path / "new.db"
    status, _out, err = run(
        ["import", "workbook", "--user", "admin", "--db", str(new), str(out)], capsys
    )
    assert status == 0, err
    folder = tmp_path / "csv"
    assert run([*argv[:-1], str(folder), "--format", "csv"], capsys)[0] == 0
    assert "'=HYPERLINK(x)" in (folder / "communities.csv").read_text(encoding="utf-8-sig")
