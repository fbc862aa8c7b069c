"""The bench's counts: one row per scenario, a table to print and JSON to compare.

Counts in :data:`PROBLEMS` must all be 0; the others say how much was tried and how it
ended. Each problem keeps a short note (the first few per row) so a failing run says
what went wrong, not only how often.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PROBLEMS = (
    "corrupt",  # clcp check failed after a kill, or a file left complete-looking but damaged
    "lost",  # an acknowledged row (or a whole committed import) missing or changed
    "stalled",  # the key file's seal not on the trail's last event after the next commit
    "stray",  # files a stopped run left that the next run did not remove
    "stuck",  # a retry refused or failed because of what an earlier stopped run left
    "unclean",  # a traceback, or an error not in one clcp: line, or an unexpected refusal
    "undetected",  # a mutation that check calls ok although the data differs
    "modified",  # a file changed by a command that refused it
)
COLUMNS = (
    "rounds",
    "kills",
    "finished",
    "acknowledged",
    "mutations",
    "refused",
    "harmless",
    "wrong password",
    "sampled",
    "read past damage",
    "written past damage",
    "subprocess",
    "rows",
    *PROBLEMS,
)
NOTES_KEPT = 4


@dataclass
class Row:
    part: str
    scenario: str
    counts: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)
    said: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def example(self, said: str) -> None:
        """Keep what a person was told (the first few different lines)."""
        if said not in self.said and len(self.said) < NOTES_KEPT:
            self.said.append(said)

    def add(self, name: str, amount: int = 1) -> None:
        self.counts[name] += amount

    def problem(self, name: str, note: str) -> None:
        """Count a problem (one of :data:`PROBLEMS`) and keep what it was."""
        assert name in PROBLEMS, name
        self.counts[name] += 1
        if len(self.notes) < NOTES_KEPT:
            self.notes.append(f"{name}: {note}")

    @property
    def failed(self) -> bool:
        return any(self.counts[name] for name in PROBLEMS)


def _cell(row: Row, name: str) -> str:
    return str(row.counts[name]) if name in row.counts else "-"


def _block(rows: list[Row], total: Row | None) -> list[str]:
    """The rows of one part, with the columns they use (and their total, if given)."""
    everyone = [*rows, *([total] if total else [])]
    shown = [name for name in COLUMNS if any(name in row.counts for row in everyone)]
    sizes = [max(len(name) + 2, 9) for name in shown]
    width = max(len(f"{row.part}/{row.scenario}") for row in everyone) + 2
    header = "scenario".ljust(width) + "".join(
        n.rjust(s) for n, s in zip(shown, sizes, strict=True)
    )
    lines = [header + "seconds".rjust(9), "-" * (len(header) + 9)]
    for row in everyone:
        if row is total and rows:
            lines.append("-" * (len(header) + 9))
        cells = [_cell(row, name).rjust(size) for name, size in zip(shown, sizes, strict=True)]
        lines.append(
            f"{row.part}/{row.scenario}".ljust(width) + "".join(cells) + f"{row.seconds:9.1f}"
        )
    return lines


def table(rows: list[Row]) -> str:
    """A block of rows per part, the totals of all parts last, then the notes."""
    lines: list[str] = []
    for part in dict.fromkeys(row.part for row in rows):
        lines += [*_block([row for row in rows if row.part == part], None), ""]
    total = Row("all", "total", sum((row.counts for row in rows), Counter()))
    total.seconds = sum(row.seconds for row in rows)
    total.counts = Counter(
        {name: total.counts[name] for name in ("rounds", "kills", "mutations", *PROBLEMS)}
    )
    lines += _block([], total)
    notes = [f"  {row.part}/{row.scenario}: {note}" for row in rows for note in row.notes]
    if notes:
        lines += ["", "problems:", *notes]
    said = [f"  {row.part}/{row.scenario}: {line}" for row in rows for line in row.said]
    if said:
        lines += ["", "what a person was told:", *said]
    return "\n".join(lines)


def totals(rows: list[Row]) -> dict[str, int]:
    """Every count summed over the rows (each problem's count, 0 included)."""
    return {**dict.fromkeys(PROBLEMS, 0), **sum((row.counts for row in rows), Counter())}


def write_json(path: Path, rows: list[Row], about: dict[str, Any]) -> None:
    content = {
        "about": about,
        "totals": totals(rows),
        "seconds": round(sum(row.seconds for row in rows), 1),
        "rows": [
            {
                "part": row.part,
                "scenario": row.scenario,
                "counts": dict(row.counts),
                "notes": row.notes,
                "said": row.said,
                "seconds": round(row.seconds, 1),
            }
            for row in rows
        ],
    }
    path.write_text(json.dumps(content, indent=1) + "\n", encoding="utf-8")
