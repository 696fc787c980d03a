"""Engines for SQLite (embedded default) and PostgreSQL, and migrations for both."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, TextClause, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from runcoach.domain.errors import Unavailable
from runcoach.domain.hints import Do, Hint
from runcoach.store.files import private_file, private_folder
from runcoach.store.revision import HEAD_REVISION
from runcoach.store.sql import Db, Params, sqlite_params

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# SQLite's page cache per connection, KiB (negative = KiB in the PRAGMA). The default 2 MB
# holds a decade's run summaries only in part; 32 MB holds them, laps and best efforts.
SQLITE_CACHE_KIB = 32 * 1024
# How long a SQLite transaction waits for another's write lock before giving up, s. A
# file's transaction in an import holds it for well under a second; a migration a few.
SQLITE_BUSY_TIMEOUT_S = 30
# The execution option that marks a connection as a reader of one consistent snapshot.
SNAPSHOT_READ = "runcoach_snapshot_read"
# Where a SQLite connection's record notes whether PRAGMA query_only is on.
_QUERY_ONLY = "runcoach_query_only"


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets WAL mode, foreign keys and real transactions."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        private_folder(Path(parsed.database).parent)
        private_file(Path(parsed.database))  # SQLite gives its WAL and shm files its mode
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S})
    event.listen(engine, "connect", _sqlite_connect)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # pysqlite's own transaction handling sends no BEGIN before a SELECT (or a CREATE) and
    # commits before DDL: reads would each see another moment and a migration would not be
    # atomic. With it off, runcoach sends BEGIN itself (SQLAlchemy's pysqlite documentation,
    # "Serializable isolation / Savepoints / Transactional DDL").
    dbapi_connection.isolation_level = None
    _sqlite_pragmas(dbapi_connection)


def _sqlite_begin(conn: Connection) -> None:
    """A transaction that may write takes the write lock when it starts (BEGIN IMMEDIATE),
    waiting for it up to ``SQLITE_BUSY_TIMEOUT_S``: a transaction that reads and then writes
    (is this run already stored? then insert it) can never act on what another writer
    changed meanwhile, nor fail on a stale snapshot.

    A read (``read_only``, ``snapshot_read``: every page and report) takes no lock: a
    deferred BEGIN, which in WAL mode sees one moment of the database while a writer goes on
    and other readers read beside it. ``PRAGMA query_only`` is on for it, so a write slipped
    into a read fails at once ("attempt to write a readonly database") instead of trying to
    upgrade a snapshot another writer has moved past."""
    read = bool(conn.get_execution_options().get(SNAPSHOT_READ, False))
    record = conn.connection.info  # this DBAPI connection's, kept while it is pooled
    if record.get(_QUERY_ONLY, False) != read:
        conn.exec_driver_sql(f"PRAGMA query_only={int(read)}")
        record[_QUERY_ONLY] = read
    conn.exec_driver_sql("BEGIN" if read else "BEGIN IMMEDIATE")


@contextmanager
def read_only(engine: Engine) -> Iterator[Connection]:
    """A transaction that only reads, and sees one moment of the database, however long it
    takes and whatever is written meanwhile: on SQLite a deferred read transaction in WAL
    mode (it neither waits for nor holds the write lock: readers go side by side and beside
    the one writer), on PostgreSQL REPEATABLE READ READ ONLY. A write through it fails."""
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            conn = conn.execution_options(**{SNAPSHOT_READ: True})
        else:
            conn = conn.execution_options(
                isolation_level="REPEATABLE READ", postgresql_readonly=True
            )
        with conn.begin():
            yield conn


@dataclass
class SqlAlchemyDb:
    """``store.sql.Db`` over a SQLAlchemy connection: the plain SQL reads on any engine."""

    conn: Connection
    dialect: str

    def rows(self, sql: str, params: Params | None = None) -> list[tuple[Any, ...]]:
        if self.dialect == "sqlite":
            # on the connection's own sqlite3 connection, in its transaction, as the command
            # line reads through store/lite.py: the same tuples without SQLAlchemy's rows
            # (a fifth of a decade's report reading 3,000 runs and 6,400 laps)
            raw = self.conn.connection.driver_connection
            found: list[tuple[Any, ...]] = raw.execute(sql, sqlite_params(params)).fetchall()  # type: ignore[union-attr]
            return found
        return [tuple(row) for row in self.conn.execute(_text(sql), dict(params or {}))]

    def write(self, sql: str, rows: Sequence[Params]) -> None:
        if rows:
            convert = sqlite_params if self.dialect == "sqlite" else dict
            self.conn.execute(_text(sql), [convert(r) for r in rows])


@lru_cache(maxsize=256)
def _text(sql: str) -> TextClause:
    return text(sql)  # built and compiled once per statement


@contextmanager
def read_db(engine: Engine, conn: Connection | None = None) -> Iterator[Db]:
    """The plain SQL reads (``store.sql``) in a ``read_only`` transaction, or in ``conn``."""
    if conn is not None:
        yield SqlAlchemyDb(conn, conn.dialect.name)
        return
    with read_only(engine) as own:
        yield SqlAlchemyDb(own, own.dialect.name)


@contextmanager
def write_db(engine: Engine) -> Iterator[SqlAlchemyDb]:
    """The plain SQL writes (``store.sql.writing``) in a transaction of the engine's own."""
    with engine.begin() as conn:
        yield SqlAlchemyDb(conn, conn.dialect.name)


snapshot_read = read_only  # the backup's name for it: one moment of the whole database

Reading = Callable[[], AbstractContextManager[Connection]]  # opens a read-only transaction


def reading(engine: Engine, conn: Connection | None = None) -> Reading:
    """Reads through ``conn`` (a page's one read-only transaction) when given, else each in
    a ``read_only`` transaction of its own."""

    @contextmanager
    def read() -> Iterator[Connection]:
        if conn is not None:
            yield conn
            return
        with read_only(engine) as own:
            yield own

    return read


def _sqlite_pragmas(dbapi_connection: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
    cursor.close()


def check_reachable(engine: Engine) -> None:
    """Unavailable, with the reason, when the database cannot be opened (a server that does
    not answer, a file that is not a database); never a driver's traceback."""
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
    except DBAPIError as error:
        reason = str(error.orig or error).strip().splitlines() or [type(error).__name__]
        raise Unavailable(
            f"cannot open the database {engine.url.render_as_string(hide_password=True)}: "
            f"{reason[0]}",
            hint=Hint(Do.CHECK_DATABASE, "check the database URL and that the server is up"),
        ) from None


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
    check_reachable(engine)
    if current_revision(engine) != HEAD_REVISION:
        migrate(engine)
    return engine
