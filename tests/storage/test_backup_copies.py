"""The copy kept before a migration is complete wherever it carries its final name: a copy
stopped half-way (a full disk, a killed process) leaves nothing that looks like a backup,
and what a killed copy left is removed by the next one."""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

import pytest

from desktop.storage import backup
from desktop.storage.backup import backup_dir_for, backup_file
from desktop.storage.keyfile import key_file_path


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "clcp.db"
    path.write_bytes(b"d" * 100_000)
    key_file_path(path).write_bytes(b'{"k": 1}')
    return path


def test_a_copy_stopped_by_a_full_disk_leaves_nothing_in_the_backups(
    database: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def half_then_full(source: Path, target: Path) -> None:
        Path(target).write_bytes(Path(source).read_bytes()[:1000])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup.shutil, "copy2", half_then_full)
    with pytest.raises(OSError, match="No space left"):
        backup_file(database, "before-0099")
    assert list(backup_dir_for(database).iterdir()) == []


def test_what_a_killed_copy_left_is_removed_by_the_next_one(database: Path) -> None:
    folder = backup_dir_for(database)
    folder.mkdir()
    left = [
        folder / "clcp-20260101T000000000000Z-before-0099.db.part",
        folder / "clcp-20260101T000000000000Z-before-0099.db.keys.part",
    ]
    for found in left:
        found.write_bytes(b"half")
    other = folder / "clcp-old-20260101T000000000000Z-before-0099.db.part"
    shutil.copy(left[0], other)  # another database's copy under way is not touched

    made = backup_file(database, "before-0099")

    assert sorted(found.name for found in folder.iterdir()) == sorted(
        [made.name, key_file_path(made).name, other.name]
    )
    assert made.read_bytes() == database.read_bytes()
    assert key_file_path(made).read_bytes() == key_file_path(database).read_bytes()
