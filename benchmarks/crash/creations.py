"""Commands that make a new database, killed half-way: ``clcp demo``, ``clcp import
workbook`` and ``clcp restore``.

After each kill the database is either not there at all (``clcp check`` refuses in one
line, and the next round is the retry, which must not be refused because of what the
killed run left) or there complete: ``clcp check`` ok and the same rows as an
uninterrupted run made. When a run completes, nothing the killed runs left may remain.
With ``--force``, restore replaces an existing database: that one must then be in place
untouched, or set aside whole in ``backups/``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from benchmarks.crash.kills import SPAN_FACTOR, last_line
from benchmarks.crash.looks import check, counts
from benchmarks.crash.tally import Row
from benchmarks.crash.world import (
    ADMIN,
    Ended,
    cli_work,
    copy_database,
    digest,
    leftovers,
    master_key,
    remove_database,
    timed,
)
from desktop.storage import keyfile as kf
from desktop.storage.backup import backup_dir_for

Same = Callable[[Path], str]
"""'' when a complete new database is the expected one, else what differs."""


def same_counts(reference: dict[str, int], user: str = ADMIN) -> Same:
    """Rows counted per table (a demo's ids are new each time; its counts are not)."""

    def compare(path: Path) -> str:
        key = master_key(path, user) if kf.has_key_file(path) else None
        found = counts(path, key)
        differ = sorted(
            t for t in reference.keys() | found.keys() if reference.get(t) != found.get(t)
        )
        return f"row counts differ in {', '.join(differ)}" if differ else ""

    return compare


class Creation:
    """One command that creates ``path``, killed round after round until it completes."""

    def __init__(
        self,
        path: Path,
        argv: list[str],
        same: Callable[[], Same],
        replaces: Path | None = None,
        user: str = ADMIN,
    ) -> None:
        self.path, self.argv, self.same_maker = path, argv, same
        self.user = user
        self.replaces = replaces  # a database put at ``path`` before each series (--force)
        self.span = 1.0
        self.broken = 0
        self.same: Same = lambda _path: ""
        self.replaced = ""

    def _new_series(self) -> None:
        remove_database(self.path)
        for found in backup_dir_for(self.path).glob("*"):
            found.unlink()
        if self.replaces is not None:
            copy_database(self.replaces, self.path)
            self.replaced = digest(self.path)

    def begin(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._new_series()
        ended, seconds = timed(cli_work(*self.argv), self.path.parent / "calibration.log")
        assert ended.status == 0, ended.log
        self.same = self.same_maker()
        self.span = seconds * SPAN_FACTOR
        self._new_series()

    def works(self) -> list[Callable[[], int]]:
        return [cli_work(*self.argv)]

    def after(self, ended: list[Ended], row: Row) -> None:
        (end,) = ended
        if not end.killed and end.status != 0:
            row.problem("stuck", f"the next try ended with {end.status}: {last_line(end.log)}")
        self._replaced_kept(row)
        if not self.path.exists():
            if not end.killed:
                row.problem("lost", "the run finished but its database is not there")
            self._absent(row)
            return
        if self.replaces is not None and digest(self.path) == self.replaced:
            return  # killed before the old database was set aside: the next try goes on
        done = check(self.path, user=self.user)
        problem = done.line() if done.status != 0 else self.same(self.path)
        if problem:
            row.problem("corrupt", f"a database in place but {problem}")
            self.broken += 1
            if self.broken < 2:
                return  # left as it is: the next round shows whether a retry gets past it
            self.broken = 0
        self._new_series_after_success(row)

    def _absent(self, row: Row) -> None:
        """Not made yet: check must refuse in one line, and nothing may block the next try."""
        done = check(self.path, user=self.user)
        if done.status == 0 or not done.clean:
            row.problem("unclean", f"check of a database not made yet: {done.line()}")
        if kf.has_key_file(self.path):
            row.problem("stray", f"a key file without its database: {kf.key_file_path(self.path)}")

    def _replaced_kept(self, row: Row) -> None:
        """With --force: the database being replaced is in place or whole in backups/."""
        if self.replaces is None or not self.replaced:
            return
        here = self.path.exists() and digest(self.path) == self.replaced
        aside = any(digest(found) == self.replaced for found in backup_dir_for(self.path).glob("*"))
        if not here and not aside:
            row.problem("lost", "the database being replaced is neither in place nor set aside")

    def _new_series_after_success(self, row: Row) -> None:
        left = leftovers(self.path.parent)
        if left:
            row.problem("stray", f"left after a complete run: {', '.join(left)}")
        self._new_series()
