"""The initial schema: every table of sip_tui.store.models, and access_log made append-only.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# Migrations never import sip_tui or sqlmodel: they must keep working when the models change.

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "access_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("login", sa.String(), nullable=False),
        sa.Column("unit", sa.String(), nullable=False),
        sa.Column("action", sa.String(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("personnummer", sa.String(), nullable=True),
        sa.Column("detail", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_log")),
    )
    op.create_index("ix_access_log_at", "access_log", ["at"])
    op.create_index(op.f("ix_access_log_case_id"), "access_log", ["case_id"])
    op.create_index(op.f("ix_access_log_login"), "access_log", ["login"])
    op.create_index(op.f("ix_access_log_personnummer"), "access_log", ["personnummer"])
    op.create_table(
        "individual",
        sa.Column("personnummer", sa.String(length=12), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("personnummer", name=op.f("pk_individual")),
    )
    op.create_table(
        "organisation",
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_organisation")),
    )
    op.create_table(
        "sip_user",
        sa.Column("login", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("phone", sa.String(), nullable=False),
        sa.Column("email", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("login", name=op.f("pk_sip_user")),
    )
    op.create_table(
        "unit",
        sa.Column("code", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("short_name", sa.String(), nullable=False),
        sa.Column("organisation", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("switchboard", sa.String(), nullable=False),
        sa.Column("direct_phone", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisation"], ["organisation.code"], name=op.f("fk_unit_organisation_organisation")
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_unit")),
    )
    op.create_index(op.f("ix_unit_organisation"), "unit", ["organisation"])
    op.create_table(
        "membership",
        sa.Column("login", sa.String(), nullable=False),
        sa.Column("unit", sa.String(), nullable=False),
        sa.Column("role", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["login"], ["sip_user.login"], name=op.f("fk_membership_login_sip_user")
        ),
        sa.ForeignKeyConstraint(["unit"], ["unit.code"], name=op.f("fk_membership_unit_unit")),
        sa.PrimaryKeyConstraint("login", "unit", "role", name=op.f("pk_membership")),
    )
    op.create_index(op.f("ix_membership_unit"), "membership", ["unit"])
    op.create_table(
        "sip_case",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("personnummer", sa.String(), nullable=False),
        sa.Column("coordinator_unit", sa.String(), nullable=False),
        sa.Column("coordinator_user", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("discharge_ready_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("cycle", sa.Integer(), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["coordinator_unit"], ["unit.code"], name=op.f("fk_sip_case_coordinator_unit_unit")
        ),
        sa.ForeignKeyConstraint(
            ["coordinator_user"],
            ["sip_user.login"],
            name=op.f("fk_sip_case_coordinator_user_sip_user"),
        ),
        sa.ForeignKeyConstraint(
            ["personnummer"],
            ["individual.personnummer"],
            name=op.f("fk_sip_case_personnummer_individual"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sip_case")),
    )
    op.create_index(op.f("ix_sip_case_coordinator_unit"), "sip_case", ["coordinator_unit"])
    op.create_index(op.f("ix_sip_case_personnummer"), "sip_case", ["personnummer"])
    op.create_table(
        "watch_roster",
        sa.Column("unit", sa.String(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("login", sa.String(), nullable=False),
        sa.Column("substitute", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["login"], ["sip_user.login"], name=op.f("fk_watch_roster_login_sip_user")
        ),
        sa.ForeignKeyConstraint(["unit"], ["unit.code"], name=op.f("fk_watch_roster_unit_unit")),
        sa.PrimaryKeyConstraint("unit", "day", "login", name=op.f("pk_watch_roster")),
    )
    op.create_table(
        "activity",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("plan_position", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("responsible_unit", sa.String(), nullable=False),
        sa.Column("responsible_person", sa.String(), nullable=False),
        sa.Column("follow_up_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["sip_case.id"],
            name=op.f("fk_activity_case_id_sip_case"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "case_id", "plan_position", "activity_id", name=op.f("pk_activity")
        ),
    )
    op.create_table(
        "call",
        sa.Column("voided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("voided_by", sa.String(), nullable=True),
        sa.Column("voided_unit", sa.String(), nullable=True),
        sa.Column("void_reason", sa.String(), nullable=True),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("cycle", sa.Integer(), nullable=False),
        sa.Column("meeting_form", sa.String(), nullable=False),
        sa.Column("place", sa.String(), nullable=False),
        sa.Column("meeting_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("others", sa.String(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_by", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["sip_case.id"], name=op.f("fk_call_case_id_sip_case"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("case_id", "number", name=op.f("pk_call")),
    )
    op.create_table(
        "call_recipient",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("call_number", sa.Integer(), nullable=False),
        sa.Column("unit", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("must_acknowledge", sa.Boolean(), nullable=False),
        sa.Column("state", sa.String(), nullable=False),
        sa.Column("comment", sa.String(), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answered_by", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["sip_case.id"],
            name=op.f("fk_call_recipient_case_id_sip_case"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["unit"], ["unit.code"], name=op.f("fk_call_recipient_unit_unit")),
        sa.PrimaryKeyConstraint("case_id", "call_number", "unit", name=op.f("pk_call_recipient")),
    )
    op.create_table(
        "case_event",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("login", sa.String(), nullable=False),
        sa.Column("unit", sa.String(), nullable=False),
        sa.Column("action", sa.String(), nullable=False),
        sa.Column("phase", sa.String(), nullable=True),
        sa.Column("detail", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["sip_case.id"],
            name=op.f("fk_case_event_case_id_sip_case"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("case_id", "position", name=op.f("pk_case_event")),
    )
    op.create_table(
        "case_unit_view",
        sa.Column("unit", sa.String(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("is_open", sa.Boolean(), nullable=False),
        sa.Column("statuses", sa.String(length=6), nullable=False),
        sa.Column("next_deadline", sa.DateTime(timezone=True), nullable=True),
        sa.Column("open_tasks", sa.Integer(), nullable=False),
        sa.Column("individual_name", sa.String(), nullable=False),
        sa.Column("personnummer", sa.String(), nullable=False),
        sa.Column("coordinator_unit", sa.String(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["sip_case.id"],
            name=op.f("fk_case_unit_view_case_id_sip_case"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("unit", "case_id", name=op.f("pk_case_unit_view")),
        sqlite_with_rowid=False,  # clustered by unit: see CaseUnitView
    )
    op.create_index("ix_case_unit_view_case", "case_unit_view", ["case_id"])
    if op.get_bind().dialect.name == "postgresql":
        # Covering index: the overview is answered from the index alone (an index-only
        # scan), not from ~300 heap pages scattered over a big table. SQLite clusters the
        # table itself (WITHOUT ROWID). See models.POSTGRESQL_ONLY_INDEXES.
        op.create_index(
            "ix_case_unit_view_overview",
            "case_unit_view",
            ["unit", "is_open"],
            postgresql_include=[
                "case_id",
                "statuses",
                "next_deadline",
                "open_tasks",
                "individual_name",
                "personnummer",
                "coordinator_unit",
                "updated_at",
            ],
        )
    op.create_table(
        "deviation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit", sa.String(), nullable=False),
        sa.Column("reported_by", sa.String(), nullable=False),
        sa.Column("reported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("description", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["sip_case.id"], name=op.f("fk_deviation_case_id_sip_case")
        ),
        sa.ForeignKeyConstraint(
            ["reported_by"], ["sip_user.login"], name=op.f("fk_deviation_reported_by_sip_user")
        ),
        sa.ForeignKeyConstraint(["unit"], ["unit.code"], name=op.f("fk_deviation_unit_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deviation")),
    )
    op.create_index(op.f("ix_deviation_unit"), "deviation", ["unit"])
    op.create_table(
        "edit_lock",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("document", sa.String(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("login", sa.String(), nullable=False),
        sa.Column("user_name", sa.String(), nullable=False),
        sa.Column("unit", sa.String(), nullable=False),
        sa.Column("since", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["sip_case.id"],
            name=op.f("fk_edit_lock_case_id_sip_case"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("case_id", "document", "number", name=op.f("pk_edit_lock")),
    )
    op.create_table(
        "evaluation",
        sa.Column("voided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("voided_by", sa.String(), nullable=True),
        sa.Column("voided_unit", sa.String(), nullable=True),
        sa.Column("void_reason", sa.String(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_by", sa.String(), nullable=True),
        sa.Column("locked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("locked_by", sa.String(), nullable=True),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("cycle", sa.Integer(), nullable=False),
        sa.Column("summary", sa.String(), nullable=False),
        sa.Column("meeting_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["sip_case.id"],
            name=op.f("fk_evaluation_case_id_sip_case"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("case_id", "cycle", name=op.f("pk_evaluation")),
    )
    op.create_table(
        "external_participant",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("plan_position", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("relation", sa.String(), nullable=False),
        sa.Column("contact", sa.String(), nullable=False),
        sa.Column("present", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["sip_case.id"],
            name=op.f("fk_external_participant_case_id_sip_case"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "case_id", "plan_position", "position", name=op.f("pk_external_participant")
        ),
    )
    op.create_table(
        "follow_up",
        sa.Column("voided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("voided_by", sa.String(), nullable=True),
        sa.Column("voided_unit", sa.String(), nullable=True),
        sa.Column("void_reason", sa.String(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_by", sa.String(), nullable=True),
        sa.Column("locked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("locked_by", sa.String(), nullable=True),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("cycle", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["sip_case.id"],
            name=op.f("fk_follow_up_case_id_sip_case"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("case_id", "cycle", name=op.f("pk_follow_up")),
    )
    op.create_table(
        "follow_up_entry",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("cycle", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("comment", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("login", sa.String(), nullable=False),
        sa.Column("unit", sa.String(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["sip_case.id"],
            name=op.f("fk_follow_up_entry_case_id_sip_case"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("case_id", "cycle", "activity_id", name=op.f("pk_follow_up_entry")),
    )
    op.create_table(
        "goal",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("plan_position", sa.Integer(), nullable=False),
        sa.Column("goal_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("goal", sa.String(), nullable=False),
        sa.Column("strengths", sa.String(), nullable=False),
        sa.Column("obstacles", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["sip_case.id"], name=op.f("fk_goal_case_id_sip_case"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("case_id", "plan_position", "goal_id", name=op.f("pk_goal")),
    )
    op.create_table(
        "info_message",
        sa.Column("voided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("voided_by", sa.String(), nullable=True),
        sa.Column("voided_unit", sa.String(), nullable=True),
        sa.Column("void_reason", sa.String(), nullable=True),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("sender_unit", sa.String(), nullable=False),
        sa.Column("sender", sa.String(), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["sip_case.id"],
            name=op.f("fk_info_message_case_id_sip_case"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("case_id", "number", name=op.f("pk_info_message")),
    )
    op.create_table(
        "initiative",
        sa.Column("voided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("voided_by", sa.String(), nullable=True),
        sa.Column("voided_unit", sa.String(), nullable=True),
        sa.Column("void_reason", sa.String(), nullable=True),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("consent_given", sa.Boolean(), nullable=False),
        sa.Column("consent_by", sa.String(), nullable=False),
        sa.Column("consent_obtained_by", sa.String(), nullable=False),
        sa.Column("consent_obtained_on", sa.Date(), nullable=False),
        sa.Column("representative", sa.String(), nullable=False),
        sa.Column("secrecy_assessment", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sent_by", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["sip_case.id"],
            name=op.f("fk_initiative_case_id_sip_case"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_initiative")),
    )
    op.create_table(
        "initiative_recipient",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("unit", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["sip_case.id"],
            name=op.f("fk_initiative_recipient_case_id_sip_case"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["unit"], ["unit.code"], name=op.f("fk_initiative_recipient_unit_unit")
        ),
        sa.PrimaryKeyConstraint("case_id", "position", name=op.f("pk_initiative_recipient")),
    )
    op.create_table(
        "mapping",
        sa.Column("voided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("voided_by", sa.String(), nullable=True),
        sa.Column("voided_unit", sa.String(), nullable=True),
        sa.Column("void_reason", sa.String(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_by", sa.String(), nullable=True),
        sa.Column("locked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("locked_by", sa.String(), nullable=True),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("situation", sa.String(), nullable=False),
        sa.Column("background", sa.String(), nullable=False),
        sa.Column("assessment", sa.String(), nullable=False),
        sa.Column("recommendation", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["sip_case.id"],
            name=op.f("fk_mapping_case_id_sip_case"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_mapping")),
    )
    op.create_table(
        "message_recipient",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("message_number", sa.Integer(), nullable=False),
        sa.Column("unit", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["sip_case.id"],
            name=op.f("fk_message_recipient_case_id_sip_case"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "case_id", "message_number", "unit", name=op.f("pk_message_recipient")
        ),
    )
    op.create_table(
        "participant",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("unit", sa.String(), nullable=False),
        sa.Column("via", sa.String(), nullable=False),
        sa.Column("state", sa.String(), nullable=False),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("comment", sa.String(), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answered_by", sa.String(), nullable=True),
        sa.Column("forwarded_to", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["sip_case.id"],
            name=op.f("fk_participant_case_id_sip_case"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["unit"], ["unit.code"], name=op.f("fk_participant_unit_unit")),
        sa.PrimaryKeyConstraint("case_id", "unit", name=op.f("pk_participant")),
    )
    op.create_index(op.f("ix_participant_unit"), "participant", ["unit"])
    op.create_table(
        "plan",
        sa.Column("voided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("voided_by", sa.String(), nullable=True),
        sa.Column("voided_unit", sa.String(), nullable=True),
        sa.Column("void_reason", sa.String(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_by", sa.String(), nullable=True),
        sa.Column("locked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("locked_by", sa.String(), nullable=True),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("cycle", sa.Integer(), nullable=False),
        sa.Column("archived_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("meeting_on", sa.Date(), nullable=True),
        sa.Column("evaluation_on", sa.Date(), nullable=True),
        sa.Column("situation", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["sip_case.id"], name=op.f("fk_plan_case_id_sip_case"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("case_id", "position", name=op.f("pk_plan")),
    )
    op.create_table(
        "plan_attendee",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("plan_position", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("unit", sa.String(), nullable=False),
        sa.Column("person", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["sip_case.id"],
            name=op.f("fk_plan_attendee_case_id_sip_case"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "case_id", "plan_position", "position", name=op.f("pk_plan_attendee")
        ),
    )
    op.create_table(
        "signature",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("document", sa.String(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("login", sa.String(), nullable=False),
        sa.Column("unit", sa.String(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["sip_case.id"],
            name=op.f("fk_signature_case_id_sip_case"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "case_id", "document", "number", "position", name=op.f("pk_signature")
        ),
    )
    op.create_table(
        "task",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("unit", sa.String(), nullable=False),
        sa.Column("phase", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("since", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deadline", sa.DateTime(timezone=True), nullable=True),
        sa.Column("from_unit", sa.String(), nullable=True),
        sa.Column("ref", sa.Integer(), nullable=True),
        sa.Column("holder", sa.String(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["sip_case.id"], name=op.f("fk_task_case_id_sip_case"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("case_id", "position", name=op.f("pk_task")),
    )
    op.create_index("ix_task_unit_deadline", "task", ["unit", "deadline"])
    _make_access_log_append_only()


def downgrade() -> None:
    _drop_append_only_triggers()
    op.drop_table("task")
    op.drop_table("signature")
    op.drop_table("plan_attendee")
    op.drop_table("plan")
    op.drop_table("participant")
    op.drop_table("message_recipient")
    op.drop_table("mapping")
    op.drop_table("initiative_recipient")
    op.drop_table("initiative")
    op.drop_table("info_message")
    op.drop_table("goal")
    op.drop_table("follow_up_entry")
    op.drop_table("follow_up")
    op.drop_table("external_participant")
    op.drop_table("evaluation")
    op.drop_table("edit_lock")
    op.drop_table("deviation")
    op.drop_table("case_unit_view")
    op.drop_table("case_event")
    op.drop_table("call_recipient")
    op.drop_table("call")
    op.drop_table("activity")
    op.drop_table("watch_roster")
    op.drop_table("sip_case")
    op.drop_table("membership")
    op.drop_table("unit")
    op.drop_table("sip_user")
    op.drop_table("organisation")
    op.drop_table("individual")
    op.drop_table("access_log")


# --- access_log is append-only --------------------------------------------------------------

_REFUSAL = "access_log is append-only"


def _dialect() -> str:
    name = op.get_context().dialect.name
    if name not in ("sqlite", "postgresql"):
        raise NotImplementedError(f"sip-tui supports SQLite and PostgreSQL, not {name}")
    return name


def _make_access_log_append_only() -> None:
    """The database itself refuses UPDATE, DELETE (and on PostgreSQL TRUNCATE) of the log."""
    if _dialect() == "postgresql":
        op.execute(
            f"""
            CREATE FUNCTION access_log_refuse_change() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '{_REFUSAL}' USING ERRCODE = 'restrict_violation';
            END
            $$
            """
        )
        op.execute(
            "CREATE TRIGGER access_log_no_update_or_delete BEFORE UPDATE OR DELETE ON access_log "
            "FOR EACH ROW EXECUTE FUNCTION access_log_refuse_change()"
        )
        op.execute(
            "CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log "
            "FOR EACH STATEMENT EXECUTE FUNCTION access_log_refuse_change()"
        )
    else:
        for statement in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER access_log_no_{statement.lower()} BEFORE {statement} "
                f"ON access_log BEGIN SELECT RAISE(ABORT, '{_REFUSAL}'); END"
            )


def _drop_append_only_triggers() -> None:
    if _dialect() == "postgresql":
        op.execute("DROP TRIGGER access_log_no_truncate ON access_log")
        op.execute("DROP TRIGGER access_log_no_update_or_delete ON access_log")
        op.execute("DROP FUNCTION access_log_refuse_change()")
    else:
        op.execute("DROP TRIGGER access_log_no_delete")
        op.execute("DROP TRIGGER access_log_no_update")
