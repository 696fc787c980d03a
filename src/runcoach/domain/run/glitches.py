"""Glitches: stretches of a run's samples that no runner could have produced.

A GPS that loses the sky and finds it again 5 km further on, a watch left running in a car,
a ride saved as a run: their samples say the runner covered ground faster than anyone can.
Believed, they become best efforts, a fitness, tags and wins the runner never earned.

``find_glitches`` looks at the cleaned samples (``track.track_of``) interval by interval, in
this order, each check blind to the distance the earlier ones already took out:

1. **position jumps**: a leap between two samples faster than any human sprints, or a gap in
   the recording across which the runner would have had to move clearly faster than they ran
   the rest of the run;
2. **speed**: a stretch faster than the world record for its duration (the records' speed
   curve, ``records.record_speed_m_s``);
3. **acceleration**: a change of speed between two neighbouring stretches no runner makes;
4. **steps**: running speed with a step (from the cadence) longer than any runner's, or no
   steps at all (a bike's speed on a wrist that is not swinging);
5. **heart rate**: a long stretch clearly faster than the run's usual pace with a heart rate
   below the one of that usual running (a car or a downhill ride, not an effort).

``running_streams`` gives the samples as the runner ran them: across a glitch the distance
stands still, so the glitch becomes a stop. Best efforts, halves and the workout type read
those; splits keep the recorded distance. Pure functions; see docs/run-analysis.md.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeAlias

from runcoach.domain.run.records import record_speed_m_s
from runcoach.domain.run.runs import FloatArray, Run, Streams
from runcoach.domain.run.track import STOPPED_SPEED_M_S, Track, track_of
from runcoach.domain.units import Pace, format_distance, format_duration, format_pace

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

BoolArray: TypeAlias = "npt.NDArray[np.bool_]"

MAX_FOOT_SPEED_M_S = 12.5  # m/s, 12-13; above Usain Bolt's top speed (12.4 m/s between 60 and
# 80 m, Berlin 2009, IAAF biomechanics report): faster between two samples is not on foot
LEAP_MIN_M = 30.0  # m, 20-50; a shorter leap is GPS noise, which the distance absorbs
GAP_MIN_S = 60.0  # s, 30-120; a recording gap at least this long may hide a jump
GAP_SPEED_FACTOR = 1.25  # ratio, 1.1-1.5; a gap covered this much faster than the run's usual
# running speed was not run (nobody runs faster in a tunnel); runcoach's rule
GAP_MIN_SPEED_M_S = 2.0  # m/s; gaps slower than a jog (8:20/km) are a walk, never a jump
SPEED_WINDOWS_S: tuple[float, ...] = (
    5.0,
    10.0,
    20.0,
    45.0,
    100.0,
    210.0,
    450.0,
    780.0,
    1600.0,
    3500.0,
    7300.0,
)  # s; stretches checked against the records' speed curve (about 40 m up to the marathon)
BEYOND_USUAL_WINDOW_S = 60.0  # s; a minute or more ...
BEYOND_USUAL_FACTOR = 3.0  # ratio, 2.5-4; ... over 3 times the run's usual speed ...
BEYOND_USUAL_MIN_SPEED_M_S = 6.0  # m/s; ... and 2:47/km or faster is a vehicle: a runner's
# fastest minute is under twice their usual running (400 m reps at 6 m/s come with a jog of
# 3.5 m/s or more between them); runcoach's rule
ACCELERATION_WINDOW_S = 4.0  # s, 3-10; two neighbouring stretches this long are compared
MAX_ACCELERATION_M_S2 = 4.0  # m/s², 3-6; a sprinter's mean over the first 3 s of a 100 m
# (0 to ~10 m/s, Bolt 2009) is ~3.5; a larger change of mean speed between 4 s stretches
# is the GPS, not the legs
ACCELERATION_MIN_SPEED_M_S = 6.0  # m/s; only changes reaching faster than 2:47/km count
# (GPS noise at a jog makes big relative jumps that a runner's mean speed cannot)
STEP_MIN_SPEED_M_S = 3.0  # m/s (5:33/km); below it a runner may walk with a short or no step
MAX_STEP_LENGTH_M = 2.7  # m, 2.5-3.0; elite sprinters' steps at top speed are ~2.5-2.7 m
# (Bezodis et al. 2017); distance runners' are under 2.2 m even at 5k pace
STEP_WINDOW_S = 30.0  # s; a stride contradiction must last this long (a sensor drop does not)
CADENCE_RECORDED_SHARE = 0.8  # fraction of the window's samples that must carry a cadence
HEART_WINDOW_S = 180.0  # s, 120-300; a heart-rate contradiction must last this long
HEART_FAST_FACTOR = 1.3  # ratio; faster than the usual speed by this much is a hard effort
HEART_MARGIN_BPM = 5.0  # bpm; the hard effort's heart rate is below the easy running's by more
HEART_LAG_S = 60.0  # s; heart rate takes about a minute to answer a change of pace
DOWNHILL_GRADE = -0.02  # fraction; a faster stretch down such a slope is gravity, not a glitch


class GlitchKind(StrEnum):
    JUMP = "jump"
    SPEED = "speed"
    ACCELERATION = "acceleration"
    STEPS = "steps"
    HEART_RATE = "heart_rate"


_KINDS = tuple(GlitchKind)


@dataclass(frozen=True)
class Glitch:
    """One implausible stretch: where it is on the run's clock and recorded distance."""

    kind: GlitchKind
    start_s: float  # seconds on the run's clock (``time_s``)
    end_s: float
    start_m: float  # metres into the run, as recorded
    end_m: float
    reason: str  # for the runner: what was implausible, with the numbers

    @property
    def distance_m(self) -> float:
        return self.end_m - self.start_m

    def to_dict(self) -> dict[str, Any]:
        return {**dataclasses.asdict(self), "kind": self.kind.value}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Glitch:
        values = {f.name: data[f.name] for f in dataclasses.fields(cls)}
        return cls(**{**values, "kind": GlitchKind(values["kind"])})


def find_glitches(streams: Streams) -> tuple[Glitch, ...]:
    """The implausible stretches of a run's samples, in order; none without distance."""
    track = track_of(streams)
    if track is None:
        return ()
    state = _State(track, _kept(streams, track))
    state.mark(GlitchKind.JUMP, _jumps(state))
    for window_s in SPEED_WINDOWS_S:
        state.mark(GlitchKind.SPEED, _too_fast(state, window_s))
    state.mark(GlitchKind.SPEED, _beyond_usual(state))
    state.mark(GlitchKind.ACCELERATION, _sudden(state))
    state.mark(GlitchKind.STEPS, _no_stride(state))
    state.mark(GlitchKind.HEART_RATE, _heart_disagrees(state))
    return state.glitches()


def run_glitches(run: Run) -> tuple[Glitch, ...]:
    """The glitches of a run of a running sport (a ride's speed is no glitch)."""
    if run.streams is None or not run.sport.is_run:
        return ()
    return find_glitches(run.streams)


def ran_streams(run: Run, glitches: tuple[Glitch, ...] | None = None) -> Streams | None:
    """The samples as the runner ran them, unless the runner trusts them as recorded.
    ``glitches`` are ``run_glitches(run)`` when they were found already (an import finds them
    once per run, for the analysis and the tags); they are found here otherwise."""
    if run.streams is None or run.samples_trusted:
        return run.streams
    return running_streams(run.streams, run_glitches(run) if glitches is None else glitches)


def running_streams(streams: Streams, glitches: tuple[Glitch, ...]) -> Streams:
    """The samples as the runner ran them: the distance stands still across each glitch."""
    import numpy as np

    if not glitches or streams.distance_m is None:
        return streams
    distance = streams.distance_m.astype(np.float64)
    step = np.diff(distance, prepend=distance[:1])
    inside = np.zeros(len(distance), dtype=bool)
    for glitch in glitches:
        start = _first_distance(streams, distance) + glitch.start_m
        inside |= (
            (streams.time_s > glitch.start_s)
            & (streams.time_s <= glitch.end_s)
            & (distance > start)
        )
    step = np.where(inside | ~np.isfinite(step), 0.0, step)
    adjusted = np.where(np.isfinite(distance), distance[0] + np.cumsum(step), np.nan)
    speed = streams.speed_m_s
    if speed is not None:
        speed = np.where(inside, 0.0, speed)
    return dataclasses.replace(streams, distance_m=adjusted, speed_m_s=speed)


def glitched_distance_m(glitches: tuple[Glitch, ...]) -> float:
    return sum(glitch.distance_m for glitch in glitches)


def _first_distance(streams: Streams, distance: FloatArray) -> float:
    import numpy as np

    finite = distance[np.isfinite(distance) & np.isfinite(streams.time_s)]
    return float(finite[0]) if len(finite) else 0.0


# --- the state of the search ---------------------------------------------------------------


@dataclass(frozen=True)
class _Kept:
    """The other streams at the track's samples (NaN where not recorded)."""

    heart_rate: FloatArray | None
    cadence_spm: FloatArray | None
    altitude_m: FloatArray | None


def _kept(streams: Streams, track: Track) -> _Kept:
    def at(values: FloatArray | None) -> FloatArray | None:
        import numpy as np

        return None if values is None else values[track.keep].astype(np.float64)

    return _Kept(at(streams.heart_rate), at(streams.cadence_spm), at(streams.altitude_m))


class _State:
    """The intervals between the track's samples, and which of them are glitches so far."""

    def __init__(self, track: Track, kept: _Kept) -> None:
        import numpy as np

        self.track, self.kept = track, kept
        self.time_s = track.time_s
        self.dt = np.diff(track.time_s)
        self.dd = np.diff(track.distance_m)
        self.kind = np.full(len(self.dt), -1, dtype=np.int8)  # index into _KINDS; -1: none
        self.bad = np.zeros(len(self.dt), dtype=bool)
        self.usual_speed = _usual_speed(self.dt, self.dd)
        self._clean: FloatArray | None = None

    def clean_distance(self) -> FloatArray:
        """Distance at each sample with the glitches found so far taken out."""
        import numpy as np

        if self._clean is None:
            kept = np.where(self.bad, 0.0, self.dd)
            self._clean = np.concatenate(([0.0], np.cumsum(kept)))
        return self._clean

    def mark(self, kind: GlitchKind, intervals: BoolArray) -> None:
        new = intervals & ~self.bad
        if new.any():
            self.kind[new] = _KINDS.index(kind)
            self.bad |= new
            self._clean = None

    def glitches(self) -> tuple[Glitch, ...]:
        """Each stretch of neighbouring intervals of one kind, as a glitch."""
        import numpy as np

        change = np.flatnonzero(np.diff(self.kind)) + 1
        starts = np.concatenate(([0], change))
        ends = np.concatenate((change, [len(self.kind)]))
        return tuple(
            self._glitch(_KINDS[int(self.kind[a])], int(a), int(b))
            for a, b in zip(starts, ends, strict=True)
            if len(self.kind) and self.kind[a] >= 0
        )

    def _glitch(self, kind: GlitchKind, first: int, last: int) -> Glitch:
        track = self.track
        start_s, end_s = float(track.time_s[first]), float(track.time_s[last])
        start_m = float(track.distance_m[first] - track.start_m)
        end_m = float(track.distance_m[last] - track.start_m)
        return Glitch(kind, start_s, end_s, start_m, end_m, _reason(kind, self, first, last))


def _usual_speed(dt: FloatArray, dd: FloatArray) -> float | None:
    """The time-weighted median speed of the moving intervals: the run's usual pace."""
    import numpy as np

    with np.errstate(divide="ignore", invalid="ignore"):
        speed = np.where(dt > 0, dd / dt, 0.0)
    moving = (speed >= STOPPED_SPEED_M_S) & (speed <= MAX_FOOT_SPEED_M_S)
    if not moving.any():
        return None
    order = np.argsort(speed[moving])
    weights = np.cumsum(dt[moving][order])
    return float(speed[moving][order][np.searchsorted(weights, weights[-1] / 2)])


def _window_marks(state: _State, starts_s: FloatArray, window_s: float) -> BoolArray:
    """The intervals that overlap any window ``[start, start + window_s]``."""
    import numpy as np

    if not len(starts_s):
        return np.zeros(len(state.dt), dtype=bool)
    time_s = state.time_s
    first = np.searchsorted(time_s, starts_s, side="right") - 1
    last = np.searchsorted(time_s, starts_s + window_s, side="left")  # exclusive interval end
    marks = np.zeros(len(state.dt) + 1, dtype=np.int64)
    np.add.at(marks, np.clip(first, 0, len(state.dt)), 1)
    np.add.at(marks, np.clip(last, 0, len(state.dt)), -1)
    return np.cumsum(marks)[:-1] > 0


def _window_speeds(state: _State, window_s: float) -> tuple[FloatArray, FloatArray]:
    """Windows starting at each sample: their start times and clean mean speeds."""
    import numpy as np

    time_s = state.time_s
    starts = time_s[time_s + window_s <= time_s[-1]]
    distance = state.clean_distance()
    covered = np.interp(starts + window_s, time_s, distance) - np.interp(starts, time_s, distance)
    return starts, covered / window_s


# --- the checks ------------------------------------------------------------------------------


def _jumps(state: _State) -> BoolArray:
    import numpy as np

    with np.errstate(divide="ignore", invalid="ignore"):
        speed = np.where(state.dt > 0, state.dd / state.dt, np.inf)
    leap = (speed > MAX_FOOT_SPEED_M_S) & (state.dd > LEAP_MIN_M)
    usual = state.usual_speed or 0.0
    limit = max(GAP_SPEED_FACTOR * usual, GAP_MIN_SPEED_M_S)
    gap = (state.dt >= GAP_MIN_S) & (speed > limit)
    return leap | gap


def _too_fast(state: _State, window_s: float) -> BoolArray:
    starts, speeds = _window_speeds(state, window_s)
    too_fast = speeds > record_speed_m_s(window_s)
    return _window_marks(state, starts[too_fast], window_s)


def _beyond_usual(state: _State) -> BoolArray:
    import numpy as np

    if state.usual_speed is None:
        return np.zeros(len(state.dt), dtype=bool)
    limit = max(BEYOND_USUAL_FACTOR * state.usual_speed, BEYOND_USUAL_MIN_SPEED_M_S)
    starts, speeds = _window_speeds(state, BEYOND_USUAL_WINDOW_S)
    return _window_marks(state, starts[speeds >= limit], BEYOND_USUAL_WINDOW_S)


def _sudden(state: _State) -> BoolArray:
    import numpy as np

    window = ACCELERATION_WINDOW_S
    starts, before = _window_speeds(state, window)
    middle = starts + window
    usable = middle + window <= state.time_s[-1]
    starts, before, middle = starts[usable], before[usable], middle[usable]
    distance = state.clean_distance()
    after = (
        np.interp(middle + window, state.time_s, distance)
        - np.interp(middle, state.time_s, distance)
    ) / window
    change = np.abs(after - before) / window
    sudden = (change > MAX_ACCELERATION_M_S2) & (
        np.maximum(before, after) >= ACCELERATION_MIN_SPEED_M_S
    )
    faster_after = after > before
    return _window_marks(state, starts[sudden & ~faster_after], window) | _window_marks(
        state, middle[sudden & faster_after], window
    )


def _no_stride(state: _State) -> BoolArray:
    import numpy as np

    cadence = state.kept.cadence_spm
    if cadence is None or not np.isfinite(cadence).any():
        return np.zeros(len(state.dt), dtype=bool)
    starts, speeds = _window_speeds(state, STEP_WINDOW_S)
    steps = _window_mean(state, cadence, starts, STEP_WINDOW_S)
    with np.errstate(divide="ignore", invalid="ignore"):
        step_m = np.where(steps > 0, speeds * 60.0 / steps, np.inf)
    wrong = (speeds >= STEP_MIN_SPEED_M_S) & (step_m > MAX_STEP_LENGTH_M)
    wrong &= _recorded_share(state, cadence, starts, STEP_WINDOW_S) >= CADENCE_RECORDED_SHARE
    return _window_marks(state, starts[wrong], STEP_WINDOW_S)


def _heart_disagrees(state: _State) -> BoolArray:
    import numpy as np

    heart, usual = state.kept.heart_rate, state.usual_speed
    nothing = np.zeros(len(state.dt), dtype=bool)
    if heart is None or usual is None or not np.isfinite(heart).any():
        return nothing
    usual_hr = _usual_heart_rate(state, heart, usual)
    if usual_hr is None:
        return nothing
    starts, speeds = _window_speeds(state, HEART_WINDOW_S)
    lagged = starts + HEART_LAG_S
    hr = _window_mean(state, heart, lagged, HEART_WINDOW_S - HEART_LAG_S)
    wrong = (speeds >= HEART_FAST_FACTOR * usual) & (hr < usual_hr - HEART_MARGIN_BPM)
    wrong &= ~_downhill(state, starts, HEART_WINDOW_S)
    return _window_marks(state, starts[wrong], HEART_WINDOW_S)


def _usual_heart_rate(state: _State, heart: FloatArray, usual: float) -> float | None:
    """The median heart rate while the runner ran within 10 % of the usual speed."""
    import numpy as np

    with np.errstate(divide="ignore", invalid="ignore"):
        speed = np.where(state.dt > 0, state.dd / state.dt, 0.0)
    steady = np.abs(speed / usual - 1.0) <= 0.1
    values = heart[1:][steady & np.isfinite(heart[1:])]
    return float(np.median(values)) if len(values) else None


def _window_mean(
    state: _State, values: FloatArray, starts_s: FloatArray, window_s: float
) -> FloatArray:
    """Time-weighted mean of a sampled value over each window (NaN where never recorded)."""
    import numpy as np

    held = values[1:]
    recorded = np.isfinite(held)
    area = np.concatenate(([0.0], np.cumsum(np.where(recorded, held * state.dt, 0.0))))
    covered = np.concatenate(([0.0], np.cumsum(np.where(recorded, state.dt, 0.0))))
    time_s = state.time_s
    area_in = np.interp(starts_s + window_s, time_s, area) - np.interp(starts_s, time_s, area)
    seen = np.interp(starts_s + window_s, time_s, covered) - np.interp(starts_s, time_s, covered)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(seen > 0, area_in / seen, np.nan)


def _recorded_share(
    state: _State, values: FloatArray, starts_s: FloatArray, window_s: float
) -> FloatArray:
    import numpy as np

    covered = np.concatenate(([0.0], np.cumsum(np.where(np.isfinite(values[1:]), state.dt, 0.0))))
    time_s = state.time_s
    seen = np.interp(starts_s + window_s, time_s, covered) - np.interp(starts_s, time_s, covered)
    return seen / window_s


def _downhill(state: _State, starts_s: FloatArray, window_s: float) -> BoolArray:
    import numpy as np

    altitude = state.kept.altitude_m
    if altitude is None or not np.isfinite(altitude).all():
        return np.zeros(len(starts_s), dtype=bool)
    time_s, distance = state.time_s, state.clean_distance()
    drop = np.interp(starts_s + window_s, time_s, altitude) - np.interp(starts_s, time_s, altitude)
    run = np.interp(starts_s + window_s, time_s, distance) - np.interp(starts_s, time_s, distance)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(run > 0, drop / run, 0.0) <= DOWNHILL_GRADE


# --- words for the runner --------------------------------------------------------------------


def _reason(kind: GlitchKind, state: _State, first: int, last: int) -> str:
    track = state.track
    seconds = float(track.time_s[last] - track.time_s[first])
    metres = float(track.distance_m[last] - track.distance_m[first])
    stretch = f"{format_distance(metres)} in {format_duration(seconds)}"
    pace = "" if seconds <= 0 or metres <= 0 else f" ({_pace(metres, seconds)})"
    if kind is GlitchKind.JUMP:
        return f"a position jump: {stretch}{pace} between two samples"
    if kind is GlitchKind.SPEED:
        return f"{stretch}{pace}: faster than any runner for that long, or than this run allows"
    if kind is GlitchKind.ACCELERATION:
        return f"{stretch}{pace}: a change of speed no runner makes"
    if kind is GlitchKind.STEPS:
        return f"{stretch}{pace} with a cadence that gives steps longer than any runner's"
    return f"{stretch}{pace} with a heart rate below that of the run's easy running"


def _pace(metres: float, seconds: float) -> str:
    return format_pace(Pace.from_distance_time(metres, seconds))
