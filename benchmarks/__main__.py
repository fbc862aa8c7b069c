"""Every benchmark in one run: ``uv run python -m benchmarks [--quick] [--only NAME ...]
[--json FILE] [--compare OLD.json]``.

Prints one table (figure, value, the raw floor measured in the same run, their ratio,
the goal) and writes it as JSON (default ``benchmark-results.json``), with the commit
and the machine, so that two commits can be compared: ``--compare`` adds each figure's
ratio in the older file and the change. ``--quick`` uses small data sets (a minute or
two in all); without it the sizes are those the issues state (10,000 communities for the
lists and the demo, 1,000 for the timeline and the monitoring report).
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.measure import Figure, read_json, table, write_json

BENCHMARKS = (
    "startup",
    "demo",
    "community_list",
    "encrypted_open",
    "gui_list",
    "office_timeline",
    "monitoring_report",
    "export",
    "submissions",
    "sync",
    "sync_scale",
)


def _commit() -> str:
    done = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    )
    return done.stdout.strip() or "unknown"


def _about(quick: bool) -> dict[str, str]:
    return {
        "commit": _commit(),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "python": platform.python_version(),
        "sizes": "quick" if quick else "full",
    }


def _compared(figures: list[Figure], old: dict[tuple[str, str], float]) -> str:
    lines = ["", "ratio now against the older file:"]
    for figure in figures:
        before = old.get((figure.bench, figure.name))
        if before is not None:
            change = (figure.ratio - before) / before * 100 if before else 0.0
            lines.append(
                f"  {figure.bench:18} {figure.name:34} {before:8.2f}x -> {figure.ratio:8.2f}x "
                f"({change:+.0f}%)"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small data sets")
    parser.add_argument("--only", nargs="+", choices=BENCHMARKS, metavar="NAME")
    parser.add_argument("--json", type=Path, default=Path("benchmark-results.json"))
    parser.add_argument("--compare", type=Path, metavar="OLD.json")
    args = parser.parse_args(argv)
    figures: list[Figure] = []
    for name in args.only or BENCHMARKS:
        print(f"== {name}", flush=True)
        module = importlib.import_module(f"benchmarks.bench_{name}")
        figures.extend(module.run(quick=args.quick))
    print()
    print(table(figures))
    write_json(args.json, figures, _about(args.quick))
    print(f"\nwritten to {args.json}")
    if args.compare is not None:
        print(_compared(figures, read_json(args.compare)))
    return 0 if all(figure.met is not False for figure in figures) else 1


if __name__ == "__main__":
    sys.exit(main())
