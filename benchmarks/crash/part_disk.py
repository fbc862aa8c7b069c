"""Part 2 of the bench: the disk fills up mid-write.

A small tmpfs (a few MB, mounted for the run and unmounted after; needs root, the part is
skipped otherwise) holds the files; a filler file leaves a random amount of room, so the
disk is full at a different moment each round: while the database, its key file, a
demo, a backup archive or an export is written. Each refusal must be one line with exit
status 2; after the filler is removed, ``clcp check`` must be ok, every import that was
reported done must be there, nothing half-made may be left, and the retry must work.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from benchmarks.crash.base import Base
from benchmarks.crash.changes import community_list, listed
from benchmarks.crash.looks import check, seal_problem
from benchmarks.crash.tally import Row
from benchmarks.crash.world import (
    ADMIN,
    PASSWORD,
    Ran,
    clcp,
    copy_database,
    leftovers,
)
from desktop.storage import archive as arc

FILLER = "filler"


@contextlib.contextmanager
def small_disk(where: Path, size: int) -> Iterator[Path | None]:
    """A tmpfs of ``size`` bytes at ``where`` (None if it cannot be mounted)."""
    where.mkdir(parents=True)
    mount = ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)]
    if os.geteuid() != 0 or subprocess.run(mount, capture_output=True, check=False).returncode:
        yield None
        return
    try:
        yield where
    finally:
        subprocess.run(["umount", str(where)], check=False)


def fill(disk: Path, room: int) -> None:
    """Leave about ``room`` bytes free on ``disk``."""
    stats = os.statvfs(disk)
    free = stats.f_bavail * stats.f_frsize
    with open(disk / FILLER, "wb") as handle, contextlib.suppress(OSError):
        handle.write(bytes(max(0, free - room)))


def free_up(disk: Path) -> None:
    (disk / FILLER).unlink(missing_ok=True)


def _refusal(row: Row, what: str, ran: Ran) -> bool:
    """Count a run on a full disk: True if it was refused (cleanly, or not)."""
    if ran.status == 0:
        return False
    row.add("refused")
    row.example(ran.line())
    if ran.status != 2 or not ran.clean:
        row.problem("unclean", f"{what} on a full disk: {ran.status} {ran.line()}")
    elif "is full" not in ran.err and "not enough room" not in ran.err:
        row.problem("unclean", f"{what} on a full disk, not said so: {ran.line()}")
    return True


def writes(base: Base, disk: Path, rounds: int, randomly: random.Random) -> Row:
    """Imports into a database on the small disk until one is refused, each round."""
    row = Row("disk", "writes")
    path = copy_database(base.office, disk / "office.db")
    acknowledged: list[str] = []
    for number in range(rounds):
        fill(disk, randomly.randrange(0, 400_000))
        for attempt in range(40):
            argv, names = community_list(disk.parent, number * 100 + attempt)
            ran = clcp(*argv, "--db", str(path), "--user", ADMIN)
            if _refusal(row, "an import", ran):
                break
            acknowledged += names
        row.add("rounds")
        free_up(disk)
        done = check(path)
        if done.status != 0:
            row.problem("corrupt", f"after the disk was freed: {done.line()}")
            continue
        found = listed(path, base.key, acknowledged)
        if len(found) != len(acknowledged):
            row.problem("lost", f"{len(acknowledged) - len(found)} imported communities")
        stalled = seal_problem(path)
        if stalled:
            row.problem("stalled", stalled)
    row.counts["acknowledged"] = len(acknowledged)
    left = leftovers(disk)
    if left:
        row.problem("stray", ", ".join(left))
    return row


@dataclass(frozen=True)
class Maker:
    """A command that makes something on the small disk, and where to look for it."""

    what: str
    argv: list[str]
    made: Callable[[], list[Path]]
    room: int  # the most room left: about what the command needs, so most rounds fill up


def _make_on_full_disk(row: Row, disk: Path, maker: Maker, randomly: random.Random) -> None:
    """One round: refused in one line and nothing made, or made; then again with room."""
    fill(disk, randomly.randrange(0, maker.room))
    ran = clcp(*maker.argv)
    row.add("rounds")
    refused = _refusal(row, maker.what, ran)
    if refused and maker.made():
        row.problem("corrupt", f"a refused {maker.what} left {maker.made()[0].name}")
    free_up(disk)
    if refused:
        again = clcp(*maker.argv)
        if again.status != 0:
            row.problem("stuck", f"{maker.what} again, with room: {again.line()}")
    left = leftovers(disk)
    if left:
        row.problem("stray", f"{maker.what}: {', '.join(left)}")


def _makers(base: Base, disk: Path) -> list[Maker]:
    """Each maker writes on the small disk; the database it reads (an export is an audit
    event) is a copy beside it."""
    office = copy_database(base.office, disk.parent / "office" / "office.db")
    demo, usb, sheet = disk / "demo.db", disk / "usb", disk / "export.xlsx"
    demo_argv = ["demo", "--db", str(demo), "--communities", "1", "--password", PASSWORD]
    export = ["export", "--db", str(office), "--out", str(sheet), "--user", "manager"]
    database = office.stat().st_size
    return [
        Maker("demo", demo_argv, lambda: [demo] if demo.exists() else [], 2 * database),
        Maker(
            "backup",
            ["backup", "--db", str(office), "--out", str(usb)],
            lambda: sorted(usb.glob(f"*{arc.SUFFIX}")),
            3 * database,
        ),
        Maker(
            "export",
            export,
            lambda: [sheet] if sheet.exists() else [],
            2 * base.workbook.stat().st_size,
        ),
    ]


def _empty(disk: Path) -> None:
    for found in disk.iterdir():
        if found.is_dir():
            shutil.rmtree(found)
        else:
            found.unlink()


def makers(base: Base, disk: Path, rounds: int, randomly: random.Random) -> list[Row]:
    rows = []
    for maker in _makers(base, disk):
        row = Row("disk", maker.what)
        started = time.perf_counter()
        for _number in range(rounds):
            _empty(disk)
            _make_on_full_disk(row, disk, maker, randomly)
        row.seconds = time.perf_counter() - started
        rows.append(row)
    return rows


def run(base: Base, folder: Path, rounds: int, randomly: random.Random) -> list[Row]:
    size = max(4 * 1024 * 1024, 4 * base.office.stat().st_size)
    with small_disk(folder / "small", size) as disk:
        if disk is None:
            print("  the small disk needs root and tmpfs: part skipped", flush=True)
            return [Row("disk", "skipped (needs root)")]
        started = time.perf_counter()
        row = writes(base, disk, rounds, randomly)
        row.seconds = time.perf_counter() - started
        _empty(disk)
        return [row, *makers(base, disk, rounds, randomly)]
