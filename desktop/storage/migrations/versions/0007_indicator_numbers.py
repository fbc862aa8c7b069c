"""A counted indicator's baseline and target as numbers, beside the words.

Charts draw a counted indicator's baseline and target beside its results, and the reports
count indicators moving toward or away from their target: that needs numbers. The words
stay exactly as they were typed (``baseline`` and ``target``); two number columns are
added beside them and filled where the words are a number, or a number followed by the
indicator's own unit ("12", "12.5", "12,5", "12 girls" when the unit is "girls"). Words
that are not (such as "about half the girls") are kept and their number is left empty, so
nothing typed is ever lost; the app asks for a number the next time the indicator is
edited. An indicator described in words has no numbers.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05
"""

from __future__ import annotations

import math
import re

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# A number (a comma may be the decimal mark), then perhaps words: the unit.
_NUMBER_THEN_WORDS = re.compile(r"^\s*([-+]?\d+(?:[.,]\d+)?)\s*(.*?)\s*$")


def number_in(words: str | None, unit: str | None) -> float | None:
    """The number ``words`` state, alone or followed by exactly ``unit``; None otherwise.

    Kept here as it was when this revision was written (a migration never changes)."""
    match = _NUMBER_THEN_WORDS.match(words or "")
    if match is None:
        return None
    rest = match.group(2)
    if rest and rest.casefold() != (unit or "").strip().casefold():
        return None
    number = float(match.group(1).replace(",", "."))
    return number if math.isfinite(number) else None


def upgrade() -> None:
    with op.batch_alter_table("indicator") as batch:
        batch.add_column(sa.Column("baseline_number", sa.Float(), nullable=True))
        batch.add_column(sa.Column("target_number", sa.Float(), nullable=True))
    indicator = sa.table(
        "indicator",
        sa.column("id", sa.Uuid),
        sa.column("value_kind", sa.String),
        sa.column("unit", sa.String),
        sa.column("baseline", sa.String),
        sa.column("target", sa.String),
        sa.column("baseline_number", sa.Float),
        sa.column("target_number", sa.Float),
    )
    connection = op.get_bind()
    counted = sa.select(indicator.c.id, indicator.c.unit, indicator.c.baseline, indicator.c.target)
    rows = connection.execute(counted.where(indicator.c.value_kind == "number")).all()
    for row in rows:
        numbers = {
            "baseline_number": number_in(row.baseline, row.unit),
            "target_number": number_in(row.target, row.unit),
        }
        if any(value is not None for value in numbers.values()):
            connection.execute(indicator.update().where(indicator.c.id == row.id).values(**numbers))


def downgrade() -> None:
    # The words were never changed, so dropping the numbers loses nothing typed.
    with op.batch_alter_table("indicator") as batch:
        batch.drop_column("target_number")
        batch.drop_column("baseline_number")
