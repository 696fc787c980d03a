from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from runcoach.store.athletes import default_athlete_id
from runcoach.store.db import migrate
from runcoach.store.tables import metadata


def test_migrations_build_exactly_the_schema_of_the_tables_module(engine):
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        differences = compare_metadata(context, metadata)
    assert differences == []


def test_migrating_twice_changes_nothing(engine):
    migrate(engine)
    migrate(engine)


def test_the_local_athlete_is_created_once(engine):
    with engine.begin() as conn:
        first = default_athlete_id(conn)
        assert default_athlete_id(conn) == first
