"""Run: what the athlete did, imported from a device file or entered by hand.

A run's samples are columnar arrays (``Streams``); its summary numbers are plain fields that
queries and reports use. Metres and seconds throughout; ``None`` means "not recorded"
(a measured 0 is a real 0).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, TypeAlias

from runcoach.domain.errors import InvalidInput
from runcoach.domain.units import Pace

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

# NumPy is imported by the functions that handle samples, not here: the run's summary types
# are read by every command, and most never touch a sample (NumPy is a tenth of a second of a
# command's start; tests/cli/test_lazy_commands.py).
FloatArray: TypeAlias = "npt.NDArray[np.float64]"


class Sport(StrEnum):
    RUNNING = "running"
    TRAIL_RUNNING = "trail_running"
    TREADMILL = "treadmill"
    TRACK = "track"
    WALKING = "walking"
    HIKING = "hiking"
    CYCLING = "cycling"
    SWIMMING = "swimming"
    ELLIPTICAL = "elliptical"
    ROWING = "rowing"
    SKIING = "skiing"
    STRENGTH = "strength"
    OTHER = "other"

    @property
    def is_run(self) -> bool:
        return self in RUN_SPORTS


RUN_SPORTS = frozenset({Sport.RUNNING, Sport.TRAIL_RUNNING, Sport.TREADMILL, Sport.TRACK})


class WorkoutType(StrEnum):
    EASY = "easy"
    LONG = "long"
    TEMPO = "tempo"
    PROGRESSION = "progression"
    INTERVALS = "intervals"
    HILLS = "hills"
    RACE = "race"
    RECOVERY = "recovery"
    STRIDES = "strides"
    CROSS_TRAINING = "cross-training"
    STRENGTH = "strength"


NOT_RUNNING = frozenset({WorkoutType.CROSS_TRAINING, WorkoutType.STRENGTH})
"""Types that make an activity of a running sport not running: a ride or a drive saved as a
run (runcoach tags those too fast for any runner), a gym session on the watch's run
profile. They count toward training load, not toward running volume, run days or bests."""


def counts_as_running(sport: Sport, workout_type: WorkoutType | str | None) -> bool:
    """A running sport, not tagged as one of the ``NOT_RUNNING`` types."""
    return sport.is_run and workout_type not in NOT_RUNNING


EMPTY_RECORD_S = 60.0  # s, 30-120; a recording shorter than a minute is a watch started or
# stopped by mistake (a 0.00 km "run" of 25 s), not a session; runcoach's rule


def is_empty_record(duration_s: float | None) -> bool:
    """A recording whose duration (moving time when known) is under ``EMPTY_RECORD_S``."""
    return duration_s is None or duration_s < EMPTY_RECORD_S


def activity_label(sport: Sport, workout_type: WorkoutType | str | None) -> str:
    """What an activity was, in words: its sport, or for a running file that is not running
    (a drive saved as a run, tagged cross-training) what it counts as."""
    said = sport.value.replace("_", " ")
    if not sport.is_run or counts_as_running(sport, workout_type):
        return said
    counted = workout_type.value if isinstance(workout_type, WorkoutType) else workout_type
    return f"{counted} (recorded as {said}; not counted as running)"


class Surface(StrEnum):
    ROAD = "road"
    TRAIL = "trail"
    TRACK = "track"
    TREADMILL = "treadmill"
    GRASS = "grass"


class Terrain(StrEnum):
    FLAT = "flat"
    ROLLING = "rolling"
    HILLY = "hilly"


class Feel(StrEnum):
    GREAT = "great"
    GOOD = "good"
    NORMAL = "normal"
    TIRED = "tired"
    SORE = "sore"
    SICK = "sick"
    INJURED = "injured"


FOOT_SPORTS = frozenset(
    {Sport.RUNNING, Sport.TRAIL_RUNNING, Sport.TREADMILL, Sport.TRACK, Sport.WALKING, Sport.HIKING}
)  # cadence in steps per minute; FIT, and GPX/TCX from Garmin and Strava, record strides
# (one leg) per minute for these, which the importers double and the GPX export halves


@dataclass
class Streams:
    """Samples of a run as columnar arrays of equal length.

    ``time_s`` is seconds since the run's start and always present; every other stream is
    ``None`` when the device did not record it, and may hold NaN where single samples are
    missing.
    """

    time_s: FloatArray
    distance_m: FloatArray | None = None
    latitude: FloatArray | None = None
    longitude: FloatArray | None = None
    altitude_m: FloatArray | None = None
    heart_rate: FloatArray | None = None
    cadence_spm: FloatArray | None = None
    power_w: FloatArray | None = None
    speed_m_s: FloatArray | None = None

    def __post_init__(self) -> None:
        n = len(self.time_s)
        for name, values in self.named().items():
            if len(values) != n:
                raise InvalidInput(f"stream '{name}' has {len(values)} samples, time has {n}")

    def __len__(self) -> int:
        return len(self.time_s)

    def named(self) -> dict[str, FloatArray]:
        """The recorded streams by name (``time_s`` included)."""
        names = (
            "time_s", "distance_m", "latitude", "longitude", "altitude_m",
            "heart_rate", "cadence_spm", "power_w", "speed_m_s",
        )  # fmt: skip
        values = {name: getattr(self, name) for name in names}
        return {name: array for name, array in values.items() if array is not None}

    @property
    def has_gps(self) -> bool:
        import numpy as np

        return self.latitude is not None and bool(np.isfinite(self.latitude).any())

    def only(self, keep: npt.NDArray[np.bool_]) -> Streams:
        """The samples where ``keep`` is True."""
        return Streams(**{name: values[keep] for name, values in self.named().items()})


MAX_RECORDING_GAP_S = 12 * 3600.0  # s; a watch that resumes after a longer gap has recorded
# two activities, or its clock jumped (a FIT record dated 2085 after 5 minutes of running)
MAX_ACTIVITY_S = 10 * 86400.0  # s; longer than any one-piece race (Tor des Geants' limit is
# 150 h); samples timed later come from a broken clock, not from running


def clock_glitches(time_s: FloatArray) -> npt.NDArray[np.bool_]:
    """Samples whose time cannot belong to the activity: not a number, before the first
    sample, more than MAX_ACTIVITY_S after it, or after a gap of more than
    MAX_RECORDING_GAP_S (and everything after such a gap)."""
    import numpy as np

    bad = ~np.isfinite(time_s)
    if bad.all():
        return bad
    first = float(time_s[~bad][0])
    bad |= (time_s < first) | (time_s > first + MAX_ACTIVITY_S)
    good = np.flatnonzero(~bad)
    jumps = np.flatnonzero(np.diff(time_s[good]) > MAX_RECORDING_GAP_S)
    if len(jumps):
        bad[good[jumps[0] + 1] :] = True
    return bad


@dataclass
class Lap:
    start: datetime
    elapsed_s: float
    distance_m: float | None = None
    moving_s: float | None = None
    avg_hr: float | None = None
    max_hr: float | None = None
    avg_cadence_spm: float | None = None
    avg_power_w: float | None = None
    ascent_m: float | None = None
    intensity: str | None = None  # "active", "rest", "warmup", "cooldown" as the device marked it


@dataclass
class RaceResult:
    """A run marked as a race: the official result, which may differ from the watch."""

    official_time_s: float | None = None
    distance_m: float | None = None
    name: str | None = None
    conditions: str | None = None  # free text: "29 °C, humid, 9 pm start"
    temperature_c: float | None = None
    dew_point_c: float | None = None


@dataclass
class Run:
    """One activity. ``start`` is timezone-aware UTC; ``timezone`` is where it was run."""

    start: datetime
    sport: Sport = Sport.RUNNING
    elapsed_s: float | None = None
    moving_s: float | None = None
    distance_m: float | None = None
    timezone: str | None = None  # IANA name ("Europe/Ljubljana") or fixed offset ("+02:00")
    sub_sport: str | None = None
    ascent_m: float | None = None
    descent_m: float | None = None
    avg_hr: float | None = None
    max_hr: float | None = None
    avg_cadence_spm: float | None = None
    max_cadence_spm: float | None = None
    avg_power_w: float | None = None
    max_power_w: float | None = None
    calories: float | None = None
    device: str | None = None
    laps: list[Lap] = field(default_factory=list)
    streams: Streams | None = None
    name: str | None = None
    notes: str | None = None
    workout_type: WorkoutType | None = None
    surface: Surface | None = None
    terrain: Terrain | None = None
    shoe_id: int | None = None
    rpe: int | None = None  # rate of perceived exertion, 1-10 (Borg CR10)
    feel: Feel | None = None
    race: RaceResult | None = None
    source: str = "manual"  # "fit", "gpx", "tcx", "manual"
    id: int | None = None
    # What the importer had to guess or recover ("the file breaks at byte 7471: ..."); shown
    # to the runner, never a reason to drop the run.
    warnings: list[str] = field(default_factory=list)
    # The runner says the stretches runcoach took for glitches were real: analyse them as run.
    samples_trusted: bool = False

    def __post_init__(self) -> None:
        if self.start.tzinfo is None:
            raise InvalidInput("a run's start must carry a time zone (store UTC)")
        if self.rpe is not None and not 1 <= self.rpe <= 10:
            raise InvalidInput(f"effort (RPE) is from 1 to 10, not {self.rpe}")

    @property
    def duration_s(self) -> float | None:
        """The time that counts for pace: moving time when known, else elapsed."""
        return self.moving_s if self.moving_s is not None else self.elapsed_s

    @property
    def pace(self) -> Pace | None:
        duration = self.duration_s
        if not self.distance_m or not duration:
            return None
        return Pace.from_distance_time(self.distance_m, duration)

    @property
    def is_run(self) -> bool:
        """Running: a running sport, not tagged cross-training or strength (``NOT_RUNNING``)."""
        return self.sport in RUN_SPORTS and self.workout_type not in NOT_RUNNING  # as
        # counts_as_running, without two calls: reports ask it of every run several times


def without_clock_glitches(run: Run) -> Run:
    """The run without samples timed by a broken clock, and a warning saying how many."""
    streams = run.streams
    if streams is None or not len(streams):
        return run
    bad = clock_glitches(streams.time_s)
    if not bad.any():
        return run
    run.streams = streams.only(~bad)
    run.warnings.append(
        f"{int(bad.sum())} of {len(streams)} samples were left out: their time lies outside "
        "the activity (more than 12 h after the sample before, or a broken clock)"
    )
    return run
