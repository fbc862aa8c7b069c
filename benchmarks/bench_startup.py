"""How fast the app starts, against the floor of its own stack, in the same run.

Run on purpose: ``uv run python benchmarks/bench_startup.py``. In a temporary data folder
it makes the demo database (``clcp --demo``'s own first run), then times, best of a few
runs each, as new processes:

- ``clcp --version`` and ``clcp --help``, against ``python -c pass``;
- ``clcp report list`` (a report command up to its first output), against the same floor;
- ``clcp report template meeting-record`` (a blank form, the whole command: its PDF
  written), against the same floor;
- ``clcp --demo`` until its window with the community list is on screen (the app prints a
  line then; the offscreen platform stands in for a screen), against a bare PySide6
  window that imports SQLAlchemy, unwraps the same key and opens the same SQLCipher file
  to show its first 100 community names: the floor of the stack.

Aims (issue "Nothing lost, nothing forged, nothing slow"): --version and --help under
0.15 s; report commands start within 0.6 s; the window under 1.0 s and within 1.5 times
the floor.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.measure import Figure, table

CLCP = [sys.executable, "-m", "desktop"]
SHOWN = "clcp: window shown"
BENCH = "startup"

FLOOR_WINDOW = """
import sys
from PySide6.QtWidgets import QApplication, QTableWidget, QTableWidgetItem
import sqlalchemy
from desktop.storage.connect import apply_key, dbapi_module
from desktop.storage import keyfile
path = sys.argv[1]
data = keyfile.load(__import__("pathlib").Path(path))
key, _slot = keyfile.unlock(data, "facilitator", sys.argv[2])
engine = sqlalchemy.create_engine("sqlite:///" + path, module=dbapi_module(key))
sqlalchemy.event.listen(engine, "connect", lambda connection, _record: apply_key(connection, key))
with engine.connect() as connection:
    names = connection.exec_driver_sql(
        "SELECT name FROM community WHERE deleted_at IS NULL ORDER BY name LIMIT 100"
    ).fetchall()
app = QApplication([])
view = QTableWidget(len(names), 1)
for row, (name,) in enumerate(names):
    view.setItem(row, 0, QTableWidgetItem(name))
view.resize(1366, 768)
view.show()
app.processEvents()
print("clcp: window shown", flush=True)
"""


def _environment(data_dir: Path) -> dict[str, str]:
    """An installed app runs from compiled bytecode: let Python write and read it (a
    development shell may forbid it, which would time the compiler instead)."""
    inherited = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return inherited | {
        "QT_QPA_PLATFORM": "offscreen",
        "CLCP_DATA_DIR": str(data_dir),
        "CLCP_EXIT_AFTER_START": "1",
    }


def until_line(command: list[str], env: dict[str, str], line: str | None = None) -> float:
    """Seconds from starting ``command`` to ``line`` on its output (or to its exit)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    assert process.stdout is not None
    seen = None
    for output in process.stdout:
        if line is not None and output.strip() == line:
            seen = time.perf_counter() - started
            break
    process.stdout.read()
    status = process.wait()
    if status != 0 or (line is not None and seen is None):
        raise RuntimeError(f"{' '.join(command)} ended with {status} before {line!r}")
    return seen if seen is not None else time.perf_counter() - started


def _best(runs: int, command: list[str], env: dict[str, str], line: str | None = None) -> float:
    return min(until_line(command, env, line) for _ in range(runs))


def run(quick: bool = False) -> list[Figure]:
    runs = 3 if quick else 7
    with tempfile.TemporaryDirectory() as folder:
        env = _environment(Path(folder))
        until_line([*CLCP, "--demo"], env, SHOWN)  # makes the demo database, writes bytecode
        [demo] = Path(folder).rglob("*.db")
        blank = str(Path(folder) / "blank.pdf")
        floor = _best(runs, [sys.executable, "-c", "pass"], env)
        window_floor = _best(
            runs, [sys.executable, "-c", FLOOR_WINDOW, str(demo), "demo"], env, SHOWN
        )
        figures = [
            Figure(
                BENCH,
                "clcp --version",
                _best(runs, [*CLCP, "--version"], env),
                floor,
                "python -c pass",
                goal_value=0.15,
            ),
            Figure(
                BENCH,
                "clcp --help",
                _best(runs, [*CLCP, "--help"], env),
                floor,
                "python -c pass",
                goal_value=0.15,
            ),
            Figure(
                BENCH,
                "clcp report list",
                _best(runs, [*CLCP, "report", "list"], env),
                floor,
                "python -c pass",
                goal_value=0.6,
            ),
            Figure(
                BENCH,
                "clcp report template (blank)",
                _best(runs, [*CLCP, "report", "template", "meeting-record", "--out", blank], env),
                floor,
                "python -c pass",
                goal_value=0.6,
            ),
            Figure(
                BENCH,
                "clcp --demo: window shown",
                _best(runs, [*CLCP, "--demo"], env, SHOWN),
                window_floor,
                "bare window on the same file",
                goal_value=1.0,
                goal_ratio=1.5,
            ),
        ]
    return figures


if __name__ == "__main__":
    print(table(run(quick="--quick" in sys.argv)))
