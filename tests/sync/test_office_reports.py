"""The office's managers print from the office server's database itself: every report and
list a laptop prints reads the same on PostgreSQL, and the command signs in with the
account's server password."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop.demo.generate import generate_demo
from desktop.models import Community
from desktop.services.framework.actor import Actor
from desktop.storage import open_database
from desktop.storage.server_database import ServerDatabase
from desktop.sync.accounts import set_password
from desktop.sync.office import seed_from
from tests.cli.cli_support import assert_refused, run
from tests.reports.report_checks import pdf_text
from tests.sync.office_world import PASSWORD

REPORTS = [
    ["monitoring"],
    ["timeline", "--district", "{district}"],
    ["cycle", "--community", "{community}"],
    ["template", "action-plan", "--community", "{community}"],
    ["template", "indicator-sheet", "--community", "{community}"],
    ["template", "mentor-review", "--community", "{community}"],
    ["template", "quarterly-summary", "--district", "{district}", "--quarter", "2026Q2"],
]


@pytest.fixture
def seeded(office_db: ServerDatabase, tmp_path: Path) -> tuple[str, Path, dict[str, str]]:
    """An office seeded from a demo laptop; the manager has a server password."""
    laptop_path = tmp_path / "first.db"
    laptop = open_database(laptop_path)
    try:
        generate_demo(laptop, communities=4, seed=11, today=date(2026, 6, 1), actor=Actor("t"))
        seed_from(office_db, laptop, "admin", PASSWORD)
        with laptop.session() as session:
            first = session.query(Community).order_by(Community.name).first()
            assert first is not None
            names = {"community": first.name, "district": first.district}
    finally:
        laptop.close()
    set_password(office_db, "manager", PASSWORD, Actor("admin", "admin"))
    return office_db.engine.url.render_as_string(hide_password=False), laptop_path, names


def _printed(text: str) -> str:
    """The report's words without its print date (the two runs may straddle a minute)."""
    return "\n".join(line for line in text.splitlines() if "rinted" not in line)


@pytest.mark.parametrize("report", REPORTS, ids=lambda r: "-".join(r[:2]))
def test_a_report_on_the_office_database_reads_as_on_the_laptop(
    report: list[str],
    seeded: tuple[str, Path, dict[str, str]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url, laptop, names = seeded
    monkeypatch.setenv("CLCP_PASSWORD", PASSWORD)
    argv = [part.format(**names) for part in report]
    texts = []
    for where, db in (("office", url), ("laptop", str(laptop))):
        out = tmp_path / f"{where}.pdf"
        status, _out, err = run(
            ["report", *argv, "--db", db, "--user", "manager", "--out", str(out)], capsys
        )
        assert status == 0, err
        texts.append(_printed(pdf_text(out)))
    assert texts[0] == texts[1]
    assert names["community"] in texts[0] or report[0] == "monitoring"


def test_lists_and_the_check_run_on_the_office_database(
    seeded: tuple[str, Path, dict[str, str]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url, laptop, names = seeded
    monkeypatch.setenv("CLCP_PASSWORD", PASSWORD)
    outputs = []
    for db in (url, str(laptop)):
        status, out, err = run(["communities", "--db", db, "--user", "manager"], capsys)
        assert status == 0, err
        outputs.append(out)
    assert outputs[0] == outputs[1] and names["community"] in outputs[0]
    status, out, err = run(["check", "--db", url, "--user", "admin"], capsys)
    assert status == 0, err
    assert out.startswith("ok")


def test_the_office_database_asks_for_the_server_password(
    seeded: tuple[str, Path, dict[str, str]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    url, _laptop, _names = seeded
    monkeypatch.setenv("CLCP_PASSWORD", "not the password")
    status, _out, err = run(["communities", "--db", url, "--user", "manager"], capsys)
    assert_refused(status, err, "Wrong user name or password")
    monkeypatch.setenv("CLCP_PASSWORD", PASSWORD)
    status, _out, err = run(["communities", "--db", url, "--user", "facilitator"], capsys)
    assert_refused(status, err, "Wrong user name or password")  # no server password yet


def test_the_window_refuses_the_office_database(
    seeded: tuple[str, Path, dict[str, str]], capsys: pytest.CaptureFixture[str]
) -> None:
    url, _laptop, _names = seeded
    status, _out, err = run(["--db", url], capsys)
    assert_refused(status, err, "clcp join")
