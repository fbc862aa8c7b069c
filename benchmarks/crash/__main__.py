"""The long crash and tamper bench: ``uv run python -m benchmarks.crash [--rounds N]
[--mutations N] [--quick] [--only PART ...] [--scenario NAME ...] [--json FILE]
[--seed S]``.

Parts (each a table row or more): ``kill`` (kill -9 at random moments during writes,
the demo, imports, encrypt, upgrades, backup and restore), ``disk`` (a small tmpfs that
fills mid-write; needs root, skipped otherwise), ``mutate`` (damaged database, key and
archive files), ``upgrade`` (every earlier revision with data), ``sync`` (a laptop
killed while it joins and syncs with an office server on PostgreSQL; skipped without
one). Prints one table of counts and writes it as JSON; exits 1 if any count of a
problem (lost, corrupt, undetected, ...) is not 0.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.crash.tally import Row, table, write_json
from benchmarks.crash.world import private_environment

PARTS = ("kill", "disk", "mutate", "upgrade", "sync")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.crash", description=__doc__)
    parser.add_argument("--rounds", type=int, help="kill rounds a scenario (default 30)")
    parser.add_argument("--mutations", type=int, help="damaged files of each kind (default 1000)")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a few of each (2 rounds, 20 files), no command in a process of its own",
    )
    parser.add_argument("--only", nargs="+", choices=PARTS, metavar="PART")
    parser.add_argument("--scenario", nargs="+", metavar="NAME", help="only these kill scenarios")
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument("--json", type=Path, default=Path("crash-bench-results.json"))
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    return parser


def _run_parts(args: argparse.Namespace, folder: Path) -> list[Row]:
    from benchmarks.crash import part_kills
    from benchmarks.crash.base import make_base

    randomly = random.Random(args.seed)
    rounds = args.rounds or (2 if args.quick else 30)
    mutations = args.mutations or (20 if args.quick else 1000)
    processes = not args.quick
    parts = args.only or PARTS
    print("making the starting files", flush=True)
    base = make_base(folder / "base", communities=1 if args.quick else 2)
    rows: list[Row] = []
    if "kill" in parts:
        only = set(args.scenario) if args.scenario else None
        rows += part_kills.run(base, folder / "kill", rounds, randomly, only)
    if "disk" in parts:
        from benchmarks.crash import part_disk

        rows += part_disk.run(base, folder / "disk", max(2, rounds // 2), randomly)
    if "mutate" in parts:
        from benchmarks.crash import part_mutations

        rows += part_mutations.run(base, folder / "mutate", mutations, randomly, processes)
    if "upgrade" in parts:
        from benchmarks.crash import part_upgrades

        communities = 1 if args.quick else 10
        rows += part_upgrades.run(folder / "upgrade", communities, processes)
    if "sync" in parts:
        from benchmarks.crash import part_sync

        rows += part_sync.run(base, folder / "sync", rounds, randomly)
    return rows


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="clcp-crash-") as work:
        folder = Path(work)
        with private_environment(folder):
            rows = _run_parts(args, folder)
        if args.keep:
            kept = Path(tempfile.mkdtemp(prefix="clcp-crash-kept-"))
            shutil.copytree(folder, kept, dirs_exist_ok=True, symlinks=True)
            print(f"work folder kept in {kept}")
    print()
    print(table(rows))
    seconds = time.perf_counter() - started
    print(f"\n{seconds:.0f} s in all; written to {args.json}")
    about = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "seed": args.seed,
        "quick": args.quick,
        "wall_seconds": round(seconds, 1),
    }
    write_json(args.json, rows, about)
    failed = [row for row in rows if row.failed]
    return 1 if failed or not any(row.counts for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
