"""The ``clcp`` command, run in-process through ``main(argv)`` and, for start-up, as a process.

Bad input is covered in ``test_cli_bad_input.py``.
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import __version__
from desktop.cli import entry as cli
from desktop.cli import window
from desktop.services.framework.actor import SYSTEM, Actor
from desktop.services.queries.community_list import CommunityQuery, list_communities, list_districts
from desktop.services.queries.info import database_info
from desktop.services.usecases.communities import CommunityData, CommunityService
from desktop.storage import Database, open_database
from desktop.storage.paths import DATA_DIR_ENV_VAR, DB_ENV_VAR, demo_database_path
from desktop.texttable import display_width
from tests.cli.cli_support import N, csv_rows, digest, open_demo, run, service_rows

# --- version and start-up ---------------------------------------------------------------


def test_version_in_process(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--version"], capsys) == (0, f"clcp {__version__}\n", "")


@pytest.mark.parametrize("how", ["module", "script"])
def test_version_as_a_process(how: str) -> None:
    script = Path(sys.executable).with_name("clcp")
    if how == "script" and not script.exists():
        pytest.skip("the clcp console script is not installed beside this Python")
    command = [sys.executable, "-m", "desktop"] if how == "module" else [str(script)]
    done = subprocess.run([*command, "--version"], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (0, f"clcp {__version__}\n", "")


def test_headless_commands_never_load_qt(demo_db: Path) -> None:
    code = (
        "import sys; from desktop.cli.entry import main; "
        f"status = main(['info', '--db', {str(demo_db)!r}]); "
        "sys.exit(3 if any(m.startswith('PySide6') for m in sys.modules) else status)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_help_names_the_demo_accounts(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _err = run(["demo", "--help"], capsys)
    assert status == 0
    assert "admin, manager, facilitator and mentor" in " ".join(out.split())


# --- demo -------------------------------------------------------------------------------


def test_demo_writes_the_data_set_and_prints_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "d.db"
    status, out, err = run(
        ["--user", "trainer", "demo", "--db", str(path), "--communities", "7", "--password", "x"],
        capsys,
    )
    assert (status, err) == (0, "")
    assert len(out.splitlines()) == 1
    assert "7 communities" in out and " rows in " in out and str(path) in out
    db = open_demo(path, "x")
    try:
        assert list_communities(db, CommunityQuery(limit=0), actor=SYSTEM).total == 7
    finally:
        db.close()


def test_demo_defaults_to_the_demo_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(DATA_DIR_ENV_VAR, str(tmp_path))
    monkeypatch.setenv(DB_ENV_VAR, str(tmp_path / "real.db"))  # never the working database
    status, _out, _err = run(["demo", "--communities", "3"], capsys)
    assert status == 0
    assert demo_database_path().exists()
    assert not (tmp_path / "real.db").exists()


# --- info -------------------------------------------------------------------------------


def test_info_shows_schema_counts_and_size(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = open_demo(demo_db)
    try:
        facts = database_info(db)
    finally:
        db.close()
    before = digest(demo_db)
    status, out, err = run(["info", "--db", str(demo_db)], capsys)
    assert (status, err) == (0, "")
    counts = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and all(part.replace(",", "").isdigit() for part in parts[1:]):
            counts[parts[0]] = (int(parts[1].replace(",", "")), int(parts[2].replace(",", "")))
    assert counts["community"] == (N, 0)
    assert counts == {t.table: (t.live, t.deleted) for t in facts.tables}
    assert f"Schema        {facts.head_revision} (current)" in out
    assert f"({facts.file_size:,} bytes)" in out
    audit_line = next(line for line in out.splitlines() if line.startswith("Audit events"))
    assert int(audit_line.split()[2].replace(",", "")) == facts.audit_events
    # A command that only reads writes no session to the trail: neither file changes.
    assert digest(demo_db) == before


# --- communities ------------------------------------------------------------------------


def test_communities_csv_matches_the_service(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(["communities", "--db", str(demo_db), "--format", "csv"], capsys)
    assert (status, err) == (0, "")
    assert csv_rows(out) == service_rows(demo_db)
    assert len(csv_rows(out)) == N


def test_communities_filters_by_district(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = open_demo(demo_db)
    try:
        district = list_districts(db, actor=SYSTEM)[0]
    finally:
        db.close()
    argv = ["communities", "--db", str(demo_db), "--district", district, "--format", "csv"]
    status, out, _err = run(argv, capsys)
    rows = csv_rows(out)
    assert status == 0
    assert rows and {row[1] for row in rows} == {district}
    assert rows == service_rows(demo_db, district=district)
    assert len(rows) < N


def test_communities_filters_by_status_phase_and_search(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    everything = service_rows(demo_db)
    status_code = everything[0][2]
    word = everything[0][0].split()[0][:4]
    for option, value, field in (
        ("--status", status_code, "partnership_status"),
        ("--search", word, "text"),
    ):
        argv = ["communities", "--db", str(demo_db), option, value, "--format", "csv"]
        status, out, _err = run(argv, capsys)
        assert status == 0
        assert csv_rows(out) == service_rows(demo_db, **{field: value})
        assert csv_rows(out)
    phase = next((row[3] for row in everything if row[3]), "planning")
    status, out, _err = run(
        ["communities", "--db", str(demo_db), "--phase", phase, "--format", "csv"], capsys
    )
    assert status == 0
    assert {row[3] for row in csv_rows(out)} <= {phase}


def test_communities_table_lists_every_community(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(["communities", "--db", str(demo_db)], capsys)
    lines = out.splitlines()
    assert (status, err) == (0, "")
    assert lines[0].split() == [
        "Name",
        "District",
        "Partnership",
        "Current",
        "phase",
        "Facilitator",
    ]
    assert set(lines[1]) <= {"-", " "}
    assert len(lines) == N + 2
    names = [row[0] for row in service_rows(demo_db)]
    assert all(
        line.replace("\u2068", "").startswith(name)
        for line, name in zip(lines[2:], names, strict=True)
    )
    assert "phased_out" not in out and "under_way" not in out  # labels, not codes


def test_table_aligns_wide_and_arabic_text(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = {
        "Kanyama": "Lusaka",
        "قرية الأمل": "حلب",
        "مُخَيَّم السلام": "حلب",  # combining marks take no cell
        "東京村": "東京",  # each ideograph takes two cells
        "Zoë": "Paris",
    }
    db = open_database(db_path)
    service = CommunityService(db, Actor("tester", role="manager"))
    for name, district in names.items():
        service.create(CommunityData(name=name, district=district, partnership_status="agreed"))
    db.close()
    status, out, _err = run(["communities", "--db", str(db_path)], capsys)
    assert status == 0
    lines = out.splitlines()
    for line in lines[2:]:
        name = next(n for n in names if n in line)
        start = line.index(names[name], line.index(name) + len(name))
        # the district column starts at the same terminal cell on every row
        assert display_width(line[:start].replace("\u2068", "").replace("\u2069", "")) == (
            display_width(lines[0][: lines[0].index("District")])
        )
        assert line.count("Agreed") == 1
    arabic = next(line for line in lines if "قرية الأمل" in line)
    assert "\u2068قرية الأمل\u2069" in arabic  # isolated, so columns keep their order


def test_communities_with_no_match_prints_only_the_header(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["communities", "--db", str(demo_db), "--search", "no such place at all"]
    status, out, err = run(argv, capsys)
    assert status == 0
    assert len(out.splitlines()) == 2
    assert err == "no communities match\n"


def test_reading_commands_use_clcp_db(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(DB_ENV_VAR, str(demo_db))
    status, out, _err = run(["communities", "--format", "csv"], capsys)
    assert status == 0
    assert len(csv_rows(out)) == N


def test_a_closed_pipe_ends_quietly(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class ClosedPipe(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    assert cli.main(["communities", "--db", str(demo_db)]) == 0
    assert capsys.readouterr().err == ""


# --- the window -------------------------------------------------------------------------


def test_no_command_opens_the_window_on_the_chosen_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop import gui

    opened: list[tuple[str, Path | None, str]] = []

    def fake_run(db: Database, *, actor: Actor, demo: bool) -> int:
        opened.append(("window", db.path, actor.username))
        return 0

    def fake_setup(path: Path) -> int:
        opened.append(("setup wizard", path, ""))
        return 0

    def fake_sign_in(path: Path, *, username: str = "") -> int:
        opened.append(("sign-in", path, username))
        return 0

    monkeypatch.setattr(gui, "run", fake_run)
    monkeypatch.setattr(gui, "run_first_time", fake_setup)
    monkeypatch.setattr(gui, "run_sign_in", fake_sign_in)
    from desktop.views.auth import encrypt_wizard as auth_encrypt_wizard

    def not_now(path: Path, username: str = "") -> None:
        opened.append(("offer to encrypt", path, username))
        return None

    monkeypatch.setattr(auth_encrypt_wizard, "offer_encryption", not_now)
    plain = tmp_path / "plain.db"
    open_database(plain).close()
    encrypted = tmp_path / "encrypted.db"
    assert cli.main(["demo", "--db", str(encrypted), "--communities", "1"]) == 0
    monkeypatch.setenv(DB_ENV_VAR, str(tmp_path / "env.db"))
    assert cli.main(["--user", "amina"]) == 0
    assert cli.main(["--db", str(plain), "--user", "amina"]) == 0
    assert cli.main(["--db", str(encrypted), "--user", "mentor"]) == 0
    assert opened == [
        ("setup wizard", tmp_path / "env.db", ""),  # a new database starts with the wizard
        ("offer to encrypt", plain, "amina"),  # an unencrypted one is offered encryption
        ("window", plain, "amina"),  # declined: it opens without a sign-in
        ("sign-in", encrypted, "mentor"),
    ]


def test_demo_option_makes_the_demo_database_on_first_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop import gui

    opened: list[tuple[Path | None, bool, int]] = []

    def fake_run(db: Database, *, actor: Actor, demo: bool) -> int:
        opened.append(
            (db.path, demo, list_communities(db, CommunityQuery(limit=0), actor=SYSTEM).total)
        )
        assert actor.username == "facilitator"  # signed in without asking
        return 0

    monkeypatch.setattr(gui, "run", fake_run)
    monkeypatch.setattr(window, "DEFAULT_DEMO_COMMUNITIES", 4)
    monkeypatch.delenv("CLCP_USER")
    monkeypatch.delenv("CLCP_PASSWORD")
    monkeypatch.setenv(DATA_DIR_ENV_VAR, str(tmp_path))
    assert cli.main(["--demo"]) == 0
    assert cli.main(["--demo"]) == 0  # second time: opened as it is (no new data)
    assert opened == [(tmp_path / "demo.db", True, 4)] * 2
    assert "demo database" in capsys.readouterr().err


@pytest.mark.parametrize(
    "words", [["--version"], ["--help"], ["report", "--help"], ["report", "list"]]
)
def test_version_help_and_the_template_list_load_neither_the_database_layer_nor_qt(
    words: list[str],
) -> None:
    """``clcp --version`` and ``--help`` answer from the command table alone, and the list
    of templates from the registry's names: no SQLAlchemy, ReportLab or Qt to load."""
    probe = (
        "import sys; from desktop.cli.entry import main; main(sys.argv[1:]); "
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'PySide6', "
        "'reportlab'}); print('LOADED', ' '.join(heavy))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, *words], capture_output=True, text=True, check=True
    )
    assert done.stdout.rsplit("LOADED", 1)[1].split() == []


def test_every_blank_template_prints_without_the_database_layer_or_qt(tmp_path: Path) -> None:
    """A blank form needs ReportLab and the default groups only: printing one loads neither
    SQLAlchemy nor the ORM models nor Qt (it starts its work as soon as ReportLab is in)."""
    from desktop.reports.registry import TEMPLATES

    probe = (
        "import sys; from desktop.cli.entry import main; from desktop.reports.registry import "
        "TEMPLATES\nfor spec in TEMPLATES:\n"
        "    assert main(['report', 'template', spec.id, '--out', sys.argv[1] + spec.id + "
        "'.pdf']) == 0\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'PySide6'} "
        "| {m for m in sys.modules if m.startswith('desktop.models.') and "
        "not m.endswith('.enums')}); print('LOADED', ' '.join(heavy))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path) + "/"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.rsplit("LOADED", 1)[1].split() == []
    for spec in TEMPLATES:
        assert (tmp_path / f"{spec.id}.pdf").read_bytes().startswith(b"%PDF")
