"""Every earlier revision, holding a demo's records, upgrades to the head with every row
kept, and ``clcp check`` is ok afterwards (the encrypted file and its key file still a
pair). The files at earlier revisions are made by taking a demo back down with the
migrations' downgrades; the first test shows that gives the very schema an upgrade to that
revision gives, so these are the files an older app would have left."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from desktop.cli import entry as cli
from desktop.cli.commands import make_demo
from desktop.services.framework.actor import Actor
from desktop.storage import keyfile as kf
from desktop.storage.backup import backup_dir_for
from desktop.storage.migrate import head_revision
from tests.storage.old_revisions import (
    copy_at_revision,
    dump,
    lost_or_changed,
    migrate_to,
    revisions,
    schema,
)

PASSWORD = "old files"
EARLIER = revisions()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    """A demo database at the head and its master key."""
    path = tmp_path_factory.mktemp("head") / "office.db"
    make_demo(str(path), password=PASSWORD, communities=2, seed=4, actor=Actor("setup"))
    key, _slot = kf.unlock(kf.load(path), "admin", PASSWORD)
    return path, key


@pytest.mark.parametrize("revision", EARLIER)
def test_a_demo_taken_down_has_the_schema_of_an_upgrade_to_that_revision(
    demo: tuple[Path, bytes], tmp_path: Path, revision: str
) -> None:
    source, key = demo
    copy, fresh = tmp_path / "copy.db", tmp_path / "fresh.db"
    copy_at_revision(source, copy, key, revision)
    migrate_to(fresh, None, revision, down=False)
    assert schema(copy, key) == schema(fresh)


@pytest.mark.parametrize("revision", EARLIER)
def test_every_revision_with_records_upgrades_keeping_every_row(
    demo: tuple[Path, bytes],
    tmp_path: Path,
    revision: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source, key = demo
    path = tmp_path / "office" / "clcp.db"
    path.parent.mkdir()
    copy_at_revision(source, path, key, revision)
    before, original = dump(path, key), path.read_bytes()
    assert sum(len(rows) for _columns, rows in before.values()) > 500

    monkeypatch.setenv("CLCP_PASSWORD", PASSWORD)
    assert cli.main(["check", "--db", str(path), "--user", "admin"]) == 0, capsys.readouterr()

    after = dump(path, key)
    assert after["alembic_version"][1] == [(head_revision(),)]
    assert lost_or_changed(before, after, ignore=frozenset({"alembic_version"})) == ""
    counts = {table: len(rows) for table, (_columns, rows) in before.items()}
    assert {table: len(after[table][1]) for table in counts} == counts
    kept = [found.read_bytes() for found in backup_dir_for(path).glob("*.db")]
    upgraded = revision != head_revision()
    assert [hashlib.sha256(b).digest() for b in kept] == (
        [hashlib.sha256(original).digest()] if upgraded else []
    )
