"""contracts: commitment contracts and their judged periods, coaches' grants, and the log of
the changes a coach made to an athlete's plan (issue 14)

Revision ID: 0011_contracts
Revises: 0012_web_speed
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_contracts"
down_revision = "0012_web_speed"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def _athlete(name: str, ondelete: str, nullable: bool) -> sa.Column:  # type: ignore[type-arg]
    return sa.Column(
        name, sa.Integer, sa.ForeignKey("athletes.id", ondelete=ondelete), nullable=nullable
    )


def upgrade() -> None:
    op.create_table(
        "contracts",
        sa.Column("id", sa.Integer, primary_key=True),
        _athlete("athlete_id", "CASCADE", False),
        _athlete("referee_athlete_id", "SET NULL", True),
        sa.Column("goal_kind", sa.String(32), nullable=False),
        sa.Column("run_days", sa.Integer, nullable=True),
        sa.Column("distance_m", sa.Float, nullable=True),
        sa.Column("time_s", sa.Float, nullable=True),
        sa.Column("first_day", sa.Date, nullable=False),
        sa.Column("last_day", sa.Date, nullable=False),
        sa.Column("stake_cents", sa.Integer, nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("receiver", sa.String(16), nullable=False),
        sa.Column("receiver_name", sa.String(200), nullable=False),
        sa.Column("max_excused", sa.Integer, nullable=False),
        sa.Column("referee_days", sa.Integer, nullable=False),
        sa.Column("signed_at", TZ, nullable=False),
        sa.Column("ended_at", TZ, nullable=True),
        sa.Column("ended_on", sa.Date, nullable=True),
        sa.Column("end_reason", sa.Text, nullable=True),
        sa.Column("history", sa.JSON, nullable=True),
    )
    op.create_index("ix_contracts_athlete_id", "contracts", ["athlete_id"])
    op.create_index("ix_contracts_referee_athlete_id", "contracts", ["referee_athlete_id"])
    op.create_table(
        "contract_periods",
        sa.Column(
            "contract_id",
            sa.Integer,
            sa.ForeignKey("contracts.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("number", sa.Integer, primary_key=True),
        sa.Column("first_day", sa.Date, nullable=False),
        sa.Column("last_day", sa.Date, nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("rule", sa.Text, nullable=False),
        sa.Column("seen", sa.Text, nullable=False),
        sa.Column("run_ids", sa.JSON, nullable=False),
        sa.Column("unwell_days", sa.JSON, nullable=False),
        sa.Column("judged_at", TZ, nullable=False),
        sa.Column("review_due", TZ, nullable=False),
        sa.Column("disputed_at", TZ, nullable=True),
        sa.Column("dispute_note", sa.Text, nullable=True),
        sa.Column("decision", sa.String(16), nullable=True),
        sa.Column("set_outcome", sa.String(16), nullable=True),
        sa.Column("decision_note", sa.Text, nullable=True),
        sa.Column("decided_at", TZ, nullable=True),
    )
    op.create_table(
        "coach_grants",
        sa.Column("id", sa.Integer, primary_key=True),
        _athlete("athlete_id", "CASCADE", False),
        _athlete("coach_athlete_id", "CASCADE", True),
        sa.Column("access", sa.String(16), nullable=False),
        sa.Column("code_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("expires_at", TZ, nullable=False),
        sa.Column("accepted_at", TZ, nullable=True),
        sa.Column("revoked_at", TZ, nullable=True),
    )
    op.create_index("ix_coach_grants_athlete_id", "coach_grants", ["athlete_id"])
    op.create_index("ix_coach_grants_coach_athlete_id", "coach_grants", ["coach_athlete_id"])
    op.create_table(
        "plan_changes",
        sa.Column("id", sa.Integer, primary_key=True),
        _athlete("athlete_id", "CASCADE", False),
        sa.Column(
            "plan_id", sa.Integer, sa.ForeignKey("plans.id", ondelete="CASCADE"), nullable=False
        ),
        _athlete("author_athlete_id", "SET NULL", True),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("change", sa.Text, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("created_at", TZ, nullable=False),
    )
    op.create_index("ix_plan_changes_athlete_id", "plan_changes", ["athlete_id"])


def downgrade() -> None:
    for table in ("plan_changes", "coach_grants", "contract_periods", "contracts"):
        op.drop_table(table)
