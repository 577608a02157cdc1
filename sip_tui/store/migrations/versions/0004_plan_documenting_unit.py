"""The unit responsible for documenting a plan.

Issue 10: *"Samordningsansvarig är också dokumentationsansvarig om man inte kommer överens om
något annat på mötet."* The plan names that unit; empty means the coordinating unit.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("plan") as batch:
        batch.add_column(
            sa.Column("documenting_unit", sa.String(), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("plan") as batch:
        batch.drop_column("documenting_unit")
