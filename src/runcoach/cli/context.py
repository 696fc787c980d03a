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


@dataclass
class AppContext:
    settings: Settings
    _engine: Engine | None = field(default=None, repr=False)
    _athlete_id: int | None = field(default=None, repr=False)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            from runcoach.store.db import open_engine  # SQLAlchemy only for commands that need it

            self._engine = open_engine(self.settings.database_url)
        return self._engine

    @property
    def athlete_id(self) -> int:
        """The local athlete of this install (created on first use)."""
        if self._athlete_id is None:
            from runcoach.store.athletes import default_athlete_id

            with self.engine.begin() as conn:
                self._athlete_id = default_athlete_id(conn)
        return self._athlete_id

    def athlete_log(self) -> AthleteLog:
        """The local athlete's training log, opened when a service needs it."""
        from runcoach.services.fitness import AthleteLog

        return AthleteLog(self.engine, self.athlete_id)


def app_context() -> AppContext:
    ctx = click.get_current_context()
    obj = ctx.find_object(AppContext)
    if obj is None:
        raise click.UsageError("runcoach was started without its settings")
    return obj


pass_app = click.make_pass_decorator(AppContext)
