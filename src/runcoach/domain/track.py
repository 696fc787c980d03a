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

import numpy as np
import numpy.typing as npt

from runcoach.domain.runs import FloatArray, Streams

BoolArray = npt.NDArray[np.bool_]
IndexArray = npt.NDArray[np.intp]

STOPPED_SPEED_M_S = 0.5  # m/s, 0-1.2; below it a stretch between samples counts as stopped
# (33:20/km, well below a walk at ~1.3 m/s; runcoach's rule, cf. Strava's "moving time")

MIN_SAMPLES = 2  # a track needs at least a start and an end


@dataclass(frozen=True)
class AtLevels:
    """A per-sample value (time, moving time) at each distinct distance of a track.

    ``first`` is its value at the first sample with that distance, ``last`` at the last one:
    they differ where the runner stood still.
    """

    first: FloatArray
    last: FloatArray


@dataclass(frozen=True)
class Track:
    """Cleaned samples: ``time_s`` and ``distance_m`` non-decreasing, same length.

    ``moving_s`` is the cumulative moving time at each sample: the time of every stretch
    between two samples covered faster than ``STOPPED_SPEED_M_S``. ``levels_m`` are the
    distinct distances, ascending; ``times`` and ``moving`` the clock and the moving time
    at each of them.
    """

    time_s: FloatArray
    distance_m: FloatArray
    moving_s: FloatArray
    keep: BoolArray  # which samples of the original streams were kept
    levels_m: FloatArray
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
        """``values`` when each distance in ``at_m`` was first reached."""
        lo, base = self._between(values, at_m)
        return np.where(self.levels_m[lo] == at_m, values.first[lo], base)

    def last_left(self, values: AtLevels, at_m: FloatArray) -> FloatArray:
        """``values`` when the runner last stood at each distance in ``at_m`` (after a stop)."""
        lo, base = self._between(values, at_m)
        hi = lo + 1
        return np.where(self.levels_m[hi] == at_m, values.last[hi], base)

    def _between(self, values: AtLevels, at_m: FloatArray) -> tuple[IndexArray, FloatArray]:
        """The segment below each distance and the value interpolated along it.

        Between two distinct distances the runner moved from the last sample at the lower
        one to the first sample at the higher one; at the lower distance itself the value
        is the last one there (callers pick the first one when they need it).
        """
        levels = self.levels_m
        lo = np.clip(np.searchsorted(levels, at_m, side="right") - 1, 0, len(levels) - 2)
        v_lo = values.last[lo]
        fraction = (at_m - levels[lo]) / (levels[lo + 1] - levels[lo])
        return lo, v_lo + fraction * (values.first[lo + 1] - v_lo)


def track_of(streams: Streams) -> Track | None:
    """The cleaned track of a run, or ``None`` without a distance stream or movement."""
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
    return Track(
        time_s, distance_m, moving_s, keep, levels,
        AtLevels(time_s[first], time_s[last]), AtLevels(moving_s[first], moving_s[last]),
    )  # fmt: skip


def _forward_samples(time_s: FloatArray, distance_m: FloatArray) -> BoolArray:
    """Mask of samples with a time and a distance, neither lower than any earlier one."""
    finite = np.isfinite(time_s) & np.isfinite(distance_m)
    keep = finite.copy()
    t = np.where(finite, time_s, -np.inf)
    d = np.where(finite, distance_m, -np.inf)
    keep &= t >= np.maximum.accumulate(t)
    keep &= d >= np.maximum.accumulate(d)
    return keep


def _moving_time(time_s: FloatArray, distance_m: FloatArray) -> FloatArray:
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
    recorded = np.isfinite(values)
    if not recorded.any():
        return np.full(len(at_s), np.nan)
    return np.interp(at_s, time_s[recorded], values[recorded])
