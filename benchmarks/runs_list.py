"""How fast the training log lists a decade of runs (target: under 100 ms).

    python -m benchmarks.runs_list [--runs 3650] [--repeat 9]

Fills a fresh SQLite store (and PostgreSQL with --database-url) with a decade of runs,
each with its summary columns, laps, best efforts and a 1-hour samples blob, then times
``services.runs.list_runs`` (every run, newest first) and a one-month window. Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np

from runcoach.domain.run.efforts import analyse_run
from runcoach.domain.run.runs import Lap, Run, Streams
from runcoach.services.runs import list_runs
from runcoach.store import runs as run_store
from runcoach.store.athletes import default_athlete_id
from runcoach.store.db import open_engine

SAMPLES = 3600  # one sample a second for an hour


def _run(day: int, rng: np.random.Generator) -> Run:
    start = datetime(2016, 1, 1, 6, 30, tzinfo=UTC) + timedelta(days=day)
    speed = 2.8 + rng.random() * 0.8
    time_s = np.arange(SAMPLES, dtype=np.float64)
    streams = Streams(
        time_s=time_s,
        distance_m=np.cumsum(np.full(SAMPLES, speed) + rng.normal(0, 0.05, SAMPLES)),
        heart_rate=np.round(140 + rng.normal(0, 3, SAMPLES)),
        altitude_m=np.round(300 + np.cumsum(rng.normal(0, 0.2, SAMPLES)), 1),
    )
    distance = float(streams.distance_m[-1])  # type: ignore[index]
    laps = [Lap(start=start, elapsed_s=SAMPLES / 2), Lap(start=start, elapsed_s=SAMPLES / 2)]
    return Run(start=start, elapsed_s=SAMPLES, moving_s=SAMPLES, distance_m=distance,
               streams=streams, laps=laps, source="fit")  # fmt: skip


def fill(url: str, count: int) -> int:
    engine = open_engine(url)
    rng = np.random.default_rng(1)
    with engine.begin() as conn:
        athlete = default_athlete_id(conn)
        for day in range(count):
            run = _run(day, rng)
            run_store.insert_run(conn, athlete, run, analyse_run(run))
    return athlete


def _median_ms(call, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        call()
        times.append(time.perf_counter() - began)
    return round(statistics.median(times) * 1000, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3650)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="runcoach-list-"))
    url = args.database_url or f"sqlite:///{folder / 'runcoach.db'}"
    me = fill(url, args.runs)
    engine = open_engine(url)
    month = (date(2020, 6, 1), date(2020, 6, 30))
    result = {
        "runs": len(list_runs(engine, athlete_id=me)),
        "list_all_ms_median": _median_ms(lambda: list_runs(engine, athlete_id=me), args.repeat),
        "list_month_ms_median": _median_ms(
            lambda: list_runs(engine, athlete_id=me, date_from=month[0], date_to=month[1]),
            args.repeat,
        ),
        "store_bytes": sum(p.stat().st_size for p in folder.iterdir()),
    }
    print(json.dumps(result, indent=2))
    engine.dispose()
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
