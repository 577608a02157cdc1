"""The deviation register: proposals for overdue items, confirmed or dismissed.

Issue 12 (seed 000, *Avvikelsehantering*): ``deviation`` gets the item it concerns
(``item``, ``item_ref``, ``deadline``), the proposal's unique key (``proposal_key``: one
proposal per overdue item however many rounds ask), who confirmed or dismissed it and
when (``decided_by``, ``decided_at``) and why (``reason``); ``reported_by`` may be NULL (a
proposal made by sip-tui). A row registered before is ``confirmed``.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("deviation") as batch:
        batch.alter_column("reported_by", existing_type=sa.String(), nullable=True)
        batch.add_column(sa.Column("proposal_key", sa.String(), nullable=True))
        batch.add_column(sa.Column("item", sa.String(), nullable=False, server_default=""))
        batch.add_column(sa.Column("item_ref", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("deadline", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("decided_by", sa.String(), nullable=True))
        batch.add_column(sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("reason", sa.String(), nullable=False, server_default=""))
        batch.create_foreign_key(
            op.f("fk_deviation_decided_by_sip_user"), "sip_user", ["decided_by"], ["login"]
        )
        batch.create_index("ix_deviation_unit_occurred_at", ["unit", "occurred_at"])
        batch.create_index("ux_deviation_proposal_key", ["proposal_key"], unique=True)
    op.execute("UPDATE deviation SET status = 'confirmed' WHERE status = 'registered'")


def downgrade() -> None:
    # A proposal nobody reported cannot stay in the old table (reported_by NOT NULL): a
    # decided one keeps the watcher who decided as its reporter, an undecided one goes.
    op.execute(
        "UPDATE deviation SET reported_by = decided_by "
        "WHERE reported_by IS NULL AND decided_by IS NOT NULL"
    )
    op.execute("DELETE FROM deviation WHERE reported_by IS NULL")
    op.execute("UPDATE deviation SET status = 'registered' WHERE status = 'confirmed'")
    with op.batch_alter_table("deviation") as batch:
        batch.drop_index("ux_deviation_proposal_key")
        batch.drop_index("ix_deviation_unit_occurred_at")
        batch.drop_constraint(op.f("fk_deviation_decided_by_sip_user"), type_="foreignkey")
        for column in (
            "reason",
            "decided_at",
            "decided_by",
            "deadline",
            "item_ref",
            "item",
            "proposal_key",
        ):
            batch.drop_column(column)
        batch.alter_column("reported_by", existing_type=sa.String(), nullable=False)
