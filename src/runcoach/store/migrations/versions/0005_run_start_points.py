"""run start points: where each run started, for routes in the variety report

Revision ID: 0005_run_start_points
Revises: 0004_checkins
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_run_start_points"
down_revision = "0004_checkins"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "run_start_points",
        sa.Column(
            "run_id", sa.Integer, sa.ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("latitude", sa.Float, nullable=True),
        sa.Column("longitude", sa.Float, nullable=True),
    )


def downgrade() -> None:
    op.drop_table("run_start_points")
