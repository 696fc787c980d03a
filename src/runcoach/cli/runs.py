"""``runcoach runs``: list, show, add by hand, edit and delete the runs of the log."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from runcoach.cli.context import AppContext, pass_app
from runcoach.cli.output import emit, json_option
from runcoach.cli.run_views import render_detail, render_list
from runcoach.domain.errors import InvalidInput
from runcoach.domain.run.runs import Feel, RaceResult, Sport, Surface, Terrain, WorkoutType
from runcoach.domain.units import (
    UnitSystem,
    counted,
    parse_distance,
    parse_duration,
)
from runcoach.services import run_list
from runcoach.views.runs import (
    detail_json,
    export_json,
    reanalysed_json,
    run_added_json,
    run_changed_json,
    run_deleted_json,
    summary_json,
)

if TYPE_CHECKING:
    from runcoach.services import log_export
    from runcoach.services import runs as service

# Only ``runs list`` is an everyday command: it reads through services.run_list (no
# SQLAlchemy on a migrated SQLite store); the other commands import what they use when run.
DATE = click.DateTime(formats=["%Y-%m-%d"])
TIME = click.DateTime(formats=["%H:%M", "%H:%M:%S"])
WORKOUT_TYPES = click.Choice([t.value for t in WorkoutType])
SURFACES = click.Choice([s.value for s in Surface])
TERRAINS = click.Choice([t.value for t in Terrain])
FEELS = click.Choice([f.value for f in Feel])
SPORTS = click.Choice([s.value for s in Sport])
RPE = click.IntRange(1, 10)
E = TypeVar("E", bound=StrEnum)


@click.group("runs")
def runs_group() -> None:
    """The training log: list, show, add, edit and delete runs."""


@runs_group.command("list")
@click.option("--from", "date_from", type=DATE, help="First day (YYYY-MM-DD), inclusive.")
@click.option("--to", "date_to", type=DATE, help="Last day (YYYY-MM-DD), inclusive.")
@click.option("--type", "workout_type", type=WORKOUT_TYPES, help="Only this workout type.")
@click.option("--sport", type=SPORTS, help="Only this sport (rides, swims...: --sport cycling).")
@click.option("--all", "everything", is_flag=True, help="Every activity: other sports too.")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many (newest first).")
@json_option
@pass_app
def list_command(
    app: AppContext,
    date_from: datetime | None,
    date_to: datetime | None,
    workout_type: str | None,
    sport: str | None,
    everything: bool,
    limit: int | None,
    as_json: bool,
) -> None:
    """List runs, newest first (other sports with --sport or --all)."""
    runs_only = sport is None and not everything
    found = run_list.list_runs(
        app.reads,
        athlete_id=app.athlete_id,
        date_from=_day(date_from),
        date_to=_day(date_to),
        workout_type=workout_type,
        sport=sport,
        limit=limit,
        runs_only=runs_only,
    )
    emit(
        as_json,
        [summary_json(r) for r in found],
        lambda: render_list(found, app.settings.units, runs_only=runs_only),
    )


@runs_group.command("show")
@click.argument("run_id", type=int)
@json_option
@pass_app
def show_command(app: AppContext, run_id: int, as_json: bool) -> None:
    """Everything about one run: numbers, laps, splits, halves and best efforts."""
    from runcoach.services import runs as service

    detail = service.show_run(app.engine, run_id, athlete_id=app.athlete_id)
    emit(as_json, detail_json(detail), lambda: render_detail(detail, app.settings.units))


@runs_group.command("add")
@click.option("--date", "day", type=DATE, help="The day (YYYY-MM-DD); default today.")
@click.option("--time", "at", type=TIME, help="Start time (HH:MM); default noon.")
@click.option("--distance", help="10k, 8.5km, 5mi; a bare number is in your units.")
@click.option("--duration", help="Time taken: 45:00, 1:32:05, 50min.")
@click.option("--sport", type=SPORTS, default=Sport.RUNNING.value, show_default=True)
@click.option("--type", "workout_type", type=WORKOUT_TYPES, help="Workout type.")
@click.option("--rpe", type=RPE, help="Effort, 1 (very easy) to 10 (all out).")
@click.option("--feel", type=FEELS, help="How it felt.")
@click.option("--surface", type=SURFACES)
@click.option("--shoes", help="The pair you wore (its name or id).")
@click.option("--name", help="A title for the run.")
@click.option("--notes")
@json_option
@pass_app
def add_command(app: AppContext, /, as_json: bool, **given: Any) -> None:
    """Add a run without a device file (treadmill, forgotten watch)."""
    from runcoach.cli.shoes import warn_worn
    from runcoach.services import runs as service

    entry = service.ManualRun(
        day=_day(given["day"]) or date.today(),
        at=given["at"].time() if given["at"] else None,
        distance_m=_distance(given["distance"], app.settings.units),
        duration_s=None if not given["duration"] else parse_duration(str(given["duration"])),
        sport=Sport(str(given["sport"])),
        workout_type=_enum(WorkoutType, given["workout_type"]),
        rpe=given["rpe"],
        feel=_enum(Feel, given["feel"]),
        surface=_enum(Surface, given["surface"]),
        shoes=_text(given["shoes"]),
        name=_text(given["name"]),
        notes=_text(given["notes"]),
    )
    added = service.add_manual_run(
        app.engine, entry, athlete_id=app.athlete_id, settings=app.settings
    )
    run_id = added.run_id
    emit(as_json, run_added_json(run_id), lambda: f"added run {run_id}")
    warn_worn(added.worn_out, app.settings.units)


@runs_group.command("edit")
@click.argument("run_id", type=int)
@click.option("--name")
@click.option("--notes")
@click.option("--type", "workout_type", type=WORKOUT_TYPES, help="Workout type.")
@click.option("--surface", type=SURFACES)
@click.option("--terrain", type=TERRAINS)
@click.option("--shoes", help="The pair worn (name or id); 'none' takes them off.")
@click.option("--rpe", type=RPE, help="Effort, 1 to 10.")
@click.option("--feel", type=FEELS)
@click.option("--race/--not-race", default=None, help="Mark (or unmark) the run as a race.")
@click.option("--official-time", help="The race's official time: 1:32:05.")
@click.option("--race-distance", help="The race's distance: half, 10k, 26.2mi.")
@click.option("--race-name", help="The race's name.")
@click.option("--conditions", help='Race-day conditions: "29 °C, humid, 9 pm start".')
@click.option(
    "--trust-samples/--check-samples",
    default=None,
    help="The stretches runcoach took for GPS glitches were real: count them (or check again).",
)
@click.option("--delete", is_flag=True, help="Delete the run (asks first, unless --yes).")
@click.option("--yes", is_flag=True, help="Do not ask before deleting.")
@json_option
@pass_app
def edit_command(app: AppContext, /, run_id: int, as_json: bool, **given: Any) -> None:
    """Change a run's tags, name, notes, shoes and effort; mark it a race; or delete it."""
    from runcoach.cli.shoes import warn_worn
    from runcoach.services import runs as service

    if given["delete"]:
        _delete(app, run_id, bool(given["yes"]), as_json)
        return
    changed = service.edit_run(
        app.engine,
        run_id,
        _edit_of(given, app.settings.units),
        athlete_id=app.athlete_id,
        settings=app.settings,
    )
    emit(as_json, run_changed_json(run_id), lambda: f"changed run {run_id}")
    warn_worn(changed.worn_out, app.settings.units)


def _edit_of(given: dict[str, Any], units: UnitSystem) -> service.RunEdit:
    from runcoach.services import runs as service

    official = given["official_time"]
    distance = given["race_distance"]
    result = RaceResult(
        official_time_s=parse_duration(str(official)) if official else None,
        distance_m=_distance(distance, units),
        name=_text(given["race_name"]),
        conditions=_text(given["conditions"]),
    )
    has_result = any(v is not None for v in vars(result).values())
    return service.RunEdit(
        name=_text(given["name"]),
        notes=_text(given["notes"]),
        workout_type=_enum(WorkoutType, given["workout_type"]),
        surface=_enum(Surface, given["surface"]),
        terrain=_enum(Terrain, given["terrain"]),
        shoes=_text(given["shoes"]),
        rpe=given["rpe"],
        feel=_enum(Feel, given["feel"]),
        race=given["race"],
        race_result=result if has_result else None,
        trust_samples=given["trust_samples"],
    )


@runs_group.command("export")
@click.option(
    "--csv",
    "csv_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the log as CSV to this file: a row per run.",
)
@click.option(
    "--gpx",
    "gpx_folder",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write a GPX file per run with a GPS track into this folder.",
)
@click.option("--from", "date_from", type=DATE, help="First day (YYYY-MM-DD), inclusive.")
@click.option("--to", "date_to", type=DATE, help="Last day (YYYY-MM-DD), inclusive.")
@click.option("--type", "workout_type", type=WORKOUT_TYPES, help="Only this workout type.")
@click.option("--sport", type=SPORTS, help="Only this sport.")
@json_option
@pass_app
def export_command(
    app: AppContext, /, csv_path: Path | None, gpx_folder: Path | None, as_json: bool, **given: Any
) -> None:
    """Export the log: --csv FILE (a row per run) and/or --gpx FOLDER (a file per track)."""
    from runcoach.services import log_export  # here: the GPX writer is for this command alone

    if csv_path is None and gpx_folder is None:
        raise InvalidInput("say what to export", hint="--csv log.csv or --gpx tracks/ (or both)")
    selection = log_export.LogSelection(
        _day(given["date_from"]), _day(given["date_to"]), given["workout_type"], given["sport"]
    )
    csv = gpx = None
    if csv_path is not None:
        csv = log_export.export_csv(app.engine, csv_path, selection, athlete_id=app.athlete_id)
    if gpx_folder is not None:
        gpx = log_export.export_gpx(app.engine, gpx_folder, selection, athlete_id=app.athlete_id)
    emit(as_json, export_json(csv, gpx), lambda: _exported(csv, gpx))


def _exported(csv: log_export.ExportSummary | None, gpx: log_export.ExportSummary | None) -> str:
    lines = []
    if csv is not None:
        lines.append(f"wrote {counted(csv.runs, 'run')} to {csv.path}")
    if gpx is not None:
        lines.append(f"wrote {counted(len(gpx.files), 'GPX file')} to {gpx.path}")
        if gpx.without_track:
            ids = ", ".join(str(i) for i in gpx.without_track[:10])
            more = "" if len(gpx.without_track) <= 10 else ", ..."
            lines.append(
                f"  {counted(len(gpx.without_track), 'run')} without a GPS track "
                f"(treadmill, indoor, typed in): {ids}{more}"
            )
    return "\n".join(lines)


def _delete(app: AppContext, run_id: int, yes: bool, as_json: bool) -> None:
    from runcoach.services import runs as service

    service.show_run(
        app.engine, run_id, athlete_id=app.athlete_id
    )  # a clear error for a run that is not there
    if not yes:
        if as_json:
            raise InvalidInput("deleting with --json needs --yes", hint=f"runs edit {run_id} "
                               "--delete --yes --json")  # fmt: skip
        click.confirm(f"delete run {run_id} and its samples?", abort=True, err=True)
    service.delete_run(app.engine, run_id, athlete_id=app.athlete_id)
    emit(as_json, run_deleted_json(run_id), lambda: f"deleted run {run_id}")


def _day(value: object) -> date | None:
    return value.date() if isinstance(value, datetime) else None


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _enum(kind: type[E], value: object) -> E | None:
    return None if value is None else kind(str(value))


def _distance(text: object, units: UnitSystem) -> float | None:
    """A distance as typed; a bare number is in the runner's units (km or miles)."""
    if text is None or str(text).strip() == "":
        return None
    cleaned = str(text).strip()
    if cleaned.replace(".", "", 1).isdigit():
        cleaned += "mi" if units is UnitSystem.IMPERIAL else "km"
    return parse_distance(cleaned)


COMMANDS = [runs_group]


@runs_group.command("reanalyse")
@json_option
@pass_app
def reanalyse_command(app: AppContext, as_json: bool) -> None:
    """Analyse every stored run again from its kept samples (after upgrading runcoach)."""
    from runcoach.services.reanalysis import reanalyse_runs

    count = reanalyse_runs(app.engine, athlete_id=app.athlete_id)
    emit(
        as_json,
        reanalysed_json(count),
        lambda: f"analysed {counted(count, 'run')} again from their samples",
    )
