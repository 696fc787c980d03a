"""plans: an athlete's training plans as JSON documents, active or archived

Revision ID: 0003_plans
Revises: 0002_training_log
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_plans"
down_revision = "0002_training_log"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "plans",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "athlete_id",
            sa.Integer,
            sa.ForeignKey("athletes.id", ondelete="CASCADE", name="fk_plans_athlete_id_athletes"),
            nullable=False,
        ),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.Column("goal_summary", sa.String(300), nullable=False),
        sa.Column("document", sa.Text, nullable=False),
        sa.Column("status", sa.String(16), nullable=False, server_default="active"),
        sa.PrimaryKeyConstraint("id", name="pk_plans"),
    )
    op.create_index("ix_plans_athlete_id", "plans", ["athlete_id"])


def downgrade() -> None:
    op.drop_index("ix_plans_athlete_id", table_name="plans")
    op.drop_table("plans")
