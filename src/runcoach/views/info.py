"""``runcoach info`` as JSON: where runcoach keeps its data and what the store holds."""

from __future__ import annotations

from typing import TypedDict

from runcoach.services.info import StoreInfo


class InfoJson(TypedDict):
    """The version, the home folder, the database (its password hidden), the units, and the
    rows of each table of the store."""

    version: str
    home: str
    database: str
    units: str  # "metric" or "imperial"
    rows: dict[str, int]  # table name: its rows


def info_json(info: StoreInfo) -> InfoJson:
    return {
        "version": info.version,
        "home": str(info.home),
        "database": info.database,
        "units": info.units.value,
        "rows": dict(info.rows),
    }
