"""The rules every plan keeps, as code: ``check(plan)`` lists every violation with its date.

A violation the plan declared up front (a limitation: a rule it cannot keep, and why) or
that the runner insisted on (a waiver for that date) is still reported, marked accepted.
The goal race itself is the point of the plan, not training: it is left out of the volume
and single-run rules. Sources are in RULE_SOURCES and docs/plans.md.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from runcoach.domain.plans.blocks import block_cycle_m, plan_growth_period, plan_period
from runcoach.domain.plans.model import Day, Phase, Plan, Week
from runcoach.domain.plans.schedule import Allowance
from runcoach.domain.plans.shape import ULTRA_M
from runcoach.domain.plans.workouts import StepKind, Workout, WorkoutKind
from runcoach.domain.safety import (  # the one safety model, shared with the warnings
    MIN_LONGEST_M,
    SINGLE_RUN_WINDOW_DAYS,
    TOLERANCE,
    growth_check,
    run_over,
)
from runcoach.domain.units import HALF_MARATHON_M, MARATHON_M, format_distance, format_duration

MIN_RUN_DAYS = 4  # run days a week where availability allows (days), SPEC principle 1
FIRST_WEEK_MAX = 1.10  # week 1 vs the volume the runner does now (ratio)
RECOVERY_WINDOW = 5  # a lighter week within every this many weeks ("every 3-4 weeks")
RECOVERY_DROP = 0.9  # a lighter week: at most this share of the week before (ratio)
LONG_SHARE_MAX = 0.30  # the long run's share of its week (ratio), ultras excepted, Daniels 2014
LONG_SHARE_MARATHON = 0.40  # marathon build-ups: 20 mi long runs in 50-55 mi weeks (ratio),
# Pfitzinger & Douglas 2009 (Advanced Marathoning, 18/55 schedule: 36 %)
LONG_SHARE_LOW_VOLUME = 0.45  # half and longer on low volume: novice programmes put 40-50 % of
# a 20-25 mi week in the long run (ratio), Higdon's novice half and marathon programmes
HIGH_VOLUME_M = 60000.0  # from this weekly volume (m) the long run keeps the standard share
LOW_VOLUME_M = 25000.0  # up to this weekly volume (m) the low-volume share applies
LONG_SHARE_FOUR_DAYS = 0.05  # ... and on 4 whole run days or fewer this much more (ratio):
# FIRST's 3-day marathon programme runs 20 mi in 35-40 mi weeks; few days, each carries more
FOUR_RUN_DAYS = 4  # whole run days (no time limit) at or under which that extra applies (days)
LONG_SHARE_WEEKEND = 0.50  # a week whose whole run days are the weekend's two (every other run
# day short: 30 minutes before work), half marathon and longer (ratio): the clock, not fitness,
# holds the weekdays down, so the weekend carries the week. Higdon's Novice marathon runs 20 mi
# in 40 mi weeks (50 %); FIRST's 3-run programme (Pierce, Murr & Moss 2007) goes to 50-57 %, but
# its other runs are hard sessions and issue 15's first observation names a long run over half
# of its week as a fault: half is the most. A 1:52 half marathoner on three 30-minute weekdays
# and a 105-minute Saturday reaches 28 km, and the plan says race day is the step beyond
WEEKEND_RUN_DAYS = 2  # whole run days at or under which that share applies (days)
LONG_SHARE_BLOCK = 0.50  # a free week's long run in a life of blocks, half marathon and longer
# (ratio): Higdon's Novice marathon runs 20 mi in 40 mi weeks; 7 days on with short days and 7
# off carry one long run a cycle, so its week is the free week and its load the cycle's: it may
# take up to half the free week while it stays within the usual share of the whole cycle
SHARE_GOAL_M = 21000.0  # goals from about the half marathon on need a long run that grows (m)
SHARE_GOAL_FEW_DAYS_M = 9999.0  # ... from the 10k on when the week has few whole days (m): a
# 10k's 15-16 km long run cannot stay under 30 % of a week whose other days are 30 minutes
EASY_SHARE_MIN = 0.75  # easy share of running time ("about 80 %"; ratio), Seiler 2010
MAX_QUALITY = 3  # quality sessions a week, Daniels 2014
RACE_GAP_DAYS = 7  # days between races, SPEC principle 7
GOAL_QUIET_DAYS = 3  # days before a goal race with nothing hard
BENCHMARK_MIN, BENCHMARK_MAX = 4, 5  # repeats of the benchmark session
STRENGTH_MIN, STRENGTH_MAX = 2, 3  # strength routines a week
WARM_UP_MIN = 2  # dynamic warm-up routines a week

RULE_SOURCES: dict[str, str] = {
    "no-run-day": "the runner's availability",
    "short-day-limit": "the runner's availability",
    "run-days-per-week": "runcoach system, principle 1 (consistency: at least 4 run days), "
    "and never more than the runner can run",
    "first-week-volume": "start from the volume the runner really does now (coaching practice)",
    "growth-two-weeks": "never more than 30 % over two weeks (Nielsen et al. 2014, BJSM)",
    "growth-average": "about 10 % a week on average (the 10 % rule; Buist et al. 2008)",
    "recovery-week": "a lighter week every 3-4 weeks (Pfitzinger & Douglas 2009)",
    "taper": "a 1-3 week taper before the goal race (Mujika & Padilla 2003; Bosquet 2007)",
    "single-run-growth": "no run > 10 % longer than the longest of the last 30 days "
    "(Frandsen et al. 2025, BJSM)",
    "long-run-share": "long run at most about 30 % of the week (Daniels 2014), up to 40 % in a "
    "marathon build-up (Pfitzinger & Douglas 2009) and 45 % on low volume (Higdon's novice "
    "programmes), ultras excepted; a run no longer than the runner already runs is kept; in a "
    "life of blocks (7 days on with short days, 7 off) the free week's long run is judged with "
    "its cycle: up to half the free week (Higdon's Novice marathon: 20 mi in 40 mi weeks) "
    "within the usual share of the cycle's running; a week whose only whole run days are "
    "two (the weekend, every other day short) from the half on up to 50 % of the week (Higdon's "
    "Novice marathon: 50 %; FIRST's 3-run marathon programme, Pierce, Murr & Moss 2007: 20 mi "
    "in 35-40 mi weeks)",
    "easy-share": "about 80 % of running time easy (Seiler 2010; polarized training)",
    "quality-per-week": "at most 2-3 quality sessions a week (Daniels 2014)",
    "quality-consecutive": "quality sessions never on consecutive days (hard/easy principle)",
    "quality-after-hard": "no quality the day after a race or long run (hard/easy principle)",
    "races-7-days-apart": "races at least 7 days apart, runcoach system principle 7",
    "goal-race-quiet": "nothing hard in the 3 days before a goal race, strength routines "
    "included (taper practice: the legs fresh on race day)",
    "variety-repeat": "no identical quality session in consecutive weeks (variety principle)",
    "benchmark-repeats": "a benchmark session 4-5 times, each a little faster (small wins)",
    "mini-version": "every quality workout carries its mini version (small wins)",
    "routines": "strength 2-3 and dynamic warm-ups 2+ times a week (Lauersen et al. 2014)",
    "structured": "workouts are structured: warm-up, work with target, cool-down",
}


@dataclass(frozen=True)
class Violation:
    day: date
    rule: str
    seen: str
    source: str
    accepted: str | None = None  # why it is accepted (a declared limitation or a waiver)


def check(plan: Plan) -> list[Violation]:
    """Every rule broken by ``plan``, in date order."""
    found = [v for rule in _RULES for v in rule(plan)]
    return sorted((_accept(plan, v) for v in found), key=lambda v: (v.day, v.rule))


# What a race the runner insisted on brings with it, in the days around it.
_FOLLOW_FROM_A_KEPT_RACE = frozenset(
    {
        "quality-after-hard", "goal-race-quiet", "races-7-days-apart", "first-week-volume",
        "growth-two-weeks", "growth-average", "long-run-share", "easy-share", "taper",
    }
)  # fmt: skip


def _accept(plan: Plan, v: Violation) -> Violation:
    for lim in plan.limitations:
        if lim.rule == v.rule:
            return replace(v, accepted=f"declared: {lim.why}")
    for waiver in plan.waivers:
        near = abs((waiver.day - v.day).days) <= RACE_GAP_DAYS
        if near and (waiver.rule == v.rule or v.rule in _FOLLOW_FROM_A_KEPT_RACE):
            return replace(v, accepted=f"the runner insisted: {waiver.reason}")
    return v


def _v(day: date, rule: str, seen: str) -> Violation:
    return Violation(day, rule, seen, RULE_SOURCES[rule])


# ---- availability and consistency -------------------------------------------------------


def _availability(plan: Plan) -> Iterator[Violation]:
    for day in plan.days():
        limit = day.day_type.max_duration_s
        if _has_race(day):
            continue  # a race the runner entered takes the day whatever it usually allows
        if day.day_type.allowance is Allowance.NONE and day.is_run_day:
            yield _v(day.day, "no-run-day", f"a run on '{day.day_type.name}', a no-run day")
        elif limit is not None and day.is_run_day and day_time_s(day) > limit + 1:
            yield _v(
                day.day,
                "short-day-limit",
                f"{format_duration(day_time_s(day))} "
                f"(running, warm-up and strength) on a day limited to {format_duration(limit)}",
            )


def day_time_s(day: Day) -> float:
    """Everything the day asks of the runner: runs, warm-up routines, strength, drills."""
    return sum(w.total_duration_s() for w in day.workouts)


def _run_days(plan: Plan) -> Iterator[Violation]:
    most = plan.max_run_days or 7
    least = min(MIN_RUN_DAYS, most, plan.min_run_days or 7)  # a beginner's "3-4" says 3 is fine
    for week in plan.weeks:
        possible = sum(1 for d in week.days if d.day_type.can_run)
        if week.run_days < min(least, possible) and not _is_goal_week(plan, week):
            yield _v(
                week.start,
                "run-days-per-week",
                f"week {week.index}: {week.run_days} run days, {possible} possible",
            )
        elif week.run_days > most:
            yield _v(
                week.start,
                "run-days-per-week",
                f"week {week.index}: {week.run_days} run days, the runner can run {most}",
            )


# ---- volume ------------------------------------------------------------------------------


def training_volume_m(plan: Plan, week: Week) -> float:
    """The week's running distance, the goal race left out."""
    return week.distance_m - sum(w.total_distance_m() for _, w in _goal_race(plan, week))


def _volumes(plan: Plan) -> list[float]:
    return [training_volume_m(plan, w) for w in plan.weeks]


def _growth(plan: Plan) -> Iterator[Violation]:
    base = plan.baseline.weekly_distance_m
    vols = _volumes(plan)
    if vols and vols[0] > base * FIRST_WEEK_MAX * TOLERANCE:
        yield _v(plan.start, "first-week-volume", f"week 1 {_km(vols[0])} vs {_km(base)} now")
    lighter = [w.recovery for w in plan.weeks]
    period = plan_growth_period(plan)  # a life of blocks: a week against the same week of a cycle
    for i, vol in enumerate(vols):
        limits = growth_check(vols, lighter, i, base, period)
        if limits.over_two_weeks(vol):
            yield _v(
                plan.weeks[i].start,
                "growth-two-weeks",
                f"week {i + 1} {_km(vol)} vs {_km(limits.two_back_m)} "
                + ("two weeks before" if limits.two_weeks == 2 else "a cycle before"),
            )
        if limits.over_average(vol):
            yield _v(
                plan.weeks[i].start,
                "growth-average",
                f"week {i + 1} {_km(vol)} vs {_km(limits.level_m)} {limits.weeks} weeks before",
            )


def _recovery(plan: Plan) -> Iterator[Violation]:
    vols = _volumes(plan)
    lighter = [i > 0 and v <= vols[i - 1] * RECOVERY_DROP for i, v in enumerate(vols)]
    for i in range(len(vols) - RECOVERY_WINDOW + 1):
        window = range(i, i + RECOVERY_WINDOW)
        if not any(
            lighter[j] or plan.weeks[j].recovery or plan.weeks[j].phase is Phase.TAPER
            for j in window
        ):
            yield _v(
                plan.weeks[i + RECOVERY_WINDOW - 1].start,
                "recovery-week",
                f"weeks {i + 1}-{i + RECOVERY_WINDOW} without a lighter week",
            )


def _taper(plan: Plan) -> Iterator[Violation]:
    if not plan.goal.is_race or len(plan.weeks) < 2:
        return
    vols = _volumes(plan)
    last = vols[-1]
    if last > max(vols) * 0.8 * TOLERANCE:
        yield _v(plan.weeks[-1].start, "taper", f"race week {_km(last)} vs peak {_km(max(vols))}")
    if not any(w.phase is Phase.TAPER for w in plan.weeks):
        yield _v(plan.weeks[-1].start, "taper", "no taper week before the goal race")


def _single_runs(plan: Plan) -> Iterator[Violation]:
    longest: dict[date, float] = {}
    for day in plan.days():
        runs = [
            w.total_distance_m() for w in day.workouts if w.is_run and not _is_goal(plan, day, w)
        ]
        if runs:
            longest[day.day] = max(runs)
    for when, dist in sorted(longest.items()):
        since = when - timedelta(days=SINGLE_RUN_WINDOW_DAYS)
        window = [m for d, m in longest.items() if since <= d < when]
        if since < plan.start:
            window.append(plan.baseline.longest_run_m)
        ref = max(window, default=MIN_LONGEST_M)  # after a gap, a restart from a 20-min run
        if run_over(dist, ref) is not None:
            yield _v(
                when,
                "single-run-growth",
                f"{_km(dist)} after at most {_km(ref)} in the previous 30 days",
            )


def long_share_max(
    goal_m: float | None, week_m: float, run_days: int = 7, cycle_m: float | None = None
) -> float | None:
    """The long run's largest share of a week of ``week_m``; ``None`` for ultras (excepted).

    From the half marathon on, a smaller week may give its long run a larger share (the long
    run must still grow toward the race); the marathon build-up allows 40 % at any volume;
    a week of 4 whole run days or fewer (days without a time limit: a short day's 30 minutes
    cannot carry its share), 5 points more up to the low-volume 45 % (each of few runs
    carries more); with those few days the 10k too takes the sliding share of a small week;
    from the half on, a week whose whole run days are two (the weekend: every other run day
    short) up to 50 % of the week (``LONG_SHARE_WEEKEND``).
    ``cycle_m``: the free week of a life of blocks and its cycle's running (``block_cycle_m``):
    the long run comes once a cycle and the cycle carries it (``LONG_SHARE_BLOCK``)."""
    goal = goal_m or 0.0
    few = run_days <= FOUR_RUN_DAYS
    if goal > ULTRA_M:
        return None
    if goal < (SHARE_GOAL_FEW_DAYS_M if few else SHARE_GOAL_M):
        return LONG_SHARE_MAX
    low = min(max((HIGH_VOLUME_M - week_m) / (HIGH_VOLUME_M - LOW_VOLUME_M), 0.0), 1.0)
    share = LONG_SHARE_MAX + (LONG_SHARE_LOW_VOLUME - LONG_SHARE_MAX) * low
    share = max(share, _marathon_floor(goal))
    if few:
        share = max(share, min(share + LONG_SHARE_FOUR_DAYS, LONG_SHARE_LOW_VOLUME))
    if 0 < run_days <= WEEKEND_RUN_DAYS and goal >= SHARE_GOAL_M:
        share = max(share, LONG_SHARE_WEEKEND)
    if cycle_m is None or goal < SHARE_GOAL_M or week_m <= 0:
        return share
    of_cycle = (long_share_max(goal, cycle_m, run_days) or share) * cycle_m / week_m
    return max(share, min(LONG_SHARE_BLOCK, of_cycle))


def _marathon_floor(goal_m: float) -> float:
    """The marathon build-up's 40 % floor, and between the half and the marathon (a 30k, or
    a double whose races add up to 31 km: a 10k and a half) read between their rows as
    ``shape`` reads such a goal's peak week and long run: the half's 30 % at 21.1 km to the
    marathon's 40 % (two 10ks and a half want a ~21-23 km long run, 35 % of a 60 km week,
    which the half's 30 % held at 17.4 km for 19 weeks)."""
    if goal_m >= MARATHON_M - 1:
        return LONG_SHARE_MARATHON
    if goal_m <= HALF_MARATHON_M:
        return 0.0
    between = (goal_m - HALF_MARATHON_M) / (MARATHON_M - HALF_MARATHON_M)
    return LONG_SHARE_MAX + (LONG_SHARE_MARATHON - LONG_SHARE_MAX) * between


def week_long_share_max(
    goal_m: float | None, weeks: Sequence[Week], i: int, period: int
) -> float | None:
    """``long_share_max`` for week ``i`` of ``weeks``, a life of blocks read over its cycle."""
    week, cycle = weeks[i], block_cycle_m(weeks, i, period)
    return long_share_max(goal_m, week.distance_m, whole_run_days(week), cycle)


def _long_share(plan: Plan) -> Iterator[Violation]:
    period = plan_period(plan)
    for i, week in enumerate(plan.weeks):
        found = longest_share(week)
        limit = week_long_share_max(plan.goal_races_m, plan.weeks, i, period)
        if found is None or limit is None:
            continue
        held = found[1].total_distance_m() <= plan.baseline.longest_run_m * TOLERANCE
        if found[2] > limit * TOLERANCE and not held:
            day, run, share = found
            yield _v(
                day.day,
                "long-run-share",
                f"{_km(run.total_distance_m())} is "
                f"{share:.0%} of the week's {_km(week.distance_m)}",
            )


def whole_run_days(week: Week) -> int:
    """The week's run days on days without a time limit (a short day holds a short run)."""
    return sum(
        1
        for d in week.days
        if d.day_type.allowance is Allowance.ANY and any(w.is_run for w in d.workouts)
    )


def longest_share(week: Week) -> tuple[Day, Workout, float] | None:
    """The week's longest run outside races and quality sessions (the long run, or an easy
    run that grew into one) and its share of the week (weeks of 4+ runs)."""
    runs = [
        (d, w)
        for d, w in week.workouts()
        if w.is_run and w.kind is not WorkoutKind.RACE and not w.is_quality
    ]
    if not runs or week.distance_m <= 0 or week.run_days < MIN_RUN_DAYS:
        return None
    day, run = max(runs, key=lambda r: r[1].total_distance_m())
    return day, run, run.total_distance_m() / week.distance_m


# ---- intensity ----------------------------------------------------------------------------


def _easy_share(plan: Plan) -> Iterator[Violation]:
    for week in plan.weeks:
        runs = [w for _, w in week.workouts() if w.is_run and w.kind is not WorkoutKind.RACE]
        total = sum(w.total_duration_s() for w in runs)
        easy = sum(w.easy_duration_s() for w in runs)
        if total > 0 and easy / total < EASY_SHARE_MIN:
            yield _v(week.start, "easy-share", f"week {week.index}: {easy / total:.0%} easy")


def _quality(plan: Plan) -> Iterator[Violation]:
    for week in plan.weeks:
        count = sum(1 for d in week.days if d.is_quality)
        if count > MAX_QUALITY:
            yield _v(week.start, "quality-per-week", f"week {week.index}: {count} sessions")
    days = list(plan.days())
    for before, day in itertools.pairwise(days):
        if day.is_quality and before.is_quality:
            yield _v(day.day, "quality-consecutive", "quality on two days in a row")
        elif day.is_quality and (before.has(WorkoutKind.RACE) or before.has(WorkoutKind.LONG)):
            yield _v(day.day, "quality-after-hard", "quality the day after a race or long run")


def _races(plan: Plan) -> Iterator[Violation]:
    race_days = [d.day for d in plan.days() if _has_race(d)]
    for a, b in itertools.pairwise(race_days):
        if (b - a).days < RACE_GAP_DAYS and not {a, b} <= set(plan.goal.race_days):
            yield _v(b, "races-7-days-apart", f"races on {a} and {b}")
    for quiet in sorted(goal_quiet_days(plan), reverse=True):
        day, k = plan.day(quiet), (plan.goal.race_days[0] - quiet).days
        if day is not None and day.is_hard:
            yield _v(day.day, "goal-race-quiet", f"a hard session {k} day(s) before the race")
        elif day is not None and day.has(WorkoutKind.STRENGTH):
            yield _v(day.day, "goal-race-quiet", f"a strength routine {k} day(s) before the race")


def goal_quiet_days(plan: Plan) -> set[date]:
    """The days before the goal race that hold nothing hard and no strength routine."""
    if not plan.goal.race_days:
        return set()
    goal = plan.goal.race_days[0]
    return {goal - timedelta(days=k) for k in range(1, GOAL_QUIET_DAYS + 1)}


# ---- variety, small wins, structure -------------------------------------------------------


def _signature(w: Workout) -> tuple[object, ...]:
    return (w.kind, w.title, tuple((s.kind, s.duration_s, s.distance_m) for s in w.steps()))


def _variety(plan: Plan) -> Iterator[Violation]:
    previous: set[tuple[object, ...]] = set()
    for week in plan.weeks:
        now = {_signature(w): d for d, w in week.workouts() if w.is_quality and not w.benchmark}
        for sig, day in now.items():
            if sig in previous:
                yield _v(day.day, "variety-repeat", f"'{sig[1]}' two weeks in a row")
        previous = set(now)


def _benchmarks(plan: Plan) -> Iterator[Violation]:
    series: dict[str, list[tuple[date, float]]] = {}
    for day in plan.days():
        for w in day.workouts:
            if w.benchmark:
                series.setdefault(w.benchmark, []).append((day.day, _work_pace(w)))
    if not series and plan.goal.is_race and len(plan.weeks) >= 8:
        yield _v(plan.start, "benchmark-repeats", "no benchmark session in the plan")
    for name, runs in series.items():
        if not BENCHMARK_MIN <= len(runs) <= BENCHMARK_MAX:
            yield _v(runs[0][0], "benchmark-repeats", f"'{name}' {len(runs)} times")
        for (_, a), (when, b) in itertools.pairwise(runs):
            if b >= a:
                yield _v(when, "benchmark-repeats", f"'{name}' target not faster than last time")


def _work_pace(w: Workout) -> float:
    paces = [s.pace.middle.seconds_per_km for s in w.steps() if s.kind is StepKind.WORK and s.pace]
    return min(paces, default=0.0)


def _minis_and_structure(plan: Plan) -> Iterator[Violation]:
    for day in plan.days():
        for w in day.workouts:
            if w.is_quality and (
                w.mini is None or w.mini.total_duration_s() >= w.total_duration_s()
            ):
                yield _v(day.day, "mini-version", f"'{w.title}' has no shorter mini version")
            if w.is_run and not _structured(w):
                yield _v(day.day, "structured", f"'{w.title}' lacks warm-up, target or cool-down")


def _structured(w: Workout) -> bool:
    steps = list(w.steps())
    targeted = all(s.pace is not None or s.effort is not None for s in steps)
    if not w.is_quality:
        return bool(steps) and targeted
    kinds = [s.kind for s in steps]
    return (targeted and StepKind.WORK in kinds and kinds[0] is StepKind.WARM_UP) or (
        w.kind is WorkoutKind.PROGRESSION and targeted
    )


def _routines(plan: Plan) -> Iterator[Violation]:
    for week in plan.weeks:
        kinds = [w.kind for _, w in week.workouts()]
        strength = kinds.count(WorkoutKind.STRENGTH)
        warm = kinds.count(WorkoutKind.WARM_UP_ROUTINE)
        least = 0 if _holds_goal_race(plan, week) else STRENGTH_MIN
        if not least <= strength <= STRENGTH_MAX or warm < min(WARM_UP_MIN, week.run_days):
            yield _v(
                week.start,
                "routines",
                f"week {week.index}: {strength} strength, {warm} dynamic warm-ups",
            )


def _holds_goal_race(plan: Plan, week: Week) -> bool:
    """The goal race's week: strength tapers with the running, none in the quiet days before
    the race (``goal-race-quiet``), so the week may hold fewer than two routines, or none
    (a week of 30-minute days whose runs leave no room before the quiet days)."""
    return any(d.day in plan.goal.race_days for d in week.days)


# ---- helpers ------------------------------------------------------------------------------


def _has_race(day: Day) -> bool:
    return day.has(WorkoutKind.RACE)


def _is_goal(plan: Plan, day: Day, w: Workout) -> bool:
    return w.kind is WorkoutKind.RACE and day.day in plan.goal.race_days


def _goal_race(plan: Plan, week: Week) -> list[tuple[Day, Workout]]:
    return [(d, w) for d, w in week.workouts() if _is_goal(plan, d, w)]


def _is_goal_week(plan: Plan, week: Week) -> bool:
    return bool(_goal_race(plan, week))


def _km(metres: float) -> str:
    return format_distance(metres, digits=1)


_RULES: tuple[Callable[[Plan], Iterator[Violation]], ...] = (
    _availability,
    _run_days,
    _growth,
    _recovery,
    _taper,
    _single_runs,
    _long_share,
    _easy_share,
    _quality,
    _races,
    _variety,
    _benchmarks,
    _minis_and_structure,
    _routines,
)
