"""Calendar quarters as reports name them: parsed from the command line, recognised in a
from-to, and the recent ones offered on the Reports screen."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.services.queries.periods import (
    parse_quarter,
    quarter,
    quarter_bounds,
    quarter_of,
    recent_quarters,
)


@pytest.mark.parametrize("text", ["2026Q3", "2026-Q3", "2026 q3", " 2026q3 "])
def test_a_quarter_is_read_however_it_is_written(text: str) -> None:
    assert parse_quarter(text) == (date(2026, 7, 1), date(2026, 9, 30))


@pytest.mark.parametrize("text", ["2026Q5", "Q3", "2026-07", "third quarter"])
def test_anything_else_is_refused_in_one_line(text: str) -> None:
    with pytest.raises(ValueError, match="not a quarter") as error:
        parse_quarter(text)
    assert "\n" not in str(error.value)


def test_quarters_have_their_days() -> None:
    assert quarter_bounds(2026, 1) == (date(2026, 1, 1), date(2026, 3, 31))
    assert quarter_bounds(2024, 4) == (date(2024, 10, 1), date(2024, 12, 31))
    assert quarter(date(2026, 12, 31)) == "2026 Q4"
    assert quarter_of(date(2026, 4, 1), date(2026, 6, 30)) == "2026 Q2"
    assert quarter_of(date(2026, 4, 1), date(2026, 6, 29)) is None
    assert quarter_of(None, date(2026, 6, 30)) is None


def test_the_recent_quarters_count_back_across_years() -> None:
    names = [name for name, _first, _last in recent_quarters(date(2026, 2, 10), 6)]
    assert names == ["2026 Q1", "2025 Q4", "2025 Q3", "2025 Q2", "2025 Q1", "2024 Q4"]
