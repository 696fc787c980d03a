"""Training load per run, and fitness, fatigue and form from it.

Every run gets a load on one scale, "load points", where 100 is about one hour at threshold
(the scale of TrainingPeaks' TSS), so that runs measured in different ways add up. Each load
records the method it came from:

- heart rate: Banister's TRIMP (Banister 1991; Morton, Fitz-Clarke & Banister 1990) from the
  average heart rate, rescaled so that one hour at threshold heart rate is 100 ("hrTSS");
- session RPE: effort (CR10) x minutes (Foster et al. 2001), rescaled likewise;
- pace: duration x intensity factor squared x 100, the intensity factor being average speed
  over threshold speed ("rTSS", after Skiba's running TSS; average pace, not graded pace);
- duration: an assumed easy effort, when nothing else was recorded.

Fitness (CTL) and fatigue (ATL) are exponentially weighted averages of daily load with time
constants of 42 and 7 days: the fitness and fatigue terms of Banister's impulse-response
model (Banister et al. 1975; Calvert et al. 1976) with both gains set to 1. Form (TSB) is
fitness minus fatigue at the end of the day before.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from statistics import fmean
from typing import Protocol

from runcoach.domain.units import Pace

FITNESS_DAYS = 42.0  # CTL time constant, days; 35-50 in use (Banister 1975; Coggan's PMC)
FATIGUE_DAYS = 7.0  # ATL time constant, days; 5-15 in use (Banister 1975; Coggan's PMC)
LOAD_WARMUP_DAYS = 252  # 6 x 42 days of history before a period: e^-6 = 0.25 % left unseen
RAMP_DAYS = 7  # ramp rate = fitness change over this many days (TrainingPeaks convention)
ACUTE_DAYS = 7  # acute window of the acute:chronic ratio, days (Hulin et al. 2014)
CHRONIC_DAYS = 28  # chronic window of the acute:chronic ratio, days (Hulin et al. 2014)

POINTS_PER_THRESHOLD_HOUR = 100.0  # one hour at threshold = 100 points (Coggan's TSS scale)
TRIMP_A = 0.64  # TRIMP weighting factor, men (Banister 1991); women 0.86
TRIMP_B = 1.92  # TRIMP exponent, men (Banister 1991); women 1.67
THRESHOLD_HRR = 0.86  # threshold heart rate as a fraction of HR reserve, 0.80-0.90 (Friel 2009)
SRPE_THRESHOLD_HOUR_AU = 420.0  # session RPE of an hour at threshold: CR10 7 x 60 min (Foster 2001)
ASSUMED_EASY_IF = 0.75  # intensity factor assumed for a run with only a duration, 0.65-0.80
RESTING_HR_DEFAULT = 60.0  # bpm, when the athlete gave none; adults 50-80 (AHA)
MIN_HR_RUNS_FOR_MAX = 5  # runs with a max HR before the highest one stands in for max HR
MIN_HRR = 0.0  # heart-rate reserve below resting counts as zero
MAX_HRR = 1.0  # and above maximum as maximum

ACWR_LIMITS = (
    "The acute:chronic workload ratio is shown as a description of how this week compares "
    "with the last four, not as an injury predictor: its 'sweet spot' (0.8-1.3) and 'danger "
    "zone' (> 1.5) come from observational studies that later analyses could not reproduce; "
    "the coupled ratio (this week inside the four weeks) is partly a ratio of a number to "
    "itself, and ratios of small chronic loads swing wildly (Impellizzeri et al. 2020, 'Acute:"
    "chronic workload ratio: conceptual issues and fundamental pitfalls', IJSPP 15(6); Lolli "
    "et al. 2019)."
)


class LoadMethod(StrEnum):
    HEART_RATE = "heart_rate"  # hrTSS from Banister TRIMP
    SESSION_RPE = "session_rpe"  # Foster 2001
    PACE = "pace"  # rTSS-like, average pace vs threshold pace
    DURATION = "duration"  # assumed easy


@dataclass(frozen=True)
class HeartRateProfile:
    resting_hr: float
    max_hr: float
    trimp_a: float = TRIMP_A
    trimp_b: float = TRIMP_B

    def reserve_fraction(self, hr: float) -> float:
        fraction = (hr - self.resting_hr) / (self.max_hr - self.resting_hr)
        return min(MAX_HRR, max(MIN_HRR, fraction))

    def trimp(self, minutes: float, avg_hr: float) -> float:
        """Banister's TRIMP: minutes x HRr x a x e^(b x HRr)."""
        hrr = self.reserve_fraction(avg_hr)
        return minutes * hrr * self.trimp_a * math.exp(self.trimp_b * hrr)

    def threshold_hour_trimp(self) -> float:
        return 60.0 * THRESHOLD_HRR * self.trimp_a * math.exp(self.trimp_b * THRESHOLD_HRR)


def heart_rate_profile(
    max_hr: float | None, resting_hr: float | None, seen_max_hr: Sequence[float]
) -> tuple[HeartRateProfile | None, list[str]]:
    """The runner's resting and maximum heart rate: their own, else the highest recorded
    (once ``MIN_HR_RUNS_FOR_MAX`` runs have one) and a resting ``RESTING_HR_DEFAULT``; with
    a note for each value that was not the runner's own."""
    notes: list[str] = []
    if max_hr is None:
        if len(seen_max_hr) < MIN_HR_RUNS_FOR_MAX:
            return None, notes
        max_hr = max(seen_max_hr)
        notes.append(f"max heart rate {max_hr:.0f}: the highest recorded (set yours for better)")
    if resting_hr is None:
        resting_hr = RESTING_HR_DEFAULT
        notes.append(f"resting heart rate assumed {resting_hr:.0f} bpm (set yours for better)")
    if max_hr <= resting_hr:
        return None, notes
    return HeartRateProfile(resting_hr=resting_hr, max_hr=max_hr), notes


@dataclass(frozen=True)
class LoadBasis:
    """What loads are measured against: the heart-rate profile and the threshold pace."""

    heart_rate: HeartRateProfile | None = None
    threshold_pace: Pace | None = None


class Run(Protocol):
    """What a load is computed from: a stored run (``runcoach.domain.run.runs.Run``) or a run of
    the day-by-day log (``runcoach.domain.run.logged.LoggedRun``)."""

    @property
    def id(self) -> int | None: ...
    @property
    def duration_s(self) -> float | None: ...
    @property
    def avg_hr(self) -> float | None: ...
    @property
    def rpe(self) -> int | None: ...
    @property
    def pace(self) -> Pace | None: ...
    @property
    def is_run(self) -> bool: ...


@dataclass(frozen=True)
class RunLoad:
    day: date
    load: float
    method: LoadMethod
    detail: str
    run_id: int | None = None


def run_load(run: Run, day: date, basis: LoadBasis) -> RunLoad | None:
    """The load of one run, by the best method its data allows; None without a duration."""
    found = load_points(run, basis)
    if found is None:
        return None
    points, method = found
    return RunLoad(day, points, method, load_detail(run, method, basis), run.id)


def load_points(run: Run, basis: LoadBasis) -> tuple[float, LoadMethod] | None:
    """``run_load``'s points and method without its words (a long period's report words
    only the runs it lists); None without a duration."""
    duration_s = run.duration_s
    if not duration_s:
        return None
    minutes = duration_s / 60.0
    hr = basis.heart_rate
    if hr is not None and run.avg_hr is not None:
        trimp = hr.trimp(minutes, run.avg_hr)
        return trimp / hr.threshold_hour_trimp() * POINTS_PER_THRESHOLD_HOUR, LoadMethod.HEART_RATE
    if run.rpe is not None:
        session_au = run.rpe * minutes
        points = session_au / SRPE_THRESHOLD_HOUR_AU * POINTS_PER_THRESHOLD_HOUR
        return points, LoadMethod.SESSION_RPE
    intensity = _intensity_factor(run, basis.threshold_pace)
    if intensity is not None:
        return minutes / 60.0 * intensity**2 * POINTS_PER_THRESHOLD_HOUR, LoadMethod.PACE
    return minutes / 60.0 * ASSUMED_EASY_IF**2 * POINTS_PER_THRESHOLD_HOUR, LoadMethod.DURATION


def _intensity_factor(run: Run, threshold: Pace | None) -> float | None:
    pace = run.pace
    if threshold is None or pace is None or not run.is_run:
        return None
    return threshold.seconds_per_km / pace.seconds_per_km


def load_detail(run: Run, method: LoadMethod, basis: LoadBasis) -> str:
    """How a run's load was worked out, in words ("TRIMP 84 from average heart rate 152 bpm")."""
    minutes = (run.duration_s or 0.0) / 60.0
    if method is LoadMethod.HEART_RATE and basis.heart_rate and run.avg_hr is not None:
        trimp = basis.heart_rate.trimp(minutes, run.avg_hr)
        return f"TRIMP {trimp:.0f} from average heart rate {run.avg_hr:.0f} bpm"
    if method is LoadMethod.SESSION_RPE and run.rpe is not None:
        return f"session RPE {run.rpe * minutes:.0f} AU (effort {run.rpe} x {minutes:.0f} min)"
    intensity = _intensity_factor(run, basis.threshold_pace)
    if method is LoadMethod.PACE and intensity is not None:
        return f"intensity factor {intensity:.2f} (average pace vs threshold pace)"
    return f"{minutes:.0f} min at an assumed easy effort"


class DayLoad(Protocol):
    """A load on a day (a ``RunLoad``, or a long period's load without its words)."""

    @property
    def day(self) -> date: ...
    @property
    def load(self) -> float: ...


def daily_loads(loads: Iterable[DayLoad], first: date, last: date) -> list[float]:
    """Total load of each day from ``first`` to ``last`` (0 on days without a run)."""
    totals = [0.0] * ((last - first).days + 1)
    for item in loads:
        index = (item.day - first).days
        if 0 <= index < len(totals):
            totals[index] += item.load
    return totals


@dataclass(frozen=True)
class DayState:
    day: date
    load: float
    fitness: float  # CTL at the end of the day
    fatigue: float  # ATL at the end of the day
    form: float  # TSB: fitness - fatigue at the end of the day before


def decay(days: float) -> float:
    """The share of yesterday's average kept today for a time constant of ``days``."""
    return math.exp(-1.0 / days)


def training_curve(
    first: date, loads: Sequence[float], fitness: float = 0.0, fatigue: float = 0.0
) -> list[DayState]:
    """Fitness, fatigue and form day by day, starting from ``fitness`` and ``fatigue``."""
    keep_fit, keep_fat = decay(FITNESS_DAYS), decay(FATIGUE_DAYS)
    states: list[DayState] = []
    for offset, load in enumerate(loads):
        form = fitness - fatigue
        fitness = fitness * keep_fit + load * (1.0 - keep_fit)
        fatigue = fatigue * keep_fat + load * (1.0 - keep_fat)
        day = first + timedelta(days=offset)
        states.append(DayState(day, load, fitness, fatigue, form))
    return states


def ramp_rate(states: Sequence[DayState], index: int) -> float | None:
    """Fitness gained over the last ``RAMP_DAYS`` days at ``states[index]``, points/week."""
    if index < RAMP_DAYS:
        return None
    return states[index].fitness - states[index - RAMP_DAYS].fitness


@dataclass(frozen=True)
class WeekStrain:
    """Foster's (1998) monotony and strain of one week of daily loads."""

    week_start: date
    load: float
    mean: float
    sd: float
    monotony: float | None  # mean / SD; None when every day had the same load
    strain: float | None  # weekly load x monotony


def week_strain(week_start: date, daily: Sequence[float]) -> WeekStrain:
    """Monotony = mean daily load / SD of daily load (population SD over the 7 days)."""
    mean = fmean(daily)
    sd = math.sqrt(sum((x - mean) ** 2 for x in daily) / len(daily))
    monotony = mean / sd if sd > 0 else None
    total = sum(daily)
    strain = total * monotony if monotony is not None else None
    return WeekStrain(week_start, total, mean, sd, monotony, strain)


@dataclass(frozen=True)
class WorkloadRatio:
    acute: float  # mean daily load of the last 7 days
    chronic: float  # mean daily load of the last 28 days (the 7 included: "coupled")
    ratio: float | None
    limits: str = ACWR_LIMITS


def workload_ratio(daily: Sequence[float]) -> WorkloadRatio:
    """The coupled rolling-average acute:chronic ratio at the last day of ``daily``."""
    acute = fmean(daily[-ACUTE_DAYS:]) if daily else 0.0
    chronic = fmean(daily[-CHRONIC_DAYS:]) if daily else 0.0
    ratio = acute / chronic if chronic > 0 and len(daily) >= CHRONIC_DAYS else None
    return WorkloadRatio(acute, chronic, ratio)


MIN_THRESHOLD_EFFORT_S = 20 * 60.0  # shortest run that can show threshold pace, s (20-min test)
MAX_THRESHOLD_EFFORT_S = 70 * 60.0  # longest: about an hour's race effort, s (Coggan's FTP)


def estimate_threshold_pace(runs: Iterable[Run]) -> Pace | None:
    """The fastest average pace held for 20-70 minutes: a stand-in for threshold pace.

    A runner who never ran hard for 20 minutes gets a slower (safer) estimate, so pace loads
    come out higher; races and the fitness model give a better threshold when present.
    """
    best: Pace | None = None
    for run in runs:
        duration = run.duration_s
        if not run.is_run or duration is None or run.pace is None:
            continue
        if MIN_THRESHOLD_EFFORT_S <= duration <= MAX_THRESHOLD_EFFORT_S and (
            best is None or run.pace < best
        ):
            best = run.pace
    return best
