"""Engines for SQLite (embedded default) and PostgreSQL, and migrations for both."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# The newest migration. A database already there is opened without loading Alembic (a fifth
# of a command's start-up); tests/store/test_migrations.py keeps this equal to Alembic's head.
HEAD_REVISION = "0008_accounts"
# SQLite's page cache per connection, KiB (negative = KiB in the PRAGMA). The default 2 MB
# holds a decade's run summaries only in part; 32 MB holds them, laps and best efforts.
SQLITE_CACHE_KIB = 32 * 1024


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets WAL mode and foreign keys on every connection."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": 30})
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
    cursor.close()


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def migrate(engine: Engine) -> None:
    """Bring the database's schema to the newest migration."""
    from alembic import command

    command.upgrade(alembic_config(engine), "head")


def migrate_to(engine: Engine, revision: str) -> None:
    """Bring a new database's schema to ``revision`` (a restore loads its backup there)."""
    from alembic import command

    command.upgrade(alembic_config(engine), revision)


def known_revisions() -> set[str]:
    """Every migration this runcoach has."""
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory(str(MIGRATIONS_DIR))
    return {script.revision for script in scripts.walk_revisions()}


def current_revision(bind: Engine | Connection) -> str | None:
    """The migration the database is at; None for a new (or not yet migrated) database."""
    if isinstance(bind, Connection):
        return _revision_on(bind)
    try:
        with bind.connect() as conn:
            return _revision_on(conn)
    except DBAPIError:
        return None


def _revision_on(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    found = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return None if found is None else str(found)


def open_engine(url: str) -> Engine:
    """An engine whose database is migrated and ready."""
    engine = make_engine(url)
    if current_revision(engine) != HEAD_REVISION:
        migrate(engine)
    return engine
