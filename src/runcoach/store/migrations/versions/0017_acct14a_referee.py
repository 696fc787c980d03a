"""referee: a contract's referee accepts the role (or refuses it, or steps down later); the
contract is active, and judged, from the moment it has an accepted referee or none

Revision ID: 0017_acct14a_referee
Revises: 0014_plan_history
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017_acct14a_referee"
down_revision = "0014_plan_history"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("contracts") as batch:
        batch.add_column(sa.Column("referee_state", sa.String(16), nullable=True))
        batch.add_column(sa.Column("referee_answered_at", TZ, nullable=True))
        batch.add_column(sa.Column("referee_note", sa.Text, nullable=True))
        batch.add_column(sa.Column("active_from", TZ, nullable=True))
    # contracts signed before: their referee is taken as having accepted at signing
    op.execute(
        "UPDATE contracts SET referee_state = 'accepted', referee_answered_at = signed_at "
        "WHERE referee_athlete_id IS NOT NULL"
    )
    op.execute("UPDATE contracts SET active_from = signed_at")


def downgrade() -> None:
    with op.batch_alter_table("contracts") as batch:
        batch.drop_column("active_from")
        batch.drop_column("referee_note")
        batch.drop_column("referee_answered_at")
        batch.drop_column("referee_state")
