"""What every command receives: the settings, and the store opened on first use."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import click

from runcoach.config import Settings

if TYPE_CHECKING:
    from sqlalchemy import Engine


@dataclass
class AppContext:
    settings: Settings
    _engine: Engine | None = field(default=None, repr=False)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            from runcoach.store.db import open_engine  # SQLAlchemy only for commands that need it

            self._engine = open_engine(self.settings.database_url)
        return self._engine


def app_context() -> AppContext:
    ctx = click.get_current_context()
    obj = ctx.find_object(AppContext)
    if obj is None:
        raise click.UsageError("runcoach was started without its settings")
    return obj


pass_app = click.make_pass_decorator(AppContext)
