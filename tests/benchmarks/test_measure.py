"""The benchmark table says what it measured: ratio, goal, and whether the goal holds."""

from __future__ import annotations

from pathlib import Path

from benchmarks.measure import Figure, read_json, table, write_json


def test_a_figure_meets_its_goals_only_when_all_hold() -> None:
    fast = Figure("startup", "clcp --version", 0.04, 0.01, "python -c pass", goal_value=0.15)
    slow = Figure("startup", "window", 2.4, 1.6, "bare window", goal_value=1.0, goal_ratio=1.5)
    plain = Figure("demo", "generate", 8.0, 1.0, "raw executemany")
    assert (fast.met, slow.met, plain.met) == (True, False, None)
    assert round(slow.ratio, 2) == 1.5
    assert slow.goal_text() == "<= 1.00 s, <= 1.5x"


def test_the_table_and_the_json_carry_the_same_figures(tmp_path: Path) -> None:
    figures = [
        Figure("demo", "file size per community", 70.4, 50.4, "raw rows", unit="kB", goal_value=25),
        Figure("startup", "clcp --help", 0.05, 0.01, "python -c pass", goal_value=0.15),
    ]
    lines = table(figures).splitlines()
    assert lines[1].split()[-1] == "MISSED" and lines[2].split()[-1] == "ok"
    assert "70.4 kB" in lines[1] and "50.0 ms" in lines[2]
    write_json(tmp_path / "r.json", figures, {"commit": "abc"})
    assert read_json(tmp_path / "r.json") == {
        ("demo", "file size per community"): figures[0].ratio,
        ("startup", "clcp --help"): figures[1].ratio,
    }
