"""The training log's use cases: list runs, show one, add a run by hand, edit or delete it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import Connection, Engine

from runcoach.config import Settings
from runcoach.domain.errors import InvalidInput
from runcoach.domain.hints import Do, Hint
from runcoach.domain.run.efforts import RunAnalysis, analyse_run
from runcoach.domain.run.records import faster_than_any_runner
from runcoach.domain.run.runs import (
    NOT_RUNNING,
    Feel,
    RaceResult,
    Run,
    Sport,
    Surface,
    Terrain,
    WorkoutType,
)
from runcoach.domain.run.tagging import infer_tags
from runcoach.domain.run.workout_shapes import RECENT_DAYS, runner_context
from runcoach.domain.units import Pace, format_distance, format_duration, format_pace
from runcoach.services.reanalysis import reanalyse_run

# the listing lives in services.run_list (no SQLAlchemy); named here for the callers of runs
from runcoach.services.run_list import RunSummary as RunSummary
from runcoach.services.run_list import list_runs as list_runs
from runcoach.services.run_list import run_filter as run_filter
from runcoach.services.shoes import ShoeReport, worn_out_now
from runcoach.store import run_rows
from runcoach.store import runs as run_store
from runcoach.store.db import read_only
from runcoach.store.shoes import get_shoe
from runcoach.store.source_files import sources_of

MANUAL_DEFAULT_TIME = time(12, 0)  # a manual run without a time is put at noon (local)


@dataclass
class RunDetail:
    """Everything the log knows about one run, for ``runs show``."""

    run: Run
    local_date: date
    tags_inferred: dict[str, bool]
    workout_type_reason: str | None
    shoe_name: str | None
    analysis: RunAnalysis | None
    best_efforts: list[dict[str, float]] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)


def show_run(engine: Engine, run_id: int, *, athlete_id: int) -> RunDetail:
    with read_only(engine) as conn:
        row = run_store.get_row(conn, athlete_id, run_id)
        run = run_rows.run_of(row)
        run.laps = run_store.laps_of(conn, run_id)
        efforts = [
            {"distance_m": e.distance_m, "elapsed_s": e.elapsed_s, "start_m": e.start_m}
            for e in run_store.efforts_of(conn, run_id)
        ]
        sources = [
            {"name": s.name, "format": s.format, "size_bytes": s.size_bytes,
             "primary": bool(s.is_primary)}
            for s in sources_of(conn, run_id)
        ]  # fmt: skip
        shoe = _shoe_name(conn, athlete_id, row.shoe_id)
    return RunDetail(
        run=run,
        local_date=row.local_date,
        tags_inferred={t: bool(getattr(row, f"{t}_inferred")) for t in run_store.TAGS},
        workout_type_reason=row.workout_type_reason,
        shoe_name=shoe,
        analysis=_analysis(row.analysis),
        best_efforts=efforts,
        sources=sources,
    )


def _analysis(data: dict[str, Any] | None) -> RunAnalysis | None:
    if data is None:
        return None
    return RunAnalysis.from_dict({**data, "best_efforts": []})


def _shoe_name(conn: Connection, athlete_id: int, shoe_id: int | None) -> str | None:
    if shoe_id is None:
        return None
    return str(get_shoe(conn, athlete_id, str(shoe_id)).name)


# --- manual runs -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ManualRun:
    """What a runner types for a run without a device."""

    day: date
    distance_m: float | None
    duration_s: float | None
    at: time | None = None
    sport: Sport = Sport.RUNNING
    workout_type: WorkoutType | None = None
    rpe: int | None = None
    feel: Feel | None = None
    notes: str | None = None
    name: str | None = None
    shoes: str | None = None
    surface: Surface | None = None


@dataclass(frozen=True)
class RunWritten:
    """A run added or changed, and the pairs now worn out (the door tells the runner)."""

    run_id: int
    worn_out: tuple[ShoeReport, ...] = ()


def add_manual_run(
    engine: Engine, entry: ManualRun, *, athlete_id: int, settings: Settings | None = None
) -> RunWritten:
    """Log a run typed by hand; with ``settings`` (the shoes' default retirement distance)
    the result names the pairs it wore out."""
    if entry.distance_m is None and entry.duration_s is None:
        raise InvalidInput(
            "a run needs a distance or a duration (or both)",
            hint=Hint(Do.GIVE_DISTANCE_OR_DURATION, "for example 8km in 45:00"),
        )
    start = datetime.combine(entry.day, entry.at or MANUAL_DEFAULT_TIME, tzinfo=UTC)
    _check_plausible(entry)
    with engine.begin() as conn:
        zone = run_store.athlete_timezone(conn, athlete_id)
        today = run_store.local_date_of(datetime.now(UTC), zone)
        if entry.day > today:
            raise InvalidInput(
                f"the run's date {entry.day} is in the future (today is {today})",
                hint="log a run once it is run; a planned one goes in the plan",
            )
        shoe_id = None if entry.shoes is None else int(get_shoe(conn, athlete_id, entry.shoes).id)
        run = Run(
            start=start, sport=entry.sport, elapsed_s=entry.duration_s,
            moving_s=entry.duration_s, distance_m=entry.distance_m,
            workout_type=entry.workout_type, rpe=entry.rpe, feel=entry.feel,
            notes=entry.notes, name=entry.name, shoe_id=shoe_id, surface=entry.surface,
            source="manual",
        )  # fmt: skip
        recent = run_store.recent_runs(conn, athlete_id, start, RECENT_DAYS)
        tags = infer_tags(run, runner_context(recent))
        run_id = run_store.insert_run(conn, athlete_id, run, analyse_run(run), tags)
        return RunWritten(run_id, _worn(conn, settings, athlete_id))


def _worn(conn: Connection, settings: Settings | None, athlete_id: int) -> tuple[ShoeReport, ...]:
    return () if settings is None else worn_out_now(conn, settings, athlete_id)


def _check_plausible(entry: ManualRun) -> None:
    """A typed run faster than any runner is a typo (500k for 50k), unless it was not a run."""
    if entry.distance_m is None or entry.duration_s is None:
        return
    not_running = entry.workout_type in NOT_RUNNING or not entry.sport.is_run
    if not not_running and faster_than_any_runner(entry.distance_m, entry.duration_s):
        pace = format_pace(Pace.from_distance_time(entry.distance_m, entry.duration_s))
        raise InvalidInput(
            f"{format_distance(entry.distance_m)} in {format_duration(entry.duration_s)} "
            f"({pace}) is faster than the world record: a typo?",
            hint=Hint(
                Do.CHECK_DISTANCE_AND_DURATION,
                "check the distance and the duration; a ride goes in as cycling",
            ),
        )


# --- editing ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RunEdit:
    """The changes a runner asks for; ``None`` leaves a field as it is."""

    name: str | None = None
    notes: str | None = None
    workout_type: WorkoutType | None = None
    surface: Surface | None = None
    terrain: Terrain | None = None
    shoes: str | None = None  # a pair's name or id; "none" takes the shoes off the run
    rpe: int | None = None
    feel: Feel | None = None
    race: bool | None = None  # True marks a race, False unmarks it
    race_result: RaceResult | None = None
    trust_samples: bool | None = None  # True: the stretches taken for glitches were real


NO_SHOES = "none"


def edit_run(
    engine: Engine, run_id: int, edit: RunEdit, *, athlete_id: int, settings: Settings | None = None
) -> RunWritten:
    """Change a run; with ``settings`` the result names the pairs now worn out."""
    if edit.rpe is not None and not 1 <= edit.rpe <= 10:
        raise InvalidInput(
            f"effort (RPE) is from 1 to 10, not {edit.rpe}", hint=Hint(Do.GIVE_RPE, "for example 6")
        )
    with engine.begin() as conn:
        current = run_store.get_row(conn, athlete_id, run_id)
        values = _plain_changes(edit)
        values.update(_tag_changes(edit))
        values.update(_race_changes(edit, bool(current.is_race)))
        _check_race_time(values, current)
        if edit.shoes is not None:
            values["shoe_id"] = _shoe_id(conn, athlete_id, edit.shoes)
        if edit.trust_samples is not None:
            values["samples_trusted"] = edit.trust_samples
        if not values:
            raise InvalidInput(
                "nothing to change", hint=Hint(Do.GIVE_CHANGE, "for example its type or its shoes")
            )
        run_store.update_run(conn, athlete_id, run_id, values)
        if edit.trust_samples is not None:
            reanalyse_run(conn, run_id, athlete_id=athlete_id)
        return RunWritten(run_id, _worn(conn, settings, athlete_id))


def _plain_changes(edit: RunEdit) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in ("name", "notes", "rpe"):
        if getattr(edit, name) is not None:
            values[name] = getattr(edit, name)
    if edit.feel is not None:
        values["feel"] = edit.feel.value
    return values


def _tag_changes(edit: RunEdit) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for tag in run_store.TAGS:
        chosen = getattr(edit, tag)
        if chosen is not None:
            values[tag] = chosen.value
            values[f"{tag}_inferred"] = False
    if "workout_type" in values:
        values["workout_type_reason"] = None
    return values


def _race_changes(edit: RunEdit, is_race: bool) -> dict[str, Any]:
    if edit.race is False:
        return {"is_race": False} | {f"race_{n}": None for n in run_rows.RACE_FIELDS}
    if edit.race is None and edit.race_result is None:
        return {}
    if edit.race_result is not None and edit.race is None and not is_race:
        raise InvalidInput(
            "this run is not marked as a race",
            hint=Hint(Do.MARK_AS_RACE, "mark it a race with its result"),
        )
    values: dict[str, Any] = {"is_race": True}
    if edit.race is True:
        values |= {"workout_type": WorkoutType.RACE.value, "workout_type_inferred": False}
    result = edit.race_result or RaceResult()
    for name in run_rows.RACE_FIELDS:
        value = getattr(result, run_rows.RACE_ATTRIBUTES[name])
        if value is not None:
            values[f"race_{name}"] = value
    return values


def _check_race_time(values: dict[str, Any], current: Any) -> None:
    """An official time faster than the world record for its distance is a typo."""
    time_s = values.get("race_official_time_s", current.race_official_time_s)
    distance_m = values.get("race_distance_m", current.race_distance_m) or current.distance_m
    if not values.get("is_race") or not time_s or not distance_m:
        return
    if faster_than_any_runner(distance_m, time_s):
        raise InvalidInput(
            f"an official time of {format_duration(time_s)} over "
            f"{format_distance(distance_m)} is faster than the world record: a typo?",
            hint=Hint(
                Do.GIVE_OFFICIAL_TIME,
                "give the official time as h:mm:ss or mm:ss, e.g. 44:30, and the race's "
                "distance if the race was not the run's distance",
            ),
        )


def _shoe_id(conn: Connection, athlete_id: int, shoes: str) -> int | None:
    if shoes.strip().lower() == NO_SHOES:
        return None
    return int(get_shoe(conn, athlete_id, shoes).id)


def delete_run(engine: Engine, run_id: int, *, athlete_id: int) -> None:
    with engine.begin() as conn:
        run_store.delete_run(conn, athlete_id, run_id)
