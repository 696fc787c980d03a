"""What a run's samples say about how it was run: splits, halves and best efforts.

Pure functions over ``Streams``; ``analyse_run`` bundles them in one ``RunAnalysis`` for
the log to store. All of it needs a distance stream: a run with laps but no distance
samples gets an analysis that is empty and says why (laps are shown as the device
recorded them; nothing is invented from them).

Times are interpolated exactly where the runner crossed a distance, between the two
samples around it. See docs/run-analysis.md for the rules in a runner's words.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Any

from runcoach.domain.run.glitches import Glitch, glitched_distance_m, run_glitches, running_streams
from runcoach.domain.run.records import beyond_world_record
from runcoach.domain.run.runs import FloatArray, Run, Streams
from runcoach.domain.run.track import Track, time_weighted_mean, track_of, value_at_times
from runcoach.domain.units import (
    HALF_MARATHON_M,
    MARATHON_M,
    METRES_PER_KM,
    METRES_PER_MILE,
    Pace,
    distance_label,
    format_distance,
    format_duration,
)

EVEN_SPLIT_TOLERANCE = 0.01  # fraction of pace, 0-0.05; halves within 1 % count as even
# (runcoach's rule: 1 % is 3 s/km at 5:00/km, about what GPS distance error and a
# course's turns add; a coach would not call a 15 s difference over a 10k half a split)

EFFORT_DISTANCES_M: tuple[float, ...] = (
    400.0,
    1000.0,
    METRES_PER_MILE,
    5000.0,
    10000.0,
    HALF_MARATHON_M,
    MARATHON_M,
)  # the standard best efforts of SPEC.md §1 (Strava's list, less 2 mile, 15k, 10 mile...)

SPLIT_ROUNDING = 1e-9  # fraction of a split; float error, not distance
TIE_S = 1e-6  # s; stretches this close in time are equally fast (float rounding)

NO_DISTANCE_STREAM = (
    "no distance samples: splits, halves and best efforts need them "
    "(the device's laps are kept as recorded)"
)
NO_MOVEMENT = "the distance samples never increase: nothing to split"
NO_SAMPLES = "no samples recorded (a manual entry?)"
NOT_A_RUN = "best efforts are kept for runs only"
GLITCHED_HALVES_SHARE = 0.1  # fraction of the distance, 0.05-0.25; a run more glitched than
# this has no halves to compare: what is left is not the run as a whole (runcoach's rule)
PARTIAL_SAMPLES = 0.9  # fraction, 0.5-0.99; samples covering less of the device's distance
# than this are reported as partial (a truncated file, a recording that stopped)


@dataclass(frozen=True)
class Split:
    """One km (or mile) of a run; the last one may be shorter (``is_partial``)."""

    number: int  # 1-based
    start_m: float  # distance into the run where the split starts
    distance_m: float
    elapsed_s: float  # clock time, pauses included
    moving_s: float  # pauses and stops left out
    pace: Pace | None  # from moving time (elapsed if the runner never moved); None if 0 s
    elevation_change_m: float | None  # altitude at the end minus at the start
    avg_hr: float | None  # time-weighted over the split
    is_partial: bool


class SplitKind(StrEnum):
    NEGATIVE = "negative"  # second half faster
    EVEN = "even"
    POSITIVE = "positive"  # second half slower


@dataclass(frozen=True)
class Halves:
    """First and second half of a run by distance, paced from moving time."""

    distance_m: float  # each half
    first_elapsed_s: float
    second_elapsed_s: float
    first_moving_s: float
    second_moving_s: float
    first_pace: Pace
    second_pace: Pace
    kind: SplitKind

    @property
    def difference_fraction(self) -> float:
        """How much slower the second half was (negative: faster), as a fraction of pace."""
        return self.second_pace.seconds_per_km / self.first_pace.seconds_per_km - 1


@dataclass(frozen=True)
class BestEffort:
    """The fastest continuous stretch of ``distance_m`` inside a run (pauses count)."""

    distance_m: float
    start_s: float  # when the stretch started, seconds on the run's clock (``time_s``)
    start_m: float  # where it started, metres into the run
    elapsed_s: float
    pace: Pace

    @property
    def label(self) -> str:
        return distance_label(self.distance_m)


@dataclass(frozen=True)
class RunAnalysis:
    """Everything runcoach derives from a run's samples, stored as one thing."""

    splits_km: tuple[Split, ...]
    splits_mile: tuple[Split, ...]
    halves: Halves | None
    best_efforts: tuple[BestEffort, ...]
    limitations: tuple[str, ...] = ()  # why something is missing, for the runner
    glitches: tuple[Glitch, ...] = ()  # implausible stretches found in the samples
    samples_trusted: bool = False  # the runner said the glitches were real: they count

    @property
    def glitches_left_out(self) -> bool:
        """True when glitches were found and left out of halves, efforts and tags."""
        return bool(self.glitches) and not self.samples_trusted

    @property
    def negative_split(self) -> bool | None:
        """True when the second half was faster beyond the tolerance; None if unknown."""
        return None if self.halves is None else self.halves.kind is SplitKind.NEGATIVE

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready values (paces as seconds per km), for the log to store."""
        plain: dict[str, Any] = _plain(self)
        return plain

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RunAnalysis:
        """The analysis back from ``to_dict``'s values."""
        halves = data.get("halves")
        return cls(
            splits_km=tuple(_from_plain(Split, s) for s in data["splits_km"]),
            splits_mile=tuple(_from_plain(Split, s) for s in data["splits_mile"]),
            halves=None if halves is None else _from_plain(Halves, halves),
            best_efforts=tuple(_from_plain(BestEffort, e) for e in data["best_efforts"]),
            limitations=tuple(data.get("limitations", ())),
            glitches=tuple(Glitch.from_dict(g) for g in data.get("glitches", ())),
            samples_trusted=bool(data.get("samples_trusted", False)),
        )


def analyse_run(run: Run) -> RunAnalysis:
    """Splits, halves and best efforts of a run (empty, with the reason, without samples).

    Best efforts are running efforts: other sports get splits and halves only.
    """
    if run.streams is None:
        return RunAnalysis((), (), None, (), (NO_SAMPLES,))
    analysis = _with_glitches(run, analyse_streams(run.streams))
    notes = list(analysis.limitations)
    if not run.is_run and analysis.best_efforts:
        analysis = dataclasses.replace(analysis, best_efforts=())
        notes.append(NOT_A_RUN)
    impossible = [
        e for e in analysis.best_efforts if beyond_world_record(e.distance_m, e.elapsed_s)
    ]
    if impossible:
        kept = tuple(e for e in analysis.best_efforts if e not in impossible)
        analysis = dataclasses.replace(analysis, best_efforts=kept)
        notes.append(_beyond_records(impossible))
    covered_m = _covered_m(analysis)
    if run.distance_m and covered_m and covered_m < run.distance_m * PARTIAL_SAMPLES:
        notes.append(_partial_samples(covered_m, run.distance_m))
    return dataclasses.replace(analysis, limitations=tuple(notes))


def _with_glitches(run: Run, recorded: RunAnalysis) -> RunAnalysis:
    """The recorded splits; halves and efforts of the running only, unless the runner trusts
    the samples (then the glitches are listed but count)."""
    glitches = run_glitches(run)
    trusted = run.samples_trusted
    if not glitches or trusted:
        return dataclasses.replace(recorded, glitches=glitches, samples_trusted=trusted)
    assert run.streams is not None  # run_glitches finds none without samples
    ran = analyse_streams(running_streams(run.streams, glitches))
    mostly_run = glitched_distance_m(glitches) <= GLITCHED_HALVES_SHARE * _covered_m(recorded)
    return dataclasses.replace(
        recorded,
        halves=ran.halves if mostly_run else None,
        best_efforts=ran.best_efforts,
        glitches=glitches,
        limitations=(*recorded.limitations, _left_out(glitches)),
    )


def _covered_m(analysis: RunAnalysis) -> float:
    return sum(split.distance_m for split in analysis.splits_km)


def _left_out(glitches: tuple[Glitch, ...]) -> str:
    count = len(glitches)
    stretches = "1 implausible stretch" if count == 1 else f"{count} implausible stretches"
    return (
        f"{stretches} ({format_distance(glitched_distance_m(glitches))}) left out of the "
        "halves, best efforts and workout type: GPS glitches, or not on foot"
    )


def _beyond_records(efforts: list[BestEffort]) -> str:
    listed = ", ".join(f"{e.label} in {format_duration(e.elapsed_s)}" for e in efforts)
    return f"left out as faster than the world record (GPS error, or not on foot): {listed}"


def _partial_samples(covered_m: float, distance_m: float) -> str:
    return (
        f"the samples cover {format_distance(covered_m)} of the "
        f"{format_distance(distance_m)} the device reported: splits and efforts are "
        "for the recorded part only"
    )


def analyse_streams(streams: Streams) -> RunAnalysis:
    """Splits, halves and best efforts from the samples alone."""
    track = track_of(streams)
    if track is None:
        reason = NO_DISTANCE_STREAM if streams.distance_m is None else NO_MOVEMENT
        return RunAnalysis((), (), None, (), (reason,))
    return RunAnalysis(
        splits_km=tuple(_splits(track, streams, METRES_PER_KM)),
        splits_mile=tuple(_splits(track, streams, METRES_PER_MILE)),
        halves=_halves(track),
        best_efforts=tuple(_best_efforts(track, EFFORT_DISTANCES_M)),
    )


def splits(streams: Streams, unit_m: float = METRES_PER_KM) -> list[Split]:
    """Splits of ``unit_m`` (1000 m or a mile); empty without a distance stream."""
    track = track_of(streams)
    return [] if track is None else _splits(track, streams, unit_m)


def halves(streams: Streams) -> Halves | None:
    track = track_of(streams)
    return None if track is None else _halves(track)


def best_efforts(
    streams: Streams, distances_m: tuple[float, ...] = EFFORT_DISTANCES_M
) -> list[BestEffort]:
    """The fastest stretch for each distance the run covered (longer ones are left out)."""
    track = track_of(streams)
    return [] if track is None else _best_efforts(track, distances_m)


# --- splits -------------------------------------------------------------------------------


def _split_bounds_m(track: Track, unit_m: float) -> FloatArray:
    """Distances where splits start and end: every whole unit from the first sample, then
    the end of the run (a float hair over a whole unit makes no extra split)."""
    import numpy as np

    count = np.ceil(track.distance_covered_m / unit_m - SPLIT_ROUNDING)
    whole = track.start_m + np.arange(1, count) * unit_m
    return np.concatenate(([track.start_m], whole, [track.end_m]))


def _splits(track: Track, streams: Streams, unit_m: float) -> list[Split]:
    bounds_m = _split_bounds_m(track, unit_m)
    times = track.first_reached(track.times, bounds_m)
    moving = track.first_reached(track.moving, bounds_m)
    times[-1], moving[-1] = track.end_s, track.moving_s[-1]  # standing at the end counts
    times[0], moving[0] = track.start_s, 0.0
    elevation = _elevation_changes(track, streams, times)
    heart = _mean_heart_rate(track, streams, times)
    result = []
    for i in range(len(bounds_m) - 1):
        distance = float(bounds_m[i + 1] - bounds_m[i])
        elapsed, moved = float(times[i + 1] - times[i]), float(moving[i + 1] - moving[i])
        result.append(
            Split(
                number=i + 1,
                start_m=float(bounds_m[i] - track.start_m),
                distance_m=distance,
                elapsed_s=elapsed,
                moving_s=moved,
                pace=_pace(distance, moved if moved > 0 else elapsed),
                elevation_change_m=elevation[i],
                avg_hr=heart[i],
                is_partial=distance < unit_m * (1 - 1e-9),
            )
        )
    return result


def _elevation_changes(track: Track, streams: Streams, times: FloatArray) -> list[float | None]:
    import numpy as np

    if streams.altitude_m is None:
        return [None] * (len(times) - 1)
    altitude = value_at_times(track.time_s, streams.altitude_m[track.keep], times)
    return _optional(np.diff(altitude))


def _mean_heart_rate(track: Track, streams: Streams, times: FloatArray) -> list[float | None]:
    import numpy as np

    if streams.heart_rate is None:
        return [None] * (len(times) - 1)
    hr = streams.heart_rate[track.keep].astype(np.float64)
    return _optional(time_weighted_mean(track.time_s, hr, times[:-1], times[1:]))


def _optional(values: FloatArray) -> list[float | None]:
    import numpy as np

    return [float(v) if np.isfinite(v) else None for v in values]


def _pace(distance_m: float, duration_s: float) -> Pace | None:
    if distance_m <= 0 or duration_s <= 0:
        return None
    return Pace.from_distance_time(distance_m, duration_s)


# --- halves -------------------------------------------------------------------------------


def _halves(track: Track) -> Halves | None:
    import numpy as np

    half_m = track.distance_covered_m / 2
    middle = np.array([track.start_m + half_m])
    mid_s = float(track.first_reached(track.times, middle)[0])
    mid_moving = float(track.first_reached(track.moving, middle)[0])
    first_el, second_el = mid_s - track.start_s, track.end_s - mid_s
    first_mv, second_mv = mid_moving, float(track.moving_s[-1]) - mid_moving
    first_pace = _pace(half_m, first_mv if first_mv > 0 else first_el)
    second_pace = _pace(half_m, second_mv if second_mv > 0 else second_el)
    if first_pace is None or second_pace is None:
        return None
    return Halves(
        half_m, first_el, second_el, first_mv, second_mv, first_pace, second_pace,
        split_kind(first_pace, second_pace),
    )  # fmt: skip


def split_kind(first: Pace, second: Pace) -> SplitKind:
    """Negative when the second half is faster by more than ``EVEN_SPLIT_TOLERANCE``."""
    ratio = second.seconds_per_km / first.seconds_per_km
    if ratio < 1 - EVEN_SPLIT_TOLERANCE:
        return SplitKind.NEGATIVE
    if ratio > 1 + EVEN_SPLIT_TOLERANCE:
        return SplitKind.POSITIVE
    return SplitKind.EVEN


# --- best efforts -------------------------------------------------------------------------


def _best_efforts(track: Track, distances_m: tuple[float, ...]) -> list[BestEffort]:
    efforts = (_best_effort(track, d) for d in sorted(distances_m))
    return [effort for effort in efforts if effort is not None]


def _best_effort(track: Track, distance_m: float) -> BestEffort | None:
    """The fastest stretch of ``distance_m``, found exactly.

    The time to cover a stretch is piecewise linear in where it starts, with corners only
    where the start or the end is at a sample, so the fastest stretch starts at a sample or
    ends at one. Both families are measured at once: for every sample, the stretch starting
    there and the one ending there, the far end interpolated between its two samples.
    Starts are taken when the runner last left a distance (a stop before the start does not
    count), ends when the runner first reached it; a stop inside the stretch counts.

    This does the work of the two-pointer sweep over the samples with one vectorised
    interpolation per family (``numpy.interp``, a binary search in C): several times
    faster than the O(n) sweep as a Python loop (docs/benchmarks.md).
    """
    import numpy as np

    levels, times = track.levels_m, track.times
    if distance_m <= 0 or distance_m > track.distance_covered_m:
        return None
    from_sample = levels[levels + distance_m <= track.end_m]  # starts at a sample
    to_sample = levels[levels - distance_m >= track.start_m]  # ends at a sample
    starts_m = np.concatenate((from_sample, to_sample - distance_m))
    begin_s = np.concatenate(
        (times.last[: len(from_sample)], track.last_left(times, to_sample - distance_m))
    )
    end_s = np.concatenate(
        (
            track.first_reached(times, from_sample + distance_m),
            times.first[len(levels) - len(to_sample) :],
        )
    )
    elapsed = end_s - begin_s
    best = _earliest_fastest(elapsed, starts_m)
    best_s = float(elapsed[best])
    if best_s <= 0:
        return None
    return BestEffort(
        distance_m=distance_m,
        start_s=float(begin_s[best]),
        start_m=float(starts_m[best] - track.start_m),
        elapsed_s=best_s,
        pace=Pace.from_distance_time(distance_m, best_s),
    )


def _earliest_fastest(elapsed: FloatArray, starts_m: FloatArray) -> int:
    """The fastest stretch; among equally fast ones (an even pace), the earliest."""
    import numpy as np

    fastest = np.flatnonzero(elapsed <= elapsed.min() + TIE_S)
    return int(fastest[np.argmin(starts_m[fastest])])


# --- storage form -----------------------------------------------------------------------------

_PACE_FIELDS = {"pace", "first_pace", "second_pace"}


def _plain(value: Any) -> Any:
    """Dataclasses as dicts (as ``asdict``), paces as seconds per km, tuples as lists.

    Walked directly rather than through ``asdict``, which deep-copies every value first: an
    import turns every run's analysis into JSON, and ``asdict`` was most of that time.
    """
    if isinstance(value, Pace):
        return value.seconds_per_km
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        kind: type = type(value)
        return {name: _plain(getattr(value, name)) for name in _field_names(kind)}
    return value


@functools.cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(kind))


def _from_plain(kind: Any, data: dict[str, Any]) -> Any:
    values = {f.name: data[f.name] for f in fields(kind)}
    for name in _PACE_FIELDS & set(values):
        values[name] = None if values[name] is None else Pace(values[name])
    if "kind" in values:
        values["kind"] = SplitKind(values["kind"])
    return kind(**values)
