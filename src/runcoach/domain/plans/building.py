"""What the generator knows while it builds, what a plan can still grow by, and the
limitations and notes it declares up front (the rules it cannot keep, and why)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from runcoach.domain.plans.blocks import (
    block_period,
    growth_period,
    is_work_week,
    light_weeks,
    week_types,
)
from runcoach.domain.plans.layout import SHORTEST_RUN_MIN
from runcoach.domain.plans.model import Limitation, Phase, Waiver, Week
from runcoach.domain.plans.paces import FitnessModel
from runcoach.domain.plans.profile import Profile
from runcoach.domain.plans.rules import (
    FIRST_WEEK_MAX,
    FOUR_RUN_DAYS,
    LONG_SHARE_BLOCK,
    LONG_SHARE_WEEKEND,
    SHARE_GOAL_FEW_DAYS_M,
    SHARE_GOAL_M,
    WEEKEND_RUN_DAYS,
    longest_share,
    week_long_share_max,
    whole_run_days,
)
from runcoach.domain.plans.schedule import Availability
from runcoach.domain.plans.shape import ULTRA_M, peak_long_m
from runcoach.domain.plans.workouts import WorkoutKind
from runcoach.domain.safety import MIN_WEEKLY_M, TWO_WEEK_MAX, growth_check
from runcoach.domain.units import format_distance

MIN_RUN_DAYS = 4  # the system's minimum run days a week (consistency), SPEC principle 1
FORCED_DIP = 0.5  # a week the runner's life holds under half the volume before it (ratio)
GROWTH_MARGIN = 0.98  # stay this far under the growth caps, for rounding (fraction)


@dataclass
class Build:
    """The generator's working state: the profile and what it must say up front."""

    profile: Profile  # the runner's profile, its target once judged (plans.verdict)
    today: date
    model: FitnessModel
    notes: list[str] = field(default_factory=list)
    limitations: list[Limitation] = field(default_factory=list)
    waivers: list[Waiver] = field(default_factory=list)


def allowed_volume_m(
    done: list[Week], baseline_m: float, goal_days: tuple[date, ...], period: int = 1
) -> float:
    """The most the next week may hold under the growth rules, from the weeks as built: the
    one safety model's limits (``safety.growth_check``), read over the cycle in a life of
    blocks (``period``, ``cycle_weeks``) as the plan rules read it."""
    vols = [w.distance_m - goal_distance_m(w, goal_days) for w in done]
    i = len(vols)
    limits = growth_check([*vols, 0.0], [w.recovery for w in done] + [False], i, baseline_m, period)
    first = baseline_m * FIRST_WEEK_MAX if i == 0 else float("inf")
    return min(limits.two_week_limit_m, limits.average_limit_m, first) * GROWTH_MARGIN


def cycle_weeks(availability: Availability, starts: Sequence[date]) -> int:
    """The weeks over which volume swings are judged: 1, or the cycle in weeks for a life of
    blocks (``blocks.block_period``: 7 days on with every run day short, 7 off), whose free
    week is judged against the free week before it, not the work week between."""
    types = [[availability.day_type(s + timedelta(days=d)) for d in range(7)] for s in starts]
    return block_period(types)


def growth_weeks(availability: Availability, starts: Sequence[date]) -> int:
    """The cycle in weeks the growth rules read volume over (``blocks.growth_period``)."""
    types = [[availability.day_type(s + timedelta(days=d)) for d in range(7)] for s in starts]
    return growth_period(types)


def work_weeks(availability: Availability, starts: Sequence[date]) -> frozenset[int] | None:
    """The weeks (indices from 0) where a life of blocks' recovery weeks fall
    (``shape.recovery_weeks``): its work weeks, whose every day that can hold a run is short
    (``cycle_weeks`` over 1), or the weeks its job holds light when the cycle starts mid-week
    (``blocks.light_weeks``); ``None`` for every other life."""
    types = [[availability.day_type(s + timedelta(days=d)) for d in range(7)] for s in starts]
    if block_period(types) > 1:
        return frozenset(k for k, week in enumerate(types) if is_work_week(week))
    return light_weeks(types) or None


def block_peak_m(p: Profile, period: int) -> float:
    """The free week a life of blocks (``period`` > 1) needs at its peak: the race's long run
    at half its week (``LONG_SHARE_BLOCK``: 32 km in a 64 km free week for a marathon). The
    work week is held down by the job, not by the runner's fitness, so the free week may carry
    more than the plan's usual peak week while the cycle's mean week stays well under it
    (64 + 28 km). 0 for every other life, and below the half or for an ultra."""
    goal_m = p.goal_races_m
    if period < 2 or goal_m is None or not SHARE_GOAL_M <= goal_m <= ULTRA_M:
        return 0.0
    return peak_long_m(p.goal.distance_m, p.years_running, p.also_m) / LONG_SHARE_BLOCK


def steady_volume_m(
    done: list[Week], goal_days: tuple[date, ...], baseline_m: float, period: int = 1
) -> float:
    """The most the next week may hold so that volume does not swing with the work cycle: at
    most 30 % over the last week as built (the two-week rule applied week on week), or over
    the same week of the last cycle (``period``: the cycle in weeks, ``cycle_weeks``). A
    planned recovery week, and a week the runner's life forced under half the volume before
    it or the runner's volume now (a week of nights), do not set the level: the week before
    (the cycle before) does. A week back at the runner's own volume now is no rise, whatever
    the week before held: a 7-on-7-off life whose week of one free day held 31 km goes back to
    the runner's 51 km in its week of six free days (they run it now: Pfitzinger & Douglas
    2009 resume the usual volume after a down week; the coach's ``volume_is_steady`` too)."""
    vols = [w.distance_m - goal_distance_m(w, goal_days) for w in done]
    for i in range(len(done) - period, -1, -period):
        forced = vols[i] < FORCED_DIP * max([baseline_m, *vols[:i]])
        if not done[i].recovery and not forced:
            rise = max(vols[i], MIN_WEEKLY_M) * TWO_WEEK_MAX * GROWTH_MARGIN
            return max(rise, baseline_m)
    return float("inf")


def goal_distance_m(week: Week, goal_days: tuple[date, ...]) -> float:
    return sum(
        w.total_distance_m()
        for d, w in week.workouts()
        if d.day in goal_days and w.kind is WorkoutKind.RACE
    )


def races_m(week: Week) -> float:
    """The week's races, goal and tune-ups: a taper is measured from the training around them."""
    return sum(w.total_distance_m() for _, w in week.workouts() if w.kind is WorkoutKind.RACE)


def say_longest(b: Build, weeks: list[Week], longest_m: float) -> None:
    """Say so when the long run cannot grow to what the race wants in this plan."""
    goal_m, p = b.profile.goal_races_m, b.profile  # a double: its combined distance
    if goal_m is None or goal_m < 15000:
        return
    wanted = min(peak_long_m(p.goal.distance_m, p.years_running, p.also_m), goal_m * 0.75)
    built = [
        x.total_distance_m() for w in weeks for _, x in w.workouts() if x.kind is WorkoutKind.LONG
    ]
    reached = max(built, default=0.0)
    if reached < wanted * 0.9:
        who = "your races together want" if p.goal_races else "this race wants"
        b.notes.append(
            f"The long run reaches {format_distance(reached, digits=1)}, short of the "
            f"{format_distance(wanted, digits=0)} {who}: the weekly volume your days "
            "and the weeks to race day allow cannot carry a longer one without breaking the "
            "10 % and long-run-share rules. Race day will be a step up: start slower than goal "
            "pace and walk the aid stations if you need to."
        )


def say_held_to_half(b: Build, weeks: list[Week], held: list[date]) -> None:
    """Say which weeks' long run the runner's days held to half the week, and what it costs."""
    over = [w.index for w in weeks if w.days and w.days[0].day in set(held)]
    if over:
        b.notes.append(
            f"Weeks {over[:8]}: your other run days cannot carry more running, so the long "
            "run is held to half of the week (the most a novice programme gives it: Higdon); "
            "it grows only as the rest of the week does."
        )


def say_long_share(b: Build, weeks: list[Week], ultra: bool, held_m: float) -> None:
    period = block_period([week_types(w) for w in weeks])
    over = [w.index for i, w in enumerate(weeks) if _over_share(b, (weeks, period), i, held_m)]
    if over and not ultra:
        b.limitations.append(
            Limitation(
                "long-run-share",
                f"weeks {over[:8]}: your days that "
                "can hold a run are so uneven (short days) that one run must carry "
                "more of the week than the long-run share allows (30 %; up to 45 % from the "
                "half on, or on 4 whole run days or fewer).",
            )
        )


def _over_share(b: Build, plan: tuple[list[Week], int], i: int, held_m: float) -> bool:
    """Week ``i`` of ``plan`` (its weeks and its cycle in weeks) over the long-run share."""
    weeks, period = plan
    found = longest_share(weeks[i])
    limit = week_long_share_max(b.profile.goal_races_m, weeks, i, period)
    if found is None or limit is None:
        return False
    return found[2] > limit and found[1].total_distance_m() > held_m


def say_few_days(b: Build, weeks: list[Week]) -> None:
    """Say so when few whole run days (no time limit) let the long run take more of the week:
    45 %, or 50 % when they are the weekend's two (``rules.LONG_SHARE_WEEKEND``)."""
    few = [w for w in weeks if 0 < whole_run_days(w) <= FOUR_RUN_DAYS and w.run_days >= 4]
    goal_m = b.profile.goal_races_m or 0.0
    if not few or goal_m < SHARE_GOAL_FEW_DAYS_M:
        return
    weekend = goal_m >= SHARE_GOAL_M and all(whole_run_days(w) <= WEEKEND_RUN_DAYS for w in few)
    carries = (
        f"the weekend carries the week: Saturday a medium-long run, Sunday the long run, which "
        f"may take up to {round(LONG_SHARE_WEEKEND * 100)} % of such a week"
        if weekend
        else "each of those runs carries more, so the long run may take up to 45 % of such a week"
    )
    b.notes.append(
        f"{len(few)} of the {len(weeks)} weeks have 4 or fewer days that can hold a run "
        f"without a time limit: {carries} (docs/plans.md, long-run-share)."
    )


def say_benchmarks(b: Build, weeks: list[Week], planned: int) -> None:
    placed = sum(1 for w in weeks for _, x in w.workouts() if x.benchmark)
    already = any(x.rule == "benchmark-repeats" for x in b.limitations)
    if planned and placed < 4 and not already:
        b.limitations.append(
            Limitation(
                "benchmark-repeats",
                f"{placed} of {planned} benchmark "
                "sessions fit: in the other weeks it would make the week too hard "
                "or a run too long for the volume you do now.",
            )
        )


def say_routines(b: Build, weeks: list[Week]) -> None:
    """Weeks whose short days leave no room for the routines within their time limits."""
    missing = []
    for week in weeks:
        kinds = [w.kind for _, w in week.workouts()]
        warm = kinds.count(WorkoutKind.WARM_UP_ROUTINE)
        if kinds.count(WorkoutKind.STRENGTH) < 2 or warm < min(2, week.run_days):
            missing.append(week.index)
    if missing:
        b.limitations.append(
            Limitation(
                "routines",
                f"weeks {missing[:8]}: your days' time limits hold the runs but leave no room "
                "for every strength routine and dynamic warm-up; do them on a day you can "
                "spare 20 minutes.",
            )
        )


def run_days_of_week(availability: Availability, phase: Phase, recovery: bool) -> int:
    """The run days a week aims at: the runner's number, or for a range ("3-4": a beginner
    building the habit) its low end in the base phase and in recovery weeks, its high end once
    the build begins: the habit of the low end first, the extra day once it holds."""
    least = availability.run_days_least
    if least is not None and (phase is Phase.BASE or recovery):
        return least
    return availability.run_days_wanted


def say_run_days(b: Build, weeks: list[Week]) -> None:
    """Say why a week has fewer than the system's 4 run days: the runner's days cannot hold
    more (a rota, short days), or the runner can run no more (``run_days_per_week: 3``, a
    limit the plan keeps, issue 15 observation 3). A range's low end is never a shortfall."""
    _say_range(b, weeks)
    wanted = b.profile.availability.run_days_wanted
    least = b.profile.availability.run_days_least or MIN_RUN_DAYS  # a range's low end is fine
    short = [w for w in weeks if w.run_days < min(MIN_RUN_DAYS, least)]
    cannot = [w.index for w in short if _days_that_can_run(w) < MIN_RUN_DAYS]
    by_limit = [w.index for w in short if w.index not in cannot and w.run_days >= wanted]
    if cannot:
        b.limitations.append(
            Limitation(
                "run-days-per-week",
                f"weeks {cannot[:8]} have fewer than "
                f"{MIN_RUN_DAYS} days that can hold a run; the plan uses every one.",
            )
        )
    small = [w.index for w in short if w.index not in cannot and w.run_days < wanted]
    if small:  # the week's volume, not the days: the shortest run (10 minutes) decides
        b.limitations.append(
            Limitation(
                "run-days-per-week",
                f"weeks {small[:8]}: what the week's volume leaves after its long run and "
                f"sessions is too small for {MIN_RUN_DAYS} runs of at least "
                f"{SHORTEST_RUN_MIN:.0f} minutes: fewer, whole runs instead.",
            )
        )
    if by_limit:
        b.limitations.append(
            Limitation(
                "run-days-per-week",
                f"weeks {by_limit[:8]}: you can run at most {wanted} days a week, under the "
                f"system's {MIN_RUN_DAYS}; the plan keeps your limit.",
            )
        )
    if wanted < MIN_RUN_DAYS:
        b.notes.append(
            f"You can run at most {wanted} days a week; the system asks for {MIN_RUN_DAYS} "
            f"(consistency), so the plan keeps your {wanted} and each run carries a little "
            "more. Cross-training (cycling, swimming) on another day helps where you can."
        )


def _days_that_can_run(week: Week) -> int:
    return sum(1 for d in week.days if d.day_type.can_run)


def _say_range(b: Build, weeks: list[Week]) -> None:
    least, most = b.profile.availability.run_days_least, b.profile.availability.run_days_wanted
    if least is None or least == most:
        return
    fewer = sum(1 for w in weeks if w.run_days <= least)
    said = f"You asked for {least}-{most} run days a week: "
    if fewer:
        said += (
            f"{fewer} of the {len(weeks)} weeks (the base and the recovery weeks) hold "
            f"{least}, the build adds up to {most}: the habit first, then the extra day."
        )
    else:
        said += (
            f"the base and the recovery weeks aim at {least}, but their running does not "
            f"fit in {least} of your days, so every week holds up to {most}."
        )
    b.notes.append(said)
