"""Spot checks of the access log (issue 14, loggkontroll).

HSLF-FS 2016:40 4 kap.: the access log is checked systematically and recurringly, and the
checks are documented. ``spot_check`` holds one recorded check (who, unit, when, the
criteria or sample, the finding, the follow-up), ``spot_check_entry`` the log lines it
looked at (``log_id``: no foreign key, the store checks it, so the log's own refusal of
TRUNCATE stays the one a caller sees). Both are append-only like ``access_log``: the
database refuses UPDATE and DELETE (and TRUNCATE on PostgreSQL).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TABLES = ("spot_check", "spot_check_entry")


def upgrade() -> None:
    op.create_table(
        "spot_check",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit", sa.String(), nullable=False),
        sa.Column("checked_by", sa.String(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("criteria", sa.String(), nullable=False),
        sa.Column("finding", sa.String(), nullable=False),
        sa.Column("follow_up", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["unit"], ["unit.code"], name=op.f("fk_spot_check_unit_unit")),
        sa.ForeignKeyConstraint(
            ["checked_by"], ["sip_user.login"], name=op.f("fk_spot_check_checked_by_sip_user")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_spot_check")),
    )
    op.create_index(op.f("ix_spot_check_unit"), "spot_check", ["unit"])
    op.create_table(
        "spot_check_entry",
        sa.Column("spot_check_id", sa.Integer(), nullable=False),
        sa.Column("log_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["spot_check_id"],
            ["spot_check.id"],
            name=op.f("fk_spot_check_entry_spot_check_id_spot_check"),
        ),
        sa.PrimaryKeyConstraint("spot_check_id", "log_id", name=op.f("pk_spot_check_entry")),
    )
    for table in _TABLES:
        _append_only(table)


def downgrade() -> None:
    for table in reversed(_TABLES):
        _drop_append_only(table)
        op.drop_table(table)


def _append_only(table: str) -> None:
    refusal = f"{table} is append-only"
    if op.get_context().dialect.name == "postgresql":
        op.execute(
            f"""
            CREATE FUNCTION {table}_refuse_change() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '{refusal}' USING ERRCODE = 'restrict_violation';
            END
            $$
            """
        )
        op.execute(
            f"CREATE TRIGGER {table}_no_update_or_delete BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {table}_refuse_change()"
        )
        op.execute(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {table}_refuse_change()"
        )
    else:
        for statement in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{statement.lower()} BEFORE {statement} "
                f"ON {table} BEGIN SELECT RAISE(ABORT, '{refusal}'); END"
            )


def _drop_append_only(table: str) -> None:
    if op.get_context().dialect.name == "postgresql":
        op.execute(f"DROP TRIGGER {table}_no_truncate ON {table}")
        op.execute(f"DROP TRIGGER {table}_no_update_or_delete ON {table}")
        op.execute(f"DROP FUNCTION {table}_refuse_change()")
    else:
        op.execute(f"DROP TRIGGER {table}_no_delete")
        op.execute(f"DROP TRIGGER {table}_no_update")
