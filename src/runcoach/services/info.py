"""What the store holds, for ``runcoach info``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, inspect

from runcoach import __version__
from runcoach.config import Settings
from runcoach.domain.units import UnitSystem
from runcoach.store.backup import count_rows
from runcoach.store.tables import metadata


@dataclass(frozen=True)
class StoreInfo:
    version: str
    home: Path
    database: str  # the URL, its password hidden
    units: UnitSystem
    rows: Mapping[str, int]  # table name: its rows, for the tables the store has


def store_info(settings: Settings, engine: Engine) -> StoreInfo:
    existing = set(inspect(engine).get_table_names())
    counts: dict[str, int] = {}
    with engine.connect() as conn:
        for name, table in metadata.tables.items():
            if name in existing:
                counts[name] = count_rows(conn, table)
    return StoreInfo(
        version=__version__,
        home=settings.home,
        database=engine.url.render_as_string(hide_password=True),
        units=settings.units,
        rows=counts,
    )
