"""The plan benchmark: a 30-week marathon plan built and checked against every rule.

    python -m benchmarks.plan_build [--repeat 7]

Times ``generate`` (profile to plan, Daniels paces for every week) and ``check`` (all the
rules) separately and together, median of --repeat runs, and prints JSON for
docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import time
from datetime import date, timedelta

from runcoach.domain.plans.generator import generate
from runcoach.domain.plans.paces import DANIELS
from runcoach.domain.plans.profile import profile_from_dict
from runcoach.domain.plans.rules import check

TODAY = date(2026, 11, 22)
WEEKS = 30


def marathon_profile() -> dict[str, object]:
    race = TODAY + timedelta(days=7 * WEEKS)
    return {
        "goal": {"race": "marathon", "date": race.isoformat(), "target": "3:15:00"},
        "tune_up_races": [{"date": (race - timedelta(days=28)).isoformat(), "distance": "half"}],
        "recent_results": [{"date": "2026-10-04", "distance": "half", "time": "1:35:00"}],
        "weekly_distance": "50km",
        "longest_run_30d": "20km",
        "years_running": 6,
        "run_days_per_week": 6,
        "availability": {"weekdays": {"monday": "short 45", "friday": "none"}},
        "facilities": ["track", "hills", "trails"],
        "shoes": ["A", {"name": "B", "uses": ["fast"]}, "C"],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    profile = profile_from_dict(marathon_profile())
    builds, checks, totals = [], [], []
    for _ in range(args.repeat):
        start = time.perf_counter()
        plan = generate(profile, TODAY, DANIELS)
        built = time.perf_counter()
        violations = check(plan)
        done = time.perf_counter()
        builds.append(built - start)
        checks.append(done - built)
        totals.append(done - start)
    result = {
        "weeks": len(plan.weeks),
        "workouts": sum(len(d.workouts) for d in plan.days()),
        "undeclared_violations": sum(1 for v in violations if v.accepted is None),
        "build_s_median": round(statistics.median(builds), 4),
        "check_s_median": round(statistics.median(checks), 4),
        "total_s_median": round(statistics.median(totals), 4),
        "repeat": args.repeat,
        "python": platform.python_version(),
    }
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
