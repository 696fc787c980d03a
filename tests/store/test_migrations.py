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


def test_the_head_revision_that_skips_alembic_is_alembics_head():
    from alembic.script import ScriptDirectory

    from runcoach.store.db import HEAD_REVISION, alembic_config, make_engine

    scripts = ScriptDirectory.from_config(alembic_config(make_engine("sqlite://")))
    assert scripts.get_current_head() == HEAD_REVISION


def test_a_new_database_is_migrated_and_an_up_to_date_one_opened_as_it_is(tmp_path):
    from runcoach.store.db import HEAD_REVISION, current_revision, make_engine, open_engine

    url = f"sqlite:///{tmp_path / 'runcoach.db'}"
    assert current_revision(make_engine(url)) is None
    assert current_revision(open_engine(url)) == HEAD_REVISION
    assert current_revision(open_engine(url)) == HEAD_REVISION
