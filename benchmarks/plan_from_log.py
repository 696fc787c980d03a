"""What filling a plan's profile from a decade's log costs (``services.plans.build_plan``).

    python -m benchmarks.plan_from_log [--years 10] [--repeat 9]

A SQLite store with ``--years`` of the synthetic history (best efforts included) is built
first (not timed). Then, alternating so that load on a shared machine falls on both alike,
``build_plan`` (save=False) is timed for the same half-marathon profile twice: with its own
``recent_results`` (the log is read for volume and history only: the path before issue 15's
fill of results) and without (the races and hard efforts of the last year that set current
fitness are read from the log too). Prints the median CPU and wall times as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from benchmarks.store_history import stored_history
from runcoach.domain.plans.profile import profile_from_dict
from runcoach.services.plans import build_plan

TODAY = date(2026, 12, 4)
PROFILE: dict[str, Any] = {
    "goal": {"race": "half", "date": "2027-04-18"},
    "run_days_per_week": 5,
    "availability": {"weekdays": {"monday": "none", "friday": "short 40"}},
}
GIVEN = [{"date": "2026-10-04", "distance": "10k", "time": "46:00"}]


def _timed(engine: Any, athlete: int, doc: dict[str, Any]) -> tuple[float, float, list[str]]:
    profile = profile_from_dict(doc)
    cpu, wall = time.process_time(), time.perf_counter()
    built = build_plan(engine, profile, TODAY, save=False, athlete_id=athlete)
    return time.process_time() - cpu, time.perf_counter() - wall, built.filled_from_log


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        engine, athlete, runs = stored_history(args.years, TODAY, Path(folder))
        times: dict[str, list[tuple[float, float]]] = {"results given": [], "results from log": []}
        filled: dict[str, list[str]] = {}
        for _ in range(args.repeat):
            for name, doc in (("results given", {**PROFILE, "recent_results": GIVEN}),
                              ("results from log", PROFILE)):  # fmt: skip
                cpu, wall, filled[name] = _timed(engine, athlete, doc)
                times[name].append((cpu, wall))
    out = {
        "machine": f"{platform.machine()} {os.cpu_count()} cpus, "
        f"Python {platform.python_version()}",
        "runs": runs,
        "repeat": args.repeat,
        "load": os.getloadavg(),
        **{
            name: {
                "cpu_ms": round(statistics.median(c for c, _ in pairs) * 1000, 1),
                "wall_ms": round(statistics.median(w for _, w in pairs) * 1000, 1),
                "filled_from_log": filled[name],
            }
            for name, pairs in times.items()
        },
    }
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
