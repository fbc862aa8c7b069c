"""clcp xlsform: the meeting record, indicator observation and action update as XLSForms
that pyxform converts without an error or a warning."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from pyxform.xls2xform import convert

from desktop.exchange.xlsform import FORMS
from tests.cli.cli_support import assert_refused, folder_state, run


@pytest.mark.parametrize("form_id", list(FORMS))
@pytest.mark.parametrize("languages", [["en"], ["en", "fr", "ar"]])
def test_each_form_converts_without_error_or_warning(
    demo_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    form_id: str,
    languages: list[str],
) -> None:
    out = tmp_path / f"{form_id}.xlsx"
    langs = [word for code in languages for word in ("--lang", code)]
    argv = ["xlsform", form_id, "--db", str(demo_path), "--user", "manager", "--out", str(out)]
    status, _out, err = run([*argv, *langs], capsys)
    assert status == 0, err
    warnings: list[str] = []
    result = convert(xlsform=str(out), warnings=warnings)
    assert warnings == []
    assert "<instanceID/>" in result.xform


def _choices(path: Path, list_name: str) -> list[str]:
    rows = list(load_workbook(path, read_only=True)["choices"].iter_rows(values_only=True))
    return [str(row[1]) for row in rows[1:] if row[0] == list_name]


def test_the_choice_lists_are_the_person_s_communities_and_the_office_s_groups(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "meeting.xlsx"
    argv = ["xlsform", "meeting", "--db", str(demo_path), "--user", "facilitator"]
    assert run([*argv, "--out", str(out)], capsys)[0] == 0
    assert len(_choices(out, "community")) == 1  # the one community assigned
    survey = list(load_workbook(out, read_only=True)["survey"].iter_rows(values_only=True))
    names = [row[1] for row in survey[1:]]
    assert {"count_girls", "count_boys", "held_on", "kind"} <= set(names)
    headers = survey[0]
    assert "label::English (en)" in headers


@pytest.mark.parametrize(
    ("extra", "fragment"),
    [(["census", "--out", "f.xlsx"], "no form 'census'"), (["meeting", "--out", "f.xml"], ".xlsx")],
)
def test_bad_input_is_refused(
    demo_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    extra: list[str],
    fragment: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    before = folder_state(tmp_path)
    argv = ["xlsform", *extra, "--db", str(demo_path), "--user", "manager"]
    status, _out, err = run(argv, capsys)
    assert_refused(status, err, fragment)
    assert folder_state(tmp_path) == before
