"""A run's samples cleaned for analysis: time and distance that only move forward.

Splits, halves and best efforts all ask the same two questions of a run: "when did the
runner first reach distance x?" and "when did the runner last stand at distance x?" (the two
differ when the runner stopped there). ``Track`` answers both exactly, by linear
interpolation between samples, for many distances at once (numpy, no Python loop).

Cleaning, in words: samples without a time or a distance are dropped; a sample whose time
or distance is lower than an earlier one (a GPS correction, a clock hiccup) is ignored, so
the distance never goes backwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias

from runcoach.domain.run.runs import FloatArray, Streams

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

BoolArray: TypeAlias = "npt.NDArray[np.bool_]"
IndexArray: TypeAlias = "npt.NDArray[np.intp]"

STOPPED_SPEED_M_S = 0.5  # m/s, 0-1.2; below it a stretch between samples counts as stopped
# (33:20/km, well below a walk at ~1.3 m/s; runcoach's rule, cf. Strava's "moving time")

SPIKE_SPEED_M_S = 30.0  # m/s, 15-50; a sample reached faster than this and followed by a drop
# is a GPS spike (108 km/h: beyond any runner or rider; runcoach's rule)
MIN_SAMPLES = 2  # a track needs at least a start and an end


@dataclass(frozen=True)
class AtLevels:
    """A per-sample value (time, moving time) at each distinct distance of a track.

    ``first`` is its value at the first sample with that distance, ``last`` at the last one:
    they differ where the runner stood still. ``line`` is the value along the track's
    polyline (``Track.line_m``): the first value at each distance, then, where the runner
    stood still, the last value a hair's breadth further on.
    """

    first: FloatArray
    last: FloatArray
    line: FloatArray


@dataclass(frozen=True)
class Track:
    """Cleaned samples: ``time_s`` and ``distance_m`` non-decreasing, same length.

    ``moving_s`` is the cumulative moving time at each sample: the time of every stretch
    between two samples covered faster than ``STOPPED_SPEED_M_S``. ``levels_m`` are the
    distinct distances, ascending; ``times`` and ``moving`` the clock and the moving time
    at each of them. ``line_m`` is ``levels_m`` with, after each distance where the runner
    stood still, the next larger float: strictly increasing, so that a stop becomes a
    vertical step that ``numpy.interp`` follows exactly.
    """

    time_s: FloatArray
    distance_m: FloatArray
    moving_s: FloatArray
    keep: BoolArray  # which samples of the original streams were kept
    levels_m: FloatArray
    line_m: FloatArray
    times: AtLevels
    moving: AtLevels

    @property
    def start_s(self) -> float:
        return float(self.time_s[0])

    @property
    def end_s(self) -> float:
        return float(self.time_s[-1])

    @property
    def start_m(self) -> float:
        return float(self.distance_m[0])

    @property
    def end_m(self) -> float:
        return float(self.distance_m[-1])

    @property
    def distance_covered_m(self) -> float:
        return self.end_m - self.start_m

    def first_reached(self, values: AtLevels, at_m: FloatArray) -> FloatArray:
        """``values`` when each distance in ``at_m`` was first reached.

        Between two distinct distances the runner moved from the last sample at the lower
        one to the first sample at the higher one, at an even pace.
        """
        import numpy as np

        return np.interp(at_m, self.line_m, values.line)

    def last_left(self, values: AtLevels, at_m: FloatArray) -> FloatArray:
        """``values`` when the runner last stood at each distance in ``at_m`` (after a stop)."""
        import numpy as np

        return np.interp(np.nextafter(at_m, np.inf), self.line_m, values.line)


def track_of(streams: Streams) -> Track | None:
    """The cleaned track of a run, or ``None`` without a distance stream or movement."""
    import numpy as np

    if streams.distance_m is None:
        return None
    keep = _forward_samples(streams.time_s, streams.distance_m)
    time_s = streams.time_s[keep].astype(np.float64)
    distance_m = streams.distance_m[keep].astype(np.float64)
    if len(time_s) < MIN_SAMPLES or distance_m[-1] <= distance_m[0]:
        return None
    first = np.flatnonzero(np.concatenate(([True], np.diff(distance_m) > 0)))  # sorted already
    levels = distance_m[first]
    last = np.append(first[1:] - 1, len(distance_m) - 1)
    moving_s = _moving_time(time_s, distance_m)
    line = _Polyline(levels, first, last)
    return Track(
        time_s, distance_m, moving_s, keep, levels, line.distance_m,
        line.at_levels(time_s), line.at_levels(moving_s),
    )  # fmt: skip


class _Polyline:
    """Each distinct distance once, plus a step just after it where the runner stood."""

    def __init__(self, levels: FloatArray, first: IndexArray, last: IndexArray) -> None:
        import numpy as np

        after = np.nextafter(levels, np.inf)
        following = np.append(levels[1:], np.inf)
        self.stood = (last != first) & (after < following)
        counts = 1 + self.stood.astype(np.intp)
        self.steps = np.cumsum(counts)[self.stood] - 1  # where the step points go
        self.distance_m = np.repeat(levels, counts)
        self.distance_m[self.steps] = after[self.stood]
        self.first, self.last, self.counts = first, last, counts

    def at_levels(self, per_sample: FloatArray) -> AtLevels:
        import numpy as np

        first, last = per_sample[self.first], per_sample[self.last]
        line = np.repeat(first, self.counts)
        line[self.steps] = last[self.stood]
        return AtLevels(first, last, line)


def _forward_samples(time_s: FloatArray, distance_m: FloatArray) -> BoolArray:
    """Mask of samples with a time and a distance, neither lower than any earlier one.

    A single sample that leaps ahead and is followed by a drop (a GPS spike) is dropped
    first, so that it cannot hide the samples after it.
    """
    import numpy as np

    finite = np.isfinite(time_s) & np.isfinite(distance_m)
    keep = finite & ~_spikes(np.where(finite, time_s, np.nan), np.where(finite, distance_m, np.nan))
    t = np.where(keep, time_s, -np.inf)
    d = np.where(keep, distance_m, -np.inf)
    keep &= t >= np.maximum.accumulate(t)
    keep &= d >= np.maximum.accumulate(d)
    return keep


def _spikes(time_s: FloatArray, distance_m: FloatArray) -> BoolArray:
    import numpy as np

    spikes = np.zeros(len(time_s), dtype=bool)
    if len(time_s) < 3:
        return spikes
    leap = distance_m[1:-1] - distance_m[:-2]
    seconds = np.maximum(time_s[1:-1] - time_s[:-2], 1.0)
    with np.errstate(invalid="ignore"):
        spikes[1:-1] = (leap > SPIKE_SPEED_M_S * seconds) & (distance_m[2:] < distance_m[1:-1])
    return spikes


def _moving_time(time_s: FloatArray, distance_m: FloatArray) -> FloatArray:
    import numpy as np

    dt = np.diff(time_s)
    dd = np.diff(distance_m)
    moving = dd >= STOPPED_SPEED_M_S * dt
    return np.concatenate(([0.0], np.cumsum(np.where(moving, dt, 0.0))))


def time_weighted_mean(
    time_s: FloatArray, values: FloatArray, from_s: FloatArray, to_s: FloatArray
) -> FloatArray:
    """Mean of a sampled value (heart rate) over each time window, weighted by time.

    Each sample stands for the time since the previous one (a device records what it
    measured over that second); missing samples (NaN) are left out of both the sum and the
    time. A window with no recorded value gives NaN.
    """
    import numpy as np

    dt = np.diff(time_s)
    held = values[1:]
    recorded = np.isfinite(held)
    area = np.concatenate(([0.0], np.cumsum(np.where(recorded, held * dt, 0.0))))
    covered = np.concatenate(([0.0], np.cumsum(np.where(recorded, dt, 0.0))))
    area_in = np.interp(to_s, time_s, area) - np.interp(from_s, time_s, area)
    covered_in = np.interp(to_s, time_s, covered) - np.interp(from_s, time_s, covered)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(covered_in > 0, area_in / covered_in, np.nan)


def value_at_times(time_s: FloatArray, values: FloatArray, at_s: FloatArray) -> FloatArray:
    """A sampled value (altitude) interpolated at the given times; NaN if never recorded."""
    import numpy as np

    recorded = np.isfinite(values)
    if not recorded.any():
        return np.full(len(at_s), np.nan)
    return np.interp(at_s, time_s[recorded], values[recorded])
