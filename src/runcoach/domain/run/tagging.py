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

from runcoach.domain.run.glitches import Glitch, ran_streams
from runcoach.domain.run.records import faster_than_any_runner
from runcoach.domain.run.runs import Run, Sport, Streams, Surface, Terrain, WorkoutType
from runcoach.domain.run.segments import climbs, profile_of, turning_points
from runcoach.domain.run.workout_shapes import (
    EASY_REASON,
    NO_SAMPLES_REASON,
    RunnerContext,
    Shape,
    classify_by_context,
    classify_by_laps,
    classify_relaxed,
    classify_structured,
)
from runcoach.domain.units import METRES_PER_KM, Pace, format_distance, format_pace

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


@dataclass(frozen=True)
class SampleReading:
    """What a run's samples say toward its tags, worked out once from the samples.

    This is the costly part of tagging (the pace profile, its bouts and climbs) and needs
    nothing but the run, so an import works it out in the process that read the file; the
    rest (the runner's recent runs, the sport an export's index gives) is cheap and is
    added where the run is stored. ``infer_tags`` gives the same tags either way.
    """

    recorded: bool = False  # the run has samples
    distance_m: float | None = None  # covered by the distance samples
    ascent_m: float | None = None  # climbed, from the altitude samples
    has_gps: bool = False
    fits_on_a_track: bool = False  # every position within a running track's size
    profiled: bool = False  # the samples give a pace profile to read
    structured: Shape | None = None  # intervals, hill repeats, tempo... from the profile
    relaxed: Shape | None = None  # strides or progression, from the profile


def read_samples(run: Run, glitches: tuple[Glitch, ...] | None = None) -> SampleReading:
    """What ``run``'s samples say toward its tags (nothing, without samples). ``glitches``:
    the run's glitches when they were found already (``RunAnalysis.glitches``), else found
    here."""
    streams = run.streams
    if streams is None:
        return SampleReading()
    reading = SampleReading(
        recorded=True,
        distance_m=_samples_distance_m(streams),
        ascent_m=_samples_ascent_m(streams),
        has_gps=streams.has_gps,
    )
    ran = ran_streams(run, glitches)  # glitches become stops: no car tempo
    profile = profile_of(ran or streams)
    return dataclasses.replace(
        reading,
        fits_on_a_track=_fits_on_a_track(run, reading),
        profiled=profile is not None,
        structured=None if profile is None else classify_structured(profile, climbs(profile)),
        relaxed=None if profile is None else classify_relaxed(profile),
    )


def infer_tags(
    run: Run, context: RunnerContext | None = None, reading: SampleReading | None = None
) -> InferredTags:
    """Workout type, surface and terrain as far as the data shows them.

    ``reading`` is ``read_samples(run)`` when it was worked out already (the run may then come
    without its samples); it is worked out here otherwise.
    """
    known = read_samples(run) if reading is None else reading
    return InferredTags(
        workout_type=infer_workout_type(run, context or RunnerContext(), known),
        surface=infer_surface(run, known),
        terrain=infer_terrain(run, known),
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


def infer_terrain(run: Run, reading: SampleReading | None = None) -> Inference[Terrain] | None:
    """Flat, rolling or hilly from the climbing per km; None without altitude or distance."""
    known = read_samples(run) if reading is None else reading
    distance_m = _distance_m(run, known)
    ascent_m, source = _ascent_m(run, known)
    if ascent_m is None or not distance_m or distance_m < METRES_PER_KM / 2:
        return None
    per_km = ascent_m / (distance_m / METRES_PER_KM)
    reason = f"{per_km:.1f} m of climbing per km ({ascent_m:.0f} m {source})"
    if per_km < FLAT_MAX_M_PER_KM:
        return Inference(Terrain.FLAT, reason)
    if per_km < HILLY_MIN_M_PER_KM:
        return Inference(Terrain.ROLLING, reason)
    return Inference(Terrain.HILLY, reason)


def _distance_m(run: Run, reading: SampleReading) -> float | None:
    return run.distance_m or reading.distance_m


def _samples_distance_m(streams: Streams) -> float | None:
    import numpy as np

    if streams.distance_m is None:
        return None
    recorded = streams.distance_m[np.isfinite(streams.distance_m)]
    return float(recorded.max() - recorded.min()) if len(recorded) else None


def _ascent_m(run: Run, reading: SampleReading) -> tuple[float | None, str]:
    if run.ascent_m is not None:
        return run.ascent_m, "as the device measured it"
    if reading.ascent_m is None:
        return None, ""
    return reading.ascent_m, "from the altitude samples"


def _samples_ascent_m(streams: Streams) -> float | None:
    import numpy as np

    if streams.altitude_m is None:
        return None
    altitude = streams.altitude_m[np.isfinite(streams.altitude_m)]
    if len(altitude) < 2:
        return None
    turns = altitude[turning_points(altitude, STREAM_ASCENT_HYSTERESIS_M)]
    return float(np.clip(np.diff(turns), 0, None).sum())


# --- surface ---------------------------------------------------------------------------------


def infer_surface(run: Run, reading: SampleReading | None = None) -> Inference[Surface] | None:
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
    return _surface_from_samples(run, read_samples(run) if reading is None else reading)


def _surface_from_samples(run: Run, reading: SampleReading) -> Inference[Surface] | None:
    track_laps = sum(
        1
        for lap in run.laps
        if lap.distance_m is not None and abs(lap.distance_m - TRACK_LAP_M) <= TRACK_LAP_TOLERANCE_M
    )
    if track_laps >= TRACK_MIN_LAPS and track_laps * 2 >= len(run.laps):
        return Inference(Surface.TRACK, f"{track_laps} laps of ~400 m")
    if not reading.recorded:
        return None
    if not reading.has_gps:
        if not _distance_m(run, reading):
            return None
        return Inference(Surface.TREADMILL, "distance without GPS (a foot pod or the watch)")
    if reading.fits_on_a_track:
        return Inference(Surface.TRACK, "every position lies within a running track's size")
    return Inference(Surface.ROAD, "outdoor run with GPS, not marked trail")


def _fits_on_a_track(run: Run, reading: SampleReading) -> bool:
    import numpy as np

    streams = run.streams
    distance_m = _distance_m(run, reading)
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


def infer_workout_type(
    run: Run, context: RunnerContext, reading: SampleReading | None = None
) -> Inference[WorkoutType]:
    """What kind of session the run was, from its sport, laps, pace and climbs."""
    known = read_samples(run) if reading is None else reading
    if not run.sport.is_run:
        kind = WorkoutType.STRENGTH if run.sport is Sport.STRENGTH else WorkoutType.CROSS_TRAINING
        return Inference(kind, f"{run.sport.value.replace('_', ' ')} is not running")
    too_fast = _too_fast_for_running(run, known)
    if too_fast is not None:
        return Inference(WorkoutType.CROSS_TRAINING, too_fast)
    if run.race is not None:
        return Inference(WorkoutType.RACE, "marked as a race")
    if run.name and _RACE_NAME.search(run.name):
        return Inference(WorkoutType.RACE, f"named '{run.name}'")
    shape = classify_by_laps(run.laps) or _from_samples(run, context, known)
    return Inference(*shape)


def _from_samples(run: Run, context: RunnerContext, reading: SampleReading) -> Shape:
    """Structured sessions first, then long, then strides or progression, else by context."""
    if not reading.profiled:
        kind, reason = classify_by_context(run, context, _pace_of(run, reading))
        return kind, NO_SAMPLES_REASON if reason == EASY_REASON else reason
    return (
        reading.structured
        or _long_only(run, context)
        or reading.relaxed
        or classify_by_context(run, context, _pace_of(run, reading))
    )


def _long_only(run: Run, context: RunnerContext) -> Shape | None:
    shape = classify_by_context(run, context, None)
    return shape if shape[0] is WorkoutType.LONG else None


def _too_fast_for_running(run: Run, reading: SampleReading) -> str | None:
    pace, distance_m = _pace_of(run, reading), _distance_m(run, reading)
    if pace is None or distance_m is None:
        return None
    if not faster_than_any_runner(distance_m, pace.time_for(distance_m)):
        return None
    return (
        f"{format_pace(pace)} over {format_distance(distance_m)} is faster than any runner: "
        "a ride or a drive saved as a run?"
    )


def _pace_of(run: Run, reading: SampleReading) -> Pace | None:
    distance_m = _distance_m(run, reading)
    duration_s = run.duration_s
    if not distance_m or not duration_s:
        return None
    return Pace.from_distance_time(distance_m, duration_s)
