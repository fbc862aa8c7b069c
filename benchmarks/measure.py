"""What every benchmark reports: a figure, the raw floor it is compared with in the same
run, their ratio, and the goal it should meet.

A benchmark module has ``run(quick: bool) -> list[Figure]``; ``python -m benchmarks``
runs them all and prints one table (and writes it as JSON, so two commits can be
compared). Each module also runs alone, printing its own table.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class Figure:
    """One measured figure and its floor, in the same unit (seconds unless said)."""

    bench: str
    name: str
    value: float
    baseline: float
    baseline_name: str
    unit: str = "s"
    #: The ratio value / baseline should be at most this.
    goal_ratio: float | None = None
    #: The value itself should be at most this (an aim stated in the issue).
    goal_value: float | None = None

    @property
    def ratio(self) -> float:
        return self.value / self.baseline if self.baseline else float("inf")

    @property
    def met(self) -> bool | None:
        """Whether every goal holds; None when the figure has no goal."""
        checks = []
        if self.goal_ratio is not None:
            checks.append(self.ratio <= self.goal_ratio)
        if self.goal_value is not None:
            checks.append(self.value <= self.goal_value)
        return all(checks) if checks else None

    def goal_text(self) -> str:
        parts = []
        if self.goal_value is not None:
            parts.append(f"<= {_amount(self.goal_value, self.unit)}")
        if self.goal_ratio is not None:
            parts.append(f"<= {self.goal_ratio:g}x")
        return ", ".join(parts)


def best_of(runs: int, work: Callable[[], object]) -> float:
    """The fastest of ``runs`` timings of ``work`` (the least disturbed by the machine)."""
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        timings.append(time.perf_counter() - started)
    return min(timings)


def _amount(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"
    return f"{value:,.1f} {unit}"


def table(figures: Iterable[Figure]) -> str:
    """The figures as one text table: figure, value, baseline, ratio, goal, met."""
    rows = [("benchmark", "figure", "value", "baseline", "ratio", "goal", "")]
    for figure in figures:
        mark = {True: "ok", False: "MISSED", None: ""}[figure.met]
        rows.append(
            (
                figure.bench,
                figure.name,
                _amount(figure.value, figure.unit),
                f"{_amount(figure.baseline, figure.unit)} ({figure.baseline_name})",
                f"{figure.ratio:.2f}x",
                figure.goal_text(),
                mark,
            )
        )
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    )


def write_json(path: Path, figures: Iterable[Figure], about: dict[str, str]) -> None:
    """The figures with their ratios, and ``about`` (commit, date, machine) beside them."""
    listed = [asdict(figure) | {"ratio": figure.ratio, "met": figure.met} for figure in figures]
    path.write_text(json.dumps({"about": about, "figures": listed}, indent=2) + "\n")


def read_json(path: Path) -> dict[tuple[str, str], float]:
    """A results file's ratios by (benchmark, figure)."""
    data = json.loads(path.read_text())
    return {(row["bench"], row["name"]): float(row["ratio"]) for row in data["figures"]}
