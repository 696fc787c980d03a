"""What a web worker's first view of a runner's page costs on PostgreSQL: made from the data
(what each of the ``runcoach serve --workers N`` processes did before the page cache was
shared) or read back from the shared page cache (``page_answers``) that another worker kept.

    python -m benchmarks.shared_page_cache --database-url postgresql+psycopg://... \
        --hour-runs STORE/hour-runs-20x10y.json [--repeat 3]

Runs on a store built by ``benchmarks.web_load`` (its runners ``runner{i}@example.com``, each
with a decade, a plan and a one-hour FIT run): for each runner and each page, alternately,
the answer is made (this process's answers and the runner's shared ones forgotten first: a
cold start), then read back by a "worker" with nothing in memory, then served from memory.
Times are CPU seconds of this process (``time.process_time``; PostgreSQL's backend is not
counted) and wall-clock, medians over runners and repeats, in ms; and the size of the stored
answer (compressed JSON). Prints JSON; the results belong in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text

from runcoach.config import Settings
from runcoach.domain.progress.report import PeriodKind
from runcoach.services import dashboard as board
from runcoach.services.calendar import calendar_page
from runcoach.services.log import LogQuery, log
from runcoach.services.page_cache import answers
from runcoach.services.reports import period_report
from runcoach.services.run_files import run_samples
from runcoach.store.db import open_engine

Page = Callable[[Engine, Settings, int, int], object]
LOG_PAGE = LogQuery(sport="running", limit=200)  # what /log asks (web/pages/log.py)


def _month(today: date) -> tuple[date, date]:
    first = today.replace(day=1) - timedelta(days=today.replace(day=1).weekday())
    return first, first + timedelta(days=41)


PAGES: dict[str, Page] = {
    "dashboard": lambda e, s, a, r: board.dashboard(e, s, s, athlete_id=a),
    "report (month)": lambda e, s, a, r: period_report(e, s, PeriodKind.MONTH, athlete_id=a),
    "log": lambda e, s, a, r: log(e, s, LOG_PAGE, athlete_id=a),
    "calendar (month)": lambda e, s, a, r: calendar_page(e, s, *_month(date.today()), athlete_id=a),
    "chart data (47-min FIT run)": lambda e, s, a, r: run_samples(e, r, athlete_id=a),
}


def _timed(call: Callable[[], object]) -> tuple[float, float]:
    cpu, wall = time.process_time(), time.perf_counter()
    call()
    return (time.process_time() - cpu) * 1000, (time.perf_counter() - wall) * 1000


def _runners(engine: Engine) -> list[int]:
    with engine.connect() as conn:
        found = conn.execute(
            text("SELECT athlete_id FROM accounts WHERE email LIKE 'runner%@example.com'")
        )
        return sorted(int(row[0]) for row in found)


def _forget(engine: Engine, athlete_id: int) -> None:
    answers.clear()
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM page_answers WHERE athlete_id = :a"), {"a": athlete_id})


def _stored_bytes(engine: Engine, athlete_id: int) -> int:
    with engine.connect() as conn:
        size = conn.execute(
            text("SELECT max(length(answer)) FROM page_answers WHERE athlete_id = :a"),
            {"a": athlete_id},
        ).scalar()
    return int(size or 0)


def _one(
    engine: Engine, settings: Settings, athlete_id: int, run_id: int, page: Page
) -> dict[str, float]:
    """One page of one runner: made (nothing kept anywhere), read back by a worker with
    nothing in memory, then served from memory."""

    def call() -> object:
        return page(engine, settings, athlete_id, run_id)

    _forget(engine, athlete_id)
    made = _timed(call)
    size = _stored_bytes(engine, athlete_id)
    answers.clear()  # another worker: nothing in its memory
    shared = _timed(call)
    memory = _timed(call)
    return {"made cpu": made[0], "made wall": made[1], "shared cpu": shared[0],
            "shared wall": shared[1], "memory cpu": memory[0], "stored bytes": size}  # fmt: skip


def measure(engine: Engine, runs: dict[int, int], repeat: int) -> dict[str, Any]:
    settings = Settings(home=Path(), database_url=str(engine.url))
    times: dict[str, dict[str, list[float]]] = {}
    for _ in range(repeat):
        for athlete_id, run_id in runs.items():
            for name, page in PAGES.items():
                got = times.setdefault(name, {})
                for label, value in _one(engine, settings, athlete_id, run_id, page).items():
                    got.setdefault(label, []).append(value)
    return {
        name: {label: round(statistics.median(v), 2) for label, v in got.items()}
        for name, got in times.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--hour-runs",
        type=Path,
        required=True,
        help="web_load's note of each runner's FIT run (hour-runs-*.json in its --store)",
    )
    args = parser.parse_args()
    engine = open_engine(args.database_url)
    athletes = _runners(engine)
    hour_runs = json.loads(args.hour_runs.read_text())
    load_before = os.getloadavg()[0]
    result = measure(engine, dict(zip(athletes, hour_runs, strict=True)), args.repeat)
    print(
        json.dumps(
            {
                "runners": len(athletes),
                "repeat": args.repeat,
                "load_average_1min": [round(load_before, 1), round(os.getloadavg()[0], 1)],
                "pages_ms": result,
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
