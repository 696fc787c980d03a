"""The benchmark series (SPEC section 3): the weeks of its 4-5 editions, spread through the plan
at least two weeks apart where the runner's days hold a session and a long run, and each
edition's session, a little faster than the last."""

from __future__ import annotations

from datetime import timedelta

from runcoach.domain.plans import library as lib
from runcoach.domain.plans.building import Build
from runcoach.domain.plans.model import Limitation, Phase
from runcoach.domain.plans.paces import PlanPaces
from runcoach.domain.plans.rules import WEEKEND_RUN_DAYS
from runcoach.domain.plans.schedule import Allowance
from runcoach.domain.plans.shape import WeekShape
from runcoach.domain.plans.week_input import whole_days
from runcoach.domain.plans.workouts import PaceRange, Workout

BENCHMARK_MIN, BENCHMARK_MAX = 4, 5  # editions of the benchmark session (SPEC section 3)
BENCHMARK_STEP = 0.006  # each benchmark 0.6 % faster than the last (fraction of pace)
BENCHMARK_GAP_WEEKS = 2  # an edition carried over waits this long after the last (weeks): a
# test the week after a test shows no progress (rota weeks that could not hold the first
# edition pushed it to week 10, and the second, due in week 8, came in week 11); a series
# that then falls short of 4 says so (building.say_benchmarks) rather than cram tests into
# consecutive weeks (a 12 km runner's weeks 8, 9 and 10)


def benchmark_weeks(b: Build, shapes: list[WeekShape]) -> list[int]:
    """The weeks of the benchmark's editions: normal weeks whose days hold a session and a
    long run apart (a weekend life's lighter weeks); on a rota whose roomy weeks are its
    lighter weeks (a 21-day cycle of 12 work days and 9 off, its free week every third week,
    as the recovery weeks are) the roomy weeks, recovery or not: the benchmark goes where the
    runner's days hold it."""
    main = [s for s in shapes if s.phase is not Phase.TAPER]
    eligible = [s.index for s in main if not s.recovery]
    lighter = [s.index for s in main if s.recovery]
    if weekend_life(b, shapes) and len(lighter) >= BENCHMARK_MIN:
        eligible = lighter
    roomy = [s.index for s in main if s.index in eligible and holds_a_session(b, s)]
    roomy_light = [s.index for s in main if holds_a_session(b, s)]
    if len(roomy) >= BENCHMARK_MIN:
        eligible = roomy
    elif len(roomy_light) >= BENCHMARK_MIN:
        eligible = roomy_light
    later = [i for i in eligible if i > 1]  # week 1 only when a short plan needs it
    eligible = later if len(later) > BENCHMARK_MAX else eligible
    count = min(BENCHMARK_MAX, len(eligible))  # five aimed at: a week that cannot hold one
    # (a rota's work week) passes it on, and four still make the series
    if count < 4:
        b.limitations.append(
            Limitation(
                "benchmark-repeats",
                f"{len(shapes)} weeks leave room for {count} benchmark "
                f"session{'' if count == 1 else 's'}, not 4-5.",
            )
        )
    if count <= 0:
        return []
    return spread(eligible, count)


def edition_due(bench: list[int], done: int, last: int, shape: WeekShape) -> bool:
    """Edition ``done`` goes in this week: its week (``bench[done]``) has come, at least
    ``BENCHMARK_GAP_WEEKS`` after the last edition (``last``), outside the taper, and in a
    normal week unless it was carried over or planned in a lighter one."""
    due = done < len(bench) and shape.index >= bench[done]
    due = due and shape.index - last >= BENCHMARK_GAP_WEEKS
    late = due and shape.index > bench[done]  # carried over: a recovery week will do
    planned = due and shape.index == bench[done]  # a weekend life's lighter week,
    # or a rota's roomy recovery week (benchmark_weeks)
    return due and (late or planned or not shape.recovery) and shape.phase is not Phase.TAPER


def spread(eligible: list[int], count: int) -> list[int]:
    """``count`` of the ``eligible`` weeks spread through the plan: nearest to evenly spaced
    weeks, ``BENCHMARK_GAP_WEEKS`` apart at least where the weeks allow it (a series tested in
    consecutive weeks shows no progress: a 5k plan had its benchmark in weeks 2 and 3)."""
    if count == 1:
        return eligible[:1]
    gap = BENCHMARK_GAP_WEEKS if fits_with_gap(eligible, count, BENCHMARK_GAP_WEEKS) else 1
    # one edition in each of ``count`` equal stretches of the eligible span, at its start:
    # the last stretch (the peak's last weeks, their longest runs) keeps no test at its end
    first, span = eligible[0], eligible[-1] - eligible[0] + 1
    targets = [first + k * span / count for k in range(count)]
    # best[k][j]: (cost, weeks) of editions 0..k with edition k in week eligible[j]
    best: list[dict[int, tuple[float, list[int]]]] = [
        {j: (abs(w - targets[0]), [w]) for j, w in enumerate(eligible)}
    ]
    for k in range(1, count):
        row: dict[int, tuple[float, list[int]]] = {}
        for j, w in enumerate(eligible):
            before = [best[-1][i] for i in best[-1] if eligible[i] <= w - gap]
            if before:
                cost, weeks = min(before)
                row[j] = (cost + abs(w - targets[k]), [*weeks, w])
        best.append(row)
    return min(best[-1].values())[1]


def fits_with_gap(eligible: list[int], count: int, gap: int) -> bool:
    """``count`` editions fit the eligible weeks at least ``gap`` weeks apart."""
    taken, last = 0, None
    for w in eligible:
        if last is None or w - last >= gap:
            taken, last = taken + 1, w
    return taken >= count


def weekend_life(b: Build, shapes: list[WeekShape]) -> bool:
    """Every week's whole run days (no time limit) are two at most, the weekend's: its
    benchmark goes in the lighter weeks (fresh legs for the test), whose Saturday is free,
    so that the building weeks' Saturday stays the medium-long run that carries the long
    run's share (``rules.LONG_SHARE_WEEKEND``); a benchmark on it cut the week by a third."""
    days = [[s.start + timedelta(days=i) for i in range(7)] for s in shapes]
    return all(0 < whole_days(b.profile, d) <= WEEKEND_RUN_DAYS for d in days)


def holds_a_session(b: Build, shape: WeekShape) -> bool:
    """The week's days hold a session and a long run apart (a rota's work week may not)."""
    days = [shape.start + timedelta(days=i) for i in range(7)]
    free = [
        i
        for i, d in enumerate(days)
        if b.profile.availability.day_type(d).allowance is Allowance.ANY
    ]
    return len(free) >= 2 and free[-1] - free[0] >= 2


def benchmark_edition(b: Build, paces: PlanPaces, vdot0: float, k: int, week_m: float) -> Workout:
    """Edition ``k`` of the benchmark: sized to the runner's first week as built (the same
    size every time), its target from today's fitness, a little faster each edition."""
    goal_m = b.profile.goal.distance_m or 10000.0
    base = b.model.paces(vdot0)
    pace = base.mile if goal_m < 3000 else (base.interval if goal_m <= 10001 else base.threshold)
    target = pace.scaled(1 - BENCHMARK_STEP * k)
    longest = (b.profile.longest_run_m or 0.0) * 1.05 or float("inf")
    band = PaceRange(target.fast, target.slow)
    return lib.benchmark(paces, goal_m, band, "key session", week_m, longest)
