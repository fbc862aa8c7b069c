"""``clcp report``: bad input is refused with one line and leaves no PDF; a printout of
data from the database is written to the audit trail."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli.entry import main
from desktop.services.facade import Services
from desktop.services.framework.actor import SYSTEM_ROLE, Actor
from desktop.storage import open_database
from tests.reports.report_checks import pdf_page_texts
from tests.reports.report_world import make_report_world


@pytest.fixture
def world_db(db_path: Path) -> Path:
    db = open_database(db_path)
    make_report_world(Services(db, Actor("amina", role=SYSTEM_ROLE)))
    db.close()
    return db_path


def refused(argv: list[str], capsys: pytest.CaptureFixture[str], *fragments: str) -> None:
    status = main(argv)
    err = capsys.readouterr().err
    lines = err.splitlines()
    assert status == 2, err
    assert len(lines) == 1 and lines[0].startswith("clcp: "), err
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


def pdfs(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if ".pdf" in p.name)


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["template", "no-such-form"], "no-such-form"),
        (["template", "action-plan", "--paper", "a5"], "a5"),
        (["template", "action-plan", "--colour", "blue"], "--colour"),
        (["template", "action-plan", "--cycle", "2"], "--community"),
        (["monitoring", "--from", "2025-13-01"], "2025-13-01"),
        (["monitoring", "--from", "2025-06-01", "--to", "2025-01-01"], "--from"),
        (["template", "action-plan", "--community", "Nowhere"], "Nowhere"),
        (["cycle", "--community", "Kabwohe West", "--cycle", "7"], "7"),
        (["monitoring", "--facilitator", "nobody-here"], "nobody-here"),
        (["monitoring", "--quarter", "2026Q5"], "2026Q5"),
        (["monitoring", "--quarter", "2026Q1", "--to", "2026-05-01"], "--quarter"),
        (["template", "quarterly-summary", "--community", "Kabwohe West"], "--district"),
        (["template", "quarterly-summary", "--district", "Sheema", "--db", "x"], "--quarter"),
        (["template", "action-plan", "--quarter", "2026Q1", "--db", "x"], "--community"),
    ],
)
def test_bad_input_is_refused_and_writes_nothing(
    world_db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    fragment: str,
) -> None:
    out = tmp_path / "out" / "report.pdf"
    out.parent.mkdir()
    args = [str(world_db) if arg == "x" else arg for arg in args]
    argv = ["report", *args, "--out", str(out)]
    if (args[0] != "template" or "--community" in args or "--cycle" in args) and (
        "--db" not in args
    ):
        argv += ["--db", str(world_db)]
    refused(argv, capsys, fragment)
    assert pdfs(tmp_path / "out") == []


def test_output_that_cannot_be_written_is_refused_before_building(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "no-such-folder" / "x.pdf"
    refused(["report", "template", "action-plan", "--out", str(missing)], capsys, "does not exist")
    refused(["report", "template", "action-plan", "--out", str(tmp_path)], capsys, "folder")
    assert pdfs(tmp_path) == []


def test_a_failed_print_leaves_an_existing_file_as_it_was(
    world_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "plan.pdf"
    out.write_bytes(b"the earlier printout")
    argv = ["report", "template", "action-plan", "--db", str(world_db), "--community", "Nowhere"]
    refused([*argv, "--out", str(out)], capsys, "Nowhere")
    assert out.read_bytes() == b"the earlier printout"
    assert pdfs(tmp_path) == [out]


def test_a_filled_printout_is_audited(world_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.pdf"
    argv = ["report", "template", "action-plan", "--db", str(world_db),
            "--community", "Kabwohe West", "--out", str(out)]  # fmt: skip
    assert main(argv) == 0
    assert out.read_bytes().startswith(b"%PDF")
    db = open_database(world_db)
    try:
        events = Services(db, Actor("amina", role=SYSTEM_ROLE)).audit_log.list(
            entity_type="action-plan"
        )
    finally:
        db.close()
    assert [e.action for e in events.items] == ["print"]
    assert events.items[0].changes["destination"] == str(out)


def test_a_quarter_names_the_period_of_the_monitoring_report(
    world_db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "q1.pdf"
    argv = ["report", "monitoring", "--db", str(world_db), "--quarter", "2025Q1", "--out", str(out)]
    assert main(argv) == 0
    first = " ".join(pdf_page_texts(out)[0].split())
    assert "Period: 2025 Q1 (2025-01-01 to 2025-03-31)" in first
