"""The verdict on a goal: within reach, a stretch, or not realistic this time, with the numbers.

The clock is not read here: the caller passes ``today``. The race-day prediction is today's
prediction (runcoach's own model) with a sensible volume build and the expected fitness gain
(runcoach.domain.fitness.gain: fitted on real runners, with its 80 % interval), then the race-day
conditions' cost. Every assumption is a named constant below or in those modules.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from runcoach.domain.errors import InvalidInput
from runcoach.domain.fitness.conditions import Conditions, ConditionsEffect, conditions_effect
from runcoach.domain.fitness.gain import Gain, GainInputs, expected_gain, weeks_for_gain
from runcoach.domain.fitness.own_model import Prediction, Result, predict
from runcoach.domain.hints import Do, Hint
from runcoach.domain.run.records import record_speed_m_s
from runcoach.domain.units import METRES_PER_KM, format_duration

if TYPE_CHECKING:  # the race plans and programs are imported by a goal's check only: the
    # paces and predictions that import Goal's module need none of the plan stack
    from runcoach.domain.plans.race_plan import RacePlan

# Volume build: +10 % a week in 3 weeks of 4 (the coaching "10 % rule"; Buist et al. 2008 found
# no evidence that slower builds prevent injury, so it is a ceiling, not a guarantee).
VOLUME_GROWTH_PER_WEEK = 0.075  # fraction per week, averaged over build and recovery weeks
VOLUME_BUILD_CAP = 1.5  # the race-day volume is at most 1.5x today's in one cycle
ONE_CYCLE_WEEKS = 52.0  # weeks; a gap that needs longer is for the ladder, not one build-up
STRETCH_MAX_PCT = 3.0  # % faster than predicted that a great day can give (~ median model error)
LADDER_BLOCK_WEEKS = 12  # weeks per intermediate goal
LADDER_STEP_PCT = 2.5  # % faster per 12-week block (the gain curve's early slope, rounded)
LADDER_MAX_RUNGS = 12  # three years of blocks
LADDER_TOLERANCE_S = 0.5  # s; a rung within half a second of the dream reaches it
# Longest run before a race: about 75 % of a half, 30-32 km before a marathon (common coaching
# practice, e.g. Pfitzinger & Douglas, Advanced Marathoning 2009); long runs grow ~1.5 km/week.
LONG_RUN_SHARE_NEEDED = 0.75  # of the race distance, capped at LONG_RUN_CAP_M
LONG_RUN_CAP_M = 32_000.0  # m
LONG_RUN_GROWTH_M_PER_WEEK = 1_500.0  # m per week


class VerdictKind(StrEnum):
    WITHIN_REACH = "within reach"
    STRETCH = "a stretch"
    NOT_REALISTIC = "not realistic this time"


@dataclass(frozen=True)
class Goal:
    distance_m: float
    time_s: float
    race_date: dt.date
    conditions: Conditions = field(default_factory=Conditions)


@dataclass(frozen=True)
class Rung:
    """An intermediate goal: a time over the distance by a date."""

    date: dt.date
    time_s: float


@dataclass(frozen=True)
class Verdict:
    kind: VerdictKind
    goal: Goal
    weeks_left: float
    today: Prediction
    improvement_pct: float  # the expected gain by race day, % of race time (+ = faster)
    improvement_low_pct: float  # its 80 % interval
    improvement_high_pct: float
    race_day_weekly_distance_m: float | None
    race_day_s: float  # with the training gain, before conditions
    race_day_fast_s: float  # with the gain at the top of its 80 % interval, before conditions
    race_day_slow_s: float  # with the gain at the bottom of its 80 % interval
    conditions: ConditionsEffect
    conditions_cost_s: float
    race_day_with_conditions_s: float
    needed_pct: float  # how much faster than the race-day prediction the goal is (+ = faster)
    realistic_s: float  # what is realistic this time (the race-day prediction with conditions)
    weeks_needed: float | None  # weeks of training that would close the gap (None: > 1 cycle)
    weekly_distance_needed_m: float | None  # volume that would close the gap on the same date
    ladder: tuple[Rung, ...]
    reasons: tuple[str, ...]
    assumptions: tuple[str, ...] = ()
    race_plan: RacePlan | None = None  # splits for the goal (or, beyond reach, the realistic)
    gain_reasons: tuple[str, ...] = ()  # what the expected gain rests on


ASSUMPTIONS = (
    "expected gain: runners who raced the Boston Marathon again were in the median no faster a "
    "year later (21,090 runners, 2001-2008 and 2014, heat-corrected); the 80 % interval is what "
    "four in five of them did; beginners gain more (Daniels' rule, not fitted)",
    "weekly volume grows about 10 % a week in three weeks of four, at most "
    f"{VOLUME_BUILD_CAP:g}x today's in one cycle (the coaching 10 % rule); runcoach's own model "
    "turns that volume into the race-day prediction",
    f"a stretch is at most {STRETCH_MAX_PCT:g} % faster than the race-day prediction (a great day)",
    f"each rung of the ladder is {LADDER_STEP_PCT:g} % faster than the one before, one "
    f"{LADDER_BLOCK_WEEKS}-week training block later: a stretch rung, re-check each rung when you "
    "reach it",
)


def weeks_for_improvement(pct: float, inputs: GainInputs | None = None) -> float | None:
    """Weeks of training whose expected gain gives ``pct``; None if beyond one cycle."""
    return weeks_for_gain(pct, inputs or GainInputs(), ONE_CYCLE_WEEKS)


def built_volume_m(weekly_distance_m: float | None, weeks: float) -> float | None:
    if weekly_distance_m is None:
        return None
    growth = float((1.0 + VOLUME_GROWTH_PER_WEEK) ** max(weeks, 0.0))
    return weekly_distance_m * min(growth, VOLUME_BUILD_CAP)


def check_goal(
    goal: Goal,
    results: Sequence[Result],
    weekly_distance_m: float | None,
    today: dt.date,
    dream_s: float | None = None,
    longest_run_m: float | None = None,
    gain_inputs: GainInputs | None = None,
    planned_peak_m: float | None = None,
) -> Verdict:
    """Judge ``goal`` against the runner's results and volume, as of ``today``.

    ``planned_peak_m``: the weekly volume a plan builds to, when a plan asks: the race-day
    volume is then at most that (a plan that peaks at 70 km is not judged as if it built to
    the 1.5x the verdict alone assumes)."""
    weeks_left = _weeks_left(goal, today)
    now = predict(results, goal.distance_m, weekly_distance_m)
    volume = built_volume_m(weekly_distance_m, weeks_left)
    if volume is not None and planned_peak_m is not None:
        volume = max(min(volume, planned_peak_m), weekly_distance_m or 0.0)
    expected = expected_gain(weeks_left, gain_inputs or GainInputs())
    gain = expected.centre_pct
    built_s = predict(results, goal.distance_m, volume).time_s
    race_day_s = built_s * (1 - gain / 100)
    effect = conditions_effect(_with_month(goal), goal.distance_m, race_day_s)
    with_conditions = race_day_s * effect.factor
    needed = (with_conditions / goal.time_s - 1.0) * 100.0
    kind = _kind(needed)
    base_s = predict(results, goal.distance_m, volume).time_s * effect.factor
    weeks_needed = weeks_for_improvement((1.0 - goal.time_s / base_s) * 100.0, gain_inputs)
    return Verdict(
        kind=kind,
        goal=goal,
        weeks_left=weeks_left,
        today=now,
        improvement_pct=gain,
        improvement_low_pct=expected.low_pct,
        improvement_high_pct=expected.high_pct,
        race_day_weekly_distance_m=volume,
        race_day_s=race_day_s,
        race_day_fast_s=built_s * (1 - expected.high_pct / 100),
        race_day_slow_s=built_s * (1 - expected.low_pct / 100),
        conditions=effect,
        conditions_cost_s=with_conditions - race_day_s,
        race_day_with_conditions_s=with_conditions,
        needed_pct=needed,
        realistic_s=with_conditions,
        weeks_needed=weeks_needed,
        weekly_distance_needed_m=_volume_needed(goal, results, weekly_distance_m, gain, effect),
        ladder=ladder(with_conditions, dream_s or goal.time_s, goal.race_date),
        reasons=_reasons(kind, needed, effect, goal, with_conditions)
        + _long_run_reasons(goal, longest_run_m, weeks_left),
        assumptions=ASSUMPTIONS,
        race_plan=_race_plan(goal, kind, with_conditions, longest_run_m),
        gain_reasons=_gain_reasons(expected, weeks_left),
    )


def _race_plan(
    goal: Goal, kind: VerdictKind, with_conditions_s: float, longest_run_m: float | None
) -> RacePlan:
    from runcoach.domain.plans.race_plan import race_plan, ready_program

    return race_plan(
        goal.distance_m,
        goal.time_s if kind is not VerdictKind.NOT_REALISTIC else with_conditions_s,
        _with_month(goal),
        ready_program(goal.distance_m, goal.time_s, longest_run_m),
    )


def _with_month(goal: Goal) -> Conditions:
    """The goal's conditions with the race month (for the season's heat) when not given."""
    if goal.conditions.race_month is not None:
        return goal.conditions
    return dataclasses.replace(goal.conditions, race_month=goal.race_date.month)


def _gain_reasons(gain: Gain, weeks: float) -> tuple[str, ...]:
    if weeks < 52:
        return (*gain.reasons, "under a year the interval is extrapolated from 1-3 year gaps")
    return gain.reasons


def _weeks_left(goal: Goal, today: dt.date) -> float:
    if goal.race_date <= today:
        raise InvalidInput(
            f"the goal date {goal.race_date.isoformat()} is not in the future",
            hint=Hint(
                Do.GIVE_RACE_DATE,
                f"give a race date after {today.isoformat()}",
                {
                    "after": today.isoformat(),
                    "example": (today + dt.timedelta(weeks=16)).isoformat(),
                },
            ),
        )
    return (goal.race_date - today).days / 7.0


def _kind(needed_pct: float) -> VerdictKind:
    if needed_pct <= 0.0:
        return VerdictKind.WITHIN_REACH
    if needed_pct <= STRETCH_MAX_PCT:
        return VerdictKind.STRETCH
    return VerdictKind.NOT_REALISTIC


def _volume_needed(
    goal: Goal,
    results: Sequence[Result],
    weekly_distance_m: float | None,
    gain_pct: float,
    effect: ConditionsEffect,
) -> float | None:
    """The smallest weekly volume (up to 160 km) that brings the prediction to the goal."""
    if weekly_distance_m is None:
        return None
    for km in range(10, 161, 5):
        volume = km * METRES_PER_KM
        if volume < weekly_distance_m:
            continue
        time_s = predict(results, goal.distance_m, volume).time_s * (1 - gain_pct / 100)
        if time_s * effect.factor <= goal.time_s:
            return volume
    return None


def ladder(start_s: float, dream_s: float, start_date: dt.date) -> tuple[Rung, ...]:
    """Intermediate goals, one per training block, from the realistic time toward the dream."""
    rungs: list[Rung] = []
    time_s, date = start_s, start_date
    while time_s > dream_s + LADDER_TOLERANCE_S and len(rungs) < LADDER_MAX_RUNGS:
        time_s = max(time_s * (1 - LADDER_STEP_PCT / 100), dream_s)
        date = date + dt.timedelta(weeks=LADDER_BLOCK_WEEKS)
        rungs.append(Rung(date, time_s))
    return tuple(rungs)


def _reasons(
    kind: VerdictKind, needed: float, effect: ConditionsEffect, goal: Goal, predicted_s: float
) -> tuple[str, ...]:
    reasons = []
    if kind is VerdictKind.WITHIN_REACH:
        reasons.append(f"the race-day prediction is {-needed:.1f} % faster than the goal")
    elif _beyond_anyone(goal):
        # a typo more often than a dream (0:01 for a marathon): a percentage in the millions
        # tells the runner nothing, the records do
        reasons.append(
            f"no runner has run {round(goal.distance_m / METRES_PER_KM, 1):g} km in "
            f"{format_duration(goal.time_s)}: it beats the world records' pace for that long"
        )
    else:
        reasons.append(f"the goal is {needed:.1f} % faster than the race-day prediction")
    for adjustment in effect.adjustments:
        if adjustment.factor > 1.0:
            cost = adjustment.cost_s(predicted_s / effect.factor)
            reasons.append(f"{adjustment.name} costs about {cost:.0f} s: {adjustment.detail}")
    reasons.extend(effect.warnings)
    return tuple(reasons)


def _beyond_anyone(goal: Goal) -> bool:
    """The goal's mean speed beats the world records' speed for that long (domain/run/records:
    the records' curve, with its 5 % margin): nobody has run it."""
    return goal.distance_m / goal.time_s > record_speed_m_s(goal.time_s)


def _long_run_reasons(goal: Goal, longest_run_m: float | None, weeks: float) -> tuple[str, ...]:
    if longest_run_m is None:
        return ()
    needed_m = min(goal.distance_m * LONG_RUN_SHARE_NEEDED, LONG_RUN_CAP_M)
    if longest_run_m >= needed_m:
        return (f"longest recent run {longest_run_m / 1000:.0f} km: long enough for this race",)
    reachable_m = longest_run_m + LONG_RUN_GROWTH_M_PER_WEEK * max(weeks - 2.0, 0.0)
    if reachable_m >= needed_m:
        return (
            f"longest recent run {longest_run_m / 1000:.0f} km: build it to about "
            f"{needed_m / 1000:.0f} km before the taper",
        )
    return (
        f"longest recent run {longest_run_m / 1000:.0f} km: at +1.5 km a week it reaches only "
        f"{reachable_m / 1000:.0f} km of the ~{needed_m / 1000:.0f} km this race wants",
    )
