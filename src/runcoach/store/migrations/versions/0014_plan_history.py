"""plan history: every change to a stored plan (a hand edit, a moved session, a shift change,
a rota imported) keeps the version it replaced, so a change can be undone (``plan undo``)
and the versions listed (``plan history``)

Revision ID: 0014_plan_history
Revises: 0011_contracts
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014_plan_history"
down_revision = "0011_contracts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "plan_versions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "plan_id", sa.Integer, sa.ForeignKey("plans.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("change", sa.String(400), nullable=False),
        sa.Column("document", sa.Text, nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
    )
    op.create_index("ix_plan_versions_plan_id", "plan_versions", ["plan_id"])


def downgrade() -> None:
    op.drop_index("ix_plan_versions_plan_id", table_name="plan_versions")
    op.drop_table("plan_versions")
