"""The fitness model's VDOT on the first of each month (``fitness_months``), kept per athlete.

Fitness on a day rests only on the performances of the year before it (``LOOKBACK_DAYS``,
``domain/fitness/current.py``), so a month's point stays true until a run of that year is
written. ``store/run_weeks.py`` calls ``forget_months`` with the days a write touched
(insert, a richer file, an edit, a reanalysis, a delete; an import once per batch), which
forgets the months from each day to a year after it. Reports keep the months they work out,
with the race times the report predicts from each (``services/report_hooks.py``), only when
no write came meanwhile (``keep_months``), so a report over a decade reads 120 rows instead
of rating 7,000 races and best efforts and solving 480 race times.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING

from runcoach.domain.fitness.current import LOOKBACK_DAYS, FitnessPoint
from runcoach.store.sql import Db, Reader, Writer, day_of, writing

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

KINDS_SEPARATOR = ","  # between kinds, and between race times
PAIR_SEPARATOR = ":"  # between a race time's metres and seconds
_FORGET = (
    "DELETE FROM fitness_months WHERE athlete_id = :athlete_id "
    "AND on_day >= :first AND on_day <= :last"
)


def forget_months(conn: Connection, athlete_id: int, days: Iterable[date]) -> None:
    """Forget the months whose year before holds one of ``days`` (the caller holds the
    training log, as ``refresh_weeks`` does)."""
    from sqlalchemy import text

    touched = list(days)
    if touched:
        last = max(touched) + timedelta(days=LOOKBACK_DAYS)
        conn.execute(text(_FORGET), {"athlete_id": athlete_id, "first": min(touched),
                                     "last": last})  # fmt: skip


def forget_all_months(conn: Connection) -> None:
    """Forget every kept month (a restored store works them out again)."""
    from sqlalchemy import text

    conn.execute(text("DELETE FROM fitness_months"))


def kept_months(
    db: Db, athlete_id: int, first: date, last: date
) -> dict[date, FitnessPoint | None]:
    """The months kept from ``first`` to ``last``: a point, or None for a month without
    fitness (no performance in the year before it)."""
    rows = db.rows(
        "SELECT on_day, vdot, performances, kinds, race_times FROM fitness_months "
        "WHERE athlete_id = :athlete_id AND on_day >= :first AND on_day <= :last",
        {"athlete_id": athlete_id, "first": first, "last": last},
    )
    found: dict[date, FitnessPoint | None] = {}
    for on_day, vdot, performances, kinds, times in rows:
        day = day_of(on_day)
        found[day] = None if vdot is None else FitnessPoint(
            day, float(vdot), int(performances), _split(kinds), _race_times(times)
        )  # fmt: skip
    return found


def _split(text: str) -> tuple[str, ...]:
    return tuple(part for part in text.split(KINDS_SEPARATOR) if part)


def _race_times(text: str) -> tuple[tuple[float, float], ...]:
    pairs = (part.split(PAIR_SEPARATOR) for part in _split(text))
    return tuple((float(metres), float(seconds)) for metres, seconds in pairs)


def keep_months(
    source: Engine | Reader,
    athlete_id: int,
    version: int,
    months: Mapping[date, FitnessPoint | None],
) -> bool:
    """Keep ``months`` worked out at the athlete's data version ``version``, in a write
    transaction of their own, unless a write came since (they may be stale): whether kept.
    A month another report kept meanwhile stays as it is (the same point)."""
    if not months:
        return True
    with writing(source) as db:
        if _unlocked_data_version(db, athlete_id) != version:
            return False
        db.write(
            "INSERT INTO fitness_months "
            "(athlete_id, on_day, vdot, performances, kinds, race_times) "
            "VALUES (:athlete_id, :on_day, :vdot, :performances, :kinds, :race_times) "
            "ON CONFLICT DO NOTHING",
            [_row(athlete_id, day, point) for day, point in months.items()],
        )
    return True


def _unlocked_data_version(db: Writer, athlete_id: int) -> int | None:
    """The athlete's data version, its row locked until the transaction ends (no write of a
    run commits meanwhile: each raises the version, which locks the row); None when a writer
    holds it now (PostgreSQL: not waited for, the months are kept by a later report). On
    SQLite the write transaction holds the whole database, waiting as any writer does (an
    import holds it half a second at most)."""
    skip = " FOR UPDATE SKIP LOCKED" if db.dialect == "postgresql" else ""
    rows = db.rows(f"SELECT data_version FROM athletes WHERE id = :a{skip}", {"a": athlete_id})
    return int(rows[0][0] or 0) if rows else None


def _row(athlete_id: int, day: date, point: FitnessPoint | None) -> dict[str, object]:
    if point is None:
        return {"athlete_id": athlete_id, "on_day": day, "vdot": None, "performances": 0,
                "kinds": "", "race_times": ""}  # fmt: skip
    # repr: the shortest text that reads back as the same float
    times = KINDS_SEPARATOR.join(f"{m!r}{PAIR_SEPARATOR}{s!r}" for m, s in point.race_times_s)
    return {"athlete_id": athlete_id, "on_day": day, "vdot": point.vdot,
            "performances": point.performances, "kinds": KINDS_SEPARATOR.join(point.kinds),
            "race_times": times}  # fmt: skip
