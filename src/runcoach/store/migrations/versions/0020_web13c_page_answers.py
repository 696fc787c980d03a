"""page answers: the page cache shared by the web workers on PostgreSQL (store.page_answers),
one row per (athlete, data version, what); UNLOGGED on PostgreSQL (a cache: no write-ahead
log, emptied after a crash); on SQLite the table is made too (one schema for both engines)
but the one web process keeps its answers in memory

Revision ID: 0020_web13c_page_answers
Revises: 0019_rep18_effort_records
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0020_web13c_page_answers"
down_revision = "0019_rep18_effort_records"
branch_labels = None
depends_on = None


def upgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    op.create_table(
        "page_answers",
        sa.Column(
            "athlete_id",
            sa.Integer,
            sa.ForeignKey("athletes.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("data_version", sa.BigInteger, primary_key=True),
        sa.Column("what", sa.String(64), primary_key=True),  # sha256 of the rest of the key
        sa.Column("answer", sa.LargeBinary, nullable=False),  # store/answer_codec.py
        sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
        prefixes=["UNLOGGED"] if postgresql else [],
    )


def downgrade() -> None:
    op.drop_table("page_answers")
