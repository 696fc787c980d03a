"""One week's input to the layout, from its shape and the profile: its days and day types,
volume, sessions and races, the long run it grows toward and the share of the week it may
take, the program's sessions; and the week built from the layout's slots."""

from __future__ import annotations

import copy
from datetime import date, timedelta

from runcoach.domain.plans.blocks import is_work_week
from runcoach.domain.plans.building import Build, run_days_of_week
from runcoach.domain.plans.layout import ULTRA_LONG_SHARE, Carry, WeekInput, WeekLayout
from runcoach.domain.plans.model import Baseline, Day, Phase, Week
from runcoach.domain.plans.paces import PlanPaces
from runcoach.domain.plans.plan_races import race_workout
from runcoach.domain.plans.profile import Profile, RaceEntry
from runcoach.domain.plans.programs import mile_sessions, quality_allowed
from runcoach.domain.plans.rules import SHARE_GOAL_M, long_share_max
from runcoach.domain.plans.schedule import Allowance
from runcoach.domain.plans.shape import ULTRA_M, WeekShape, peak_long_m
from runcoach.domain.plans.workouts import Workout, WorkoutKind

HOLD_UP_TO_SHARE = 0.9  # a long run already run is kept up to this share of the race (ratio)
HOLD_UP_TO_MIN_M, HOLD_UP_TO_MAX_M = 16000.0, 32000.0  # ... within these (m), Pfitzinger 2009
LONG_SHARE_MARGIN = 0.97  # the generator's long run stays this far under the rule's share
ONE_SESSION_RUN_DAYS = 3  # on this many run days a week or fewer, one session a week: the
# week is the long run, a session and a medium-long run (Pfitzinger & Douglas 2009: the
# medium-long run is the most important run after the long run); two sessions beside the long
# run left no easy running to carry it, and a 25 km long run fell to 20 km, held to half a week
# of two 10 km sessions, the week the build began


def as_after_a_usual_week(wk: WeekInput, carry: Carry) -> None:
    """The runner ran before the plan: the day before week 1 is taken to end a week like the
    plan's own (a long run or a hard session the day before holds week 1's first day to a
    recovery run, as it does every later week's; otherwise week 1 alone could hold more
    than any week after it)."""
    probe = copy.deepcopy(carry)
    WeekLayout(copy.deepcopy(wk), probe).build()
    carry.prev_hard, carry.prev_long = probe.prev_hard, probe.prev_long


def program_week(b: Build, wk: WeekInput, shape: WeekShape, paces: PlanPaces) -> None:
    """A program's say over the week: its sessions allowed, the mile's own sessions."""
    p = b.profile
    if not quality_allowed(p, shape.index):
        wk.quality = 0
    if p.program == "sub-5-mile" and p.goal.distance_m and p.goal.target_time_s:
        # this week's mile pace: from today's fitness, tightening week by week toward the
        # target the verdict allows (the paces' VDOT path), never goal pace from day one
        wk.fixed = tuple(mile_sessions(shape.index, paces, paces.mile.middle, p))
        wk.quality = len(wk.fixed)


def week_input(
    b: Build,
    shape: WeekShape,
    paces: PlanPaces,
    sessions: tuple[object, ...],
    races: dict[date, tuple[RaceEntry, bool]],
    protected: set[date],
    baseline: Baseline,
    plan_start: date,
) -> WeekInput:
    """The layout's input for one week of the plan."""
    p = b.profile
    dates = [shape.start + timedelta(days=i) for i in range(7)]
    week_races = {d: race_workout(b, paces, *races[d]) for d in dates if d in races}
    goal_m = sum(r.distance_m for r, g in races.values() if g and r.day in dates)
    goal_here = any(d in dates for d in p.goal.race_days)
    quality = quality_count(p, shape)
    ultra = (p.goal_races_m or 0) > ULTRA_M  # a double of that length too
    training = shape.phase in (Phase.BUILD, Phase.PEAK) and not shape.recovery
    return WeekInput(
        dates=dates,
        types=[p.availability.day_type(d) for d in dates],
        volume_m=shape.volume_m + goal_m,
        long_factor=shape.long_factor,
        recovery=shape.recovery,
        quality=quality,
        run_days=run_days_of_week(p.availability, shape.phase, shape.recovery),
        max_days=p.availability.run_days_wanted,
        back_to_back=ultra and training,
        share_rule=not ultra,
        weekend_carries=(p.goal_races_m or 0.0) >= SHARE_GOAL_M,  # a 10k's Saturday stays short
        next_type=p.availability.day_type(dates[-1] + timedelta(days=1)).name,
        next_types=tuple(p.availability.day_type(d + timedelta(days=7)).name for d in dates),
        sessions=sessions,  # type: ignore[arg-type]
        races=week_races,
        goal_days=set(p.goal.race_days),
        insisted={d for d, (r, g) in races.items() if r.insist and not g},
        protected=protected,
        long_allowed=not goal_here,
        long_target_m=long_target_m(p, baseline),
        long_share=long_share(p.goal_races_m, shape.volume_m, whole_days(p, dates)),
        benchmark=None,
        paces=paces,
        baseline_longest_m=baseline.longest_run_m,
        start=plan_start,
        long_weekday=p.availability.long_run_weekday,
        long_day_type=p.availability.long_run_day_type,
        cross_training=p.recent_injury is not None,
    )


def long_target_m(p: Profile, baseline: Baseline) -> float:
    """The long run the plan grows toward: the distance's (gentler for a beginner), but never
    below what the runner already runs, up to what the distance needs (a double's: its
    combined distance). A goal without a race (base building, staying healthy) needs no
    particular distance: the runner's own long run is what the plan holds, up to the
    marathoner's 32 km (a coach starts from what a 90 km runner does, not from a 10k's 18)."""
    goal_m = p.goal_races_m
    wanted = HOLD_UP_TO_MAX_M if goal_m is None else goal_m * HOLD_UP_TO_SHARE
    need = max(HOLD_UP_TO_MIN_M, min(wanted, HOLD_UP_TO_MAX_M))
    longest = peak_long_m(p.goal.distance_m, p.years_running, p.also_m)
    return max(longest, min(baseline.longest_run_m, need))


def whole_days(p: Profile, dates: list[date]) -> int:
    """The most whole run days (no time limit) the week can hold: the rule's measure of few
    days, counted high so that the generator never takes a share the rule does not allow."""
    free = sum(1 for d in dates if p.availability.day_type(d).allowance is Allowance.ANY)
    return min(free, p.availability.run_days_wanted)


def long_share(goal_m: float | None, volume_m: float, run_days: int) -> float:
    """The generator's long-run share: just under the rule's (an ultra's own share)."""
    limit = long_share_max(goal_m, volume_m, run_days)
    return ULTRA_LONG_SHARE if limit is None else limit * LONG_SHARE_MARGIN


def block_long_share(b: Build, wk: WeekInput, done: list[Week], period: int) -> float | None:
    """A free week of a life of blocks: the long-run share read with its cycle (the weeks of
    the cycle as built and this week's volume), just under the rule's; ``None`` otherwise."""
    if period < 2 or len(done) < period - 1 or is_work_week(wk.types):
        return None
    cycle_m = sum(w.distance_m for w in done[len(done) - period + 1 :]) + wk.volume_m
    goal_m = b.profile.goal_races_m
    limit = long_share_max(goal_m, wk.volume_m, whole_days(b.profile, wk.dates), cycle_m)
    return None if limit is None else limit * LONG_SHARE_MARGIN


def quality_count(p: Profile, shape: WeekShape) -> int:
    """The week's quality sessions, by phase, run days and experience."""
    if shape.recovery or shape.phase is Phase.TAPER:
        return 0 if p.is_beginner and shape.recovery else 1
    if p.availability.run_days_wanted <= ONE_SESSION_RUN_DAYS:
        return 1
    if shape.phase is Phase.BASE:
        return 2 if p.years_running >= 3 and p.availability.run_days_wanted >= 5 else 1
    return 1 if p.is_beginner and shape.phase is Phase.BUILD else 2


def week_from_slots(shape: WeekShape, wk: WeekInput, slots: list[list[Workout]]) -> Week:
    """The week built from the layout's slots, its race days and recovery noted."""
    days = [Day(d, t, list(s)) for d, t, s in zip(wk.dates, wk.types, slots, strict=True)]
    for day in days:
        if day.has(WorkoutKind.RACE) and day.day_type.allowance is not Allowance.ANY:
            day.note = f"A race on a '{day.day_type.name}' day: the race takes the day."
    notes = ["Recovery week: less volume, same routine."] if shape.recovery else []
    return Week(shape.index, shape.phase, days, shape.recovery, notes)
