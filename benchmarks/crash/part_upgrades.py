"""Part 4 of the bench: every earlier revision, holding a demo's records, upgraded.

For each shipped revision a copy of an encrypted demo is taken down to it (see
``tests/storage/old_revisions.py``), then ``clcp check`` opens it (which upgrades it) and
must say ok; every row of every table must be there afterwards with the same values, the
copy kept before the upgrade must be the file as it was, and the first upgrade is also
run as its own process (its real exit status and error output).
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from benchmarks.crash.base import SETUP
from benchmarks.crash.looks import check
from benchmarks.crash.tally import Row
from benchmarks.crash.world import ADMIN, PASSWORD, clcp_process, digest, master_key
from desktop.cli.commands import make_demo
from desktop.storage.backup import backup_dir_for
from desktop.storage.migrate import head_revision
from tests.storage.old_revisions import copy_at_revision, dump, lost_or_changed, revisions


def _one(source: Path, key: bytes, revision: str, path: Path, row: Row, *, process: bool) -> None:
    shutil.rmtree(path.parent, ignore_errors=True)
    path.parent.mkdir(parents=True)
    copy_at_revision(source, path, key, revision)
    before, original = dump(path, key), digest(path)
    if process:
        done = clcp_process("check", "--db", str(path), "--user", ADMIN)
        row.add("subprocess")
    else:
        done = check(path)
    row.add("rounds")
    row.add("rows", sum(len(rows) for _columns, rows in before.values()))
    if done.status != 0 or not done.clean:
        row.problem("corrupt", f"from {revision}: {done.line()}")
        return
    after = dump(path, key)
    if after["alembic_version"][1] != [(head_revision(),)]:
        row.problem("corrupt", f"from {revision}: not at the head after the upgrade")
    lost = lost_or_changed(before, after, ignore=frozenset({"alembic_version"}))
    if lost:
        row.problem("lost", f"from {revision}: {lost}")
    grown = [
        table
        for table, (_columns, rows) in before.items()
        if table != "alembic_version" and len(after[table][1]) != len(rows)
    ]
    if grown:
        row.problem("lost", f"from {revision}: row counts changed in {', '.join(grown)}")
    kept = [digest(found) for found in backup_dir_for(path).glob("*.db")]
    if revision != head_revision() and kept != [original]:
        row.problem("corrupt", f"from {revision}: the copy kept before the upgrade differs")


def run(folder: Path, communities: int, processes: bool = True) -> list[Row]:
    source = folder / "head" / "office.db"
    make_demo(str(source), password=PASSWORD, communities=communities, seed=3, actor=SETUP)
    key = master_key(source)
    rows = []
    for number, revision in enumerate(revisions()):
        row = Row("upgrade", f"from {revision}")
        started = time.perf_counter()
        _one(
            source,
            key,
            revision,
            folder / revision / "office.db",
            row,
            process=processes and number == 0,
        )
        row.seconds = time.perf_counter() - started
        rows.append(row)
    return rows
