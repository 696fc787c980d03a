"""Use cases of day-by-day coaching: check in, what to run today, warnings, planned vs done,
and shifting a rotating schedule.

The plan, the log and the shoes come from their own stores (``gather``); everything else is
the domain's ``runcoach.domain.today``. Every answer given is kept in ``plan_adjustments``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, tzinfo
from typing import Any

from sqlalchemy import Connection

from runcoach.config import Settings
from runcoach.domain.compliance import compliance
from runcoach.domain.errors import InvalidInput, NotFound
from runcoach.domain.logged import LoggedRun, logged_runs
from runcoach.domain.plans.codec import workout_from_dict
from runcoach.domain.plans.model import Plan
from runcoach.domain.runs import Feel, Run, Sport
from runcoach.domain.today.answer import Situation, answer
from runcoach.domain.today.fitness_change import fitness_change
from runcoach.domain.today.health import CheckIn, Symptoms
from runcoach.domain.today.view import answer_to_dict, warning_to_dict, week_to_dict
from runcoach.domain.warnings import ShoeWear, watch
from runcoach.domain.workouts import Workout, WorkoutKind
from runcoach.store import checkins as store
from runcoach.store import runs as run_store
from runcoach.store import shoes as shoe_store


@dataclass(frozen=True)
class Inputs:
    """What the other stores hold for one athlete: the active plan, the log, the shoes."""

    plan: Plan | None
    runs: Sequence[LoggedRun]
    shoes: Sequence[ShoeWear] = field(default_factory=list)

    @classmethod
    def of_runs(cls, plan: Plan | None, runs: Sequence[Run], tz: tzinfo) -> Inputs:
        return cls(plan, logged_runs(runs, tz))

    def log(self) -> list[LoggedRun]:
        return list(self.runs)


def read_log(conn: Connection, athlete_id: int) -> list[LoggedRun]:
    """The running log on the days it was run (each run's own time zone), oldest first."""
    rows = run_store.list_summaries(conn, run_store.RunFilter(athlete_id))
    return sorted((_logged(conn, athlete_id, r) for r in rows if Sport(r.sport).is_run),
                  key=lambda r: r.day)  # fmt: skip


def _logged(conn: Connection, athlete_id: int, row: Any) -> LoggedRun:
    kind = WorkoutKind(row.workout_type) if row.workout_type in _KINDS else None
    distance, duration = row.distance_m or 0.0, row.moving_s or row.elapsed_s or 0.0
    if row.is_race:
        race = run_store.run_of(run_store.get_row(conn, athlete_id, row.id)).race
        distance = (race.distance_m if race else None) or distance
        duration = (race.official_time_s if race else None) or duration
    return LoggedRun(
        row.local_date, distance, duration, WorkoutKind.RACE if row.is_race else kind,
        run_id=row.id, rpe=row.rpe, is_race=bool(row.is_race), shoe_id=row.shoe_id,
    )  # fmt: skip


_KINDS = {k.value for k in WorkoutKind}


def read_shoes(conn: Connection, athlete_id: int, settings: Settings) -> list[ShoeWear]:
    """Pairs still in use with their distance and retirement distance."""
    return [
        ShoeWear(r.id, r.name, float(r.distance_m), r.retirement_m or settings.shoe_retirement_m)
        for r in shoe_store.shoes_with_distance(conn, athlete_id)
        if r.retired_on is None
    ]


def parse_checkin(
    day: date,
    feel: str | None = None,
    symptoms: str | None = None,
    note: str = "",
    can_run: bool | None = None,
) -> CheckIn:
    """A check-in from what the runner typed; symptoms alone mean feeling sick."""
    where = _enum(Symptoms, symptoms, "symptoms")
    how = _enum(Feel, feel, "feel") or (Feel.SICK if where else None)
    return CheckIn(day, how, where, note, can_run)


def _enum(cls: Any, value: str | None, name: str) -> Any:
    if value is None:
        return None
    try:
        return cls(value.strip().lower())
    except ValueError as exc:
        allowed = ", ".join(m.value for m in cls)
        raise InvalidInput(f"'{value}' is not a {name} runcoach knows", hint=allowed) from exc


def record_checkin(conn: Connection, athlete_id: int, checkin: CheckIn) -> CheckIn:
    """Store the check-in, merged with what the runner already said that day."""
    kept = store.merged(store.checkin_on(conn, athlete_id, checkin.day), checkin)
    store.save_checkin(conn, athlete_id, kept)
    return kept


def respond(conn: Connection, athlete_id: int, inputs: Inputs, day: date) -> dict[str, Any]:
    """Today's answer for ``day``, kept in the history of adjustments."""
    plan = _need_plan(inputs)
    log = inputs.log()
    situation = Situation(
        plan, log, store.list_checkins(conn, athlete_id, until=day), inputs.shoes,
        fitness_change(plan, log, day),
    )  # fmt: skip
    got = answer(situation, day)
    detail = answer_to_dict(got)
    store.save_adjustment(conn, athlete_id, day, "today", detail["changes"], detail)
    return detail


def warnings(inputs: Inputs, day: date) -> list[dict[str, Any]]:
    return [warning_to_dict(w) for w in watch(inputs.log(), day, inputs.plan, inputs.shoes)]


def progress(conn: Connection, athlete_id: int, inputs: Inputs, day: date) -> list[dict[str, Any]]:
    """Planned vs done per week, against what ``today`` prescribed where it changed the plan."""
    plan = _need_plan(inputs)
    prescribed = prescribed_days(conn, athlete_id, plan.start, day)
    weeks = compliance(plan, inputs.log(), day, prescribed)
    return [week_to_dict(w) for w in weeks]


def prescribed_days(
    conn: Connection, athlete_id: int, first: date, last: date
) -> dict[date, list[Workout]]:
    """The last answer given for each day that changed the plan."""
    found: dict[date, list[Workout]] = {}
    for row in store.list_adjustments(conn, athlete_id, first, last):
        if row["kind"] != "today":
            continue
        if set(row["changes"]) <= {"as-planned", "rest-day", "dropped", "off-plan"}:
            found.pop(row["day"], None)
            continue
        found[row["day"]] = [workout_from_dict(w) for w in row["detail"]["workouts"]]
    return found


def _need_plan(inputs: Inputs) -> Plan:
    if inputs.plan is None:
        raise NotFound(
            "there is no plan yet, so there is no session to adapt",
            hint="make one first: runcoach plan new --profile profile.yaml",
        )
    return inputs.plan
