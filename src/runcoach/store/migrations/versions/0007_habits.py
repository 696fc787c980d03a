"""habits: the daily check-in also tells habits and body (strength, warm-up, eating, sleep,
weight, resting heart rate); every column may be NULL, so earlier check-ins stay as they were

Revision ID: 0007_habits
Revises: 0006_run_weeks
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_habits"
down_revision = "0006_run_weeks"
branch_labels = None
depends_on = None

COLUMNS = (
    ("strength", sa.Boolean),
    ("warm_up", sa.Boolean),
    ("ate_well", sa.Boolean),
    ("sleep_s", sa.Float),
    ("weight_kg", sa.Float),
    ("resting_hr", sa.Float),
)


def upgrade() -> None:
    for name, kind in COLUMNS:
        op.add_column("checkins", sa.Column(name, kind, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("checkins") as batch:  # SQLite: the table is copied without them
        for name, _kind in reversed(COLUMNS):
            batch.drop_column(name)
