"""Commands that change an existing database, killed half-way: ``clcp import communities``
and ``clcp import submissions`` (all of a file or none of it), ``clcp encrypt`` (the
plain file whole, or the encrypted one whole) and ``clcp backup`` (the database as it
was; in the folder only complete archives).

After each kill: ``clcp check`` ok, the import's rows all there or none (all, when the
command had finished), every earlier import's rows still there, the seal on the trail's
last event after the next commit, and nothing left behind once a run has completed.
"""

from __future__ import annotations

import csv
import uuid
from collections.abc import Callable
from pathlib import Path

from benchmarks.bench_submissions import write_csv
from benchmarks.crash.kills import SPAN_FACTOR, last_line
from benchmarks.crash.looks import check, query, seal_problem
from benchmarks.crash.tally import Row
from benchmarks.crash.world import ADMIN, Ended, cli_work, leftovers, timed
from desktop.exchange.submissions import instance_key

Batch = tuple[list[str], list[str]]
"""A round's command line and the keys of the records it adds."""


def community_list(folder: Path, number: int) -> Batch:
    """A list of 20 communities with names no other round uses."""
    path = folder / f"list-{number}.csv"
    names = [f"Listed {number:04d} {uuid.uuid4().hex[:8]}" for _n in range(20)]
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["name", "district"])
        writer.writerows([name, "Crash"] for name in names)
    return ["import", "communities", str(path), "--add-duplicates"], names


def listed(path: Path, key: bytes | None, names: list[str]) -> set[str]:
    found = {str(row[0]) for row in query(path, key, "SELECT name FROM community")}
    return found & set(names)


def submissions(folder: Path, communities: list[uuid.UUID], number: int) -> Batch:
    """Ten meeting submissions from phones, each with a new instanceID."""
    path = folder / f"submissions-{number}.csv"
    write_csv(path, communities, 10)
    with path.open(encoding="utf-8", newline="") as handle:
        keys = [instance_key(row["meta-instanceID"]) for row in csv.DictReader(handle)]
    return ["import", "submissions", str(path)], keys


def imported(path: Path, key: bytes | None, keys: list[str]) -> set[str]:
    rows = query(
        path,
        key,
        "SELECT entity_id FROM audit_event WHERE action = 'import' AND entity_type = 'submission'",
    )
    return {str(row[0]) for row in rows} & set(keys)


def active_communities(path: Path, key: bytes | None) -> list[uuid.UUID]:
    rows = query(path, key, "SELECT DISTINCT community_id FROM cycle WHERE status = 'active'")
    return sorted(uuid.UUID(str(row[0])) for row in rows)


class AllOrNothing:
    """One import a round into the database at ``path``, killed half-way."""

    def __init__(
        self,
        path: Path,
        key: bytes,
        batch: Callable[[int], Batch],
        present: Callable[[Path, bytes | None, list[str]], set[str]],
        user: str = ADMIN,
    ) -> None:
        self.path, self.key, self.batch, self.present = path, key, batch, present
        self.user = user
        self.span = 1.0
        self.number = 0
        self.keys: list[str] = []
        self.acknowledged: list[str] = []

    def _argv(self) -> list[str]:
        self.number += 1
        argv, self.keys = self.batch(self.number)
        return [*argv, "--db", str(self.path), "--user", self.user]

    def begin(self) -> None:
        ended, seconds = timed(cli_work(*self._argv()), self.path.parent / "calibration.log")
        assert ended.status == 0, ended.log
        self.acknowledged += self.keys
        self.span = seconds * SPAN_FACTOR

    def works(self) -> list[Callable[[], int]]:
        return [cli_work(*self._argv())]

    def after(self, ended: list[Ended], row: Row) -> None:
        (end,) = ended
        if not end.killed and end.status != 0:
            row.problem("stuck", f"ended with {end.status}: {last_line(end.log)}")
        done = check(self.path)
        if done.status != 0:
            row.problem("corrupt", done.line())
            return
        found = self.present(self.path, self.key, self.keys)
        if found and len(found) != len(self.keys):
            row.problem("lost", f"{len(found)} of {len(self.keys)} records of one import")
        if not end.killed and end.status == 0 and not found:
            row.problem("lost", "an import that finished is not there")
        if len(found) == len(self.keys):
            self.acknowledged += self.keys
        kept = self.present(self.path, self.key, self.acknowledged)
        if len(kept) != len(self.acknowledged):
            row.problem("lost", f"{len(self.acknowledged) - len(kept)} records of earlier imports")
        row.counts["acknowledged"] = len(self.acknowledged)
        stalled = seal_problem(self.path)
        if stalled:
            row.problem("stalled", stalled)
        left = leftovers(self.path.parent)
        if left:
            row.problem("stray", ", ".join(left))


def list_import(path: Path, key: bytes) -> AllOrNothing:
    return AllOrNothing(path, key, lambda n: community_list(path.parent, n), listed)


def submission_import(path: Path, key: bytes) -> AllOrNothing:
    communities = active_communities(path, key)
    assert communities, "the demo has active cycles"
    return AllOrNothing(
        path, key, lambda n: submissions(path.parent, communities, n), imported, user="manager"
    )
