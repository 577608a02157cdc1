"""The change counter: one row per unit, bumped by every write that changed its overview.

SQLite has no NOTIFY. ``PRAGMA data_version`` says only that *some* connection committed,
which an access-log line (a case merely opened) also does; a listener that finds it moved
reads the rows of this table newer than the last sequence it saw, and so learns which
units' overviews changed — none for a read. PostgreSQL gets the table too (one schema for
both backends) but keeps using NOTIFY.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "change_counter",
        sa.Column("unit", sa.String(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("unit", name=op.f("pk_change_counter")),
    )
    op.create_index(op.f("ix_change_counter_seq"), "change_counter", ["seq"])


def downgrade() -> None:
    op.drop_index(op.f("ix_change_counter_seq"), table_name="change_counter")
    op.drop_table("change_counter")
