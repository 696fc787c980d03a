"""Which stored activities count as running: the SQL form of ``Run.is_run``.

A running sport, unless the run is tagged cross-training or strength (``NOT_RUNNING``: a ride
saved as a run, a gym session on the watch's run profile). Every query of running volume,
run days, races and best efforts uses this, so the store and the domain agree (the plain
SQL reads use its text form, ``store.sql.RUNNING_ONLY``, from the same values).
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, Table, and_, or_

from runcoach.store.sql import NOT_RUNNING_VALUES, RUN_SPORT_VALUES
from runcoach.store.tables import runs

__all__ = ["NOT_RUNNING_VALUES", "RUN_SPORT_VALUES", "running_only"]


def running_only(table: Table = runs) -> ColumnElement[bool]:
    """True for the rows of ``table`` (the runs table, or a reflection of it) that are runs."""
    return and_(
        table.c.sport.in_(RUN_SPORT_VALUES),
        or_(table.c.workout_type.is_(None), table.c.workout_type.not_in(NOT_RUNNING_VALUES)),
    )
