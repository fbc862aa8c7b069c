"""Initial schema, with the default participant groups and harm catalogue.

Seeded rows get name-based UUIDs so every device that creates a database
gives the same harm the same id (a later sync must not duplicate them).

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-21
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


SEED_NAMESPACE = uuid.UUID("6f1d9a52-3c7e-4f0b-9a55-1f4e2b7c9d10")

PARTICIPANT_GROUPS = (
    ("girls", "Girls"),
    ("boys", "Boys"),
    ("women", "Women"),
    ("men", "Men"),
    ("elders", "Elders"),
    ("disability", "People with disabilities"),
)

HARMS = (
    ("out_of_school", "Children out of school"),
    ("child_marriage", "Child marriage"),
    ("heavy_work", "Heavy or dangerous work"),
    ("teen_pregnancy", "Teenage pregnancy"),
    ("sexual_exploitation", "Sexual exploitation"),
    ("violence_home", "Violence at home"),
    ("violence_school", "Violence at school"),
    ("neglect", "Neglect"),
    ("separation", "Separation from family"),
    ("substance_use", "Alcohol and drug use"),
    ("online_harm", "Online abuse"),
    ("trafficking", "Trafficking"),
)


def _seed() -> None:
    now = datetime.now(UTC).replace(tzinfo=None)
    common = {
        "created_at": now,
        "updated_at": now,
        "version": 1,
        "updated_by": "system",
        "origin_device": "",
        "deleted_at": None,
    }
    groups = sa.table(
        "participant_group",
        *(sa.column(name) for name in ("id", "code", "name", "position", "active", *common)),
    )
    op.bulk_insert(
        groups,
        [
            {
                "id": uuid.uuid5(SEED_NAMESPACE, f"group:{code}").hex,
                "code": code,
                "name": name,
                "position": index,
                "active": True,
                **common,
            }
            for index, (code, name) in enumerate(PARTICIPANT_GROUPS)
        ],
    )
    harms = sa.table(
        "harm",
        *(
            sa.column(name)
            for name in ("id", "code", "name", "description", "community_id", "retired", *common)
        ),
    )
    op.bulk_insert(
        harms,
        [
            {
                "id": uuid.uuid5(SEED_NAMESPACE, f"harm:{code}").hex,
                "code": code,
                "name": name,
                "description": "",
                "community_id": None,
                "retired": False,
                **common,
            }
            for code, name in HARMS
        ],
    )


def upgrade() -> None:
    op.create_table(
        "app_meta",
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_app_meta")),
    )
    op.create_table(
        "app_user",
        sa.Column("username", sa.String(length=80), nullable=False),
        sa.Column("display_name", sa.String(length=160), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=80), nullable=False),
        sa.Column("origin_device", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_app_user")),
        sa.UniqueConstraint("username", name=op.f("uq_app_user_username")),
    )
    op.create_table(
        "attachment",
        sa.Column("entity_type", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.Uuid(), nullable=False),
        sa.Column("file_name", sa.String(length=260), nullable=False),
        sa.Column("media_type", sa.String(length=120), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("caption", sa.Text(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=80), nullable=False),
        sa.Column("origin_device", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attachment")),
    )
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attachment_entity_id"), ["entity_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_attachment_entity_type"), ["entity_type"], unique=False
        )

    op.create_table(
        "audit_event",
        sa.Column("seq", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("username", sa.String(length=80), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("entity_type", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=False),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.Column("origin_device", sa.String(length=36), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_event")),
        sa.UniqueConstraint("id", name=op.f("uq_audit_event_id")),
    )
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_event_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_event_entity_id"), ["entity_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_audit_event_entity_type"), ["entity_type"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_audit_event_username"), ["username"], unique=False)

    op.create_table(
        "community",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("other_names", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("country", sa.String(length=100), nullable=False),
        sa.Column("region", sa.String(length=120), nullable=False),
        sa.Column("district", sa.String(length=120), nullable=False),
        sa.Column("locality", sa.String(length=160), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("population_estimate", sa.Integer(), nullable=True),
        sa.Column("languages", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("partnership_status", sa.String(length=20), nullable=False),
        sa.Column("partnership_since", sa.Date(), nullable=True),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=80), nullable=False),
        sa.Column("origin_device", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_community")),
    )
    with op.batch_alter_table("community", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_community_district"), ["district"], unique=False)
        batch_op.create_index(batch_op.f("ix_community_name"), ["name"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_community_partnership_status"), ["partnership_status"], unique=False
        )

    op.create_table(
        "office_setting",
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=80), nullable=False),
        sa.Column("origin_device", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_office_setting")),
        sa.UniqueConstraint("key", name=op.f("uq_office_setting_key")),
    )
    op.create_table(
        "participant_group",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=80), nullable=False),
        sa.Column("origin_device", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_participant_group")),
        sa.UniqueConstraint("code", name=op.f("uq_participant_group_code")),
    )
    op.create_table(
        "stakeholder",
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("type", sa.String(length=30), nullable=False),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("district", sa.String(length=120), nullable=False),
        sa.Column("contact_person", sa.String(length=160), nullable=False),
        sa.Column("phone", sa.String(length=60), nullable=False),
        sa.Column("email", sa.String(length=160), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=80), nullable=False),
        sa.Column("origin_device", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stakeholder")),
    )
    with op.batch_alter_table("stakeholder", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_stakeholder_name"), ["name"], unique=False)

    op.create_table(
        "community_assignment",
        sa.Column("community_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("from_on", sa.Date(), nullable=True),
        sa.Column("to_on", sa.Date(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=80), nullable=False),
        sa.Column("origin_device", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["community.id"],
            name=op.f("fk_community_assignment_community_id_community"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["app_user.id"], name=op.f("fk_community_assignment_user_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_community_assignment")),
    )
    with op.batch_alter_table("community_assignment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_community_assignment_community_id"), ["community_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_community_assignment_user_id"), ["user_id"], unique=False
        )

    op.create_table(
        "cycle",
        sa.Column("community_id", sa.Uuid(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("start_on", sa.Date(), nullable=False),
        sa.Column("end_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=80), nullable=False),
        sa.Column("origin_device", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["community_id"], ["community.id"], name=op.f("fk_cycle_community_id_community")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cycle")),
    )
    with op.batch_alter_table("cycle", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cycle_community_id"), ["community_id"], unique=False)

    op.create_table(
        "harm",
        sa.Column("code", sa.String(length=60), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("community_id", sa.Uuid(), nullable=True),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=80), nullable=False),
        sa.Column("origin_device", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["community_id"], ["community.id"], name=op.f("fk_harm_community_id_community")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_harm")),
    )
    with op.batch_alter_table("harm", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_harm_code"), ["code"], unique=False)
        batch_op.create_index(batch_op.f("ix_harm_community_id"), ["community_id"], unique=False)

    op.create_table(
        "linkage",
        sa.Column("community_id", sa.Uuid(), nullable=False),
        sa.Column("stakeholder_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("agreed_on", sa.Date(), nullable=True),
        sa.Column("agreement", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=80), nullable=False),
        sa.Column("origin_device", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["community_id"], ["community.id"], name=op.f("fk_linkage_community_id_community")
        ),
        sa.ForeignKeyConstraint(
            ["stakeholder_id"],
            ["stakeholder.id"],
            name=op.f("fk_linkage_stakeholder_id_stakeholder"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_linkage")),
    )
    with op.batch_alter_table("linkage", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_linkage_community_id"), ["community_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_linkage_stakeholder_id"), ["stakeholder_id"], unique=False
        )

    op.create_table(
        "partnership_change",
        sa.Column("community_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("changed_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=80), nullable=False),
        sa.Column("origin_device", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["community.id"],
            name=op.f("fk_partnership_change_community_id_community"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partnership_change")),
    )
    with op.batch_alter_table("partnership_change", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_partnership_change_community_id"), ["community_id"], unique=False
        )

    op.create_table(
        "planning_group_member",
        sa.Column("community_id", sa.Uuid(), nullable=False),
        sa.Column("label", sa.String(length=120), nullable=False),
        sa.Column("group_code", sa.String(length=40), nullable=False),
        sa.Column("from_on", sa.Date(), nullable=True),
        sa.Column("to_on", sa.Date(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=80), nullable=False),
        sa.Column("origin_device", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["community_id"],
            ["community.id"],
            name=op.f("fk_planning_group_member_community_id_community"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_planning_group_member")),
    )
    with op.batch_alter_table("planning_group_member", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_planning_group_member_community_id"), ["community_id"], unique=False
        )

    op.create_table(
        "action",
        sa.Column("cycle_id", sa.Uuid(), nullable=False),
        sa.Column("harm_id", sa.Uuid(), nullable=True),
        sa.Column("what", sa.Text(), nullable=False),
        sa.Column("lead_role", sa.String(length=160), nullable=False),
        sa.Column("participants", sa.Text(), nullable=False),
        sa.Column("start_on", sa.Date(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("community_resources", sa.Text(), nullable=False),
        sa.Column("outside_resources", sa.Text(), nullable=False),
        sa.Column("is_manageable", sa.Boolean(), nullable=False),
        sa.Column("is_sustainable", sa.Boolean(), nullable=False),
        sa.Column("is_do_no_harm", sa.Boolean(), nullable=False),
        sa.Column("is_inclusive", sa.Boolean(), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=80), nullable=False),
        sa.Column("origin_device", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["cycle_id"], ["cycle.id"], name=op.f("fk_action_cycle_id_cycle")),
        sa.ForeignKeyConstraint(["harm_id"], ["harm.id"], name=op.f("fk_action_harm_id_harm")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action")),
    )
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.create_index(
            "ix_action_cycle_status_due", ["cycle_id", "status", "due_on"], unique=False
        )

    op.create_table(
        "harm_name",
        sa.Column("harm_id", sa.Uuid(), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=80), nullable=False),
        sa.Column("origin_device", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["harm_id"], ["harm.id"], name=op.f("fk_harm_name_harm_id_harm")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_harm_name")),
        sa.UniqueConstraint("harm_id", "language", name=op.f("uq_harm_name_harm_id")),
    )
    with op.batch_alter_table("harm_name", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_harm_name_harm_id"), ["harm_id"], unique=False)

    op.create_table(
        "linkage_change",
        sa.Column("linkage_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("changed_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=80), nullable=False),
        sa.Column("origin_device", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["linkage_id"], ["linkage.id"], name=op.f("fk_linkage_change_linkage_id_linkage")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_linkage_change")),
    )
    with op.batch_alter_table("linkage_change", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_linkage_change_linkage_id"), ["linkage_id"], unique=False
        )

    op.create_table(
        "meeting",
        sa.Column("cycle_id", sa.Uuid(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("place", sa.String(length=200), nullable=False),
        sa.Column("facilitated_by", sa.String(length=160), nullable=False),
        sa.Column("decisions", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=80), nullable=False),
        sa.Column("origin_device", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["cycle_id"], ["cycle.id"], name=op.f("fk_meeting_cycle_id_cycle")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting")),
    )
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.create_index("ix_meeting_cycle_held_on", ["cycle_id", "held_on"], unique=False)

    op.create_table(
        "mentor_review",
        sa.Column("cycle_id", sa.Uuid(), nullable=False),
        sa.Column("mentor_id", sa.Uuid(), nullable=True),
        sa.Column("reviewed_on", sa.Date(), nullable=False),
        sa.Column("overall_comment", sa.Text(), nullable=False),
        sa.Column("facilitator_response", sa.Text(), nullable=False),
        sa.Column("signed_off_on", sa.Date(), nullable=True),
        sa.Column("signed_off_phase", sa.String(length=30), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=80), nullable=False),
        sa.Column("origin_device", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["cycle_id"], ["cycle.id"], name=op.f("fk_mentor_review_cycle_id_cycle")
        ),
        sa.ForeignKeyConstraint(
            ["mentor_id"], ["app_user.id"], name=op.f("fk_mentor_review_mentor_id_app_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentor_review")),
    )
    with op.batch_alter_table("mentor_review", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mentor_review_cycle_id"), ["cycle_id"], unique=False)

    op.create_table(
        "phase",
        sa.Column("cycle_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("start_on", sa.Date(), nullable=False),
        sa.Column("end_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=80), nullable=False),
        sa.Column("origin_device", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["cycle_id"], ["cycle.id"], name=op.f("fk_phase_cycle_id_cycle")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_phase")),
    )
    with op.batch_alter_table("phase", schema=None) as batch_op:
        batch_op.create_index("ix_phase_cycle_start", ["cycle_id", "start_on"], unique=False)

    op.create_table(
        "action_stakeholder",
        sa.Column("action_id", sa.Uuid(), nullable=False),
        sa.Column("stakeholder_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=80), nullable=False),
        sa.Column("origin_device", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["action_id"], ["action.id"], name=op.f("fk_action_stakeholder_action_id_action")
        ),
        sa.ForeignKeyConstraint(
            ["stakeholder_id"],
            ["stakeholder.id"],
            name=op.f("fk_action_stakeholder_stakeholder_id_stakeholder"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_stakeholder")),
        sa.UniqueConstraint(
            "action_id", "stakeholder_id", name=op.f("uq_action_stakeholder_action_id")
        ),
    )
    with op.batch_alter_table("action_stakeholder", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_action_stakeholder_action_id"), ["action_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_action_stakeholder_stakeholder_id"), ["stakeholder_id"], unique=False
        )

    op.create_table(
        "benchmark_assessment",
        sa.Column("review_id", sa.Uuid(), nullable=False),
        sa.Column("benchmark", sa.String(length=40), nullable=False),
        sa.Column("rating", sa.String(length=20), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=80), nullable=False),
        sa.Column("origin_device", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["review_id"],
            ["mentor_review.id"],
            name=op.f("fk_benchmark_assessment_review_id_mentor_review"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_benchmark_assessment")),
        sa.UniqueConstraint(
            "review_id", "benchmark", name=op.f("uq_benchmark_assessment_review_id")
        ),
    )
    with op.batch_alter_table("benchmark_assessment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_benchmark_assessment_review_id"), ["review_id"], unique=False
        )

    op.create_table(
        "follow_up",
        sa.Column("review_id", sa.Uuid(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("owner", sa.String(length=160), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=80), nullable=False),
        sa.Column("origin_device", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["review_id"], ["mentor_review.id"], name=op.f("fk_follow_up_review_id_mentor_review")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_up")),
    )
    with op.batch_alter_table("follow_up", schema=None) as batch_op:
        batch_op.create_index(
            "ix_follow_up_review_status_due", ["review_id", "status", "due_on"], unique=False
        )

    op.create_table(
        "harm_priority",
        sa.Column("cycle_id", sa.Uuid(), nullable=False),
        sa.Column("harm_id", sa.Uuid(), nullable=False),
        sa.Column("selected", sa.Boolean(), nullable=False),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("decided_at_meeting_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=80), nullable=False),
        sa.Column("origin_device", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["cycle_id"], ["cycle.id"], name=op.f("fk_harm_priority_cycle_id_cycle")
        ),
        sa.ForeignKeyConstraint(
            ["decided_at_meeting_id"],
            ["meeting.id"],
            name=op.f("fk_harm_priority_decided_at_meeting_id_meeting"),
        ),
        sa.ForeignKeyConstraint(
            ["harm_id"], ["harm.id"], name=op.f("fk_harm_priority_harm_id_harm")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_harm_priority")),
        sa.UniqueConstraint("cycle_id", "harm_id", name=op.f("uq_harm_priority_cycle_id")),
    )
    with op.batch_alter_table("harm_priority", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_harm_priority_cycle_id"), ["cycle_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_harm_priority_harm_id"), ["harm_id"], unique=False)

    op.create_table(
        "indicator",
        sa.Column("cycle_id", sa.Uuid(), nullable=False),
        sa.Column("harm_id", sa.Uuid(), nullable=True),
        sa.Column("action_id", sa.Uuid(), nullable=True),
        sa.Column("wording", sa.Text(), nullable=False),
        sa.Column("defined_by_community", sa.Boolean(), nullable=False),
        sa.Column("method", sa.Text(), nullable=False),
        sa.Column("collected_by", sa.String(length=160), nullable=False),
        sa.Column("frequency", sa.String(length=80), nullable=False),
        sa.Column("value_kind", sa.String(length=10), nullable=False),
        sa.Column("unit", sa.String(length=60), nullable=False),
        sa.Column("baseline", sa.String(length=200), nullable=False),
        sa.Column("target", sa.String(length=200), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=80), nullable=False),
        sa.Column("origin_device", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["action_id"], ["action.id"], name=op.f("fk_indicator_action_id_action")
        ),
        sa.ForeignKeyConstraint(
            ["cycle_id"], ["cycle.id"], name=op.f("fk_indicator_cycle_id_cycle")
        ),
        sa.ForeignKeyConstraint(["harm_id"], ["harm.id"], name=op.f("fk_indicator_harm_id_harm")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_indicator")),
    )
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_indicator_cycle_id"), ["cycle_id"], unique=False)

    op.create_table(
        "learning_finding",
        sa.Column("cycle_id", sa.Uuid(), nullable=False),
        sa.Column("harm_id", sa.Uuid(), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("method", sa.String(length=200), nullable=False),
        sa.Column("validated", sa.Boolean(), nullable=True),
        sa.Column("feedback_meeting_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=80), nullable=False),
        sa.Column("origin_device", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["cycle_id"], ["cycle.id"], name=op.f("fk_learning_finding_cycle_id_cycle")
        ),
        sa.ForeignKeyConstraint(
            ["feedback_meeting_id"],
            ["meeting.id"],
            name=op.f("fk_learning_finding_feedback_meeting_id_meeting"),
        ),
        sa.ForeignKeyConstraint(
            ["harm_id"], ["harm.id"], name=op.f("fk_learning_finding_harm_id_harm")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_learning_finding")),
    )
    with op.batch_alter_table("learning_finding", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_learning_finding_cycle_id"), ["cycle_id"], unique=False
        )

    op.create_table(
        "meeting_attendance",
        sa.Column("meeting_id", sa.Uuid(), nullable=False),
        sa.Column("group_code", sa.String(length=40), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=80), nullable=False),
        sa.Column("origin_device", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_meeting_attendance_meeting_id_meeting")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_meeting_attendance")),
        sa.UniqueConstraint(
            "meeting_id", "group_code", name=op.f("uq_meeting_attendance_meeting_id")
        ),
    )
    with op.batch_alter_table("meeting_attendance", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_meeting_attendance_meeting_id"), ["meeting_id"], unique=False
        )

    op.create_table(
        "reflection",
        sa.Column("cycle_id", sa.Uuid(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("what_worked", sa.Text(), nullable=False),
        sa.Column("challenges", sa.Text(), nullable=False),
        sa.Column("adjustments", sa.Text(), nullable=False),
        sa.Column("meeting_id", sa.Uuid(), nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=80), nullable=False),
        sa.Column("origin_device", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["cycle_id"], ["cycle.id"], name=op.f("fk_reflection_cycle_id_cycle")
        ),
        sa.ForeignKeyConstraint(
            ["meeting_id"], ["meeting.id"], name=op.f("fk_reflection_meeting_id_meeting")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reflection")),
    )
    with op.batch_alter_table("reflection", schema=None) as batch_op:
        batch_op.create_index("ix_reflection_cycle_held_on", ["cycle_id", "held_on"], unique=False)

    op.create_table(
        "harm_rank",
        sa.Column("priority_id", sa.Uuid(), nullable=False),
        sa.Column("group_code", sa.String(length=40), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=80), nullable=False),
        sa.Column("origin_device", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["priority_id"],
            ["harm_priority.id"],
            name=op.f("fk_harm_rank_priority_id_harm_priority"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_harm_rank")),
        sa.UniqueConstraint("priority_id", "group_code", name=op.f("uq_harm_rank_priority_id")),
    )
    with op.batch_alter_table("harm_rank", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_harm_rank_priority_id"), ["priority_id"], unique=False)

    op.create_table(
        "observation",
        sa.Column("indicator_id", sa.Uuid(), nullable=False),
        sa.Column("observed_on", sa.Date(), nullable=False),
        sa.Column("value_number", sa.Float(), nullable=True),
        sa.Column("value_text", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.String(length=160), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=80), nullable=False),
        sa.Column("origin_device", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["indicator_id"], ["indicator.id"], name=op.f("fk_observation_indicator_id_indicator")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_observation")),
    )
    with op.batch_alter_table("observation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_observation_indicator_id"), ["indicator_id"], unique=False
        )

    op.create_table(
        "reflection_action",
        sa.Column("reflection_id", sa.Uuid(), nullable=False),
        sa.Column("action_id", sa.Uuid(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_by", sa.String(length=80), nullable=False),
        sa.Column("origin_device", sa.String(length=36), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["action_id"], ["action.id"], name=op.f("fk_reflection_action_action_id_action")
        ),
        sa.ForeignKeyConstraint(
            ["reflection_id"],
            ["reflection.id"],
            name=op.f("fk_reflection_action_reflection_id_reflection"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reflection_action")),
        sa.UniqueConstraint(
            "reflection_id", "action_id", name=op.f("uq_reflection_action_reflection_id")
        ),
    )
    with op.batch_alter_table("reflection_action", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_reflection_action_action_id"), ["action_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_reflection_action_reflection_id"), ["reflection_id"], unique=False
        )
    _seed()


def downgrade() -> None:
    with op.batch_alter_table("reflection_action", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reflection_action_reflection_id"))
        batch_op.drop_index(batch_op.f("ix_reflection_action_action_id"))

    op.drop_table("reflection_action")
    with op.batch_alter_table("observation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_observation_indicator_id"))

    op.drop_table("observation")
    with op.batch_alter_table("harm_rank", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_harm_rank_priority_id"))

    op.drop_table("harm_rank")
    with op.batch_alter_table("reflection", schema=None) as batch_op:
        batch_op.drop_index("ix_reflection_cycle_held_on")

    op.drop_table("reflection")
    with op.batch_alter_table("meeting_attendance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_meeting_attendance_meeting_id"))

    op.drop_table("meeting_attendance")
    with op.batch_alter_table("learning_finding", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_learning_finding_cycle_id"))

    op.drop_table("learning_finding")
    with op.batch_alter_table("indicator", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_indicator_cycle_id"))

    op.drop_table("indicator")
    with op.batch_alter_table("harm_priority", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_harm_priority_harm_id"))
        batch_op.drop_index(batch_op.f("ix_harm_priority_cycle_id"))

    op.drop_table("harm_priority")
    with op.batch_alter_table("follow_up", schema=None) as batch_op:
        batch_op.drop_index("ix_follow_up_review_status_due")

    op.drop_table("follow_up")
    with op.batch_alter_table("benchmark_assessment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_benchmark_assessment_review_id"))

    op.drop_table("benchmark_assessment")
    with op.batch_alter_table("action_stakeholder", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_stakeholder_stakeholder_id"))
        batch_op.drop_index(batch_op.f("ix_action_stakeholder_action_id"))

    op.drop_table("action_stakeholder")
    with op.batch_alter_table("phase", schema=None) as batch_op:
        batch_op.drop_index("ix_phase_cycle_start")

    op.drop_table("phase")
    with op.batch_alter_table("mentor_review", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mentor_review_cycle_id"))

    op.drop_table("mentor_review")
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_index("ix_meeting_cycle_held_on")

    op.drop_table("meeting")
    with op.batch_alter_table("linkage_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_linkage_change_linkage_id"))

    op.drop_table("linkage_change")
    with op.batch_alter_table("harm_name", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_harm_name_harm_id"))

    op.drop_table("harm_name")
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.drop_index("ix_action_cycle_status_due")

    op.drop_table("action")
    with op.batch_alter_table("planning_group_member", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_planning_group_member_community_id"))

    op.drop_table("planning_group_member")
    with op.batch_alter_table("partnership_change", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_partnership_change_community_id"))

    op.drop_table("partnership_change")
    with op.batch_alter_table("linkage", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_linkage_stakeholder_id"))
        batch_op.drop_index(batch_op.f("ix_linkage_community_id"))

    op.drop_table("linkage")
    with op.batch_alter_table("harm", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_harm_community_id"))
        batch_op.drop_index(batch_op.f("ix_harm_code"))

    op.drop_table("harm")
    with op.batch_alter_table("cycle", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cycle_community_id"))

    op.drop_table("cycle")
    with op.batch_alter_table("community_assignment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_community_assignment_user_id"))
        batch_op.drop_index(batch_op.f("ix_community_assignment_community_id"))

    op.drop_table("community_assignment")
    with op.batch_alter_table("stakeholder", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stakeholder_name"))

    op.drop_table("stakeholder")
    op.drop_table("participant_group")
    op.drop_table("office_setting")
    with op.batch_alter_table("community", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_community_partnership_status"))
        batch_op.drop_index(batch_op.f("ix_community_name"))
        batch_op.drop_index(batch_op.f("ix_community_district"))

    op.drop_table("community")
    with op.batch_alter_table("audit_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_event_username"))
        batch_op.drop_index(batch_op.f("ix_audit_event_entity_type"))
        batch_op.drop_index(batch_op.f("ix_audit_event_entity_id"))
        batch_op.drop_index(batch_op.f("ix_audit_event_at"))

    op.drop_table("audit_event")
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attachment_entity_type"))
        batch_op.drop_index(batch_op.f("ix_attachment_entity_id"))

    op.drop_table("attachment")
    op.drop_table("app_user")
    op.drop_table("app_meta")
