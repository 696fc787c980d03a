"""Alembic environment: runs migrations on the engine runcoach hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy import func, select

from runcoach.store.tables import metadata

engine = context.config.attributes["engine"]

# Two commands starting on a new PostgreSQL database at once: the second waits, then finds
# the schema made (on SQLite the first's BEGIN IMMEDIATE already holds the database).
MIGRATION_LOCK = (0x5243_0003, 0)  # the first key: "RC" and 3, as store/athletes.py's

with engine.begin() as connection:
    if connection.dialect.name == "postgresql":
        connection.execute(select(func.pg_advisory_xact_lock(*MIGRATION_LOCK)))
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    context.run_migrations()
