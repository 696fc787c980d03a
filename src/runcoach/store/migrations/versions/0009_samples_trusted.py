"""samples trusted: the runner can say that the stretches runcoach took for GPS glitches were
real (``runs edit ID --trust-samples``); every stored run starts as not overridden

Revision ID: 0009_samples_trusted
Revises: 0008_accounts
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_samples_trusted"
down_revision = "0008_accounts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "runs",
        sa.Column("samples_trusted", sa.Boolean, nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    with op.batch_alter_table("runs") as batch:  # SQLite: the table is copied without it
        batch.drop_column("samples_trusted")
