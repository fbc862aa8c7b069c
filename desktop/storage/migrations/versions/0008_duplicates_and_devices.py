"""Possible duplicates, the office's registered laptops, and sign-ins that end with a
password change (issue 16: the office works as one).

- ``possible_duplicate``: two records that look like the same community or stakeholder,
  waiting for a manager (a synced record).
- ``office_device``: the laptops the office server knows. Their bundle keys lived in
  ``app_meta`` (one ``bundle_device:<id>`` row each); they move here, so one table says
  which laptops there are, when each last synced, and which one was revoked.
- ``server_account.valid_after``: a token issued before it is refused.

Every existing row is kept; the moved rows go back to ``app_meta`` on a downgrade.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

DEVICE_PREFIX = "bundle_device:"


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
        "possible_duplicate",
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("first_id", sa.Uuid(), nullable=False),
        sa.Column("second_id", sa.Uuid(), nullable=False),
        sa.Column("first_added_by", sa.String(length=80), nullable=False),
        sa.Column("first_added_at", sa.DateTime(), nullable=True),
        sa.Column("second_added_by", sa.String(length=80), nullable=False),
        sa.Column("second_added_at", sa.DateTime(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("kept_id", sa.Uuid(), nullable=True),
        *_sync_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_possible_duplicate")),
    )
    with op.batch_alter_table("possible_duplicate", schema=None) as batch_op:
        for column in ("first_id", "second_id", "status"):
            batch_op.create_index(batch_op.f(f"ix_possible_duplicate_{column}"), [column])
    devices = op.create_table(
        "office_device",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("username", sa.String(length=80), nullable=False),
        sa.Column("first_seen", sa.DateTime(), nullable=False),
        sa.Column("last_sync", sa.DateTime(), nullable=True),
        sa.Column("box_key", sa.Text(), nullable=False),
        sa.Column("sign_key", sa.Text(), nullable=False),
        sa.Column("last_bundle_seq", sa.Integer(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_by", sa.String(length=80), nullable=False),
        sa.PrimaryKeyConstraint("device_id", name=op.f("pk_office_device")),
    )
    with op.batch_alter_table("server_account", schema=None) as batch_op:
        batch_op.add_column(sa.Column("valid_after", sa.DateTime(), nullable=True))
    _move_devices_out_of_app_meta(devices)


def _move_devices_out_of_app_meta(devices: sa.Table) -> None:
    connection = op.get_bind()
    app_meta = sa.table("app_meta", sa.column("key", sa.String), sa.column("value", sa.Text))
    rows = connection.execute(
        sa.select(app_meta.c.key, app_meta.c.value).where(app_meta.c.key.startswith(DEVICE_PREFIX))
    ).all()
    now = datetime.now(UTC).replace(tzinfo=None)
    for key, value in rows:
        data = json.loads(value)
        keys = data.get("keys") or {}
        connection.execute(
            devices.insert().values(
                device_id=key[len(DEVICE_PREFIX) :],
                username=str(data.get("username", "")),
                first_seen=now,
                last_sync=None,
                box_key=str(keys.get("box", "")),
                sign_key=str(keys.get("sign", "")),
                last_bundle_seq=int(data.get("last_seq", 0)),
                revoked_at=None,
                revoked_by="",
            )
        )
    connection.execute(app_meta.delete().where(app_meta.c.key.startswith(DEVICE_PREFIX)))


def downgrade() -> None:
    connection = op.get_bind()
    devices = sa.table(
        "office_device",
        *(sa.column(name) for name in ("device_id", "username", "box_key", "sign_key")),
        sa.column("last_bundle_seq", sa.Integer),
    )
    app_meta = sa.table("app_meta", sa.column("key", sa.String), sa.column("value", sa.Text))
    for row in connection.execute(sa.select(devices).where(devices.c.box_key != "")).all():
        value = {
            "username": row.username,
            "keys": {"box": row.box_key, "sign": row.sign_key},
            "last_seq": row.last_bundle_seq,
        }
        connection.execute(
            app_meta.insert().values(key=DEVICE_PREFIX + row.device_id, value=json.dumps(value))
        )
    with op.batch_alter_table("server_account", schema=None) as batch_op:
        batch_op.drop_column("valid_after")
    op.drop_table("office_device")
    with op.batch_alter_table("possible_duplicate", schema=None) as batch_op:
        for column in ("status", "second_id", "first_id"):
            batch_op.drop_index(batch_op.f(f"ix_possible_duplicate_{column}"))
    op.drop_table("possible_duplicate")
