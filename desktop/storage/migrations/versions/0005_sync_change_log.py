"""The change log, the conflict records and the server's passwords of sync (issue 16).

Only adds two tables: every existing row and the audit trail are kept as they are. Writes
made before this revision are not in the log; a laptop joins an office by downloading
from the server, and a laptop's existing data seeds a server whole (``clcp server init
--from``), so no earlier write needs a change row.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_change",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("device_seq", sa.Integer(), nullable=False),
        sa.Column("entity_type", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("base_version", sa.Integer(), nullable=False),
        sa.Column("new_version", sa.Integer(), nullable=False),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.Column("username", sa.String(length=80), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("acknowledged", sa.Boolean(), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_sync_change")),
        sa.UniqueConstraint("device_id", "device_seq", name=op.f("uq_sync_change_device_id")),
    )
    op.create_index(
        op.f("ix_sync_change_acknowledged"), "sync_change", ["acknowledged"], unique=False
    )
    op.create_index(
        "ix_sync_change_record", "sync_change", ["entity_type", "entity_id"], unique=False
    )
    op.create_table(
        "sync_conflict",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("entity_type", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=False),
        sa.Column("record_name", sa.String(length=200), nullable=False),
        sa.Column("field", sa.String(length=80), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("kept_value", sa.Text(), nullable=False),
        sa.Column("kept_by", sa.String(length=80), nullable=False),
        sa.Column("kept_at", sa.DateTime(), nullable=True),
        sa.Column("other_value", sa.Text(), nullable=False),
        sa.Column("other_by", sa.String(length=80), nullable=False),
        sa.Column("other_at", sa.DateTime(), nullable=True),
        sa.Column("other_device", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("resolved_by", sa.String(length=80), nullable=False),
        sa.Column("resolution", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflict")),
    )
    op.create_index(
        op.f("ix_sync_conflict_entity_id"), "sync_conflict", ["entity_id"], unique=False
    )
    op.create_table(
        "server_account",
        sa.Column("username", sa.String(length=80), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_failure_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("username", name=op.f("pk_server_account")),
    )


def downgrade() -> None:
    op.drop_table("server_account")
    op.drop_index(op.f("ix_sync_conflict_entity_id"), table_name="sync_conflict")
    op.drop_table("sync_conflict")
    op.drop_index("ix_sync_change_record", table_name="sync_change")
    op.drop_index(op.f("ix_sync_change_acknowledged"), table_name="sync_change")
    op.drop_table("sync_change")
