"""Commands that rewrite or copy a whole database, killed half-way: ``clcp encrypt`` of a
plain file, the upgrade of a file at an earlier revision (run by ``clcp info``), and
``clcp backup``.

After each kill every row of the database is still there, the file passes ``clcp check``
(or, for an interrupted encryption, is refused in one line until the next try), copies
made on the way (the copy kept before an upgrade, an archive) are complete wherever they
carry their final name, and nothing is left behind once a run has completed.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from benchmarks.crash.kills import SPAN_FACTOR, last_line
from benchmarks.crash.looks import check, query, seal_problem
from benchmarks.crash.tally import Row
from benchmarks.crash.world import (
    ADMIN,
    PASSWORD,
    Ended,
    cli_work,
    copy_database,
    digest,
    leftovers,
    master_key,
    remove_database,
    timed,
)
from desktop.storage import StorageError
from desktop.storage import archive as arc
from desktop.storage import keyfile as kf
from desktop.storage.backup import backup_dir_for
from desktop.storage.encrypt import is_plain_database
from desktop.storage.migrate import head_revision
from tests.storage.old_revisions import copy_at_revision, dump, lost_or_changed


def _finished_badly(end: Ended, row: Row) -> None:
    if not end.killed and end.status != 0:
        row.problem("stuck", f"ended with {end.status}: {last_line(end.log)}")


class Encrypt:
    """``clcp encrypt`` of a plain copy, killed until it completes, then again."""

    def __init__(self, path: Path, plain: Path, user: str = ADMIN) -> None:
        self.path, self.plain, self.user = path, plain, user
        self.before = dump(plain)
        self.span = 1.0
        self.argv = ["encrypt", "--db", str(path), "--user", user]
        self.env = {"CLCP_NEW_PASSWORD": PASSWORD}

    def _reset(self) -> None:
        remove_database(self.path)
        shutil.rmtree(backup_dir_for(self.path), ignore_errors=True)
        copy_database(self.plain, self.path)

    def begin(self) -> None:
        self._reset()
        ended, seconds = timed(cli_work(*self.argv, env=self.env), self.path.parent / "c.log")
        assert ended.status == 0, ended.log
        self.span = seconds * SPAN_FACTOR
        self._reset()

    def works(self) -> list[Callable[[], int]]:
        return [cli_work(*self.argv, env=self.env)]

    def after(self, ended: list[Ended], row: Row) -> None:
        _finished_badly(ended[0], row)
        encrypted = not is_plain_database(self.path)
        done = check(self.path, user=self.user) if encrypted else check(self.path)
        if encrypted:
            if done.status != 0:
                row.problem("corrupt", done.line())
                return
            key = master_key(self.path, self.user)
            lost = lost_or_changed(self.before, dump(self.path, key))
            if lost:
                row.problem("lost", lost)
            stalled = seal_problem(self.path, user=self.user)
            if stalled:
                row.problem("stalled", stalled)
            left = leftovers(self.path.parent)
            if left:
                row.problem("stray", f"left after a complete run: {', '.join(left)}")
            self._reset()
            return
        if done.status != 0:
            row.add("refused")
            if not done.clean:
                row.problem("unclean", f"check of a file half-encrypted: {done.line()}")
        if dump(self.path) != self.before:
            row.problem("lost", "the plain file changed before it was replaced")


class Backup:
    """``clcp backup`` of a database into a folder, killed half-way."""

    def __init__(self, path: Path, out: Path) -> None:
        self.path, self.out = path, out
        self.key = master_key(path)
        self.before = dump(path, self.key)
        self.span = 1.0
        self.argv = ["backup", "--db", str(path), "--out", str(out), "--user", ADMIN]

    def begin(self) -> None:
        ended, seconds = timed(cli_work(*self.argv), self.path.parent / "c.log")
        assert ended.status == 0, ended.log
        self.span = seconds * SPAN_FACTOR
        self._archives(Row("", ""))

    def works(self) -> list[Callable[[], int]]:
        return [cli_work(*self.argv)]

    def _archives(self, row: Row) -> int:
        """Complete archives under their final name (each removed once looked at)."""
        found = 0
        for archive in sorted(self.out.glob(f"*{arc.SUFFIX}")):
            try:
                arc.read_archive(archive)
                found += 1
            except StorageError as error:
                row.problem("corrupt", f"an archive under its final name: {error}")
            archive.unlink()
        return found

    def after(self, ended: list[Ended], row: Row) -> None:
        (end,) = ended
        _finished_badly(end, row)
        done = check(self.path)
        if done.status != 0:
            row.problem("corrupt", done.line())
        elif dump(self.path, self.key) != self.before:
            row.problem("lost", "the database changed while it was backed up")
        made = self._archives(row)
        if not end.killed and end.status == 0:
            if not made:
                row.problem("lost", "a backup that finished left no archive")
            left = leftovers(self.out)
            if left:
                row.problem("stray", f"left after a complete run: {', '.join(left)}")


class Migration:
    """Opening a file at an earlier revision (``clcp info`` upgrades it), killed half-way;
    each round a new file, at each earlier revision in turn."""

    def __init__(self, path: Path, head_demo: Path, key: bytes, revisions: list[str]) -> None:
        self.path, self.source, self.key = path, head_demo, key
        self.revisions = [revision for revision in revisions if revision != head_revision()]
        self.number = 0
        self.span = 1.0
        self.before: dict[str, tuple[list[str], list[tuple[object, ...]]]] = {}
        self.originals: set[str] = set()
        self.argv = ["info", "--db", str(path), "--user", ADMIN]

    def _prepare(self) -> None:
        revision = self.revisions[self.number % len(self.revisions)]
        self.number += 1
        remove_database(self.path)
        shutil.rmtree(backup_dir_for(self.path), ignore_errors=True)
        copy_at_revision(self.source, self.path, self.key, revision)
        self.before = dump(self.path, self.key)
        self.originals = {digest(self.path), digest(kf.key_file_path(self.path))}

    def begin(self) -> None:
        self._prepare()
        ended, seconds = timed(cli_work(*self.argv), self.path.parent / "c.log")
        assert ended.status == 0, ended.log
        self.span = seconds * SPAN_FACTOR

    def works(self) -> list[Callable[[], int]]:
        self._prepare()
        return [cli_work(*self.argv)]

    def after(self, ended: list[Ended], row: Row) -> None:
        _finished_badly(ended[0], row)
        done = check(self.path)
        if done.status != 0:
            row.problem("corrupt", done.line())
            return
        revision = query(self.path, self.key, "SELECT version_num FROM alembic_version")
        if revision != [(head_revision(),)]:
            row.problem("corrupt", f"checked but left at revision {revision}")
        lost = lost_or_changed(
            self.before, dump(self.path, self.key), ignore=frozenset({"alembic_version"})
        )
        if lost:
            row.problem("lost", lost)
        for kept in backup_dir_for(self.path).glob("*"):
            if digest(kept) not in self.originals:
                row.problem("corrupt", f"an incomplete copy kept before the upgrade: {kept.name}")
        left = leftovers(self.path.parent)
        if left:
            row.problem("stray", ", ".join(left))
        stalled = seal_problem(self.path)
        if stalled:
            row.problem("stalled", stalled)
