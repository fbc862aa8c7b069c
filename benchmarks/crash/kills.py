"""Kill -9 at random moments: the loop every kill scenario runs in.

A scenario gives, each round, the work of one or more child processes; the loop starts
them, kills each at a moment drawn between 0 and the scenario's ``span`` (a little longer
than an uninterrupted run, measured by the scenario, so some runs finish), and hands how
each ended to the scenario, which looks at what was left and counts the problems.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from benchmarks.crash.tally import Row
from benchmarks.crash.world import Ended, start, stop


class Scenario(Protocol):
    span: float

    def begin(self) -> None:
        """Make the starting state (and measure ``span``)."""

    def works(self) -> list[Callable[[], int]]:
        """This round's child processes."""
        ...

    def after(self, ended: list[Ended], row: Row) -> None:
        """Look at what the round left, count what went wrong, get ready for the next."""


MEASURE_EVERY = 8
SPAN_FACTOR = 1.2


def last_line(log: str) -> str:
    lines = [line for line in log.splitlines() if line.strip()]
    return lines[-1][:300] if lines else ""


def run_rounds(
    row: Row, scenario: Scenario, rounds: int, randomly: random.Random, logs: Path
) -> Row:
    started = time.perf_counter()
    scenario.begin()
    for number in range(rounds):
        children = []
        begun = time.monotonic()
        for index, work in enumerate(scenario.works()):
            log = logs / f"{row.part}-{row.scenario}-{index}.log"
            children.append((start(work, log), log))
        # Now and then a run is left to finish: how long it takes keeps the moments drawn
        # spread over a whole run (the machine's load, and the files, change meanwhile).
        whole = number % MEASURE_EVERY == MEASURE_EVERY - 1 and not getattr(
            scenario, "endless", False
        )
        moments = sorted(randomly.uniform(0.0, scenario.span) for _child in children)
        ended = []
        for (child, log), moment in zip(children, moments, strict=True):
            time.sleep(0.0 if whole else max(0.0, begun + moment - time.monotonic()))
            ended.append(stop(child, log, kill=not whole))
        if whole:
            scenario.span = SPAN_FACTOR * (time.monotonic() - begun)
        row.add("rounds")
        row.add("kills", sum(end.killed for end in ended))
        row.add("finished", sum(not end.killed for end in ended))
        for end in ended:
            if end.traceback:
                row.problem("unclean", f"a child's traceback: {last_line(end.log)}")
        scenario.after(ended, row)
    finish = getattr(scenario, "end", None)
    if finish is not None:
        finish(row)
    row.seconds = time.perf_counter() - started
    return row
