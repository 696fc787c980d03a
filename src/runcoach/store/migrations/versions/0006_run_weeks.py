"""run weeks: running volume per athlete and week, so reports over years read weeks

Revision ID: 0006_run_weeks
Revises: 0005_run_start_points
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_run_weeks"
down_revision = "0005_run_start_points"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "run_weeks",
        sa.Column(
            "athlete_id",
            sa.Integer,
            sa.ForeignKey("athletes.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("week_start", sa.Date, primary_key=True),
        sa.Column("runs", sa.Integer, nullable=False),
        sa.Column("run_days", sa.Integer, nullable=False),
        sa.Column("distance_m", sa.Float, nullable=False),
        sa.Column("duration_s", sa.Float, nullable=False),
        sa.Column("ascent_m", sa.Float, nullable=False),
    )
    from runcoach.store.run_weeks import rebuild_run_weeks  # the store's own counting

    rebuild_run_weeks(op.get_bind())


def downgrade() -> None:
    op.drop_table("run_weeks")
