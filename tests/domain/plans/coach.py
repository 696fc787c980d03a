"""What a coach checks when reading a plan, written independently of ``plan check``.

``rules.check`` is the generator's own contract; these checks are the questions a coach asks
of a plan before handing it to a runner, computed from the plan's weeks and the runner's
profile only (no import from the generator or the rules). Each returns the complaints a coach
would write in the margin; an empty list is a plan the coach would sign on these points.
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from runcoach.domain.plans.model import Day, Phase, Plan, Week
from runcoach.domain.plans.profile import Profile
from runcoach.domain.plans.schedule import Allowance
from runcoach.domain.plans.workouts import StepKind, Workout, WorkoutKind

KM = 1000.0
CLOSE = 0.85  # the first long run is "close" to the current longest at 85 % or more
DAY_AFTER_MAX_S = 45 * 60 + 1  # the run the day after a long run or race (s)
WEEK_ON_WEEK = 1.30 * 1.01  # volume rise over the last level week (ratio, with rounding)
FORCED = 0.5  # a week the runner's life holds under half the volume before it (ratio)
TAPER_RACE_WEEK = 0.8  # race week vs the peak week (ratio)
TAPER_WEEK_BEFORE = 0.9  # the week before race week vs the peak, half marathon and longer
LONG_HEAVY = 0.8  # the runner's longest run this share of their week: the week is one run
SIX_DAYS_OUT = 0.6  # the longest run in the 6 days before the goal vs the peak long run


def _runs(week: Week) -> list[tuple[Day, Workout]]:
    return [(d, w) for d, w in week.workouts() if w.is_run]


def _training_m(plan: Plan, week: Week) -> float:
    goal = set(plan.goal.race_days)
    return sum(
        w.total_distance_m()
        for d, w in _runs(week)
        if not (w.kind is WorkoutKind.RACE and d.day in goal)
    )


def goal_m(plan: Plan) -> float:
    """What the goal asks: its race's distance, or for races on consecutive days (a double)
    their combined distance, read from the races on the goal's days (a coach trains a double
    for the two races together: Koop 2016's back-to-back weekends)."""
    also = set(plan.goal.also)
    others = sum(s.distance_m or 0.0 for d in plan.days() if d.day in also
                 for w in d.workouts if w.kind is WorkoutKind.RACE
                 for s in w.steps() if s.kind is StepKind.WORK)  # fmt: skip
    return (plan.goal.distance_m or 0.0) + others


def _is_b2b(w: Workout) -> bool:
    return w.title.startswith("Back-to-back")


def _long_runs(week: Week) -> list[float]:
    return [
        w.total_distance_m()
        for _, w in _runs(week)
        if w.kind is WorkoutKind.LONG and not _is_b2b(w)
    ]


def _easy_m(plan: Plan, seconds: float) -> float:
    pace = plan.paces["easy"].slow.seconds_per_km
    return seconds / pace * KM


def _day_holds_m(plan: Plan, day: Day) -> float:
    """The longest run the day's type can hold (easy pace)."""
    limit = day.day_type.max_duration_s
    return float("inf") if limit is None else _easy_m(plan, limit)


def first_long_run(plan: Plan) -> list[str]:
    """The first long run is at least close to what the runner already runs."""
    if len(plan.weeks) < 3 or plan.weeks[0].phase is Phase.TAPER:
        return []
    first = plan.weeks[:2]
    longest = max(
        (w.total_distance_m() for week in first for _, w in _runs(week)), default=0.0
    )  # a tune-up race in those weeks is their long effort; fmt: skip
    holds = max((_day_holds_m(plan, d) for week in first for d in week.days
                 if d.day_type.can_run), default=0.0)  # fmt: skip
    volume = max(_training_m(plan, w) for w in first)
    # what the distance needs at most: 16 km for a 10k, 19 for the half, 32 from the marathon
    # ... and without a race (base building, staying healthy) what the runner runs, to 32 km
    goal = goal_m(plan)
    enough = max(16 * KM, min(goal * 0.9 if goal else 32 * KM, 32 * KM))
    wanted = min(plan.baseline.longest_run_m, holds, volume * 0.45, enough)
    if longest < CLOSE * wanted - 1:
        return [f"first long run {longest / KM:.1f} km, the runner already runs "
                f"{plan.baseline.longest_run_m / KM:.1f} km"]  # fmt: skip
    return []


def long_run_grows(plan: Plan) -> list[str]:
    """From the half on, the longest run grows toward what the distance needs, or the plan
    says why it cannot."""
    goal = goal_m(plan)
    if not plan.goal.is_race or goal < 21000 or len(plan.weeks) < 10:
        return []
    need = min(goal * 0.75, 32 * KM)
    longest = max((m for w in plan.weeks[:-1] for m in _long_runs(w)), default=0.0)
    if longest >= need * 0.9:
        return []
    said = _says_the_long_run_stops(plan)
    biggest = max(_training_m(plan, w) for w in plan.weeks[:-1])
    # a life whose days hold no run that long (every day 15 minutes at most) cannot reach it
    holds = max((_day_holds_m(plan, d) for w in plan.weeks[:-1] for d in w.days
                 if d.day_type.can_run), default=0.0) * 0.97  # fmt: skip
    if longest < min(plan.baseline.longest_run_m, biggest * 0.5, holds) * 0.99:
        return [f"the longest run {longest / KM:.1f} km never reaches the runner's current "
                f"{plan.baseline.longest_run_m / KM:.1f} km"]  # fmt: skip
    if not said:
        return [f"the longest run stops at {longest / KM:.1f} km of the ~{need / KM:.0f} km "
                "the distance needs, and the plan does not say so"]  # fmt: skip
    return []


def _says_the_long_run_stops(plan: Plan) -> bool:
    return any("long" in n.lower() and "run" in n.lower() for n in plan.notes)


NOW_PLUS = 1.1  # a week at the runner's own volume, 10 % more at most, is no rise (ratio)


def volume_is_steady(plan: Plan) -> list[str]:
    """Volume rises at most 30 % over the last level week; planned recovery weeks and
    weeks of a life event (under half the volume before) do not set the level, and a week
    back at the volume the runner runs now is no rise (a cycle whose weeks hold 2 or 3 run days
    by turn: 9.2 km, then the runner's own 13 km). In a life of
    blocks (7 days on with every day short, 7 off) a week is judged against the same week of
    the cycle before: the free week carries the volume, the work week what its days hold."""
    vols = [_training_m(plan, w) for w in plan.weeks]
    period = _cycle_weeks(plan)
    out = []
    for i in range(1, len(vols)):
        week = plan.weeks[i]
        if week.phase is Phase.TAPER or _has_race(week):
            continue
        level = _level(plan, vols, i, period)
        now_m = plan.baseline.weekly_distance_m * NOW_PLUS  # the runner's own week, +10 %
        if level is not None and vols[i] > max(max(level, 10 * KM) * WEEK_ON_WEEK, now_m):
            out.append(f"week {week.index}: {vols[i] / KM:.1f} km after {level / KM:.1f} km")
    return out


def _level(plan: Plan, vols: list[float], i: int, period: int = 1) -> float | None:
    for j in range(i - period, -1, -period):
        forced = vols[j] < FORCED * max([plan.baseline.weekly_distance_m, *vols[:j]])
        if not plan.weeks[j].recovery and not forced:
            return vols[j]
    return None


def _all_short(week: Week) -> bool:
    """Every day of the week that can hold a run has a time limit (a week on at work)."""
    runnable = [d for d in week.days if d.day_type.can_run]
    return all(d.day_type.max_minutes is not None for d in runnable)


def _cycle_weeks(plan: Plan) -> int:
    """The plan's life in blocks, read from its days: 2 (or 3, 4) when the weeks' day types
    repeat with that period and one week of the cycle has only short days while another has
    a free day (a work week and a free week); 1 otherwise. A life whose every week is short
    days alike (58-minute days every other day, 3 one week and 4 the next) has no free week to
    carry the volume: its weeks are judged one after the other (coach15: a 5-week base plan
    whose week 5 was judged against week 1)."""
    kinds = [tuple(d.day_type.name for d in w.days) for w in plan.weeks]
    short = [_all_short(w) for w in plan.weeks]
    if len(set(kinds)) < 2 or not any(short) or all(short):
        return 1
    for period in (2, 3, 4):
        if all(kinds[i] == kinds[i + period] for i in range(len(kinds) - period)):
            return period
    return 1


def _has_race(week: Week) -> bool:
    return any(w.kind is WorkoutKind.RACE for _, w in week.workouts())


def volume_builds_with_recovery(plan: Plan) -> list[str]:
    """A long plan builds (its biggest week is not its first) and has lighter weeks, where
    the runner's life gives 4 run days every week (a rota with 3-day weeks caps the level
    at what those weeks hold, and the steadiness check above is what matters there)."""
    main = [w for w in plan.weeks if w.phase is not Phase.TAPER]
    if len(main) < 8:
        return []
    vols = [_no_races_m(w) for w in main]
    possible = min(sum(1 for d in w.days if d.day_type.can_run) for w in main)
    if min(possible, plan.max_run_days or 7) < 4:
        return []  # under 4 run days a week each run grows by the 10 % rule, no faster
    if plan.baseline.longest_run_m < 0.3 * plan.baseline.weekly_distance_m:
        return []  # runs already near the longest: they grow 10 % a month, and so the week
    if min(_capacity_m(plan, w) for w in main) < vols[0] * 1.1:
        return []  # the rota's tightest weeks hold little more than week 1: steady, not built
    out = []
    if max(vols[1:]) < vols[0] * 0.99:
        out.append(f"volume never passes week 1's {vols[0] / KM:.1f} km")
    for i in range(len(vols) - 4):
        window = range(i, i + 5)
        lighter = [(j > 0 and vols[j] <= vols[j - 1] * 0.9) or _has_race(main[j]) for j in window]
        if not any(lighter):  # a tune-up race's week is a lighter week around the race
            out.append(f"weeks {i + 1}-{i + 5} without a lighter week")
    return out


def _capacity_m(plan: Plan, week: Week) -> float:
    """What the week's days could hold at most: the runner's best days, a short day to its
    limit, a free day 90 minutes (easy pace)."""
    minutes = sorted(
        (90.0 if d.day_type.max_minutes is None else d.day_type.max_minutes)
        for d in week.days
        if d.day_type.can_run
    )
    best = minutes[::-1][: plan.max_run_days or 7]
    return _easy_m(plan, sum(best) * 60)


def no_long_recovery_after_long(plan: Plan) -> list[str]:
    """The day after a long run or race holds a short easy run at most (an ultra's
    back-to-back long run excepted)."""
    days = list(plan.days())
    out = []
    for before, day in itertools.pairwise(days):
        hard = any(w.kind in (WorkoutKind.LONG, WorkoutKind.RACE) and not _is_b2b(w)
                   for w in before.workouts)  # fmt: skip
        if not hard:
            continue
        for w in day.runs:
            ok = w.kind in (WorkoutKind.RACE,) or _is_b2b(w)
            if not ok and w.total_duration_s() > DAY_AFTER_MAX_S:
                out.append(f"{day.day}: '{w.title}' the day after a long run or race")
    return out


def run_days_within_limit(plan: Plan, profile: Profile) -> list[str]:
    most = profile.availability.run_days_wanted
    return [f"week {w.index}: {w.run_days} run days, the runner can run {most}"
            for w in plan.weeks if w.run_days > most]  # fmt: skip


def short_days_within_limit(plan: Plan) -> list[str]:
    out = []
    for day in plan.days():
        limit = day.day_type.max_duration_s
        if day.day_type.allowance is not Allowance.SHORT or not day.is_run_day or limit is None:
            continue
        if day.has(WorkoutKind.RACE):
            continue
        total = sum(w.total_duration_s() for w in day.workouts)
        if total > limit + 1:
            out.append(f"{day.day}: {total / 60:.0f} min on a day of {limit / 60:.0f} min")
    return out


def tapers(plan: Plan) -> list[str]:
    """A taper before the goal race: race week under 80 % of the peak (the week before
    under 90 % from the half on), no big run in the six days before it."""
    if not plan.goal.is_race or len(plan.weeks) < 4:
        return []
    vols = [_no_races_m(w) for w in plan.weeks]
    peak = max(vols[:-1])
    if peak < 10 * KM:
        return []  # nothing to taper from: a few 20-minute runs a week (or a life without)
    out = []
    if vols[-1] > peak * TAPER_RACE_WEEK * 1.01:
        out.append(f"race week {vols[-1] / KM:.1f} km vs a peak of {peak / KM:.1f} km")
    long_race = goal_m(plan) >= 21000 and len(plan.weeks) >= 8
    if long_race and vols[-2] > peak * TAPER_WEEK_BEFORE * 1.01:
        out.append(f"the week before the race {vols[-2] / KM:.1f} km, peak {peak / KM:.1f}")
    first = plan.goal.race_days[0]
    peak_long = max((m for w in plan.weeks for m in _long_runs(w)), default=0.0)
    for day in plan.days():
        if not first - timedelta(days=6) <= day.day < first:
            continue
        for w in day.runs:
            big = w.total_distance_m() > max(peak_long * SIX_DAYS_OUT, 10 * KM)
            if big and w.kind is not WorkoutKind.RACE:
                out.append(f"{day.day}: a {w.total_distance_m() / KM:.1f} km run days before")
    return out


def _no_races_m(week: Week) -> float:
    """The week's running without its races (a tune-up the runner insisted on included)."""
    return sum(w.total_distance_m() for _, w in _runs(week) if w.kind is not WorkoutKind.RACE)


def benchmarks(plan: Plan) -> list[str]:
    """A benchmark 4-5 times in every race plan of 8 weeks or more, each target faster,
    the first no faster than today's fitness."""
    if not plan.goal.is_race or len(plan.weeks) < 8:
        return []
    declared = any(x.rule == "benchmark-repeats" for x in plan.limitations)
    vols = [_training_m(plan, w) for w in plan.weeks[:-1]]
    small = sum(vols) / len(vols) < 25 * KM or plan.baseline.longest_run_m < 5 * KM
    # a week that is mostly one long run (30.5 km of 34 a week, a run day or two a week)
    # holds no benchmark beside it most weeks: the plan says how many fit (coach15)
    small = small or plan.baseline.longest_run_m >= LONG_HEAVY * plan.baseline.weekly_distance_m
    # an ultra on 2 run days: the build's weekends are its back-to-back pair, both its days
    small = small or ((plan.max_run_days or 7) <= 2 and goal_m(plan) > 42195 + 1)
    roomy = [w for w in plan.weeks if w.phase is not Phase.TAPER and _holds_a_session(w)]
    if declared and (small or len(roomy) < 8):
        return []  # weeks this small, or a rota that rarely holds a session: the plan says so
    series: dict[str, list[tuple[date, Workout]]] = {}
    for day in plan.days():
        for w in day.workouts:
            if w.benchmark:
                series.setdefault(w.benchmark, []).append((day.day, w))
    if not series:
        return ["no benchmark workout"]
    out = []
    for name, items in series.items():
        if not 4 <= len(items) <= 5:
            out.append(f"benchmark '{name}' {len(items)} times")
        paces = [_mean_work_pace(w) for _, w in items]
        if any(b >= a for a, b in itertools.pairwise(paces)):
            out.append(f"benchmark '{name}' targets do not tighten: {paces}")
        today = plan.paces["mile"].middle.seconds_per_km
        if paces and paces[0] < today * 0.995:
            out.append(f"benchmark '{name}' starts faster than today's mile race pace")
    return out


def _holds_a_session(week: Week) -> bool:
    """Two free days apart, or one free day not next to another: room for a session and a
    long run that keep the hard/easy rule. The weeks follow each other: a Sunday is next to
    the Monday after it, so a week free on Sunday and Monday only has no such room."""
    free = [i for i, d in enumerate(week.days) if d.day_type.allowance is Allowance.ANY]
    return any(2 <= b - a <= 5 for a, b in itertools.combinations(free, 2))


def _mean_work_pace(w: Workout) -> float:
    paces = [s.pace.middle.seconds_per_km for s in w.steps()
             if s.kind is StepKind.WORK and s.pace is not None]  # fmt: skip
    return sum(paces) / len(paces) if paces else 0.0


# Volume that builds (issue 15): a peak week by goal distance a seasoned runner reaches (km),
# Daniels 2014 and Pfitzinger & Douglas 2009; a runner already at it need not grow.
PEAK_KM = ((5001, 45.0), (10001, 50.0), (21100, 55.0), (42200, 70.0), (float("inf"), 80.0))
BUILDS_FROM_WEEKS = 10  # the volume checks read plans of this many weeks or more
PEAK_GROWTH = 1.1  # the peak block's mean week vs the runner's current week (ratio)
HOLDS_CURRENT = 0.9  # no normal week after week 2 under this share of the current week
LONG_GROWTH = 1.2  # the long run at the end of the build vs the plan's first (ratio)
ROUNDING = 0.99  # "about" 20 %: a long run sized to 0.1 km may land a hair under (ratio)
SESSION_MIN = 30.0  # a day of this many minutes holds a short quality session (minutes)
SESSION_WEEK_M = 25 * KM  # a week this big or bigger holds a session (m): under it, easy
# running and strides build the volume first (Daniels 2014, phase I; the benchmark reading's
# "small" weeks above)


def _normal_main(plan: Plan) -> list[Week]:
    return [w for w in plan.weeks if w.phase is not Phase.TAPER and not w.recovery]


# ... the same peaks by the race each row stands for (m, km), to read a double between rows
PEAK_ROWS = ((5000.0, 45.0), (10000.0, 50.0), (21097.5, 55.0), (42195.0, 70.0), (100000.0, 80.0))


def _peak_km(goal_m: float | None) -> float:
    return next(km for limit, km in PEAK_KM if (goal_m or 10000.0) < limit) * KM


def _goal_peak_m(plan: Plan) -> float:
    """The goal's peak week: its race's row, or for a double (races on consecutive days) its
    combined distance read between the rows of the races around it, as docs/plans.md reads
    a double (a 10k and a half together, 31 km, want less than a marathon's 70 km week)."""
    if not plan.goal.also:
        return _peak_km(plan.goal.distance_m)
    total = goal_m(plan)
    for (a_m, a), (b_m, b) in itertools.pairwise(PEAK_ROWS):
        if total < b_m:
            return (a + (b - a) * max(total - a_m, 0.0) / (b_m - a_m)) * KM
    return PEAK_ROWS[-1][1] * KM


def volume_holds_current(plan: Plan) -> list[str]:
    """After week 2 no normal week falls under 90 % of what the runner runs now, in the
    weeks whose days can hold that much (a week of nights is the rota's, not the plan's), with
    runs no more than 10 % over the longest before them (``_runs_hold_m``).
    In a life of blocks (``_cycle_weeks``) the runner's volume now is itself an average over
    the cycle: a week of short work days is judged with the weeks of its cycle (their mean),
    not alone, so the plan need not fill every 45-minute day to hold it."""
    if len(plan.weeks) < BUILDS_FROM_WEEKS:
        return []
    now = plan.baseline.weekly_distance_m
    period = _cycle_weeks(plan)
    out = []
    for w in _normal_main(plan)[2:]:
        if w.index <= 2 or min(_capacity_m(plan, w), _runs_hold_m(plan, w)) < now:
            continue
        held, what = _training_m(plan, w), f"week {w.index}"
        if period > 1 and _all_short(w) and w.index >= period:
            block = plan.weeks[w.index - period : w.index]
            held = sum(_training_m(plan, x) for x in block) / period
            what = f"weeks {block[0].index}-{w.index} (a cycle)"
        if held < now * HOLDS_CURRENT:
            out.append(f"{what}: {held / KM:.1f} km, under the "
                       f"{now / KM:.0f} km the runner runs now")  # fmt: skip
    return out


def _runs_hold_m(plan: Plan, week: Week) -> float:
    """The most the runner's run days hold this week when no run is over 10 % longer than
    the longest run before it (the single-run rule a coach keeps): a runner who says 31 km a
    week on 3 days but no run over 6.7 km cannot be held at 31 km until the runs grow.
    Each day holds the shorter of the two: its time limit (``_capacity_m``'s measure, a free
    day 90 minutes) and that run; the week its best days (vol15: a runner of 13.5 km a week
    with a 7.3 km longest run on a free day and a 19-minute day holds 8.0 + 3.7 km, not the
    two days' 22.6 km of time and 16.1 km of runs read apart, neither of which the other lets
    it reach)."""
    before = [m for w in plan.weeks[: week.index - 1] for _, x in _runs(w)
              if x.kind is not WorkoutKind.RACE for m in [x.total_distance_m()]]  # fmt: skip
    run_m = max([plan.baseline.longest_run_m, *before]) * 1.1
    days = sorted(
        (min(run_m, _easy_m(plan, (d.day_type.max_minutes or 90.0) * 60))
         for d in week.days if d.day_type.can_run),
        reverse=True,
    )  # fmt: skip
    return sum(days[: plan.max_run_days or 7])


def peak_block_builds(plan: Plan) -> list[str]:
    """The peak block's mean week is 10 % over the runner's week now, when the distance's
    peak week is that far above it and the days allow it (every main week's days can hold
    1.1 x the current week at easy pace, free days counted as 90 minutes)."""
    now = plan.baseline.weekly_distance_m
    peak = [w for w in _normal_main(plan) if w.phase is Phase.PEAK]
    main = [w for w in plan.weeks if w.phase is not Phase.TAPER]
    few = len(plan.weeks) < BUILDS_FROM_WEEKS or not peak
    if few or _goal_peak_m(plan) < now * PEAK_GROWTH:
        return []
    if min(_capacity_m(plan, w) for w in main) < now * PEAK_GROWTH:
        return []
    mean = sum(_training_m(plan, w) for w in peak) / len(peak)
    if mean < now * PEAK_GROWTH:
        return [f"the peak weeks average {mean / KM:.1f} km, not 10 % over the runner's "
                f"{now / KM:.0f} km now"]  # fmt: skip
    return []


def long_run_builds(plan: Plan) -> list[str]:
    """The long run at the end of the build (its last three weeks, and the peak's: a short
    plan's build is five weeks and its peak carries the growth on) is ~20 % over the plan's
    first, unless the first already is what the distance needs (16 km for a 10k, 19 for the
    half, 32 the marathon; for a double 75 % of its races together, as ``long_run_grows``
    and the plan's own note read a double: 15-16 km for two 10ks). What the distance needs is
    read within what the runner's days hold, as ``long_run_grows`` reads it (qual15: a life of
    15-minute days holds a 1.8 km run at most, and a coach does not ask it to grow past it)."""
    longs = [(w, max(_long_runs(w), default=0.0)) for w in plan.weeks[:-1]]
    longs = [(w, m) for w, m in longs if m > 0]
    build = [m for w, m in longs if w.phase is Phase.BUILD]
    if len(plan.weeks) < BUILDS_FROM_WEEKS or not build or not longs:
        return []
    first = longs[0][1]
    share = 0.75 if plan.goal.also else 0.9
    need = max(16 * KM, min((goal_m(plan) or 10 * KM) * share, 32 * KM)) * 0.9
    holds = max((_day_holds_m(plan, d) for w in plan.weeks[:-1] for d in w.days
                 if d.day_type.can_run), default=0.0) * 0.97  # fmt: skip
    need = min(need, holds)
    reached = max(build[-3:] + [m for w, m in longs if w.phase is Phase.PEAK])
    if first < need and reached < min(first * LONG_GROWTH, need) * ROUNDING:
        return [f"the long run at the end of the build is {reached / KM:.1f} km, "
                f"the first {first / KM:.1f} km: it does not grow"]  # fmt: skip
    return []


def quality_in_build(plan: Plan) -> list[str]:
    """Every normal build and peak week of 25 km or more holds a quality session when one
    of its days could: a day of 30 minutes or more that is neither the long run's day nor next
    to it. A smaller week (a beginner's, or a rota's work week) is easy running and strides:
    its few hard minutes (a fifth of the week's time) hold no session with its warm-up."""
    out = []
    for week in _normal_main(plan):
        if week.phase not in (Phase.BUILD, Phase.PEAK) or _has_race(week):
            continue
        if _training_m(plan, week) < SESSION_WEEK_M:
            continue
        if any(w.is_quality for _, w in week.workouts()):
            continue
        long_i = {i for i, d in enumerate(week.days)
                  if any(w.kind is WorkoutKind.LONG for w in d.workouts)}  # fmt: skip
        near = {j for i in long_i for j in (i - 1, i, i + 1)}
        could = [
            d
            for i, d in enumerate(week.days)
            if i not in near
            and d.day_type.can_run
            and (d.day_type.max_minutes is None or d.day_type.max_minutes >= SESSION_MIN)
        ]
        if could:
            out.append(f"week {week.index} ({week.phase.value}): no quality session, "
                       f"though {could[0].day} could hold one")  # fmt: skip
    return out


ULTRA_KM = 42.2  # a goal longer than the marathon (one race, or a double's sum) is an ultra
BACK_TO_BACK_SHARE = 0.5  # ... whose normal build and peak weeks hold back-to-back long runs,
# at least this share of them (Koop 2016: back-to-back weekends through the build)


def back_to_back_long_runs(plan: Plan) -> list[str]:
    """An ultra (or a double whose races add up to one) holds back-to-back long runs in its
    build and peak: the long run, and a second long run the next day; a goal no longer than
    the marathon (a double of two halves, a 10k and a half) holds none."""
    weeks = [w for w in _normal_main(plan) if w.phase in (Phase.BUILD, Phase.PEAK)]
    held = [w for w in weeks if any(_is_b2b(x) for _, x in w.workouts())]
    if goal_m(plan) <= ULTRA_KM * KM:
        return [f"week {w.index}: back-to-back long runs for a goal of "
                f"{goal_m(plan) / KM:.1f} km" for w in held]  # fmt: skip
    if len(weeks) >= 4 and len(held) < BACK_TO_BACK_SHARE * len(weeks):
        return [f"{len(held)} of {len(weeks)} build and peak weeks hold back-to-back long "
                f"runs, for a goal of {goal_m(plan) / KM:.1f} km"]  # fmt: skip
    return []


def double_paced(plan: Plan) -> list[str]:
    """A double's later days are predicted no faster than its first, and its last slower (a
    runner does not believe day 2 as fast as day 1 on the same legs): never the same time
    printed for every day."""
    races = [(d.day, w) for d in plan.days() if d.day in plan.goal.race_days
             for w in d.workouts if w.kind is WorkoutKind.RACE]  # fmt: skip
    paces = [(day, _mean_work_pace(w)) for day, w in races]
    if len(paces) < 2:
        return []
    first = paces[0][1]
    out = [f"{day}: {pace:.0f} s/km, faster than day 1's {first:.0f} s/km"
           for day, pace in paces[1:] if pace < first]  # fmt: skip
    if paces[-1][1] <= first:
        out.append(f"{paces[-1][0]}: the last day predicted as fast as day 1 ({first:.0f} s/km)")
    return out


def volume_builds(plan: Plan) -> list[str]:
    """Issue 15's four questions on a plan's growth."""
    return (
        volume_holds_current(plan)
        + peak_block_builds(plan)
        + long_run_builds(plan)
        + quality_in_build(plan)
    )


def growth(plan: Plan) -> list[str]:
    """Issue 15's growth questions (``volume_builds``) asked of any life, where a coach
    would ask them. Guards for lives that cannot build: a plan under 10 weeks sharpens what
    the runner has, its few weeks are no build (three of the four questions said so already);
    inside the questions, a week under 25 km holds no session (``quality_in_build``), a week
    is held to what its run days hold under the 10 % single-run rule (``_runs_hold_m``), and
    a double is read by its races together (``_goal_peak_m``, ``long_run_builds``)."""
    if len(plan.weeks) < BUILDS_FROM_WEEKS:
        return []
    return volume_builds(plan)


HALF_THE_WEEK = 0.5  # the long run's largest share of its week's running (ratio)
SHORT_LONG_M = 8 * KM  # a "long run" this short is a share of nothing: a 6 km week's 3.5 km


def long_run_at_most_half(plan: Plan) -> list[str]:
    """No long run over half its week's running (issue 15's first observation: "the long
    run over half of the week"; Higdon's Novice marathon, the most a novice programme gives,
    is half). Excepted: an ultra or a double adding up to one (back-to-back weekends), and a
    long run no longer than the runner already runs (the plan keeps what they do: a runner
    whose week is mostly one run is not cut), and a long run of 8 km or less (a start from little
    running: a 6 km week's 3.5 km run is a share of nothing)."""
    if goal_m(plan) > ULTRA_KM * KM:
        return []
    kept_m = max(plan.baseline.longest_run_m + 1.0, SHORT_LONG_M)
    out = []
    for week in plan.weeks:
        longs = [m for m in _long_runs(week) if m > kept_m]
        week_m = _training_m(plan, week)
        if longs and week_m > 0 and max(longs) > HALF_THE_WEEK * week_m + 1.0:
            out.append(f"week {week.index}: a {max(longs) / KM:.1f} km long run in a "
                       f"{week_m / KM:.1f} km week")  # fmt: skip
    return out


def kept(plan: Plan, profile: Profile) -> list[str]:
    """The questions the generator answers for every random life today (the random-life
    properties assert them; ``growth`` is asserted there as a known gap, see
    test_coach_property.py). ``long_run_at_most_half`` joined them when the generator held
    the long run to half its week over random lives (issue 15, observation 1)."""
    return (
        long_run_at_most_half(plan)
        + first_long_run(plan)
        + long_run_grows(plan)
        + volume_is_steady(plan)
        + volume_builds_with_recovery(plan)
        + no_long_recovery_after_long(plan)
        + run_days_within_limit(plan, profile)
        + short_days_within_limit(plan)
        + tapers(plan)
        + benchmarks(plan)
        + double_paced(plan)
    )


def everything(plan: Plan, profile: Profile) -> list[str]:
    """Every question a coach asks of a plan: what the generator keeps, and its growth."""
    return kept(plan, profile) + growth(plan)
