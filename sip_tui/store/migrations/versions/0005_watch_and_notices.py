"""The watch roster, absences and covers; the outbox of notices; users' mobile numbers.

Issue 12: *"Det ska framgå … vilken yrkesfunktion som bevakar enhetslådan … Det ska framgå
vem som täcker upp Pratorbevakning vid frånvaro"* (seed 000). The unused ``watch_roster``
(one row per unit, day and person) gives way to weekly and dated watches, absences and
covers; ``notice`` is the outbox of e-mail and SMS notices; ``sip_user.mobile`` the number
an SMS goes to.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _unit_and_login(table: str) -> list[sa.Column[str] | sa.ForeignKeyConstraint]:
    return [
        sa.Column("unit", sa.String(), nullable=False),
        sa.Column("login", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["unit"], ["unit.code"], name=op.f(f"fk_{table}_unit_unit")),
        sa.ForeignKeyConstraint(
            ["login"], ["sip_user.login"], name=op.f(f"fk_{table}_login_sip_user")
        ),
    ]


def upgrade() -> None:
    op.drop_table("watch_roster")
    op.create_table(
        "watch_weekly",
        *_unit_and_login("watch_weekly"),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("unit", "login", "weekday", name=op.f("pk_watch_weekly")),
    )
    op.create_table(
        "watch_dated",
        *_unit_and_login("watch_dated"),
        sa.Column("day", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("unit", "login", "day", name=op.f("pk_watch_dated")),
    )
    op.create_table(
        "watch_cover",
        *_unit_and_login("watch_cover"),
        sa.Column("first", sa.Date(), nullable=False),
        sa.Column("last", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("unit", "login", "first", "last", name=op.f("pk_watch_cover")),
    )
    op.create_table(
        "absence",
        sa.Column("login", sa.String(), nullable=False),
        sa.Column("first", sa.Date(), nullable=False),
        sa.Column("last", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["login"], ["sip_user.login"], name=op.f("fk_absence_login_sip_user")
        ),
        sa.PrimaryKeyConstraint("login", "first", "last", name=op.f("pk_absence")),
    )
    op.create_table(
        "notice",
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("unit", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("channel", sa.String(), nullable=False),
        sa.Column("login", sa.String(), nullable=False),
        sa.Column("address", sa.String(), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("error", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["unit"], ["unit.code"], name=op.f("fk_notice_unit_unit")),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_notice")),
    )
    op.create_index(op.f("ix_notice_unit"), "notice", ["unit"])
    op.create_index("ix_notice_pending", "notice", ["sent_at", "expires_at"])
    with op.batch_alter_table("sip_user") as batch:
        batch.add_column(sa.Column("mobile", sa.String(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("sip_user") as batch:
        batch.drop_column("mobile")
    op.drop_index("ix_notice_pending", table_name="notice")
    op.drop_index(op.f("ix_notice_unit"), table_name="notice")
    for table in ("notice", "absence", "watch_cover", "watch_dated", "watch_weekly"):
        op.drop_table(table)
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
