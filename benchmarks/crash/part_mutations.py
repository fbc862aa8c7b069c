"""Part 3 of the bench: damaged database files, key files and backup archives.

Each mutated file (see :mod:`benchmarks.crash.mutate`) is given to ``clcp check`` (or,
for an archive, to ``clcp restore``), run in this process. Every outcome must be clean
(success, or one ``clcp:`` line, never a traceback); a refusal must leave every file as
it was (a refused password alone may count the wrong try in the key file, as for anyone
who types one); and a success must mean the data is the original's ("harmless": the
damage was in bytes nothing uses, or in fields the key file keeps unsealed by design),
else it counts as "undetected". One file in twenty also goes to other commands (info, a
list, a write), and one in two hundred to ``clcp check`` in a process of its own.
"""

from __future__ import annotations

import functools
import random
import time
from pathlib import Path

from benchmarks.crash.archives import archives
from benchmarks.crash.base import Base
from benchmarks.crash.changes import community_list
from benchmarks.crash.judging import PROCESS_EVERY, WRONG_PASSWORD, Bench, judge
from benchmarks.crash.looks import check
from benchmarks.crash.mutate import BYTES, KEY_FILE, Mutation, choose
from benchmarks.crash.tally import Row
from benchmarks.crash.world import (
    Ran,
    clcp,
    clcp_process,
    folder_state,
)
from desktop.storage import keyfile as kf

SAMPLE_EVERY = 20


def _other_commands(row: Row, path: Path, refused: bool, folder: Path, number: int) -> None:
    """Other commands on the same damaged file: each ends cleanly, and one that refuses
    changes nothing (one that reads or writes past the damage is counted, not faulted)."""
    argv, _names = community_list(folder, number)
    commands = [["info"], ["communities", "--user", "manager"], argv]
    for command in commands:
        before = folder_state(path.parent)
        ran = clcp(*command, "--db", str(path))
        row.add("sampled")
        if not ran.clean:
            row.problem("unclean", f"{command[0]} on a damaged file: {ran.line()}")
        if ran.status != 0:
            if folder_state(path.parent) != before and WRONG_PASSWORD not in ran.err:
                row.problem("modified", f"{command[0]} refused ({ran.line()}) but a file changed")
        elif refused:
            row.add("written past damage" if command is argv else "read past damage")


def _in_a_process_too(row: Row, path: Path, ran: Ran) -> None:
    alone = clcp_process("check", "--db", str(path))
    row.add("subprocess")
    if not alone.clean or alone.status != ran.status:
        row.problem("unclean", f"check in its own process: {alone.status} {alone.line()}")


def databases(bench: Bench, count: int, randomly: random.Random) -> Row:
    row = Row("mutate", "database file")
    started = time.perf_counter()
    genuine = bench.original.read_bytes()
    for number in range(count):
        path = bench.fresh()
        kind = choose(BYTES, randomly)
        path.write_bytes(BYTES[kind](genuine, randomly))
        before = folder_state(path.parent)
        ran = check(path)
        changed = folder_state(path.parent) != before
        judge(row, kind, ran, changed, functools.partial(bench.same_data, path), counted_try=False)
        if bench.processes and number % PROCESS_EVERY == 0:
            _in_a_process_too(row, path, ran)
        if number % SAMPLE_EVERY == 0:
            _other_commands(row, path, ran.status != 0, bench.folder, number)
    row.seconds = time.perf_counter() - started
    return row


def key_files(bench: Bench, count: int, randomly: random.Random) -> Row:
    row = Row("mutate", "key file")
    started = time.perf_counter()
    keys = kf.key_file_path(bench.original)
    genuine = keys.read_bytes()
    for number in range(count):
        path = bench.fresh()
        kind = choose(KEY_FILE, randomly)
        mutated = _mutated(KEY_FILE[kind], genuine, randomly)
        kf.key_file_path(path).write_bytes(mutated)
        before = folder_state(path.parent)
        ran = check(path)
        changed = folder_state(path.parent) != before
        judge(
            row, kind, ran, changed, functools.partial(bench.same_keys, mutated), counted_try=True
        )
        if bench.processes and number % PROCESS_EVERY == 0:
            kf.key_file_path(path).write_bytes(mutated)
            _in_a_process_too(row, path, ran)
        if number % SAMPLE_EVERY == 0:
            kf.key_file_path(path).write_bytes(mutated)
            _other_commands(row, path, ran.status != 0, bench.folder, number)
    row.seconds = time.perf_counter() - started
    return row


def _mutated(mutation: Mutation, genuine: bytes, randomly: random.Random) -> bytes:
    """A mutation that changes something (an edit can land on an equal value)."""
    for _try in range(10):
        mutated = mutation(genuine, randomly)
        if mutated != genuine:
            return mutated
    return mutated


def run(
    base: Base, folder: Path, count: int, randomly: random.Random, processes: bool = True
) -> list[Row]:
    bench = Bench(base.office, base.key, folder)
    print(f"  {count} damaged database files", flush=True)
    bench.processes = processes
    rows = [databases(bench, count, randomly)]
    print(f"  {count} damaged key files", flush=True)
    rows.append(key_files(bench, count, randomly))
    print(f"  {count} damaged backup archives", flush=True)
    rows.append(archives(bench, base.archive, count, randomly))
    return rows
