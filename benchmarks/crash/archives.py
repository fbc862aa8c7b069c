"""Damaged backup archives given to ``clcp restore``.

Two kinds of damage: the archive's bytes (what a bad USB stick or a cut copy does), and
an archive re-packed by hand with one member damaged and the manifest's checksums made to
match (what a person with other tools can do; only signing in and checking the restored
database can catch that). A restore must refuse in one line, leave nothing at the target
and leave the archive as it was; or restore exactly the original records, which ``clcp
check`` then calls sound.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import random
import shutil
import time
import zipfile
from pathlib import Path

from benchmarks.crash.judging import PROCESS_EVERY, Bench, judge
from benchmarks.crash.looks import check
from benchmarks.crash.mutate import BYTES, KEY_FILE, choose
from benchmarks.crash.tally import Row
from benchmarks.crash.world import ADMIN, clcp, clcp_process, digest
from desktop.storage import archive as arc
from desktop.storage import keyfile as kf

REPACKED = ("repacked database", "repacked key file")


def repack(genuine: bytes, member: str, randomly: random.Random) -> bytes:
    """The archive with ``member`` damaged and the manifest's checksum of it made to match."""
    with zipfile.ZipFile(io.BytesIO(genuine)) as bundle:
        contents = {name: bundle.read(name) for name in bundle.namelist()}
    kinds = BYTES if member == arc.DATABASE else KEY_FILE
    contents[member] = kinds[choose(kinds, randomly)](contents[member], randomly)
    manifest = json.loads(contents[arc.MANIFEST])
    manifest["members"][member] = hashlib.sha256(contents[member]).hexdigest()
    contents[arc.MANIFEST] = json.dumps(manifest).encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as bundle:
        for name, content in contents.items():
            bundle.writestr(name, content)
    return out.getvalue()


def _restored_whole(target: Path, reference: Bench) -> bool:
    """The restored pair is the genuine archive's: ``clcp check`` ok, same rows, same key
    file (in every sealed field)."""
    if check(target).status != 0:
        return False
    keys = kf.key_file_path(target).read_bytes()
    return reference.same_data(target) and reference.same_keys(keys)


def archives(bench: Bench, archive: Path, count: int, randomly: random.Random) -> Row:
    row = Row("mutate", "backup archive")
    started = time.perf_counter()
    genuine = archive.read_bytes()
    whole = bench.folder / "genuine" / "office.db"
    restored = clcp("restore", str(archive), "--db", str(whole), "--user", ADMIN)
    assert restored.status == 0, restored.err
    reference = Bench(whole, bench.key, bench.folder / "reference")
    damaged = bench.folder / "archive" / archive.name
    for number in range(count):
        shutil.rmtree(damaged.parent, ignore_errors=True)
        damaged.parent.mkdir(parents=True)
        kind = choose({**BYTES, **dict.fromkeys(REPACKED, BYTES["flip"])}, randomly)
        if kind in REPACKED:
            member = arc.DATABASE if kind == REPACKED[0] else arc.KEYS
            damaged.write_bytes(repack(genuine, member, randomly))
        else:
            damaged.write_bytes(BYTES[kind](genuine, randomly))
        before = digest(damaged)
        target = bench.folder / "restored" / "office.db"
        shutil.rmtree(target.parent, ignore_errors=True)
        argv = ("restore", str(damaged), "--db", str(target), "--user", ADMIN)
        ran = clcp(*argv)
        changed = digest(damaged) != before
        judge(
            row,
            kind,
            ran,
            changed,
            functools.partial(_restored_whole, target, reference),
            counted_try=False,
        )
        if ran.status != 0 and target.parent.exists() and any(target.parent.iterdir()):
            row.problem("stray", f"{kind}: a refused restore left files at the target")
        if bench.processes and number % PROCESS_EVERY == 0:
            shutil.rmtree(target.parent, ignore_errors=True)
            alone = clcp_process(*argv)
            row.add("subprocess")
            if not alone.clean or alone.status != ran.status:
                row.problem("unclean", f"restore in its own process: {alone.line()}")
    row.seconds = time.perf_counter() - started
    return row
