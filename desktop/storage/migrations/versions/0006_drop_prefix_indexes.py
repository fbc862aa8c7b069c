"""Drop five indexes that repeat the first column of a unique constraint.

Attendance counts, harm ranks, benchmark ratings, harm names and the harms considered in
a cycle are each unique per parent and something else (group, benchmark, language,
harm); the index that makes that constraint hold starts with the parent's id, so it
already answers every lookup by parent. The separate parent-id indexes cost space
(about 7 % of a demo file) and a write each, and no query needs them.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# table, index, its one column (the first column of the table's unique constraint)
INDEXES = [
    ("meeting_attendance", "ix_meeting_attendance_meeting_id", "meeting_id"),
    ("harm_rank", "ix_harm_rank_priority_id", "priority_id"),
    ("benchmark_assessment", "ix_benchmark_assessment_review_id", "review_id"),
    ("harm_name", "ix_harm_name_harm_id", "harm_id"),
    ("harm_priority", "ix_harm_priority_cycle_id", "cycle_id"),
]


def upgrade() -> None:
    for table, name, _column in INDEXES:
        op.drop_index(name, table_name=table)


def downgrade() -> None:
    for table, name, column in INDEXES:
        op.create_index(name, table, [column])
