"""The long crash and tamper bench (``python -m benchmarks.crash``) in its quick form: a
few kills of two writers and of a restore, a few damaged files of each kind and every
earlier revision upgraded. It keeps the bench working as the app changes, and the
environment of the tests as it was (the bench signs in with its own accounts)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from benchmarks.crash.__main__ import main
from benchmarks.crash.tally import PROBLEMS
from desktop.storage import keyslots

pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs fork and SIGKILL")


def test_the_quick_bench_kills_damages_and_upgrades_and_finds_nothing_wrong(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    environment, cost = dict(os.environ), keyslots.DEFAULT_KDF
    out = tmp_path / "crash.json"
    argv = ["--quick", "--only", "kill", "mutate", "upgrade", "--mutations", "10"]
    status = main([*argv, "--scenario", "writes x2", "restore", "--json", str(out)])

    printed = capsys.readouterr().out
    totals = json.loads(out.read_text(encoding="utf-8"))["totals"]
    assert status == 0, printed
    assert {name: totals[name] for name in PROBLEMS} == dict.fromkeys(PROBLEMS, 0)
    assert totals["kills"] >= 2 and totals["mutations"] == 30
    assert "upgrade/from 0001" in printed
    assert (dict(os.environ), keyslots.DEFAULT_KDF) == (environment, cost)
