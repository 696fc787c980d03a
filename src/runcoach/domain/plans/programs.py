"""Ready programs: the 9-week sub-5-minute mile, a first half marathon, base building and
the return after a break.

A program is a profile preset plus, for the mile, the exact sessions of each week; the
generator lays them out around the runner's days and fills the distance runs, so a program
keeps every rule a generated plan keeps.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from runcoach.domain.plans import library as lib
from runcoach.domain.plans.model import Goal, GoalKind
from runcoach.domain.plans.paces import PlanPaces
from runcoach.domain.plans.profile import Profile
from runcoach.domain.plans.workouts import (
    Effort,
    PaceRange,
    Repeat,
    Step,
    StepKind,
    Workout,
    WorkoutKind,
)
from runcoach.domain.units import HALF_MARATHON_M, METRES_PER_MILE, Pace

MILE_WEEKS = 9  # length of the sub-5 program (weeks)
FIVE_MINUTE_MILE_S = 299.0  # the goal: under five minutes (s)
LADDER_START = 1.04  # first 400 m rep vs mile goal pace (ratio; later reps get faster)
LADDER_END = 0.98  # last 400 m rep vs mile goal pace (ratio)
SIX_HUNDRED_PACE = 1.03  # 600 m reps vs mile goal pace (ratio), about 3k pace
FIRST_HALF_WEEKS = 16  # default length of the first-half program (weeks)
FIRST_HALF_LONGEST_M = 4 * METRES_PER_MILE  # its starting longest run: 4 miles
BASE_WEEKS = 12  # default length of base building (weeks)
RETURN_WEEKS = 8  # default length of the return after a break (weeks)
RETURN_EASY_WEEKS = 3  # weeks of easy running only when returning (weeks)

BENCHMARK = "400 m ladder"


def apply_program(profile: Profile, today: date) -> Profile:
    """The profile with the program's defaults filled in where the runner left them out."""
    profile = replace(profile, start=profile.start or today)
    if profile.program == "sub-5-mile":
        return _sub5(profile)
    if profile.program == "first-half":
        return _first_half(profile)
    if profile.program == "base-building":
        goal = profile.goal if profile.goal.kind is not GoalKind.RACE else Goal(GoalKind.BASE)
        return replace(
            profile, goal=replace(goal, name="base building"), weeks=profile.weeks or BASE_WEEKS
        )
    if profile.program == "return-after-break":
        return replace(
            profile,
            goal=Goal(GoalKind.HEALTH, name="return after a break"),
            weeks=profile.weeks or RETURN_WEEKS,
            recent_injury=profile.recent_injury or "a break from running",
        )
    return profile


def _sub5(profile: Profile) -> Profile:
    goal = profile.goal
    start = profile.start
    if goal.race_date is None and start is not None:
        goal = Goal(GoalKind.RACE, METRES_PER_MILE, start + timedelta(days=7 * MILE_WEEKS - 1))
    return replace(
        profile,
        goal=replace(
            goal,
            distance_m=METRES_PER_MILE,
            target_time_s=goal.target_time_s or FIVE_MINUTE_MILE_S,
            name=goal.name or "sub-5 mile",
        ),
    )


def _first_half(profile: Profile) -> Profile:
    goal = profile.goal
    if goal.race_date is None and profile.start is not None:
        when = profile.start + timedelta(days=7 * FIRST_HALF_WEEKS - 1)
        goal = Goal(GoalKind.RACE, HALF_MARATHON_M, when, name="first half marathon")
    return replace(
        profile,
        goal=replace(goal, distance_m=HALF_MARATHON_M),
        longest_run_m=profile.longest_run_m or FIRST_HALF_LONGEST_M,
    )


def quality_allowed(profile: Profile, week_index: int) -> bool:
    """The return after a break is easy running only for its first weeks."""
    return not (profile.program == "return-after-break" and week_index <= RETURN_EASY_WEEKS)


# ---- the sub-5 mile: the week's sessions ----------------------------------------------------


def mile_sessions(week: int, p: PlanPaces, goal_pace: Pace, profile: Profile) -> list[Workout]:
    """The two speed sessions of week ``week`` (1-9) of the sub-5 program."""
    adv = profile.advanced
    facilities = profile.availability.facilities
    treadmill = not facilities.hills and facilities.treadmill  # only a treadmill they have
    plan: dict[int, list[Workout]] = {
        1: [ladder(p, goal_pace, 6, 0), hill_climbs(p, 3, 3, treadmill)],
        2: [six_hundreds(p, goal_pace, 6, adv), hill_climbs(p, 4, 3, treadmill)],
        3: [ladder(p, goal_pace, 6, 1), six_hundreds(p, goal_pace, 7, adv)],
        4: [hill_climbs(p, 3, 4, treadmill), six_hundreds(p, goal_pace, 6, adv)],
        5: [ladder(p, goal_pace, 8, 2), long_reps(p, goal_pace, 800, 6, 150) if adv
            else six_hundreds(p, goal_pace, 8, adv)],
        6: [hill_climbs(p, 4, 4, treadmill), six_hundreds(p, goal_pace, 7, adv)],
        7: [ladder(p, goal_pace, 8, 3), hill_climbs(p, 4, 5, treadmill)],
        8: [long_reps(p, goal_pace, 1000, 4, 180) if adv else six_hundreds(p, goal_pace, 6, adv),
            hill_climbs(p, 3, 3, treadmill)],
        9: [ladder(p, goal_pace, 6, 4)],
    }  # fmt: skip
    return plan.get(week, [])


def ladder(p: PlanPaces, goal_pace: Pace, reps: int, edition: int) -> Workout:
    """400 m repeats, 1 minute rest, each rep faster than the last (the benchmark)."""
    sharpen = 1 - 0.005 * edition  # each edition a little faster

    def build(n: int) -> Workout:
        steps: list[Step | Repeat] = [lib.warm_up(p)]
        for i in range(n):
            ratio = LADDER_START + (LADDER_END - LADDER_START) * i / max(1, n - 1)
            pace = goal_pace.scaled(ratio * sharpen)
            steps.append(
                Step(
                    StepKind.WORK,
                    distance_m=400,
                    pace=PaceRange.around(pace, 0.01),
                    effort=Effort.HARD,
                    note=f"rep {i + 1}: faster than the last",
                )
            )
            if i < n - 1:
                steps.append(
                    Step(
                        StepKind.RECOVERY,
                        duration_s=60,
                        effort=Effort.STANDING,
                        note="1 minute rest",
                    )
                )
        steps.append(lib.cool_down(p))
        return Workout(
            WorkoutKind.INTERVALS,
            f"{n} x 400 m ladder, 1 min rest",
            tuple(steps),
            tip="Start at controlled effort and make every rep a little faster than "
            "the one before; the last one is the fastest, never a sprint-and-die.",
            benchmark=BENCHMARK,
        )

    return build(reps).with_changes(mini=build(reps - 2).with_changes(benchmark=None))


def six_hundreds(p: PlanPaces, goal_pace: Pace, reps: int, advanced: bool) -> Workout:
    rest = 60.0 if advanced else 120.0
    pace = PaceRange.around(goal_pace.scaled(SIX_HUNDRED_PACE), 0.01)

    def build(n: int) -> Workout:
        work = Step(StepKind.WORK, distance_m=600, pace=pace, effort=Effort.HARD)
        jog = Step(StepKind.RECOVERY, duration_s=rest, effort=Effort.JOG, pace=p.easy)
        return Workout(
            WorkoutKind.INTERVALS,
            f"{n} x 600 m, {rest / 60:.0f} min rest",
            (lib.warm_up(p), Repeat(n, (work, jog)), lib.cool_down(p)),
            tip="Just slower than mile pace: strength at speed. Even reps, relaxed "
            "shoulders; the rest is short on purpose.",
        )

    return build(reps).with_changes(mini=build(max(3, reps - 3)))


def long_reps(
    p: PlanPaces, goal_pace: Pace, distance_m: float, reps: int, rest_s: float
) -> Workout:
    pace = PaceRange.around(goal_pace.scaled(SIX_HUNDRED_PACE + 0.02), 0.01)

    def build(n: int) -> Workout:
        work = Step(StepKind.WORK, distance_m=distance_m, pace=pace, effort=Effort.HARD)
        jog = Step(StepKind.RECOVERY, duration_s=rest_s, effort=Effort.JOG, pace=p.easy)
        return Workout(
            WorkoutKind.INTERVALS,
            f"{n} x {distance_m:.0f} m, {rest_s / 60:.1f} min rest",
            (lib.warm_up(p), Repeat(n, (work, jog)), lib.cool_down(p)),
            tip="The advanced option: longer reps at about 3k pace build the "
            "endurance to hold speed over the last lap.",
        )

    return build(reps).with_changes(mini=build(max(2, reps - 2)))


def hill_climbs(p: PlanPaces, reps: int, minutes: float, treadmill: bool) -> Workout:
    """A 3-5 minute climb: jog the first three quarters, sprint the last quarter."""
    where = (
        "on a treadmill at 5-7 % incline"
        if treadmill
        else (
            "up a long steady hill (no hill near you: a bridge, a ramp or a car-park ramp, "
            "repeated)"
        )
    )

    def build(n: int) -> Workout:
        climb = (
            Step(
                StepKind.WORK,
                duration_s=minutes * 45,
                effort=Effort.STEADY,
                pace=p.easy,
                note=f"jog the first three quarters {where}",
            ),
            Step(
                StepKind.WORK,
                duration_s=minutes * 15,
                effort=Effort.SPRINT,
                pace=PaceRange.around(p.repetition.middle, 0.03),
                note="sprint the last quarter to the top",
            ),
            Step(
                StepKind.RECOVERY,
                duration_s=minutes * 60,
                effort=Effort.JOG,
                pace=p.easy,
                note="walk or jog back down" if not treadmill else "flat, easy jog",
            ),
        )
        title = f"Hill climbs {n} x {minutes:.0f} min" + (" (treadmill)" if treadmill else "")
        return Workout(
            WorkoutKind.HILLS,
            title,
            (lib.warm_up(p), Repeat(n, climb), lib.cool_down(p)),
            tip="Patience for three quarters, then drive the arms and sprint the "
            "rest: strength and finishing speed in one.",
        )

    return build(reps).with_changes(mini=build(max(1, reps - 2)))
