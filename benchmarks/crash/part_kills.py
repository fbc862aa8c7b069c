"""Part 1 of the bench: kill -9 at random moments during every command that writes."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from benchmarks.crash.base import Base
from benchmarks.crash.changes import list_import, submission_import
from benchmarks.crash.creations import Creation, Same, same_counts
from benchmarks.crash.kills import Scenario, run_rounds
from benchmarks.crash.looks import counts
from benchmarks.crash.tally import Row
from benchmarks.crash.wholes import Backup, Encrypt, Migration
from benchmarks.crash.world import ADMIN, PASSWORD, copy_database, master_key
from benchmarks.crash.writers import Writers
from tests.storage.old_revisions import dump, revisions

DEMO_COMMUNITIES = "3"


def _same_rows(reference: Path, key: bytes) -> Callable[[], Same]:
    expected = dump(reference, key)

    def make() -> Same:
        return lambda path: "" if dump(path, key) == expected else "rows differ from the archive's"

    return make


def _counted(path: Path) -> Callable[[], Same]:
    """The counts of the database an uninterrupted run just made at ``path``."""

    def make() -> Same:
        key = master_key(path) if Path(f"{path}.keys").exists() else None
        return same_counts(counts(path, key))

    return make


def _scenarios(base: Base) -> dict[str, Callable[[Path], Scenario]]:
    """Each scenario by name, made in its own folder (the files it needs made then)."""
    demo = ["demo", "--communities", DEMO_COMMUNITIES, "--password", PASSWORD, "--seed", "5"]

    def office(folder: Path) -> Path:
        return copy_database(base.office, folder / "o.db")

    def created(path: Path, *argv: str) -> Creation:
        return Creation(path, [*argv, "--db", str(path)], _counted(path))

    def restored(folder: Path, *force: str) -> Creation:
        argv = ["restore", str(base.archive), "--user", ADMIN, "--db", str(folder / "r.db")]
        replaces = base.plain if force else None
        same = _same_rows(base.office, base.key)
        return Creation(folder / "r.db", [*argv, *force], same, replaces=replaces)

    return {
        "writes": lambda p: Writers(office(p), base.key, 1),
        "writes x2": lambda p: Writers(office(p), base.key, 2),
        "demo": lambda p: created(p / "d.db", *demo),
        "import workbook": lambda p: created(p / "n.db", "import", "workbook", str(base.workbook)),
        "import communities": lambda p: list_import(office(p), base.key),
        "import submissions": lambda p: submission_import(office(p), base.key),
        "encrypt": lambda p: Encrypt(p / "plain.db", base.plain),
        "encrypt, first admin": lambda p: Encrypt(
            p / "plain.db", base.plain_without_administrator, user="keeper"
        ),
        "migration": lambda p: Migration(p / "o.db", base.office, base.key, revisions()),
        "backup": lambda p: Backup(office(p), p / "usb"),
        "restore": lambda p: restored(p),
        "restore --force": lambda p: restored(p, "--force"),
    }


def run(
    base: Base, folder: Path, rounds: int, randomly: random.Random, only: set[str] | None = None
) -> list[Row]:
    rows = []
    logs = folder / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    for name, make in _scenarios(base).items():
        if only and name not in only:
            continue
        place = folder / name.replace(" ", "-")
        place.mkdir()
        print(f"  kill -9 during {name}: {rounds} rounds", flush=True)
        rows.append(run_rounds(Row("kill", name), make(place), rounds, randomly, logs))
    return rows
