"""Which stored activities count as running: the SQL form of ``Run.is_run``.

A running sport, unless the run is tagged cross-training or strength (``NOT_RUNNING``: a ride
saved as a run, a gym session on the watch's run profile). Every query of running volume,
run days, races and best efforts uses this, so the store and the domain agree.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, Table, and_, or_

from runcoach.domain.run.runs import NOT_RUNNING, RUN_SPORTS
from runcoach.store.tables import runs

RUN_SPORT_VALUES = tuple(sorted(s.value for s in RUN_SPORTS))
NOT_RUNNING_VALUES = tuple(sorted(t.value for t in NOT_RUNNING))


def running_only(table: Table = runs) -> ColumnElement[bool]:
    """True for the rows of ``table`` (the runs table, or a reflection of it) that are runs."""
    return and_(
        table.c.sport.in_(RUN_SPORT_VALUES),
        or_(table.c.workout_type.is_(None), table.c.workout_type.not_in(NOT_RUNNING_VALUES)),
    )
