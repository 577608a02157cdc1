"""The unit's local routine (seed 000, *Mall för lokal rutin*).

Issue 12: *"Det ska framgå i den lokala rutinen vilken yrkesfunktion som bevakar
enhetslådan och meddelar ansvarig yrkesutövare … vem som täcker upp Pratorbevakning vid
frånvaro"*, and whom to ask for help. One row per unit (``local_routine``), written by the
unit's manager; every member reads it on the *Lokal rutin* screen.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "local_routine",
        sa.Column("unit", sa.String(), nullable=False),
        sa.Column("watch_function", sa.String(), nullable=False),
        sa.Column("notify_how", sa.String(), nullable=False),
        sa.Column("cover", sa.String(), nullable=False),
        sa.Column("support", sa.String(), nullable=False),
        sa.Column("updated_by", sa.String(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["unit"], ["unit.code"], name=op.f("fk_local_routine_unit_unit")),
        sa.ForeignKeyConstraint(
            ["updated_by"], ["sip_user.login"], name=op.f("fk_local_routine_updated_by_sip_user")
        ),
        sa.PrimaryKeyConstraint("unit", name=op.f("pk_local_routine")),
    )


def downgrade() -> None:
    op.drop_table("local_routine")
