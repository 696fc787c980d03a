"""The synthetic history inserted into a real store through the repository functions."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from benchmarks.synthetic import history
from runcoach.domain.progress.wins import Effort
from runcoach.domain.progress.wins import Halves as HalfTimes
from runcoach.domain.run.efforts import BestEffort, Halves, RunAnalysis, split_kind
from runcoach.domain.units import Pace
from runcoach.store.athletes import default_athlete_id
from runcoach.store.db import make_engine, migrate
from runcoach.store.runs import insert_run


def stored_history(years: int, end: date, folder: Path) -> tuple[Engine, int, int]:
    """A migrated SQLite store in ``folder`` holding ``years`` of runs: (engine, athlete, runs)."""
    engine = make_engine(f"sqlite:///{folder / f'history-{years}y.db'}")
    migrate(engine)
    athlete, count = insert_history(engine, years, end)
    return engine, athlete, count


def insert_history(
    engine: Engine, years: int, end: date, seed: int = 6, athlete: int | None = None
) -> tuple[int, int]:
    """Insert the synthetic history, best efforts and halves included, for ``athlete``
    (default: the local athlete): (athlete, runs)."""
    runs, efforts, halves = history(years, end, seed=seed)
    by_run: dict[int, list[Effort]] = defaultdict(list)
    for effort in efforts:
        by_run[effort.run_id].append(effort)
    half_of = {h.run_id: h for h in halves}
    with engine.begin() as conn:
        athlete = default_athlete_id(conn) if athlete is None else athlete
        for run in runs:
            assert run.id is not None
            analysis = _analysis(run.distance_m or 0.0, by_run[run.id], half_of.get(run.id))
            insert_run(conn, athlete, dataclasses.replace(run, id=None, shoe_id=None), analysis)
    return athlete, len(runs)


def _analysis(distance_m: float, efforts: list[Effort], half: HalfTimes | None) -> RunAnalysis:
    best = tuple(
        BestEffort(
            e.distance_m, 0.0, 0.0, e.time_s, Pace.from_distance_time(e.distance_m, e.time_s)
        )
        for e in efforts
    )
    halves = None
    if half is not None and distance_m > 0:
        first = Pace.from_distance_time(distance_m / 2, half.first_s)
        second = Pace.from_distance_time(distance_m / 2, half.second_s)
        halves = Halves(
            distance_m / 2,
            half.first_s,
            half.second_s,
            half.first_s,
            half.second_s,
            first,
            second,
            split_kind(first, second),
        )
    return RunAnalysis((), (), halves, best)
