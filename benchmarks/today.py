"""How fast "what do I run today" answers on a decade of log (target: well under a second).

    python -m benchmarks.today [--years 10] [--repeat 9]

Fills a fresh SQLite store with a decade of runs (six a week, summary columns only: today's
rules never read samples), an active 13-week half-marathon plan and a check-in, then times:
- ``services.today.today`` end to end (read the log and shoes, answer, keep the answer);
- the domain alone (``domain.today.answer.answer``) on the same log, for the plan's days;
- ``services.today.warnings_for`` and ``services.today.progress_for``.
Prints JSON; the results belong in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from runcoach.config import Settings
from runcoach.domain.plans.generator import generate
from runcoach.domain.plans.model import Goal, GoalKind
from runcoach.domain.plans.paces import DANIELS
from runcoach.domain.plans.profile import Profile
from runcoach.domain.run.runs import Run, WorkoutType
from runcoach.domain.today.answer import Situation, answer
from runcoach.services import today as service
from runcoach.store import plans as plan_store
from runcoach.store import runs as run_store
from runcoach.store.athletes import default_athlete_id
from runcoach.store.db import open_engine

PLAN_START = date(2026, 3, 2)  # a Monday, right after the decade of log
RUN_WEEKDAYS = (0, 1, 2, 3, 5, 6)


def _runs(years: int) -> list[Run]:
    first = PLAN_START - timedelta(weeks=52 * years)
    runs = []
    for day in range(7 * 52 * years):
        when = first + timedelta(days=day)
        if when.weekday() not in RUN_WEEKDAYS:
            continue
        long = when.weekday() == 6
        km = 16.0 if long else 8.0
        kind = WorkoutType.LONG if long else WorkoutType.EASY
        start = datetime.combine(when, datetime.min.time(), tzinfo=UTC) + timedelta(hours=7)
        runs.append(Run(start, distance_m=km * 1000, moving_s=km * 330, workout_type=kind))
    return runs


def fill(url: str, years: int) -> tuple[Any, int]:
    engine = open_engine(url)
    profile = Profile(goal=Goal(GoalKind.RACE, 21097.5, PLAN_START + timedelta(weeks=13),
                                5700.0, "half"),
                      weekly_distance_m=56_000, longest_run_m=16_000, years_running=10)  # fmt: skip
    with engine.begin() as conn:
        athlete = default_athlete_id(conn)
        for run in _runs(years):
            run_store.insert_run(conn, athlete, run)
        plan_store.add_plan(conn, athlete, generate(profile, PLAN_START, DANIELS))
    return engine, athlete


def _median_ms(call: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return round(statistics.median(times) * 1000, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'runcoach.db'}"
        engine, athlete = fill(url, args.years)
        settings = Settings(home=Path(folder), database_url=url)
        day = PLAN_START + timedelta(days=10)
        report = service.CheckInReport(feel="tired")
        with engine.connect() as conn:
            inputs = service.gather(conn, athlete, settings, None, day)
        assert inputs.plan is not None
        situation = Situation(inputs.plan, inputs.log(), (), inputs.shoes)
        days = [PLAN_START + timedelta(days=k) for k in range(28)]
        results = {
            "runs": len(inputs.runs),
            "today_end_to_end_ms": _median_ms(
                lambda: service.today(engine, settings, day, report, athlete_id=athlete),
                args.repeat,
            ),
            "answer_domain_ms_per_day": round(
                _median_ms(lambda: [answer(situation, d) for d in days], args.repeat) / len(days),
                2,
            ),
            "warnings_ms": _median_ms(
                lambda: service.warnings_for(engine, settings, day, athlete_id=athlete), args.repeat
            ),
            "progress_ms": _median_ms(
                lambda: service.progress_for(engine, settings, day, athlete_id=athlete), args.repeat
            ),
        }
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
