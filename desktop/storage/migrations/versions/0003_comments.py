"""Comments on the records of a cycle, and who has read them.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _sync_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=80), nullable=False),
        sa.Column("origin_device", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "comment",
        sa.Column("cycle_id", sa.Uuid(), nullable=False),
        sa.Column("subject_kind", sa.String(length=30), nullable=False),
        sa.Column("subject_id", sa.Uuid(), nullable=False),
        sa.Column("parent_id", sa.Uuid(), nullable=True),
        sa.Column("author", sa.String(length=80), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("resolved_on", sa.Date(), nullable=True),
        sa.Column("resolved_by", sa.String(length=80), nullable=False),
        *_sync_columns(),
        sa.ForeignKeyConstraint(["cycle_id"], ["cycle.id"], name=op.f("fk_comment_cycle_id_cycle")),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["comment.id"], name=op.f("fk_comment_parent_id_comment")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comment")),
    )
    with op.batch_alter_table("comment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_comment_cycle_id"), ["cycle_id"], unique=False)
        batch_op.create_index("ix_comment_subject", ["subject_kind", "subject_id"], unique=False)

    op.create_table(
        "comment_read",
        sa.Column("comment_id", sa.Uuid(), nullable=False),
        sa.Column("username", sa.String(length=80), nullable=False),
        sa.Column("read_at", sa.DateTime(), nullable=False),
        *_sync_columns(),
        sa.ForeignKeyConstraint(
            ["comment_id"], ["comment.id"], name=op.f("fk_comment_read_comment_id_comment")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comment_read")),
        sa.UniqueConstraint("comment_id", "username", name=op.f("uq_comment_read_comment_id")),
    )
    with op.batch_alter_table("comment_read", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_comment_read_comment_id"), ["comment_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("comment_read", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_comment_read_comment_id"))
    op.drop_table("comment_read")
    with op.batch_alter_table("comment", schema=None) as batch_op:
        batch_op.drop_index("ix_comment_subject")
        batch_op.drop_index(batch_op.f("ix_comment_cycle_id"))
    op.drop_table("comment")
