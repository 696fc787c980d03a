"""Tags inferred from a run's data: workout type, surface and terrain, each with its reason.

Every inference is a suggestion: the runner's own tag always wins (``with_inferred_tags``
only fills what the runner left empty), and the reason ("6 fast laps of ~800 m with
recoveries") lets the interface say why runcoach guessed what it did. Where the data cannot
tell, the answer is ``None``, never a made-up default (except workout type: a run with no
structure in its pace is an easy run).

The thresholds are runcoach's own rules unless a source is named; docs/run-analysis.md
explains each one in a runner's words.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Generic, TypeVar

import numpy as np

from runcoach.domain.glitches import ran_streams
from runcoach.domain.records import faster_than_any_runner
from runcoach.domain.runs import Run, Sport, Surface, Terrain, WorkoutType
from runcoach.domain.segments import climbs, profile_of, turning_points
from runcoach.domain.units import METRES_PER_KM, Pace, format_distance, format_pace
from runcoach.domain.workout_shapes import (
    EASY_REASON,
    NO_SAMPLES_REASON,
    RunnerContext,
    Shape,
    classify_by_context,
    classify_by_laps,
    classify_relaxed,
    classify_structured,
)

T = TypeVar("T")

FLAT_MAX_M_PER_KM = 5.0  # m of ascent per km, 3-10; below it a run is flat (Berlin and
# Chicago, the classic flat marathons, gain 1-2 m/km; runcoach's rule)
HILLY_MIN_M_PER_KM = 15.0  # m/km, 10-25; from here a run is hilly (a 10k with 150 m of
# climbing; Boston's famous course is about 6 m/km and counts as rolling; runcoach's rule)
STREAM_ASCENT_HYSTERESIS_M = 5.0  # m, 2-10; altitude wiggles ignored when summing ascent
# from samples (cf. Garmin's and Strava's smoothing: raw GPS altitude overcounts ascent)

TRACK_LAP_M = 400.0  # m; one lap of lane 1 of a standard track (World Athletics)
TRACK_LAP_TOLERANCE_M = 25.0  # m, 5-40; a lap pressed at the line, give or take GPS
TRACK_MIN_LAPS = 4  # laps, 3-10; fewer ~400 m laps could be chance
TRACK_FOOTPRINT_M = (250.0, 150.0)  # m; a 400 m track is 177 x 93 m outside lane 1
# (World Athletics track manual), plus GPS wander; all positions inside means a track
TRACK_MIN_DISTANCE_M = 1_600.0  # m; four laps before a small footprint says "track"

_TREADMILL_WORDS = {"treadmill", "indoor_running", "indoor", "virtual_activity", "virtualrun"}
_TRAIL_WORDS = {"trail", "trailrun", "mountain", "ultra"}
_TRACK_WORDS = {"track"}
_ROAD_WORDS = {"street", "road"}
_RACE_NAME = re.compile(r"\brace\b(?!\s*pace)|\bparkrun\b", re.IGNORECASE)


@dataclass(frozen=True)
class Inference(Generic[T]):
    """A guessed tag and why, in a few words for the runner."""

    value: T
    reason: str


@dataclass(frozen=True)
class InferredTags:
    workout_type: Inference[WorkoutType] | None
    surface: Inference[Surface] | None
    terrain: Inference[Terrain] | None


def infer_tags(run: Run, context: RunnerContext | None = None) -> InferredTags:
    """Workout type, surface and terrain as far as the data shows them."""
    return InferredTags(
        workout_type=infer_workout_type(run, context or RunnerContext()),
        surface=infer_surface(run),
        terrain=infer_terrain(run),
    )


def with_inferred_tags(run: Run, tags: InferredTags) -> Run:
    """The run with inferred tags filled in where the runner has not set one."""

    def keep_or_fill(own: T | None, inferred: Inference[T] | None) -> T | None:
        return own if own is not None or inferred is None else inferred.value

    return dataclasses.replace(
        run,
        workout_type=keep_or_fill(run.workout_type, tags.workout_type),
        surface=keep_or_fill(run.surface, tags.surface),
        terrain=keep_or_fill(run.terrain, tags.terrain),
    )


# --- terrain ---------------------------------------------------------------------------------


def infer_terrain(run: Run) -> Inference[Terrain] | None:
    """Flat, rolling or hilly from the climbing per km; None without altitude or distance."""
    distance_m = _distance_m(run)
    ascent_m, source = _ascent_m(run)
    if ascent_m is None or not distance_m or distance_m < METRES_PER_KM / 2:
        return None
    per_km = ascent_m / (distance_m / METRES_PER_KM)
    reason = f"{per_km:.1f} m of climbing per km ({ascent_m:.0f} m {source})"
    if per_km < FLAT_MAX_M_PER_KM:
        return Inference(Terrain.FLAT, reason)
    if per_km < HILLY_MIN_M_PER_KM:
        return Inference(Terrain.ROLLING, reason)
    return Inference(Terrain.HILLY, reason)


def _distance_m(run: Run) -> float | None:
    if run.distance_m:
        return run.distance_m
    streams = run.streams
    if streams is None or streams.distance_m is None:
        return None
    recorded = streams.distance_m[np.isfinite(streams.distance_m)]
    return float(recorded.max() - recorded.min()) if len(recorded) else None


def _ascent_m(run: Run) -> tuple[float | None, str]:
    if run.ascent_m is not None:
        return run.ascent_m, "as the device measured it"
    if run.streams is None or run.streams.altitude_m is None:
        return None, ""
    altitude = run.streams.altitude_m[np.isfinite(run.streams.altitude_m)]
    if len(altitude) < 2:
        return None, ""
    turns = altitude[turning_points(altitude, STREAM_ASCENT_HYSTERESIS_M)]
    return float(np.clip(np.diff(turns), 0, None).sum()), "from the altitude samples"


# --- surface ---------------------------------------------------------------------------------


def infer_surface(run: Run) -> Inference[Surface] | None:
    """Treadmill, track, trail or road; None for other sports or when nothing tells."""
    if not run.sport.is_run:
        return None
    words = _words(run.sub_sport)
    if run.sport is Sport.TREADMILL or words & _TREADMILL_WORDS:
        return Inference(Surface.TREADMILL, f"the device recorded it as {_said(run)}")
    if run.sport is Sport.TRACK or words & _TRACK_WORDS:
        return Inference(Surface.TRACK, f"the device recorded it as {_said(run)}")
    if run.sport is Sport.TRAIL_RUNNING or words & _TRAIL_WORDS:
        return Inference(Surface.TRAIL, f"the device recorded it as {_said(run)}")
    if words & _ROAD_WORDS:
        return Inference(Surface.ROAD, f"the device recorded it as {_said(run)}")
    return _surface_from_samples(run)


def _surface_from_samples(run: Run) -> Inference[Surface] | None:
    track_laps = sum(
        1
        for lap in run.laps
        if lap.distance_m is not None and abs(lap.distance_m - TRACK_LAP_M) <= TRACK_LAP_TOLERANCE_M
    )
    if track_laps >= TRACK_MIN_LAPS and track_laps * 2 >= len(run.laps):
        return Inference(Surface.TRACK, f"{track_laps} laps of ~400 m")
    streams = run.streams
    if streams is None:
        return None
    if not streams.has_gps:
        if not _distance_m(run):
            return None
        return Inference(Surface.TREADMILL, "distance without GPS (a foot pod or the watch)")
    if _fits_on_a_track(run):
        return Inference(Surface.TRACK, "every position lies within a running track's size")
    return Inference(Surface.ROAD, "outdoor run with GPS, not marked trail")


def _fits_on_a_track(run: Run) -> bool:
    streams = run.streams
    distance_m = _distance_m(run)
    if streams is None or streams.latitude is None or streams.longitude is None:
        return False
    if distance_m is None or distance_m < TRACK_MIN_DISTANCE_M:
        return False
    both = np.isfinite(streams.latitude) & np.isfinite(streams.longitude)
    if not both.any():
        return False
    lat, lon = streams.latitude[both], streams.longitude[both]
    north_m = (np.percentile(lat, 99) - np.percentile(lat, 1)) * _M_PER_DEGREE
    east_m = (
        (np.percentile(lon, 99) - np.percentile(lon, 1))
        * _M_PER_DEGREE
        * np.cos(np.radians(np.median(lat)))
    )
    long_side, short_side = max(north_m, east_m), min(north_m, east_m)
    return bool(long_side <= TRACK_FOOTPRINT_M[0] and short_side <= TRACK_FOOTPRINT_M[1])


_M_PER_DEGREE = 111_195.0  # m per degree of latitude (mean Earth radius 6371 km)


def _words(text: str | None) -> set[str]:
    if not text:
        return set()
    cleaned = text.lower().replace("-", "_").replace(" ", "_")
    return {cleaned, *cleaned.split("_")}


def _said(run: Run) -> str:
    return run.sub_sport.replace("_", " ") if run.sub_sport else run.sport.value.replace("_", " ")


# --- workout type ----------------------------------------------------------------------------


def infer_workout_type(run: Run, context: RunnerContext) -> Inference[WorkoutType]:
    """What kind of session the run was, from its sport, laps, pace and climbs."""
    if not run.sport.is_run:
        kind = WorkoutType.STRENGTH if run.sport is Sport.STRENGTH else WorkoutType.CROSS_TRAINING
        return Inference(kind, f"{run.sport.value.replace('_', ' ')} is not running")
    too_fast = _too_fast_for_running(run)
    if too_fast is not None:
        return Inference(WorkoutType.CROSS_TRAINING, too_fast)
    if run.race is not None:
        return Inference(WorkoutType.RACE, "marked as a race")
    if run.name and _RACE_NAME.search(run.name):
        return Inference(WorkoutType.RACE, f"named '{run.name}'")
    shape = classify_by_laps(run.laps) or _from_samples(run, context)
    return Inference(*shape)


def _from_samples(run: Run, context: RunnerContext) -> Shape:
    """Structured sessions first, then long, then strides or progression, else by context."""
    streams = ran_streams(run)  # glitches become stops: a car's speed is no tempo
    profile = None if streams is None else profile_of(streams)
    if profile is None:
        kind, reason = classify_by_context(run, context, _pace_of(run))
        return kind, NO_SAMPLES_REASON if reason == EASY_REASON else reason
    return (
        classify_structured(profile, climbs(profile))
        or _long_only(run, context)
        or classify_relaxed(profile)
        or classify_by_context(run, context, _pace_of(run))
    )


def _long_only(run: Run, context: RunnerContext) -> Shape | None:
    shape = classify_by_context(run, context, None)
    return shape if shape[0] is WorkoutType.LONG else None


def _too_fast_for_running(run: Run) -> str | None:
    pace, distance_m = _pace_of(run), _distance_m(run)
    if pace is None or distance_m is None:
        return None
    if not faster_than_any_runner(distance_m, pace.time_for(distance_m)):
        return None
    return (
        f"{format_pace(pace)} over {format_distance(distance_m)} is faster than any runner: "
        "a ride or a drive saved as a run?"
    )


def _pace_of(run: Run) -> Pace | None:
    distance_m = _distance_m(run)
    duration_s = run.duration_s
    if not distance_m or not duration_s:
        return None
    return Pace.from_distance_time(distance_m, duration_s)
