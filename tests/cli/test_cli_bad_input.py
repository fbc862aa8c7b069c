"""Known bad input: status 2, exactly one ``clcp: ...`` line on stderr, no traceback,
and every file left byte for byte as it was.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop.storage import open_database
from tests.cli.cli_support import assert_refused, folder_state, run


def test_demo_refuses_a_database_that_has_communities(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "copy.db"
    shutil.copy(demo_db, path)
    shutil.copy(f"{demo_db}.keys", f"{path}.keys")
    before = folder_state(tmp_path)
    status, out, err = run(["demo", "--db", str(path), "--communities", "5"], capsys)
    assert_refused(status, err, str(path))
    # Refused either way: it is encrypted (no one signed in), or it already has communities.
    assert "sign in" in err or "already holds communities" in err
    assert out == ""
    assert folder_state(tmp_path) == before


@pytest.mark.parametrize("value", ["0", "-5", "100001", "abc", "2.5", ""])
def test_demo_refuses_a_bad_community_count(
    value: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "d.db"
    status, _out, err = run(["demo", "--db", str(path), "--communities", value], capsys)
    assert_refused(status, err, "--communities", "1 to 100000")
    assert not path.exists()


# --- files that are not ours, and bad options ---------------------------------------------


@pytest.fixture
def refusal_files(demo_db: Path, tmp_path: Path) -> dict[str, Path]:
    """Files every command must refuse and leave alone."""
    text = tmp_path / "notes.txt"
    text.write_text("shopping list\nrice, beans\n", encoding="utf-8")
    other = tmp_path / "other-app.sqlite"
    with sqlite3.connect(other) as connection:
        connection.execute("CREATE TABLE songs (id INTEGER PRIMARY KEY, title TEXT)")
        connection.execute("INSERT INTO songs (title) VALUES ('a')")
    connection.close()
    newer = tmp_path / "newer.db"
    open_database(newer).close()  # a plain (unencrypted) file, so sqlite3 can alter it
    connection = sqlite3.connect(newer)
    with connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    connection.close()
    return {"text": text, "other": other, "newer": newer, "folder": tmp_path / "a-folder"}


@pytest.mark.parametrize("command", ["info", "communities", "demo"])
@pytest.mark.parametrize(
    ("kind", "says"),
    [
        ("text", "not a CLCP database"),
        ("other", "not a CLCP database"),
        ("newer", "newer version"),
        ("folder", "folder"),
    ],
)
def test_files_that_are_not_ours_are_refused_untouched(
    command: str,
    kind: str,
    says: str,
    refusal_files: dict[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = refusal_files[kind]
    path.parent.mkdir(exist_ok=True)
    if kind == "folder":
        path.mkdir()
    before = folder_state(tmp_path)
    extra = ["--communities", "3"] if command == "demo" else []
    status, out, err = run([command, "--db", str(path), *extra], capsys)
    assert_refused(status, err, says)
    assert out == ""
    assert folder_state(tmp_path) == before


@pytest.mark.parametrize("command", ["info", "communities"])
def test_reading_commands_never_create_a_database(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere" / "clcp.db"
    status, _out, err = run([command, "--db", str(missing)], capsys)
    assert_refused(status, err, f"no database at {missing}")
    assert not missing.parent.exists()

    empty = tmp_path / "empty.db"
    empty.touch()
    status, _out, err = run([command, "--db", str(empty)], capsys)
    assert_refused(status, err, "empty")
    assert empty.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.db"]


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads anything")
def test_an_unreadable_file_is_refused(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "locked.db"
    shutil.copy(demo_db, path)
    path.chmod(0)
    try:
        status, _out, err = run(["info", "--db", str(path)], capsys)
    finally:
        path.chmod(0o600)
    assert_refused(status, err)


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (["--bogus"], "unrecognized arguments: --bogus"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        (["info", "--bogus"], "unrecognized arguments: --bogus"),
        (["communities", "--status", "happy"], "invalid choice: 'happy'"),
        (["communities", "--phase", "dancing"], "invalid choice: 'dancing'"),
        (["communities", "--format", "xml"], "invalid choice: 'xml'"),
        (["communities", "--db"], "expected one argument"),
        (["demo", "--seed", "one"], "invalid int value"),
        (["--demo", "--db", "x.db", "info"], "not both"),
    ],
)
def test_bad_options_give_one_line(
    argv: list[str], says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(argv, capsys)
    assert_refused(status, err, says)
    assert out == ""
