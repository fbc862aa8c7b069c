"""Fast, deterministic rows for the demo generator: ids, dates, buffers and bulk inserts.

Generating 10,000 communities means millions of rows, so the generator bypasses the ORM
and SQLAlchemy's per-value type processing: rows are built as tuples of the exact values
SQLAlchemy itself would store on SQLite (UUIDs as their 16 bytes, dates as ``YYYY-MM-DD``,
UTC timestamps as naive ``YYYY-MM-DD HH:MM:SS.ffffff``, booleans as 0/1) and written with
the driver's ``executemany``. ``tests/services/test_demo.py`` reads them back through the
ORM to prove the formats match.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from itertools import chain

from sqlalchemy import Connection

from desktop.models import Base

Row = tuple[object, ...]
#: A row's id as the database keeps it: the UUID's 16 bytes.
RowId = bytes

# The columns each builder fills, in the order it emits them (after the id). The SyncMixin
# columns are added by the writer: created_at and updated_at come last in every tuple, and
# version, updated_by, origin_device and deleted_at are the same for every demo row.
COLUMNS: dict[str, tuple[str, ...]] = {
    "app_user": ("username", "display_name", "role", "language", "active"),
    "stakeholder": (
        "name",
        "type",
        "level",
        "district",
        "contact_person",
        "phone",
        "email",
        "address",
        "notes",
    ),
    "harm_name": ("harm_id", "language", "name"),
    "community": (
        "name",
        "other_names",
        "kind",
        "country",
        "region",
        "district",
        "locality",
        "latitude",
        "longitude",
        "population_estimate",
        "languages",
        "notes",
        "partnership_status",
        "partnership_since",
        "search_text",
    ),
    "harm": ("code", "name", "description", "community_id", "retired"),
    "partnership_change": ("community_id", "status", "changed_on", "reason"),
    "community_assignment": ("community_id", "user_id", "role", "from_on", "to_on"),
    "planning_group_member": ("community_id", "label", "group_code", "from_on", "to_on"),
    "linkage": (
        "community_id",
        "stakeholder_id",
        "kind",
        "status",
        "agreed_on",
        "agreement",
        "notes",
    ),
    "linkage_change": ("linkage_id", "status", "changed_on", "note"),
    "cycle": ("community_id", "number", "title", "start_on", "end_on", "status"),
    "phase": ("cycle_id", "kind", "start_on", "end_on", "notes"),
    "meeting": ("cycle_id", "held_on", "kind", "place", "facilitated_by", "decisions", "notes"),
    "meeting_attendance": ("meeting_id", "group_code", "count"),
    "learning_finding": (
        "cycle_id",
        "harm_id",
        "summary",
        "method",
        "validated",
        "feedback_meeting_id",
    ),
    "harm_priority": ("cycle_id", "harm_id", "selected", "reasons", "decided_at_meeting_id"),
    "harm_rank": ("priority_id", "group_code", "rank"),
    "action": (
        "cycle_id",
        "harm_id",
        "what",
        "lead_role",
        "participants",
        "start_on",
        "due_on",
        "status",
        "community_resources",
        "outside_resources",
        "is_manageable",
        "is_sustainable",
        "is_do_no_harm",
        "is_inclusive",
        "completed_on",
    ),
    "action_stakeholder": ("action_id", "stakeholder_id"),
    "indicator": (
        "cycle_id",
        "harm_id",
        "action_id",
        "wording",
        "defined_by_community",
        "method",
        "collected_by",
        "frequency",
        "value_kind",
        "unit",
        "baseline",
        "target",
        "baseline_number",
        "target_number",
    ),
    "observation": (
        "indicator_id",
        "observed_on",
        "value_number",
        "value_text",
        "note",
        "recorded_by",
    ),
    "reflection": ("cycle_id", "held_on", "what_worked", "challenges", "adjustments", "meeting_id"),
    "reflection_action": ("reflection_id", "action_id"),
    "mentor_review": (
        "cycle_id",
        "mentor_id",
        "reviewed_on",
        "overall_comment",
        "facilitator_response",
        "signed_off_on",
        "signed_off_phase",
    ),
    "benchmark_assessment": ("review_id", "benchmark", "rating", "comment"),
    "follow_up": ("review_id", "description", "owner", "due_on", "status", "closed_on"),
    "comment": (
        "cycle_id",
        "subject_kind",
        "subject_id",
        "parent_id",
        "author",
        "body",
        "resolved_on",
        "resolved_by",
    ),
    "comment_read": ("comment_id", "username", "read_at"),
}

# Parents before children, so every foreign key finds its row as it is inserted.
INSERT_ORDER: tuple[str, ...] = tuple(COLUMNS)

_SYNC_TAIL = ("version", "updated_by", "origin_device", "deleted_at")


def model_columns(table: str) -> set[str]:
    """The columns the ORM model declares for ``table`` (what a test compares COLUMNS with)."""
    return {column.name for column in Base.metadata.tables[table].columns}


_BLOCK = 4096  # ids made at once: the 12 lowest counter bits
_LOW_HIGH = bytes(n >> 8 for n in range(_BLOCK))  # those bits, split over two bytes
_LOW_LOW = bytes(n & 0xFF for n in range(_BLOCK))


def id_stream(rng: random.Random, today: date) -> Iterator[RowId]:
    """Row ids: RFC 9562 version-7 layout, deterministic for a seed and a day.

    The 48-bit time field is midnight UTC of ``today``; a 40-bit counter (starting at a
    seed-dependent offset) fills ``rand_a`` and the top of ``rand_b`` (RFC 9562 method 1),
    and the last 32 bits come from the generator's own ``rng``. Ids made one after the other
    therefore sort in the order rows are inserted, which turns the scattered B-tree inserts
    of version-4 ids into appends: measured 2-3x faster on the primary-key and foreign-key
    indexes at millions of rows. Different seeds give different ids.

    A large demo needs millions of ids, so they are assembled 4,096 at a time as bytes
    (strided slice assignment): about ten times faster than making each one.
    ``next(stream)`` gives one id, the 16 bytes the database keeps.
    """
    millis = int(datetime(today.year, today.month, today.day, tzinfo=UTC).timestamp()) * 1000
    counter = rng.getrandbits(28)  # the counter without its 12 lowest bits
    buffer = bytearray(16 * _BLOCK)
    while True:
        high, middle = counter >> 16, counter & 0xFFFF  # 12 bits in rand_a, 16 in rand_b
        counter += 1
        # bytes 0-5 time, 6-7 version 7 and 12 counter bits, 8 variant 0b10 (then two
        # zero bits) and 4 counter bits, 9 and 10 (high half) counter, 10-11 lowest bits
        fixed = (millis << 16 | 0x7000 | high).to_bytes(8, "big")
        fixed += bytes((0x80 | middle >> 12, (middle >> 4) & 0xFF))
        for at, value in enumerate(fixed):
            buffer[at::16] = bytes((value,)) * _BLOCK
        shift = bytes((middle & 0xF) << 4 | n for n in range(16)) + bytes(240)
        buffer[10::16] = _LOW_HIGH.translate(shift)
        buffer[11::16] = _LOW_LOW
        tails = rng.randbytes(4 * _BLOCK)
        for at in range(4):
            buffer[12 + at :: 16] = tails[at::4]
        block = bytes(buffer)
        yield from (block[at : at + 16] for at in range(0, len(block), 16))


class Calendar:
    """Day numbers relative to ``today`` (0 = today, -1 = yesterday) as stored text.

    Every date in the demo is a day number, so the whole data set moves with ``today``.
    Timestamps get one office-hours time per day, and a future day's timestamp is today's
    (a row about a planned date was written before that date).
    """

    PAST = 4000
    FUTURE = 800

    def __init__(self, rng: random.Random, today: date) -> None:
        self.today = today
        first = today - timedelta(days=self.PAST)
        self._days = [
            (first + timedelta(days=n)).isoformat() for n in range(self.PAST + self.FUTURE + 1)
        ]
        self._stamps = [
            f"{day} {rng.randint(7, 16):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"
            f".{rng.randint(0, 999) * 1000:06d}"
            for day in self._days[: self.PAST]
        ]
        # today and later: early this morning (a row about a planned day is written before it)
        self._stamps += [f"{self._days[self.PAST]} 07:{rng.randint(0, 29):02d}:00.000000"] * (
            self.FUTURE + 1
        )

    def day(self, n: int) -> str:
        return self._days[n + self.PAST]

    def maybe_day(self, n: int | None) -> str | None:
        return None if n is None else self._days[n + self.PAST]

    def stamp(self, n: int) -> str:
        return self._stamps[n + self.PAST]

    def earliest(self) -> int:
        return -self.PAST


Rows = dict[str, list[Row]]


def empty_rows() -> Rows:
    """A fresh set of row lists, one per table."""
    return {table: [] for table in INSERT_ORDER}


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _device_literal(device_id: str) -> str:
    """The device id as the database keeps it (its 16 bytes when it is a canonical UUID,
    as ``DeviceId`` stores it)."""
    try:
        parsed = uuid.UUID(device_id)
    except ValueError:
        return _literal(device_id)
    return f"X'{parsed.hex}'" if str(parsed) == device_id else _literal(device_id)


def _variable_limit(connection: Connection) -> int:
    """How many ``?`` one statement may hold: a compile-time option if the build sets it,
    else SQLite's default (32766 since 3.32, 999 before). Works for SQLCipher too."""
    for (option,) in connection.exec_driver_sql("PRAGMA compile_options"):
        if str(option).startswith("MAX_VARIABLE_NUMBER="):
            return int(str(option).split("=", 1)[1])
    version = str(connection.exec_driver_sql("SELECT sqlite_version()").scalar())
    numbers = tuple(int(part) for part in version.split(".")[:2])
    return 32766 if numbers >= (3, 32) else 999


class Writer:
    """Writes rows inside the caller's transaction (so the whole data set commits or rolls
    back together), counting what it wrote per table.

    Rows go up to ``ROWS_PER_STATEMENT`` at a time as one multi-row ``INSERT ... VALUES``
    through the driver's ``executemany``: a fifth faster than a row per statement.
    """

    ROWS_PER_STATEMENT = 400

    def __init__(self, connection: Connection, *, updated_by: str, device_id: str) -> None:
        self._connection = connection
        self.written: dict[str, int] = dict.fromkeys(INSERT_ORDER, 0)
        tail = f"1, {_literal(updated_by)}, {_device_literal(device_id)}, NULL"
        limit = _variable_limit(connection)
        self._sql: dict[str, tuple[int, str, str]] = {}
        for table, columns in COLUMNS.items():
            names = ("id", *columns, "created_at", "updated_at", *_SYNC_TAIL)
            one = f"({', '.join('?' * (len(columns) + 3))}, {tail})"
            head = f"INSERT INTO {table} ({', '.join(names)}) VALUES "
            size = max(1, min(self.ROWS_PER_STATEMENT, limit // (len(columns) + 3)))
            self._sql[table] = (size, head + one, head + ", ".join([one] * size))

    def write(self, rows: Rows) -> None:
        """Insert every table's rows, parents first, and empty the lists."""
        for table in INSERT_ORDER:
            pending = rows.get(table)
            if not pending:
                continue
            size, single, multiple = self._sql[table]
            whole = len(pending) - len(pending) % size
            if whole:
                flat = [
                    tuple(chain.from_iterable(pending[i : i + size])) for i in range(0, whole, size)
                ]
                self._connection.exec_driver_sql(multiple, flat)
            if whole < len(pending):
                self._connection.exec_driver_sql(single, pending[whole:])
            self.written[table] += len(pending)
            pending.clear()
