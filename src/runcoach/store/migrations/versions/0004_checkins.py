"""checkins and plan_adjustments: daily check-ins and what "today" changed (issue 5)

Revision ID: 0004_checkins
Revises: 0003_plans
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_checkins"
down_revision = "0003_plans"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "checkins",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "athlete_id",
            sa.Integer,
            sa.ForeignKey("athletes.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("feel", sa.String(16), nullable=True),
        sa.Column("symptoms", sa.String(16), nullable=True),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.Column("can_run", sa.Boolean, nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
        sa.UniqueConstraint("athlete_id", "day", name="uq_checkins_athlete_id"),
    )
    op.create_table(
        "plan_adjustments",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "athlete_id",
            sa.Integer,
            sa.ForeignKey("athletes.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("changes", sa.String(400), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()
        ),
    )
    op.create_index("ix_plan_adjustments_athlete_day", "plan_adjustments", ["athlete_id", "day"])


def downgrade() -> None:
    op.drop_index("ix_plan_adjustments_athlete_day", table_name="plan_adjustments")
    op.drop_table("plan_adjustments")
    op.drop_table("checkins")
