"""Runs as JSON: the one shape that ``runcoach runs ... --json`` and ``/api/v1/runs`` return."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, NotRequired, TypedDict

from runcoach.domain.run.runs import Lap, RaceResult, Sport, activity_label, counts_as_running
from runcoach.services.run_list import RunSummary

__all__ = ["ExportJson", "ExportedJson", "ReanalysedJson", "RunAddedJson", "RunChangedJson",
           "RunDeletedJson", "RunDetailJson", "RunSummaryJson", "SamplesJson", "detail_json",
           "export_json", "reanalysed_json", "run_added_json", "run_changed_json",
           "run_deleted_json", "samples_json", "summary_json", "tag_value"]  # fmt: skip
from runcoach.views.json import IsoDate, IsoDateTime

if TYPE_CHECKING:
    from runcoach.services.log_export import ExportSummary  # the GPX writer: for export alone
    from runcoach.services.run_files import ChartSamples  # NumPy and SQLAlchemy
    from runcoach.services.runs import RunDetail  # its module reads with SQLAlchemy


class RunSummaryJson(TypedDict):
    id: int
    start_utc: IsoDateTime  # UTC
    date: IsoDate  # the athlete's calendar day
    sport: str
    is_run: bool  # counts toward running volume
    name: str | None
    distance_m: float | None
    duration_s: float | None  # moving time when known, else elapsed
    pace_s_per_km: float | None
    ascent_m: float | None
    avg_hr: float | None
    workout_type: str | None
    surface: str | None
    terrain: str | None
    shoe_id: int | None
    is_race: bool
    split: str | None  # negative, even or positive halves
    source: str


def summary_json(run: RunSummary) -> RunSummaryJson:
    return {
        "id": run.id,
        "start_utc": run.start_utc.isoformat(),
        "date": run.local_date.isoformat(),
        "sport": run.sport,
        "is_run": counts_as_running(Sport(run.sport), run.workout_type),
        "name": run.name,
        "distance_m": run.distance_m,
        "duration_s": run.duration_s,
        "pace_s_per_km": run.pace_s_per_km,
        "ascent_m": run.ascent_m,
        "avg_hr": run.avg_hr,
        "workout_type": run.workout_type,
        "surface": run.surface,
        "terrain": run.terrain,
        "shoe_id": run.shoe_id,
        "is_race": run.is_race,
        "split": run.split_kind,
        "source": run.source,
    }


class RunDetailJson(TypedDict):
    id: int | None
    start_utc: IsoDateTime  # UTC
    timezone: str | None
    date: IsoDate  # the athlete's calendar day
    sport: str
    is_run: bool
    activity: str
    sub_sport: str | None
    name: str | None
    notes: str | None
    distance_m: float | None
    moving_s: float | None
    elapsed_s: float | None
    ascent_m: float | None
    descent_m: float | None
    avg_hr: float | None
    max_hr: float | None
    avg_cadence_spm: float | None
    max_cadence_spm: float | None
    avg_power_w: float | None
    max_power_w: float | None
    calories: float | None
    device: str | None
    pace_s_per_km: float | None
    workout_type: str | None
    workout_type_reason: str | None
    surface: str | None
    terrain: str | None
    tags_inferred: dict[str, bool]  # per tag: inferred from the data, not told
    shoes: str | None
    rpe: int | None
    feel: str | None
    race: RaceResult | None
    laps: list[Lap]
    analysis: dict[str, Any] | None  # splits, halves, glitches: docs/run-analysis.md
    best_efforts: list[dict[str, float]]
    samples_trusted: bool
    source: str
    sources: list[dict[str, Any]]  # the files the run was read from


def detail_json(detail: RunDetail) -> RunDetailJson:
    run, analysis = detail.run, detail.analysis
    race = run.race
    data: dict[str, Any] = {
        "id": run.id,
        "start_utc": run.start.isoformat(),
        "timezone": run.timezone,
        "date": detail.local_date.isoformat(),
        "sport": run.sport.value,
        "is_run": run.is_run,
        "activity": activity_label(run.sport, run.workout_type),
        "sub_sport": run.sub_sport,
        "name": run.name,
        "notes": run.notes,
        **{name: getattr(run, name) for name in _NUMBERS},
        "pace_s_per_km": None if run.pace is None else run.pace.seconds_per_km,
        "workout_type": tag_value(run.workout_type),
        "workout_type_reason": detail.workout_type_reason,
        "surface": tag_value(run.surface),
        "terrain": tag_value(run.terrain),
        "tags_inferred": detail.tags_inferred,
        "shoes": detail.shoe_name,
        "rpe": run.rpe,
        "feel": tag_value(run.feel),
        "race": None if race is None else vars(race),
        "laps": [_lap_json(lap) for lap in run.laps],
        "analysis": None if analysis is None else _analysis_json(detail),
        "best_efforts": detail.best_efforts,
        "samples_trusted": run.samples_trusted,
        "source": run.source,
        "sources": detail.sources,
    }
    return data  # type: ignore[return-value]  # the numbers' keys are spread from _NUMBERS


_NUMBERS = (
    "distance_m", "moving_s", "elapsed_s", "ascent_m", "descent_m", "avg_hr", "max_hr",
    "avg_cadence_spm", "max_cadence_spm", "avg_power_w", "max_power_w", "calories", "device",
)  # fmt: skip


def tag_value(tag: Any) -> Any:
    return None if tag is None else tag.value


def _lap_json(lap: Lap) -> dict[str, Any]:
    return {**vars(lap), "start": lap.start.isoformat()}


def _analysis_json(detail: RunDetail) -> dict[str, Any]:
    assert detail.analysis is not None
    data = detail.analysis.to_dict()
    data.pop("best_efforts", None)
    data["negative_split"] = detail.analysis.negative_split
    return data


Samples = list[float | None] | None  # one value per sample given (null: a gap); null: not recorded


class SamplesJson(TypedDict):
    """A run's samples for its charts and map: every list holds one value per sample given."""

    points: int  # samples given
    recorded: int  # samples the device recorded
    method: Literal["m4", "all"]  # m4: thinned, each chart's highs and lows kept; all: every one
    time_s: Samples  # since the start
    distance_m: Samples
    latitude: Samples  # degrees (null where a privacy zone or a trimmed end hides the track)
    longitude: Samples
    altitude_m: Samples
    heart_rate: Samples  # beats per minute
    cadence_spm: Samples  # steps per minute
    pace_s_per_km: Samples  # over the last 30 s


def samples_json(found: ChartSamples) -> SamplesJson:
    columns = found.columns
    return {
        "points": found.points,
        "recorded": found.recorded,
        "method": "m4" if found.method == "m4" else "all",
        "time_s": columns["time_s"],
        "distance_m": columns["distance_m"],
        "latitude": columns["latitude"],
        "longitude": columns["longitude"],
        "altitude_m": columns["altitude_m"],
        "heart_rate": columns["heart_rate"],
        "cadence_spm": columns["cadence_spm"],
        "pace_s_per_km": columns["pace_s_per_km"],
    }


class RunAddedJson(TypedDict):
    """A run added at the command line: its id (a pair it wore out is warned of on stderr)."""

    id: int


def run_added_json(run_id: int) -> RunAddedJson:
    return {"id": run_id}


class RunChangedJson(TypedDict):
    """A run changed by ``runs edit``: its id."""

    id: int
    changed: Literal[True]


def run_changed_json(run_id: int) -> RunChangedJson:
    return {"id": run_id, "changed": True}


class RunDeletedJson(TypedDict):
    """A run deleted, with its samples and files: its id."""

    id: int
    deleted: Literal[True]


def run_deleted_json(run_id: int) -> RunDeletedJson:
    return {"id": run_id, "deleted": True}


class ReanalysedJson(TypedDict):
    """How many runs were analysed again from their kept samples."""

    reanalysed: int


def reanalysed_json(count: int) -> ReanalysedJson:
    return {"reanalysed": count}


class ExportedJson(TypedDict):
    """One export written: where, how many runs, the files written (GPX: one a track) and
    the runs left out for want of a GPS track (GPX only)."""

    path: str
    runs: int
    files: list[str]
    without_track: list[int]


class ExportJson(TypedDict):
    """``runs export``: the CSV and/or the GPX export, whichever was asked for."""

    csv: NotRequired[ExportedJson]
    gpx: NotRequired[ExportedJson]


def export_json(csv: ExportSummary | None = None, gpx: ExportSummary | None = None) -> ExportJson:
    done: ExportJson = {}
    if csv is not None:
        done["csv"] = _exported_json(csv)
    if gpx is not None:
        done["gpx"] = _exported_json(gpx)
    return done


def _exported_json(summary: ExportSummary) -> ExportedJson:
    return {
        "path": str(summary.path),
        "runs": summary.runs,
        "files": [str(f) for f in summary.files],
        "without_track": list(summary.without_track),
    }
