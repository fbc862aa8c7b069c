"""Covering indexes for the community list's computed columns.

Sorting the list by current phase, last activity, open follow-ups, overdue actions or
facilitator looks up the live records of every community. Each index below is the old one
with the columns those lookups read (ending with deleted_at), so SQLite answers from the
index alone instead of reading every meeting, phase or action row. The old index is a
prefix of the new one, so every query that used it still can, and a write still updates
one index per table.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# table, index name, its columns now; the first `kept` of them were the whole index before
INDEXES: list[tuple[str, str, list[str], int]] = [
    ("cycle", "ix_cycle_community_id", ["community_id", "id", "deleted_at"], 1),
    (
        "phase",
        "ix_phase_cycle_start",
        ["cycle_id", "start_on", "end_on", "kind", "id", "deleted_at"],
        2,
    ),
    ("meeting", "ix_meeting_cycle_held_on", ["cycle_id", "held_on", "deleted_at"], 2),
    ("reflection", "ix_reflection_cycle_held_on", ["cycle_id", "held_on", "deleted_at"], 2),
    ("action", "ix_action_cycle_status_due", ["cycle_id", "status", "due_on", "deleted_at"], 3),
    ("mentor_review", "ix_mentor_review_cycle_id", ["cycle_id", "id", "deleted_at"], 1),
    (
        "follow_up",
        "ix_follow_up_review_status_due",
        ["review_id", "status", "due_on", "deleted_at"],
        3,
    ),
    (
        "community_assignment",
        "ix_community_assignment_community_id",
        ["community_id", "role", "from_on", "to_on", "user_id", "deleted_at"],
        1,
    ),
]


def _replace(before: bool) -> None:
    for table, name, columns, kept in INDEXES:
        op.drop_index(name, table_name=table)
        op.create_index(name, table, columns[:kept] if before else columns, unique=False)


def upgrade() -> None:
    _replace(before=False)


def downgrade() -> None:
    _replace(before=True)
