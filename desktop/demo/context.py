"""What the demo builders share: the run-wide world and one community's circumstances."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from desktop.demo.writer import Calendar, Row, RowId, Rows, empty_rows

T = TypeVar("T")


@dataclass
class World:
    """Everything fixed for one run: the random source, ids, days, and the rows so far."""

    rng: random.Random
    new_id: Callable[[], RowId]  # the next row id (see writer.id_stream)
    cal: Calendar
    groups: tuple[str, ...]  # participant group codes the office has
    harm_ids: dict[str, RowId]  # catalogue code -> id
    stakeholders: dict[str, list[tuple[RowId, str, str]]]  # district -> (id, type, name)
    users: dict[str, tuple[RowId, str, str]]  # username -> (id, display name, role)
    taken_codes: set[str] = field(default_factory=set)  # harm codes in use

    def __post_init__(self) -> None:
        self.random = self.rng.random
        self._rows = empty_rows()

    def take(self) -> Rows:
        """The rows made since the last call (for the writer), leaving empty lists."""
        rows, self._rows = self._rows, empty_rows()
        return rows

    # pick() and between() do what rng.choice() and rng.randint() do, a few times faster
    # (they are called millions of times); they draw from the same seeded generator.
    def pick(self, items: Sequence[T]) -> T:
        return items[int(self.random() * len(items))]

    def between(self, low: int, high: int) -> int:
        """A whole number from ``low`` to ``high``, both included."""
        return low + int(self.random() * (high - low + 1))

    def add(self, table: str, row: Row) -> None:
        self._rows[table].append(row)

    def table(self, table: str) -> list[Row]:
        """The list rows of ``table`` go to until the next take(), for tight loops."""
        return self._rows[table]


@dataclass
class Place:
    """One community as its cycles see it."""

    id: RowId
    words: str  # language of the community's own words
    groups: tuple[str, ...]  # groups that take part here (some communities miss one)
    quiet_after: int  # no meeting after this day (0 for most, weeks ago for a few)
    facilitator: str  # display name
    mentor_id: RowId | None
    likely: tuple[str, ...]  # harm codes likely to come up, weighted by repetition
    own_harm: tuple[RowId, str] | None = None  # (harm id, phrase), considered in one cycle
    own_harm_cycle: int = 0
    leaders: tuple[str, ...] = ()  # planning group roles who run meetings
    selected_before: list[str] = field(default_factory=list)
    stakeholders: list[tuple[RowId, str, str]] = field(default_factory=list)
