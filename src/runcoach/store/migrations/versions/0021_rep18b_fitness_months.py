"""fitness months: the fitness model's VDOT on the first of each month, kept per athlete so
that a report's race predictions over years read one row a month instead of every race and
best effort of the decade; a write of a run forgets the months whose year before holds its
day (store/fitness_months.py), a report keeps again those it works out

Revision ID: 0021_rep18b_fitness_months
Revises: 0020_web13c_page_answers
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0021_rep18b_fitness_months"
down_revision = "0020_web13c_page_answers"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "fitness_months",
        sa.Column(
            "athlete_id",
            sa.Integer,
            sa.ForeignKey("athletes.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("on_day", sa.Date, primary_key=True),  # the first of a month
        sa.Column("vdot", sa.Float, nullable=True),  # None: no performance in the year before
        sa.Column("performances", sa.Integer, nullable=False),
        sa.Column("kinds", sa.String(64), nullable=False),  # comma-separated, sorted
        # the race times of the VDOT: "metres:seconds" comma-separated, exact (repr)
        sa.Column("race_times", sa.String(256), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("fitness_months")
