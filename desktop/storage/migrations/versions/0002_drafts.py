"""Drafts: what a person had typed into an open form, kept until it is saved or discarded.

Local to this database file: drafts are not synced or audited, and carry none of
the sync columns.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "draft",
        sa.Column("username", sa.String(length=80), nullable=False),
        sa.Column("form_key", sa.String(length=200), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("saved_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("username", "form_key", name=op.f("pk_draft")),
    )


def downgrade() -> None:
    op.drop_table("draft")
