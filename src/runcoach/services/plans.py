"""Plan use cases: build from a profile, store, show, check, export, import, edit."""

from __future__ import annotations

from copy import deepcopy
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from runcoach.domain.errors import InvalidInput, NotFound
from runcoach.domain.plans.edit import workout_from_spec
from runcoach.domain.plans.generator import generate
from runcoach.domain.plans.model import Plan
from runcoach.domain.plans.paces import DANIELS, plan_paces
from runcoach.domain.plans.profile import Profile, Result
from runcoach.domain.plans.rules import Violation, check
from runcoach.domain.plans.workouts import Workout
from runcoach.domain.units import UnitSystem
from runcoach.exporters.plan_json import plan_to_json
from runcoach.services.files import atomic_path
from runcoach.services.fitness import fitness_performances
from runcoach.store import plans as store
from runcoach.store.db import read_only

DEFAULT_VDOT = 40.0  # paces for editing a plan that carries no VDOT (a hand-written plan)


@dataclass(frozen=True)
class Built:
    plan_id: int | None
    plan: Plan
    violations: list[Violation]
    filled_from_log: list[str]


DAYS_PER_YEAR = 365.25


def fill_from_log(
    engine: Engine, profile: Profile, today: date, *, athlete_id: int
) -> tuple[Profile, list[str]]:
    """What the profile leaves out and the training log can tell: current weekly volume and
    longest run (last weeks), years of running (how far back the log goes, when that is a year
    or more: a shorter log cannot tell a beginner from a runner with a new watch) and, when no
    recent run tells the longest (a comeback), the longest run ever."""
    filled: list[str] = []
    with read_only(engine) as conn:
        found = None
        if profile.weekly_distance_m is None or profile.longest_run_m is None:
            found = store.log_volume(conn, athlete_id, today)
        history = store.log_history(conn, athlete_id, today) if profile.unstated else None
    if found is not None:
        weekly, longest = found
        if profile.weekly_distance_m is None:
            profile, filled = replace(profile, weekly_distance_m=weekly), ["weekly_distance"]
        if profile.longest_run_m is None:
            profile, filled = replace(profile, longest_run_m=longest), [*filled, "longest_run_30d"]
    if not profile.results:
        profile, filled = _results_from_log(engine, profile, today, athlete_id, filled)
    if history is not None:
        first, longest_ever = history
        years = (today - first).days / DAYS_PER_YEAR
        if "years_running" in profile.unstated and years >= 1.0:
            profile = replace(profile, years_running=round(years, 1))
            filled.append("years_running")
        # the longest run ever only matters when the recent longest is unknown (a comeback)
        if (
            "longest_run_ever" in profile.unstated
            and longest_ever > 0
            and not profile.longest_run_m
        ):
            profile = replace(profile, longest_run_ever_m=longest_ever)
            filled.append("longest_run_ever")
    return profile, filled


def _results_from_log(
    engine: Engine, profile: Profile, today: date, athlete_id: int, filled: list[str]
) -> tuple[Profile, list[str]]:
    """The races, time trials and hard efforts of the last year that set the runner's current
    fitness, when the profile gives no result: the plan's paces and the goal's verdict come
    from them rather than from an assumed VDOT."""
    found = fitness_performances(engine, today, athlete_id=athlete_id)
    if not found:
        return profile, filled
    results = tuple(Result(p.date, p.distance_m, p.time_s) for p in found)
    return replace(profile, results=results), [*filled, "recent_results"]


def build_plan(
    engine: Engine, profile: Profile, today: date, save: bool = True, *, athlete_id: int
) -> Built:
    """A plan from a profile (a file's or a web form's), filled from the log where silent."""
    profile, filled = fill_from_log(engine, profile, today, athlete_id=athlete_id)
    plan = generate(profile, today, DANIELS)
    plan_id = None
    if save:
        with engine.begin() as conn:
            plan_id = store.add_plan(conn, athlete_id, plan)
    return Built(plan_id, plan, check(plan), filled)


def active_plan(engine: Engine, plan_id: int | None = None, *, athlete_id: int) -> store.StoredPlan:
    with read_only(engine) as conn:
        return store.get_plan(conn, athlete_id, plan_id)


def check_plan(plan: Plan) -> list[Violation]:
    """Every rule the plan breaks, with the date (those it declares are marked accepted)."""
    return check(plan)


def import_plan(engine: Engine, plan: Plan, *, athlete_id: int) -> Built:
    """Store a plan (exported, or written by a coach) as the athlete's active plan."""
    with engine.begin() as conn:
        plan_id = store.add_plan(conn, athlete_id, plan)
    return Built(plan_id, plan, check(plan), [])


def export_ical(plan: Plan, path: Path, units: UnitSystem) -> Path:
    with atomic_path(path) as partial:
        from runcoach.exporters.ical import plan_to_ical  # only when exporting (its imports)

        partial.write_bytes(plan_to_ical(plan, units))
    return path


def export_json(plan: Plan, path: Path) -> Path:
    with atomic_path(path) as partial:
        partial.write_text(plan_to_json(plan), encoding="utf-8")
    return path


def export_fit(plan: Plan, folder: Path) -> list[Path]:
    """One FIT workout file per structured run, named by date and title."""
    from runcoach.exporters.fit_workout import workout_fit_bytes  # fit-tool: only to export

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for day in plan.days():
        for k, workout in enumerate(w for w in day.workouts if w.is_run and w.blocks):
            path = folder / f"{day.day.isoformat()}-{k + 1}-{_slug(workout.title)}.fit"
            with atomic_path(path) as partial:
                partial.write_bytes(workout_fit_bytes(workout, day.day))
            written.append(path)
    return written


def _slug(title: str) -> str:
    keep = "".join(c if c.isalnum() else "-" for c in title.lower())
    return "-".join(part for part in keep.split("-") if part)[:40]


def edit_plan(
    engine: Engine,
    day: date,
    spec: str | None,
    workout: Workout | None,
    plan_id: int | None = None,
    *,
    athlete_id: int,
) -> Built:
    """Replace the runs of ``day`` with a workout (a text spec, or one given whole); re-check
    the plan."""
    stored = active_plan(engine, plan_id, athlete_id=athlete_id)
    plan = edited(stored.plan, day, spec, workout)
    with engine.begin() as conn:
        store.replace_plan(conn, stored.id, plan, f"edit: {day}")
    return Built(stored.id, plan, check(plan), [])


def edited(plan: Plan, day: date, spec: str | None, workout: Workout | None) -> Plan:
    """A copy of ``plan`` whose ``day`` has its runs replaced by a workout (a text spec, or
    one given whole); ``plan`` itself is left as it was."""
    plan = deepcopy(plan)
    target = plan.day(day)
    if target is None:
        raise NotFound(f"{day} is not a day of this plan ({plan.start} to {plan.end})")
    workout = _new_workout(plan, spec, workout)
    kept = [w for w in target.workouts if not w.is_run and w.kind.value != "rest"]
    target.workouts = [workout, *kept] if workout.is_run else [*kept, workout]
    target.note = "edited by hand"
    return plan


def _new_workout(plan: Plan, spec: str | None, given: Workout | None) -> Workout:
    if (spec is None) == (given is None):
        raise InvalidInput(
            "give the workout either as text or as a workout file, not both or neither"
        )
    if given is not None:
        return given
    assert spec is not None
    return workout_from_spec(spec, plan_paces(plan.vdot or DEFAULT_VDOT))
