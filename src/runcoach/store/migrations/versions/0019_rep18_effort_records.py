"""effort records: best efforts marked when they can be a win (a record of their year as it
fell, or near New Year), kept on every write of a run, so that a report of any period reads
a few hundred efforts by a partial index instead of ordering all of them

Revision ID: 0019_rep18_effort_records
Revises: 0018_acct14b_group_invitations
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019_rep18_effort_records"
down_revision = "0018_acct14b_group_invitations"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "best_efforts",
        sa.Column("could_win", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_index(
        "ix_best_efforts_could_win",
        "best_efforts",
        ["athlete_id", "run_id"],
        sqlite_where=sa.text("could_win = 1"),
        postgresql_where=sa.text("could_win = 1"),
    )
    from runcoach.store.effort_records import rebuild_effort_records  # the store's own rule

    rebuild_effort_records(op.get_bind())


def downgrade() -> None:
    op.drop_index("ix_best_efforts_could_win", table_name="best_efforts")
    with op.batch_alter_table("best_efforts") as batch:
        batch.drop_column("could_win")
