"""The signed version of each document: what other units read while someone edits it.

Issue 10: *"När du är klar med din redigering, signerar du det du skrivit. Nu kan andra
användare läsa i dokumentet."* A save no longer shows its text to other units; the text at
the last signature is kept here (JSON), keyed like ``edit_lock``.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "signed_document",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("document", sa.String(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_by", sa.String(), nullable=True),
        sa.Column("content", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["sip_case.id"],
            name=op.f("fk_signed_document_case_id_sip_case"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("case_id", "document", "number", name=op.f("pk_signed_document")),
    )


def downgrade() -> None:
    op.drop_table("signed_document")
