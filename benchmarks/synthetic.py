"""A synthetic but plausible training history: about 300 runs a year for any number of years.

The week: intervals on Tuesday, easy on Wednesday, tempo on Thursday, easy on Friday, a long
run on Saturday (some weeks skip a day). Fitness improves slowly; most runs carry heart rate,
quality sessions carry laps, most start from one of three places. Deterministic for a seed.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from runcoach.domain.progress.wins import Effort, Halves
from runcoach.domain.run.runs import Lap, Run, Surface, Terrain, WorkoutType

STARTS = [(46.0500, 14.5000), (46.0620, 14.4800), (46.0300, 14.5300)]
WEEK = {  # weekday -> (workout type, km)
    1: (WorkoutType.INTERVALS, 10.0),
    2: (WorkoutType.EASY, 8.0),
    3: (WorkoutType.TEMPO, 10.0),
    4: (WorkoutType.EASY, 6.0),
    5: (WorkoutType.LONG, 18.0),
    6: (WorkoutType.EASY, 8.0),
}
PACE_FACTOR = {WorkoutType.INTERVALS: 0.95, WorkoutType.TEMPO: 0.9, WorkoutType.EASY: 1.2,
               WorkoutType.LONG: 1.22}  # fmt: skip
HR_FRACTION = {WorkoutType.INTERVALS: 0.86, WorkoutType.TEMPO: 0.88, WorkoutType.EASY: 0.72,
               WorkoutType.LONG: 0.76}  # fmt: skip


def history(years: int, end: date, seed: int = 6) -> tuple[list[Run], list[Effort], list[Halves]]:
    """Runs (with ids from 1), their best efforts and halves, ending on ``end``."""
    rng = random.Random(seed)
    first = end - timedelta(days=365 * years)
    runs: list[Run] = []
    efforts: list[Effort] = []
    halves: list[Halves] = []
    day = first
    while day <= end:
        planned = WEEK.get(day.weekday())
        if planned and rng.random() < 0.96:
            progress = (day - first).days / max(1, (end - first).days)
            run = _run(len(runs) + 1, day, planned, progress, rng)
            runs.append(run)
            efforts.extend(_efforts(run))
            halves.append(_halves(run, rng))
        day += timedelta(days=1)
    return runs, efforts, halves


def _run(run_id: int, day: date, planned: tuple[WorkoutType, float], progress: float,
         rng: random.Random) -> Run:  # fmt: skip
    kind, km = planned
    km *= rng.uniform(0.85, 1.15)
    threshold = 270 - 30 * progress  # s/km: 4:30 improving to 4:00 over the history
    pace = threshold * PACE_FACTOR[kind] * rng.uniform(0.97, 1.03)
    start = datetime(day.year, day.month, day.day, rng.choice((6, 7, 17, 18)), tzinfo=UTC)
    seconds = km * pace
    return Run(
        start=start,
        distance_m=km * 1000,
        moving_s=seconds,
        elapsed_s=seconds * 1.02,
        ascent_m=rng.uniform(10, 20) * km,
        avg_hr=190 * HR_FRACTION[kind] if rng.random() < 0.8 else None,
        max_hr=190 * (HR_FRACTION[kind] + 0.06),
        workout_type=kind,
        surface=rng.choice((Surface.ROAD, Surface.ROAD, Surface.TRAIL, Surface.TRACK)),
        terrain=rng.choice((Terrain.FLAT, Terrain.ROLLING, Terrain.HILLY)),
        shoe_id=rng.choice((1, 2, 3)),
        laps=_laps(start, kind, km, pace),
        timezone="Europe/Ljubljana",
        id=run_id,
        source="fit",
    )


def _laps(start: datetime, kind: WorkoutType, km: float, pace: float) -> list[Lap]:
    if kind is not WorkoutType.INTERVALS:
        return []
    warm = Lap(start=start, elapsed_s=2000 * pace * 1.2 / 1000, distance_m=2000, intensity="warmup")
    reps = [Lap(start=start, elapsed_s=800 * pace * 0.92 / 1000, distance_m=800,
                intensity="active") for _ in range(6)]  # fmt: skip
    rest = [Lap(start=start, elapsed_s=120, distance_m=300, intensity="rest") for _ in range(6)]
    return [warm, *[lap for pair in zip(reps, rest, strict=True) for lap in pair]]


def _efforts(run: Run) -> list[Effort]:
    assert run.id is not None and run.distance_m and run.moving_s
    pace = run.moving_s / run.distance_m
    found = []
    for metres in (400.0, 1000.0, 1609.344, 5000.0, 10000.0, 21097.5):
        if metres <= run.distance_m:
            found.append(Effort(run.id, run.start, metres, metres * pace * 0.98))
    return found


def _halves(run: Run, rng: random.Random) -> Halves:
    assert run.id is not None and run.moving_s
    delta = rng.uniform(-0.03, 0.03) * run.moving_s / 2
    return Halves(run.id, run.moving_s / 2 + delta, run.moving_s / 2 - delta)


def start_points(runs: list[Run], seed: int = 6) -> dict[int, tuple[float, float]]:
    rng = random.Random(seed)
    return {r.id: rng.choice(STARTS) for r in runs if r.id is not None and rng.random() < 0.9}
