"""The shape of a run in its samples: fast bouts in the pace, climbs in the altitude.

Workout tagging reads these: a run whose smoothed pace shows several fast bouts with slower
running between them was intervals; one long fast bout in the middle was a tempo; several
similar climbs run at least as fast as the way down were hill repeats. Everything is
resampled to one value per second first, so 1 Hz and "smart recording" files look alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias

from runcoach.domain.run.runs import MAX_ACTIVITY_S, FloatArray, Streams
from runcoach.domain.run.track import STOPPED_SPEED_M_S, Track, track_of, value_at_times

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

IndexArray: TypeAlias = "npt.NDArray[np.intp]"

SMOOTHING_S = 9  # s, 5-30; moving average over GPS speed noise, short enough for 15 s strides
MIN_CONTRAST = 0.2  # fraction, 0.1-0.3; fast running at least 20 % quicker than the usual
# pace, else the run has no fast bouts (easy 5:30/km vs 5k pace 4:30 is 22 %; runcoach's rule)
SLOW_PERCENTILE = 30.0  # %; the usual pace of the run, most running is easy running
FAST_PERCENTILE = 99.0  # %; the quick end of the run: 1 % of an hour is 36 s, so four strides
# count, while a single GPS spike (smoothed over 9 s) does not
SLOW_SHARE_MIN = 0.1  # fraction of moving time, 0.05-0.2; in a session of mostly fast running
# (10 x 1500 m with 150 m jogs) the slower running is this share at least (runcoach's rule)
JOG_MIN_SPEED_M_S = 2.0  # m/s (8:20/km), 1.8-2.2; slower "recoveries" are walked: people
# switch from walking to running near 2.0 m/s (Hreljac 1993, Med Sci Sports Exerc 25:1158)
CLIMB_WINDOW_S = 30  # s, 10-60; the stretch over which a grade is read
BOUT_LINE = 0.6  # fraction of the way from the usual to the quick speed, 0.5-0.75; above it
# is a fast bout (above halfway, so a brisk warm-up between slow recovery jogs is not one)
MIN_BOUT_S = 8  # s, 5-20; shorter bursts above the line are noise
MERGE_GAP_S = 15  # s, 0-30; a dip shorter than this inside a bout does not split it
# (recoveries between reps and strides last 30 s or more)
DOWNHILL_GRADE = 0.02  # drop over distance, 0.01-0.04; a fast stretch losing 2 m per 100 m
# or more is downhill running, not a fast bout (runcoach's rule)
CLIMB_HYSTERESIS_M = 5.0  # m, 2-10; altitude wiggles smaller than this are not climbs
# (barometric noise is 1-2 m, GPS altitude noise larger; cf. Garmin's 3-5 m ascent filters)


@dataclass(frozen=True)
class Bout:
    """A stretch run clearly faster than the rest (seconds and metres into the run)."""

    start_s: float
    end_s: float
    start_m: float
    distance_m: float

    @property
    def duration_s(self) -> float:
        return self.end_s - self.start_s

    @property
    def speed_m_s(self) -> float:
        return self.distance_m / self.duration_s


@dataclass(frozen=True)
class Climb:
    """From a low point to the next high point, and the way back down after it."""

    gain_m: float
    up_s: float
    up_m: float
    down_s: float  # until the next low point (0 at the end of the run)
    down_m: float


@dataclass(frozen=True)
class Profile:
    """A run resampled to 1 Hz: seconds, metres, smoothed speed and altitude."""

    time_s: FloatArray
    distance_m: FloatArray
    speed_m_s: FloatArray
    altitude_m: FloatArray | None  # None when not recorded
    track: Track

    @property
    def moving(self) -> FloatArray:
        return self.speed_m_s[self.speed_m_s >= STOPPED_SPEED_M_S]


def profile_of(streams: Streams) -> Profile | None:
    """The 1 Hz profile of a run; None without distance samples or under a minute long."""
    import numpy as np

    track = track_of(streams)
    if track is None or not 60 <= track.end_s - track.start_s <= MAX_ACTIVITY_S:
        return None  # too short to read, or a broken clock (a run stored before the check)
    time_s = np.arange(track.start_s, track.end_s + 1e-9, 1.0)
    distance_m = np.interp(time_s, track.time_s, track.distance_m)
    speed = moving_average(np.gradient(distance_m, time_s), SMOOTHING_S)
    return Profile(time_s, distance_m, speed, _altitude(streams, track, time_s), track)


def _altitude(streams: Streams, track: Track, time_s: FloatArray) -> FloatArray | None:
    import numpy as np

    if streams.altitude_m is None:
        return None
    altitude = value_at_times(track.time_s, streams.altitude_m[track.keep], time_s)
    return moving_average(altitude, SMOOTHING_S) if np.isfinite(altitude).all() else None


def moving_average(values: FloatArray, window: int) -> FloatArray:
    """Centred moving average; the ends average over the samples they have."""
    import numpy as np

    kernel = np.ones(window)
    sums = np.convolve(values, kernel, mode="same")
    counts = np.convolve(np.ones(len(values)), kernel, mode="same")
    return sums / counts


def fast_bouts(profile: Profile) -> list[Bout]:
    """Stretches clearly faster than the run's usual pace; none in a steady run."""
    import numpy as np

    moving = profile.moving
    if len(moving) < MIN_BOUT_S:
        return []
    quick = float(np.percentile(moving, FAST_PERCENTILE))
    usual = _usual_speed(profile, quick)
    if usual is None:
        return []
    fast = profile.speed_m_s >= usual + BOUT_LINE * (quick - usual)
    stretches = [(a, b) for a, b in _stretches(fast) if b - a >= MIN_BOUT_S]
    return [_bout(profile, a, b) for a, b in stretches if not _downhill(profile, a, b)]


def _usual_speed(profile: Profile, quick: float) -> float | None:
    """The speed of the run's slower running, if the run has clearly faster parts.

    Usually most running is easy, so the slow percentile is the usual pace. A session of
    mostly fast running (long reps, short jogs) puts that percentile inside the reps; then
    the usual pace is the median of the slower of the two groups the speeds fall into
    (Otsu's split), if that group is a real share of the run, clearly slower, jogged (not
    walked: run/walk is not intervals) and on the level (not an easy run's climbs).
    """
    import numpy as np

    moving = profile.moving
    usual = float(np.percentile(moving, SLOW_PERCENTILE))
    if quick >= usual * (1 + MIN_CONTRAST):
        return usual
    if float(moving.max()) < float(moving.min()) * (1 + MIN_CONTRAST):
        return None  # steady throughout
    split = _otsu_split(moving)
    speed = profile.speed_m_s
    is_moving = speed >= STOPPED_SPEED_M_S
    slow = speed[is_moving & (speed < split) & ~_climbing(profile)]
    fast = speed[is_moving & (speed >= split)]
    if len(slow) < SLOW_SHARE_MIN * len(moving) or not len(fast):
        return None
    usual = float(np.median(slow))
    if usual < JOG_MIN_SPEED_M_S:
        return None
    return usual if float(np.median(fast)) >= usual * (1 + MIN_CONTRAST) else None


def _climbing(profile: Profile) -> npt.NDArray[np.bool_]:
    """Where the run goes uphill (over about half a minute); nowhere without altitude."""
    import numpy as np

    if profile.altitude_m is None:
        return np.zeros(len(profile.time_s), dtype=bool)
    k = CLIMB_WINDOW_S // 2
    ahead = np.minimum(np.arange(len(profile.time_s)) + k, len(profile.time_s) - 1)
    behind = np.maximum(np.arange(len(profile.time_s)) - k, 0)
    rise = profile.altitude_m[ahead] - profile.altitude_m[behind]
    run = profile.distance_m[ahead] - profile.distance_m[behind]
    with np.errstate(divide="ignore", invalid="ignore"):
        grade = np.where(run > 0, rise / run, 0.0)
    return grade >= DOWNHILL_GRADE  # the same 2 % that makes a fast stretch downhill


def _otsu_split(values: FloatArray, bins: int = 256) -> float:
    """The value that splits ``values`` into two groups of least spread within each (Otsu 1979)."""
    import numpy as np

    counts, edges = np.histogram(values, bins=bins)
    centres = (edges[:-1] + edges[1:]) / 2
    weight_low = np.cumsum(counts)
    weight_high = weight_low[-1] - weight_low
    sum_low = np.cumsum(counts * centres)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean_low = sum_low / weight_low
        mean_high = (sum_low[-1] - sum_low) / weight_high
        between = weight_low * weight_high * (mean_low - mean_high) ** 2
    return float(edges[int(np.nanargmax(between[:-1])) + 1])


def _downhill(profile: Profile, start: int, end: int) -> bool:
    """A fast stretch down a slope is gravity, not a harder effort."""
    if profile.altitude_m is None:
        return False
    last = min(end, len(profile.time_s) - 1)
    drop_m = profile.altitude_m[start] - profile.altitude_m[last]
    return bool(drop_m >= DOWNHILL_GRADE * (profile.distance_m[last] - profile.distance_m[start]))


def _stretches(mask: np.ndarray) -> list[tuple[int, int]]:
    """(start, end) index pairs of the True stretches, dips under MERGE_GAP_S filled."""
    import numpy as np

    edges = np.flatnonzero(np.diff(np.concatenate(([0], mask.astype(np.int8), [0]))))
    pairs = list(zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True))
    merged: list[tuple[int, int]] = []
    for start, end in pairs:
        if merged and start - merged[-1][1] < MERGE_GAP_S:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _bout(profile: Profile, start: int, end: int) -> Bout:
    last = min(end, len(profile.time_s) - 1)
    return Bout(
        start_s=float(profile.time_s[start]),
        end_s=float(profile.time_s[last]),
        start_m=float(profile.distance_m[start] - profile.distance_m[0]),
        distance_m=float(profile.distance_m[last] - profile.distance_m[start]),
    )


def climbs(profile: Profile) -> list[Climb]:
    """Each climb of the run with the descent after it, altitude noise filtered out."""
    altitude = profile.altitude_m
    if altitude is None:
        return []
    turns = turning_points(altitude, CLIMB_HYSTERESIS_M)
    return [
        _climb(profile, altitude, turns, k)
        for k in range(len(turns) - 1)
        if _rises(altitude, turns, k)
    ]


def _rises(altitude: FloatArray, turns: list[int], k: int) -> bool:
    return bool(altitude[turns[k + 1]] > altitude[turns[k]])


def _climb(profile: Profile, altitude: FloatArray, turns: list[int], k: int) -> Climb:
    low, high = turns[k], turns[k + 1]
    after = turns[k + 2] if k + 2 < len(turns) else high
    t, d = profile.time_s, profile.distance_m
    return Climb(
        gain_m=float(altitude[high] - altitude[low]),
        up_s=float(t[high] - t[low]),
        up_m=float(d[high] - d[low]),
        down_s=float(t[after] - t[high]),
        down_m=float(d[after] - d[high]),
    )


def turning_points(values: FloatArray, hysteresis: float) -> list[int]:
    """Indices of alternating lows and highs that differ by at least ``hysteresis``.

    The classic zig-zag filter: a high is confirmed once the values fall ``hysteresis``
    below it, a low once they rise that much above it. Only the local extremes can be
    turning points, so the loop runs over those alone.
    """
    candidates = _local_extremes(values)
    return [int(candidates[i]) for i in _zig_zag(values[candidates].tolist(), hysteresis)]


def _local_extremes(values: FloatArray) -> IndexArray:
    """Indices of the ends, and of every sample where the values stop rising or falling."""
    import numpy as np

    if len(values) < 3:
        return np.arange(len(values))
    steps = np.diff(values)
    turning = steps[:-1] * steps[1:] <= 0
    return np.concatenate(([0], np.flatnonzero(turning) + 1, [len(values) - 1]))


def _zig_zag(series: list[float], hysteresis: float) -> list[int]:
    low = high = 0
    for i, v in enumerate(series):  # find the first move of at least ``hysteresis``
        low = i if v <= series[low] else low
        high = i if v > series[high] else high
        if series[high] - series[low] >= hysteresis:
            break
    else:
        return []
    turns, extreme = ([low], high) if high > low else ([high], low)
    rising = high > low
    for i in range(max(low, high) + 1, len(series)):
        v = series[i]
        if (v > series[extreme]) if rising else (v <= series[extreme]):
            extreme = i  # a climb runs from the last low to the first high
        elif abs(v - series[extreme]) >= hysteresis:
            turns.append(extreme)
            rising, extreme = not rising, i
    turns.append(extreme)
    return turns
