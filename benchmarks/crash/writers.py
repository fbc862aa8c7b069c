"""Processes that write through the services until they are killed, one or two at once.

Each writer creates communities, now and then edits one it made, and now and then
changes a key slot (which rewrites the key file under its lock). Before each write it
notes what it is about to do in its journal, and after the write returns (committed) it
notes that it was done: after the kill, every row noted as done must be there with the
last value noted as done, or with the value it was writing when it was killed.
"""

from __future__ import annotations

import dataclasses
import functools
import os
from collections.abc import Callable
from pathlib import Path

from benchmarks.crash.looks import check, query, seal_problem
from benchmarks.crash.tally import Row
from benchmarks.crash.world import ADMIN, PASSWORD, Ended, leftovers
from desktop.services.facade import Services
from desktop.services.security.signin import sign_in
from desktop.services.usecases.communities import CommunityData
from desktop.storage import keyfile as kf

INTENT, DONE = "+", "="


def _note(journal: int, mark: str, name: str, value: str) -> None:
    os.write(journal, f"{mark}\t{name}\t{value}\n".encode())


def write_until_killed(path: Path, tag: str, journal_path: Path) -> int:
    """The child: write and note, for as long as it lives."""
    signed_in = sign_in(path, ADMIN, PASSWORD)
    services = Services(signed_in.db, signed_in.actor)
    keyring = signed_in.db.keyring
    assert keyring is not None
    key = keyring.master_key
    journal = os.open(journal_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    mine = []
    for number in range(100_000):
        name = f"{tag}-{number}"
        _note(journal, INTENT, name, "v0")
        mine.append(services.communities.create(CommunityData(name=name, district="D", notes="v0")))
        _note(journal, DONE, name, "v0")
        if number % 3 == 2:
            index = number // 2
            value = f"v{number}"
            _note(journal, INTENT, mine[index].data.name, value)
            changed = dataclasses.replace(mine[index].data, notes=value)
            mine[index] = services.communities.update(mine[index].id, changed)
            _note(journal, DONE, mine[index].data.name, value)
        if number % 7 == 3:
            keyring.modify(lambda data: kf.set_password_slot(data, key, "mentor", PASSWORD))
    return 0


@dataclasses.dataclass
class Expected:
    """What the journal allows for one community: its last value noted as done (None:
    never noted as created) and the value being written when the writer died."""

    done: str | None = None
    pending: str | None = None


def read_journal(path: Path) -> dict[str, Expected]:
    expected: dict[str, Expected] = {}
    if not path.exists():
        return expected
    for line in path.read_text(encoding="utf-8").splitlines():
        mark, name, value = line.split("\t")
        entry = expected.setdefault(name, Expected())
        if mark == DONE:
            entry.done, entry.pending = value, None
        else:
            entry.pending = value
    return expected


def lost_rows(stored: dict[str, str], expected: dict[str, Expected]) -> list[str]:
    """Rows noted as done but missing, or holding a value that was never written last."""
    lost = []
    for name, entry in expected.items():
        value = stored.get(name)
        if value is None:
            if entry.done is not None:
                lost.append(f"{name} missing")
        elif value not in {entry.done, entry.pending} - {None}:
            lost.append(f"{name} holds {value!r}, expected {entry.done!r} or {entry.pending!r}")
    return lost


class Writers:
    """The scenario: ``count`` writers at once on one database, killed each round."""

    def __init__(self, path: Path, key: bytes, count: int) -> None:
        self.path, self.key, self.count = path, key, count
        self.journals: list[Path] = []
        self.round = 0
        self.span = 1.5  # writes start after a sign-in; the kill lands among them
        self.endless = True

    def begin(self) -> None:
        pass

    def works(self) -> list[Callable[[], int]]:
        self.round += 1
        made: list[Callable[[], int]] = []
        for number in range(self.count):
            journal = self.path.parent / f"journal-{self.round}-{number}.txt"
            self.journals.append(journal)
            tag = f"r{self.round}w{number}"
            made.append(functools.partial(write_until_killed, self.path, tag, journal))
        return made

    def after(self, ended: list[Ended], row: Row) -> None:
        done = check(self.path)
        if done.status != 0:
            row.problem("corrupt", done.line())
            return
        stored = {
            str(name): str(notes)
            for name, notes in query(self.path, self.key, "SELECT name, notes FROM community")
        }
        expected: dict[str, Expected] = {}
        for journal in self.journals:
            expected.update(read_journal(journal))
        for lost in lost_rows(stored, expected)[:1]:
            row.problem("lost", lost)
        row.counts["acknowledged"] = sum(entry.done is not None for entry in expected.values())
        stalled = seal_problem(self.path)
        if stalled:
            row.problem("stalled", stalled)
        left = [name for name in leftovers(self.path.parent) if not name.startswith("journal")]
        if left:
            row.problem("stray", ", ".join(left))
