"""What every command receives: the settings, the store opened on first use, and the athlete.

The command line speaks for one local athlete. It is resolved here, once, on first use (a
command that never touches the store never creates it), and passed to every service as
``athlete_id``: services never pick the athlete themselves, so the web app can pass the
logged-in athlete to the same services.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import click

from runcoach.config import Settings

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from runcoach.services.fitness import AthleteLog
    from runcoach.store.lite import SqliteReader
    from runcoach.store.sql import Reader


@dataclass
class AppContext:
    settings: Settings
    _engine: Engine | None = field(default=None, repr=False)
    _athlete_id: int | None = field(default=None, repr=False)
    _reader: SqliteReader | None = field(default=None, repr=False)
    _reader_tried: bool = field(default=False, repr=False)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            from runcoach.store.db import open_engine  # SQLAlchemy only for commands that need it

            self._engine = open_engine(self.settings.database_url)
        return self._engine

    @property
    def reads(self) -> Engine | Reader:
        """Where a read-only command reads (``store.sql``): the SQLite file itself through
        sqlite3 when it is ready (migrated), so the command imports no SQLAlchemy; else the
        engine (PostgreSQL, or a store that must be created or migrated first)."""
        reader = self._sqlite_reader()
        return self.engine if reader is None else reader

    def _sqlite_reader(self) -> SqliteReader | None:
        if self._engine is None and not self._reader_tried:
            from runcoach.store.lite import open_reader

            self._reader_tried = True
            self._reader = open_reader(self.settings.database_url)
        return self._reader

    @property
    def athlete_id(self) -> int:
        """The local athlete of this install (created on first use)."""
        reader = self._sqlite_reader() if self._athlete_id is None else None
        if reader is not None:
            from runcoach.store.athlete_reads import first_athlete_id
            from runcoach.store.sql import reading

            with reading(reader) as db:
                self._athlete_id = first_athlete_id(db)  # None: made below, by a writer
        if self._athlete_id is None:
            from runcoach.store.athletes import default_athlete_id

            with self.engine.begin() as conn:
                self._athlete_id = default_athlete_id(conn)
        return self._athlete_id

    def athlete_log(self) -> AthleteLog:
        """The local athlete's training log, opened when a service needs it."""
        from runcoach.services.fitness import AthleteLog

        return AthleteLog(self.reads, self.athlete_id)


def app_context() -> AppContext:
    ctx = click.get_current_context()
    obj = ctx.find_object(AppContext)
    if obj is None:
        raise click.UsageError("runcoach was started without its settings")
    return obj


pass_app = click.make_pass_decorator(AppContext)
