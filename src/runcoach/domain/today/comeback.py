"""Back to running after an injury or a long break: run/walk to continuous, then volume
rebuilt from a lower base.

The run/walk progression is adapted from the return-to-run protocols used in sports
physiotherapy (Warden, Davis & Fredericson 2014, 'Management and prevention of bone stress
injuries in long-distance runners', JOSPT 44(10): run every other day, advance only when
pain-free during and the day after). The rebuild follows Daniels' rules for time off
(Daniels' Running Formula, 3rd ed. 2014, 'Breaks from training').
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from runcoach.domain.plans.workouts import (
    Effort,
    PaceRange,
    Repeat,
    Step,
    StepKind,
    Workout,
    WorkoutKind,
)
from runcoach.domain.run.logged import LoggedRun

SOURCE_RETURN = (
    "run/walk return-to-run progression adapted from Warden, Davis & Fredericson 2014 "
    "(JOSPT 44(10)): run every other day, move up a stage only when pain-free during the run "
    "and the next morning"
)
SOURCE_REBUILD = (
    "Daniels' Running Formula (3rd ed. 2014), breaks from training: after 6-28 days off run "
    "half the earlier volume for the first half of the comeback and three quarters for the "
    "second; after longer breaks a third, a half, then three quarters"
)


@dataclass(frozen=True)
class Stage:
    """One run/walk stage: ``reps`` times (run ``run_s``, walk ``walk_s``)."""

    run_s: float
    walk_s: float
    reps: int

    def describe(self) -> str:
        if self.walk_s == 0:
            return f"{self.run_s * self.reps / 60:.0f} min continuous easy running"
        return f"{self.reps} x ({self.run_s / 60:.0f} min run, {self.walk_s / 60:.0f} min walk)"


STAGES = (
    Stage(60, 120, 7),
    Stage(120, 120, 6),
    Stage(180, 60, 6),
    Stage(300, 60, 4),
    Stage(420, 60, 3),
    Stage(720, 60, 2),
    Stage(1500, 0, 1),
    Stage(1800, 0, 1),
)  # running time grows 7 -> 30 min, run/walk to continuous in ~16 days (Warden 2014, adapted)

SHORT_BREAK_DAYS = 5  # up to 5 days off: no reduction (Daniels 2014)
MEDIUM_BREAK_DAYS = 28  # 6-28 days off: 50 % then 75 % (Daniels 2014)
MAX_PHASE_DAYS = 21  # longest single rebuild phase after a long break, days (Daniels 2014)
# First stage of the progression by days off: short breaks skip the early run/walk stages.
FIRST_STAGE_BY_DAYS_OFF = ((7, 4), (14, 2))  # (up to N days off, first stage index)


def first_stage(days_off: int) -> int:
    for limit, stage in FIRST_STAGE_BY_DAYS_OFF:
        if days_off <= limit:
            return stage
    return 0


@dataclass(frozen=True)
class Comeback:
    """Where the runner stands on the way back, on a given day."""

    stage: int | None  # index in STAGES, or None once running continuously again
    done_stages_on: date | None  # the day the last stage was run
    volume_factor: float  # share of the planned volume for today
    rested_yesterday: bool

    @property
    def in_progression(self) -> bool:
        return self.stage is not None

    @property
    def finished(self) -> bool:
        return self.stage is None and self.volume_factor >= 1.0


def comeback_on(
    log: Sequence[LoggedRun],
    since: date,
    days_off: int,
    day: date,
    sore: Collection[date] = (),
) -> Comeback:
    """The stage (or rebuild share) for ``day``, counting the run days logged since ``since``.

    A run that hurt (a sore check-in that day or the next) does not move the runner up.
    """
    run_days = sorted({r.day for r in log if since <= r.day < day})
    advancing = [d for d in run_days if d not in sore and d + timedelta(days=1) not in sore]
    stage = first_stage(days_off) + len(advancing)
    ran_yesterday = bool(run_days) and (day - run_days[-1]).days == 1
    if stage < len(STAGES):
        return Comeback(stage, None, 0.0, not ran_yesterday)
    done_on = advancing[len(STAGES) - first_stage(days_off) - 1]
    factor = rebuild_factor(days_off, (day - done_on).days)
    return Comeback(None, done_on, factor, not ran_yesterday)


def rebuild_factor(days_off: int, days_back: int) -> float:
    """Share of the earlier volume ``days_back`` days into the comeback after ``days_off``."""
    if days_off <= SHORT_BREAK_DAYS:
        return 1.0
    if days_off <= MEDIUM_BREAK_DAYS:
        half = days_off / 2
        return 0.5 if days_back < half else 0.75 if days_back < days_off else 1.0
    phase = min(days_off / 3, MAX_PHASE_DAYS)
    for share, end in ((1 / 3, phase), (0.5, 2 * phase), (0.75, 3 * phase)):
        if days_back < end:
            return share
    return 1.0


def stage_workout(index: int, easy: PaceRange | None) -> Workout:
    stage = STAGES[index]
    run = Step(StepKind.WORK, duration_s=stage.run_s, pace=easy, effort=Effort.EASY)
    if stage.walk_s == 0:
        blocks: tuple[Step | Repeat, ...] = (run,)
    else:
        walk = Step(StepKind.RECOVERY, duration_s=stage.walk_s, effort=Effort.STANDING, note="walk")
        blocks = (Repeat(stage.reps, (run, walk)),)
    return Workout(
        WorkoutKind.EASY,
        f"Return to running, stage {index + 1} of {len(STAGES)}: {stage.describe()}",
        blocks,
        tip="Flat and soft ground, very easy effort. Stop if it hurts; repeat this stage "
        "next time if you felt the injury during the run or the next morning.",
    )
