"""What the store holds, for ``runcoach info``."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, inspect

from runcoach import __version__
from runcoach.config import Settings
from runcoach.store.backup import count_rows
from runcoach.store.tables import metadata


def store_info(settings: Settings, engine: Engine) -> dict[str, Any]:
    existing = set(inspect(engine).get_table_names())
    counts: dict[str, int] = {}
    with engine.connect() as conn:
        for name, table in metadata.tables.items():
            if name in existing:
                counts[name] = count_rows(conn, table)
    return {
        "version": __version__,
        "home": str(settings.home),
        "database": engine.url.render_as_string(hide_password=True),
        "units": settings.units.value,
        "rows": counts,
    }
