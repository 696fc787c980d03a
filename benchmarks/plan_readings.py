"""The tables of docs/plans.md's "A coach's reading of seven plans", from the generator.

    python -m benchmarks.plan_readings            # print the seven tables
    python -m benchmarks.plan_readings --write    # rewrite them in docs/plans.md

Each reading is a profile of docs/examples built as `runcoach plan create --profile FILE
--today 2026-12-03` builds it on an empty log (the plan service adds nothing from a log that
has no runs). ``tests/domain/plans/test_plan_readings.py`` fails when a table in the doc is
not what the generator writes today, so the coach's reading cannot drift from the code.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from runcoach.domain.plans.generator import generate
from runcoach.domain.plans.long_finish import is_marathon_pace_long_run
from runcoach.domain.plans.model import Plan, Week
from runcoach.domain.plans.paces import DANIELS
from runcoach.domain.plans.profile import Profile, profile_from_dict
from runcoach.domain.plans.workouts import Workout, WorkoutKind

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "plans.md"
EXAMPLES = ROOT / "docs" / "examples"
TODAY = date(2026, 12, 3)  # the day the readings are built on (plan create --today)
HEADER = (
    "| week | phase | km | run days | long run km | key sessions |\n|---|---|---|---|---|---|\n"
)


@dataclass(frozen=True)
class Reading:
    title: str  # the heading (### ...) of its section in docs/plans.md
    profile: str  # the profile's path under docs/examples


READINGS = (
    Reading("A first half marathon from a 4-mile longest run",
            "readings/first-half-from-4-miles.yaml"),
    Reading("A first marathon on long work blocks", "readings/first-marathon-work-blocks.yaml"),
    Reading("A sub-3 marathon on 4 days a week", "readings/sub3-four-days.yaml"),
    Reading("A 100-miler", "100-mile-ultra.yaml"),
    Reading("A 5-minute mile from 5:40", "readings/mile-from-5-40.yaml"),
    Reading("A rotating shift worker with nights", "readings/shift-worker-nights.yaml"),
    Reading("A marathon on 30-minute workdays and free weekends",
            "readings/weekend-marathon.yaml"),
)  # fmt: skip


def profile_of(reading: Reading) -> Profile:
    return profile_from_dict(yaml.safe_load((EXAMPLES / reading.profile).read_text("utf-8")))


def plan_of(reading: Reading) -> Plan:
    return generate(profile_of(reading), TODAY, DANIELS)


def _is_key(workout: Workout) -> bool:
    back_to_back = workout.title.startswith("Back-to-back")
    marathon_pace = is_marathon_pace_long_run(workout)  # a long run's marathon-pace finish
    return workout.is_quality or workout.kind is WorkoutKind.RACE or back_to_back or marathon_pace


def _row(week: Week) -> str:
    phase = week.phase.value + (", recovery" if week.recovery else "")
    longs = sorted(w.total_distance_m() for _, w in week.workouts() if w.kind is WorkoutKind.LONG)
    long_km = " + ".join(f"{m / 1000:.1f}" for m in longs) or "-"
    keys = "; ".join(w.title for _, w in week.workouts() if _is_key(w)) or "-"
    km = f"{week.distance_m / 1000:.0f}"
    return f"| {week.index} | {phase} | {km} | {week.run_days} | {long_km} | {keys} |\n"


def table(plan: Plan) -> str:
    """Week by week: phase, running km (the goal race included), run days, the long run(s)
    and the key sessions (quality, back-to-back long runs, marathon-pace long runs, races)."""
    return HEADER + "".join(_row(week) for week in plan.weeks)


def table_in_doc(text: str, title: str) -> str:
    """The first Markdown table after the heading ``### title``."""
    lines = text.splitlines(keepends=True)
    start = lines.index(f"### {title}\n")
    rows = []
    for line in lines[start + 1 :]:
        if line.startswith("|"):
            rows.append(line)
        elif rows or line.startswith("#"):
            break
    return "".join(rows)


def rewritten(text: str) -> str:
    for reading in READINGS:
        old = table_in_doc(text, reading.title)
        head = text.index(f"### {reading.title}\n")
        at = text.index(old, head)
        text = text[:at] + table(plan_of(reading)) + text[at + len(old) :]
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="rewrite the tables in docs/plans.md")
    args = parser.parse_args()
    if args.write:
        DOC.write_text(rewritten(DOC.read_text(encoding="utf-8")), encoding="utf-8")
        return
    for reading in READINGS:
        print(f"### {reading.title}\n\n{table(plan_of(reading))}")


if __name__ == "__main__":
    main()
