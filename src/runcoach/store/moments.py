"""Instants read back from the database, always with their time zone.

SQLite hands datetimes back naive (they were stored as UTC); PostgreSQL hands them back aware.
Everything above the store compares aware UTC instants: ``aware`` is the one conversion.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import overload


@overload
def aware(value: datetime) -> datetime: ...
@overload
def aware(value: None) -> None: ...
def aware(value: datetime | None) -> datetime | None:
    """``value`` as an aware instant (a naive one is UTC); None stays None."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)
