"""The database schema as SQLAlchemy Core tables: the one place table layouts are written.

Every migration in ``migrations/versions`` brings a database to exactly this schema; a test
compares the two on SQLite and PostgreSQL.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
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

plans = Table(
    "plans",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "athlete_id",
        Integer,
        ForeignKey("athletes.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("goal_summary", String(300), nullable=False),
    Column("document", Text, nullable=False),  # the plan as JSON (docs/plan-format.md)
    Column("status", String(16), nullable=False, server_default="active"),  # active / archived
)
