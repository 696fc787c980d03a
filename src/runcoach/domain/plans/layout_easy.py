"""The week's easy runs: how many, on which days, and how long each.

The easy running fills the week's volume after its races, long run and sessions: on the days
that hold the most (unlimited days first), spread out, each within its day's time limit, the
10 % single-run rule, the easy run's longest (80 minutes, a medium-long 105 on few days, 45
the day after a long run, a shake-out before the goal race) and its share of the week; a
week that holds a session lays it out as fewer, real runs.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from runcoach.domain.plans import library as lib
from runcoach.domain.plans.layout_limits import (
    AFTER_LONG_MAX_MIN,
    EASY_RANK_STEP_MIN,
    EASY_SHARE_FOUR_DAYS,
    EASY_SHARE_MAX,
    GOAL_QUIET_DAYS,
    LEAST_RUN_DAYS,
    MAX_EASY_MIN,
    MEDIUM_LONG_MIN,
    MIN_EASY_MIN,
    PRE_RACE_LONG,
    RACE_WEEK_DAYS,
    RACE_WEEK_MAX_MIN,
    RACE_WEEK_MIN_MIN,
    SHAKE_OUT_MAX_MIN,
    SHORTEST_RUN_MIN,
)
from runcoach.domain.plans.layout_long import after_long, days_to_goal
from runcoach.domain.plans.schedule import Allowance
from runcoach.domain.plans.workouts import Workout

if TYPE_CHECKING:
    from runcoach.domain.plans.layout import WeekLayout


def place_easy(lay: WeekLayout) -> None:
    runs = sum(1 for s in lay.slots if any(w.is_run for w in s))
    budget = lay.wk.volume_m - sum(w.total_distance_m() for s in lay.slots for w in s)
    per_run = min(lay.minutes_m(easy_most_min(lay)), easy_ceiling(lay))
    needed = max(lay.wk.run_days - runs, math.ceil(max(budget, 0) / max(per_run, 1.0)))
    # no more runs than the budget holds at the shortest run: split four ways a small
    # week's 5.5 km made four 8-minute runs, each dropped, and a week of one run
    needed = min(needed, int(max(budget, 0) // lay.minutes_m(SHORTEST_RUN_MIN)))
    if lay.weekend_life:  # a lighter week's weekday runs: 15 minutes or more each, on 4
        # run days at least (a benchmark week split its 5.6 km into three 12-minute runs)
        real = int(max(budget, 0) // lay.minutes_m(MIN_EASY_MIN))
        needed = min(needed, max(real, LEAST_RUN_DAYS - runs))
    chosen: list[int] = []
    room = lay.wk.max_days - runs
    for _ in range(min(needed, room)):
        options = [i for i in range(7) if lay.free(i) and i not in chosen]
        if not options:
            break
        chosen.append(max(options, key=lambda i: easy_rank(lay, i, chosen)))
    if not chosen:
        return
    chosen.sort()
    chosen, shares = thin_easy_days(lay, chosen, easy_shares(lay, chosen, budget), budget, runs)
    for i, metres in zip(chosen, shares, strict=True):
        minutes = metres / 1000 * lay.wk.paces.easy.middle.seconds_per_km / 60
        if minutes >= SHORTEST_RUN_MIN:
            lay.put(i, easy_workout(lay, i, minutes))


def thin_easy_days(
    lay: WeekLayout, chosen: list[int], shares: list[float], budget: float, runs: int
) -> tuple[list[int], list[float]]:
    """A week that holds a session lays its easy running out as real runs (20 minutes or
    more each) on fewer days, down to the system's 4 run days, while the fewer days hold
    the same running: the shortest run's day rests (the day after a hard day first). A
    recovery week keeps its days (a rota's shifted day must not take it under 4), unless it
    holds the benchmark: its test and long run leave three 18-minute jogs on 5 days, and a
    coach gives the lighter week one run day fewer rather than jogs (4 days still)."""
    real = lay.minutes_m(MIN_EASY_MIN + 5)
    while (
        lay.holds_session()
        and (not lay.wk.recovery or lay.has_benchmark())
        and len(chosen) > 1
        and runs + len(chosen) > LEAST_RUN_DAYS
        and min(shares) < real - 1
    ):
        k = min(
            range(len(chosen)),
            key=lambda k: (round(shares[k], -2), 0 if lay.hard_before(chosen[k]) else 1),
        )
        fewer = chosen[:k] + chosen[k + 1 :]
        more = easy_shares(lay, fewer, budget)
        if sum(more) < sum(shares) - 1:
            break
        chosen, shares = fewer, more
    return chosen, shares


def easy_rank(lay: WeekLayout, i: int, chosen: list[int]) -> tuple[int, int, int, int]:
    """Spread the runs out: unlimited days first, then the day that holds the longest easy
    run (its time limit, and 45 minutes the day after a long run), then the day farthest
    from other runs. A 15-minute day never takes a run day from a 72-minute one, even the
    day after the long run (45 minutes still hold three times as much), nor a 20-minute
    night from a 31-minute day for the spacing: runs on days in a row are ordinary, a run
    cut to 14 minutes is volume lost. On 4 days or fewer a free day after the long run
    comes after a fresh one (its 45 minutes would cap the week's one easy run, the
    medium-long run few days need)."""
    taken = [j for j in range(7) if any(w.is_run for w in lay.slots[j])] + chosen
    gap = min((abs(i - j) for j in taken), default=7)
    t = lay.wk.types[i]
    whole = 1 if t.allowance is Allowance.ANY else 0
    holds = min(t.max_minutes or float("inf"), easy_max_min(lay, i))
    if not lay.four_days and whole:
        holds = easy_most_min(lay)  # enough days: a free day is a free day
    return (whole, int(holds) // EASY_RANK_STEP_MIN, min(gap, 2), int(t.max_minutes or 0))


def easy_shares(lay: WeekLayout, chosen: list[int], budget: float) -> list[float]:
    ceiling = easy_ceiling(lay)
    caps = [min(lay.cap(i), lay.minutes_m(easy_max_min(lay, i)), ceiling) for i in chosen]
    shares = [0.0] * len(chosen)
    left, open_ = max(budget, 0.0), list(range(len(chosen)))
    for _ in range(3):
        if not open_ or left <= 0:
            break
        each = left / len(open_)
        for k in list(open_):
            add = min(each, caps[k] - shares[k])
            shares[k] += add
            left -= add
            if shares[k] >= caps[k] - 1:
                open_.remove(k)
    floor = min(lay.minutes_m(MIN_EASY_MIN), max(budget, 0.0) / len(chosen))
    return [max(s, min(floor, caps[k])) for k, s in enumerate(shares)]


def easy_max_min(lay: WeekLayout, i: int) -> float:
    """An easy run's longest: shorter the day after a long run or race (recovery), and
    in the days before the goal race (a shake-out, then short easy running)."""
    days = days_to_goal(lay, i)
    most = AFTER_LONG_MAX_MIN if after_long(lay, i) else easy_most_min(lay)
    if days <= GOAL_QUIET_DAYS:
        return min(most, SHAKE_OUT_MAX_MIN)
    return min(most, race_week_min(lay)) if days <= RACE_WEEK_DAYS else most


def easy_most_min(lay: WeekLayout) -> float:
    """The longest easy run: 80 minutes, a medium-long 105 on 4 run days or fewer, or when
    the weekend's two days are the week's only ones without a time limit."""
    few = lay.four_days or lay.weekend
    return MEDIUM_LONG_MIN if few and not lay.wk.recovery else MAX_EASY_MIN


def recovery_run_most_min(lay: WeekLayout) -> float:
    """A recovery run's longest (minutes): the day after a long run's 45; a run the
    week's top-up grows past it is an easy run (``top_up``)."""
    return AFTER_LONG_MAX_MIN


def race_week_min(lay: WeekLayout) -> float:
    """Race week's easy run: 50 minutes, and for a fast runner no further than half the
    plan's longest run (50 easy minutes can be 11 km): a taper cuts distance, not time."""
    half_long = (lay.carry.plan_long_m or lay.carry.max_long_m) * PRE_RACE_LONG
    by_distance = half_long / 1000 * lay.wk.paces.easy.middle.seconds_per_km / 60
    return min(RACE_WEEK_MAX_MIN, max(RACE_WEEK_MIN_MIN, by_distance))


def easy_ceiling(lay: WeekLayout) -> float:
    longest = max((w.total_distance_m() for s in lay.slots for w in s if w.is_run), default=0)
    few = lay.four_days or lay.weekend
    share = EASY_SHARE_FOUR_DAYS if few else EASY_SHARE_MAX
    share = lay.few_share if lay.few_days else share
    if few and lay.carry.max_long_m:  # a medium-long run stays under the
        longest = min(longest or float("inf"), lay.carry.max_long_m)  # longest so far
    ceiling = min(lay.wk.volume_m * share, longest * 0.95 or float("inf"))
    # the shortest run is always allowed: a start from 1 km a week at a fast easy pace has
    # a 2.2 km long run in its lighter week, and 95 % of it is a 9.6-minute run, dropped
    return max(ceiling, lay.minutes_m(SHORTEST_RUN_MIN))


def easy_workout(lay: WeekLayout, i: int, minutes: float) -> Workout:
    minutes = max(1.0, math.floor(minutes))  # rounding down never overshoots the week
    if lay.hard_before(i) and not lay.wk.recovery:
        return lib.recovery_run(lay.wk.paces, minutes)
    if minutes >= 30 and not lay.wk.recovery and i % 3 == 1:
        return lib.strides_run(lay.wk.paces, minutes)
    return lib.easy_run(lay.wk.paces, minutes)
