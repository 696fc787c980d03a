"""The database schema as SQLAlchemy Core tables: the one place table layouts are written.

Every migration in ``migrations/versions`` brings a database to exactly this schema; a test
compares the two on SQLite and PostgreSQL.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
)

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

athletes = Table(
    "athletes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("timezone", String(64), nullable=True),
    Column("units", String(16), nullable=False, server_default="metric"),
    Column("max_hr", Float, nullable=True),
    Column("resting_hr", Float, nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

# ---- day by day (issue 5): daily check-ins and the adjustments "today" made ----------------

checkins = Table(
    "checkins",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("athlete_id", Integer, ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False),
    Column("day", Date, nullable=False),  # the athlete's calendar day
    Column("feel", String(16), nullable=True),  # runs.Feel
    Column("symptoms", String(16), nullable=True),  # above-neck / below-neck
    Column("note", Text, nullable=False, server_default=""),
    Column("can_run", Boolean, nullable=True),  # able to run again after an injury
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    UniqueConstraint("athlete_id", "day"),
)

plan_adjustments = Table(
    "plan_adjustments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("athlete_id", Integer, ForeignKey("athletes.id", ondelete="CASCADE"), nullable=False),
    Column("day", Date, nullable=False),  # the day the adjustment is about
    Column("kind", String(16), nullable=False),  # "today" (an answer) or "shift"
    Column("changes", String(400), nullable=False),  # comma-separated change names
    Column("detail", Text, nullable=False),  # JSON: the answer or the shift as given
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Index("ix_plan_adjustments_athlete_day", "athlete_id", "day"),
)
