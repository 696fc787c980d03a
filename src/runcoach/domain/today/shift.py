"""Rotating lives: a changed shift, a swapped shift or an extra night, and the plan re-fits.

The plan's days carry their day types. A **change** gives one day (or the days of an
imported rota) another day type and moves nothing else: the rotation stays where it was.
A **swap** exchanges the day types of two days; an **insert** puts a day type on a date and
pushes the rest of the cycle one day later (the whole rotation moves: an extra night that
really delays every later day). Only days from today on change.
Each week touched is then re-fitted: runs that no longer fit their day move to a day of the
same week that holds them (key sessions first, never next to another hard day, never two
runs on one day); a quality session that no day holds whole becomes its mini version where
that fits; an easy or long run is shortened to a short day's limit; what fits nowhere is
dropped with a note. A dynamic warm-up stays with its session (a day left without a run
loses its warm-up; a day given a quality session gets one where it fits). The result is
checked with the plan rules, and every rule it newly breaks is reported before it is saved.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta

from runcoach.domain.errors import InvalidInput
from runcoach.domain.plans import routines, rules
from runcoach.domain.plans.blocks import plan_period
from runcoach.domain.plans.layout import AFTER_LONG_MAX_MIN, GOAL_QUIET_DAYS
from runcoach.domain.plans.model import Day, Plan, Week
from runcoach.domain.plans.schedule import DayType
from runcoach.domain.plans.workouts import Workout, WorkoutKind
from runcoach.domain.safety import run_over, single_run_limit_m
from runcoach.domain.today import adjust
from runcoach.domain.today.moves import copy_day, fits, is_key

SPREAD_MAX = 0.3  # an easy run takes at most 30 % more time from a dropped one (coaching practice)
SPREAD_NEEDED = 0.75  # spread only when the others can take at least 3/4 of its time
LOST_SHARE = 0.9  # a week the change left under 90 % of its running is a lighter week (ratio)
GROWTH_RULES = ("growth-two-weeks", "growth-average")
EASY_KINDS = (WorkoutKind.EASY, WorkoutKind.RECOVERY, WorkoutKind.STRIDES)
MINI_OF_MINI = 0.6  # a placed mini's own tired-day version: easy running, 60 % of its time


@dataclass(frozen=True)
class Shifted:
    plan: Plan
    changes: tuple[str, ...]  # what moved where, for the runner
    new_violations: tuple[rules.Violation, ...]  # rules the re-flowed plan newly breaks


def swap_days(plan: Plan, first: date, second: date, today: date) -> Shifted:
    """The day types of ``first`` and ``second`` exchanged (a swapped shift)."""
    for day in (first, second):
        _check_day(plan, day, today)
    types = {d.day: d.day_type for d in plan.days()}
    types[first], types[second] = types[second], types[first]
    return _reflow(plan, types, {first, second}, today)


def change_days(plan: Plan, changed: Mapping[date, DayType], today: date) -> Shifted:
    """Each day of ``changed`` takes its new day type; no other day moves (a one-day shift
    change). Every day must be a day of the plan, from today on."""
    if not changed:
        raise InvalidInput("no day to change", hint="give a date and its new day type")
    for day in changed:
        _check_day(plan, day, today)
    types = {d.day: d.day_type for d in plan.days()}
    touched = {day for day, kind in changed.items() if types[day] != kind}
    types.update(changed)
    return _reflow(plan, types, touched, today)


def rota_days(plan: Plan, rota: Mapping[date, DayType], today: date) -> Shifted:
    """The days of an imported rota that fall in the plan from today on take the rota's day
    types (the rest of the rota is outside the plan, or past)."""
    inside = {d: t for d, t in rota.items() if today <= d and plan.day(d) is not None}
    if not inside:
        raise InvalidInput(
            f"no day of the rota falls in the plan from {today} on ({plan.start} to {plan.end})",
            hint="export the rota of the coming weeks",
        )
    return change_days(plan, inside, today)


def insert_day(plan: Plan, day_type: DayType, on: date, today: date) -> Shifted:
    """``day_type`` on ``on``; every later day takes the type of the day before it."""
    _check_day(plan, on, today)
    days = [d for d in plan.days() if d.day >= on]
    types = {d.day: d.day_type for d in plan.days()}
    types[on] = day_type
    for before, after in itertools.pairwise(days):
        types[after.day] = before.day_type
    return _reflow(plan, types, {d.day for d in days}, today)


def _check_day(plan: Plan, day: date, today: date) -> None:
    if plan.day(day) is None:
        raise InvalidInput(
            f"{day} is not in the plan ({plan.start} to {plan.end})", hint="pick a day of the plan"
        )
    if day < today:
        raise InvalidInput(f"{day} is in the past: only days from today on can change")


def _reflow(plan: Plan, types: dict[date, DayType], touched: set[date], today: date) -> Shifted:
    changes: list[str] = []
    pending: list[tuple[date, Workout]] = []  # benchmarks their week could not hold
    # every week retyped first: a week's moves read the days around it (the week before as
    # re-fitted, the week after with its new day types), never the plan before the change
    new_plan = replace(plan, weeks=[_retyped_week(w, types, today) for w in plan.weeks])
    for week in new_plan.weeks:
        days = week.days
        if any(d.day in touched for d in days) or pending:
            changes += _place_carried(new_plan, days, pending, today)
            changes += _place_misfits(new_plan, days, today, pending)
            _warm_ups_follow_their_sessions(days, today)
    changes += [f"'{w.title}' on {was}: no day of its week or the next holds it after the "
                "change, dropped" for was, w in pending]  # fmt: skip
    changes += _cap_single_runs(new_plan, today)
    changes += _cap_long_share(new_plan, today)
    changes += _cap_single_runs(new_plan, today)  # a shorter long run lowers the next caps
    changes += _cap_after_long(new_plan, today)
    before = {(v.rule, v.day) for v in rules.check(plan)}
    changes += _lighter_weeks(plan, new_plan, before)
    fresh = tuple(v for v in rules.check(new_plan) if (v.rule, v.day) not in before)
    return Shifted(new_plan, tuple(changes), fresh)


def _lighter_weeks(plan: Plan, new_plan: Plan, before: set[tuple[str, date]]) -> list[str]:
    """The whole remaining plan re-checked: a week the change took running from would set a
    low level that later weeks then outgrow (growth rules broken weeks later). Such a week is
    what the runner's life made it, a lighter week; the growth rules measure past it, as the
    generator does for a week of nights."""
    said: list[str] = []
    for _ in range(len(new_plan.weeks)):
        growth = [v for v in rules.check(new_plan) if v.rule in GROWTH_RULES
                  and (v.rule, v.day) not in before]  # fmt: skip
        lost = [(old, new) for old, new in zip(plan.weeks, new_plan.weeks, strict=True)
                if not new.recovery and new.distance_m < old.distance_m * LOST_SHARE
                and any(new.start < v.day for v in growth)]  # fmt: skip
        if not lost:
            return said
        old, new = min(lost, key=lambda pair: pair[1].start)  # the first: it sets the level
        new.recovery = True
        new.notes.append("Your changed days hold less running this week: it is a lighter week.")
        said.append(f"week {new.index}: {new.distance_m / 1000:.1f} km after the change (was "
                    f"{old.distance_m / 1000:.1f} km), a lighter week the weeks after grow from "
                    "the week before it")  # fmt: skip
    return said


def _place_carried(
    plan: Plan, days: list[Day], pending: list[tuple[date, Workout]], today: date
) -> list[str]:
    """A benchmark its week could not hold, on a day of this week: one that holds it, or in
    place of this week's other quality session (the series matters more)."""
    said = []
    for was, workout in list(pending):
        pending.remove((was, workout))
        free = [d for d in _candidates(days, days[0].day, today) if _may_take(plan, days, d)]
        day = next((d for d in free if _holds(plan, days, d, workout)), None)
        instead = ""
        if day is None:
            day = next((d for d in free if d.is_quality and not any(w.benchmark for w in d.workouts)
                        and _holds(plan, days, _bare(d), workout)), None)  # fmt: skip
            instead = " in place of its session"
        if day is None:
            day, instead = _trade_an_easy_day(plan, days, workout, today)
        if day is None:
            said.append(f"'{workout.title}' on {was}: no day of its week or the next holds it "
                        "after the change, dropped")  # fmt: skip
            continue
        day.workouts = [w for w in day.workouts if not w.is_run] + [workout]
        said.append(
            f"'{workout.title}' moved from {was} to {day.day} ({day.day_type.name}), the next "
            f"week{instead}: its week holds it nowhere after the change"
        )
    return said


def _trade_an_easy_day(
    plan: Plan, days: list[Day], workout: Workout, today: date
) -> tuple[Day | None, str]:
    """A full week: the benchmark on a free day that holds it, and the week's shortest easy
    run given up for it (the week keeps its number of run days)."""
    quiet = [d for d in days if _may_take(plan, days, d, spare_needed=False)]
    for day in _candidates(quiet, days[0].day, today):
        if day.is_run_day or not _holds(plan, days, day, workout):
            continue
        easy = [(d, w) for d in days if d.day >= today and d is not day for w in d.runs
                if w.kind in EASY_KINDS and len(d.runs) == 1]  # fmt: skip
        if not easy:
            continue
        given, run = min(easy, key=lambda pair: pair[1].total_duration_s())
        given.workouts = [w for w in given.workouts if w is not run
                          and w.kind is not WorkoutKind.WARM_UP_ROUTINE]  # fmt: skip
        return day, f", the easy run of {given.day} given up for it"
    return None, ""


def _may_take(plan: Plan, days: list[Day], day: Day, spare_needed: bool = True) -> bool:
    """A day of the next week that may take a carried benchmark: not in the quiet days before
    a goal race, and a run day already unless the week has a run day to spare."""
    quiet = any(0 < (race - day.day).days <= GOAL_QUIET_DAYS for race in plan.goal.race_days)
    spare = sum(1 for d in days if d.is_run_day) < (plan.max_run_days or 7)
    return not quiet and (day.is_run_day or spare or not spare_needed)


def _bare(day: Day) -> Day:
    return Day(day.day, day.day_type, [w for w in day.workouts if not w.is_run], day.note)


def _retyped_week(week: Week, types: Mapping[date, DayType], today: date) -> Week:
    days = [_retyped(d, types[d.day]) if d.day >= today else copy_day(d) for d in week.days]
    return Week(week.index, week.phase, days, week.recovery, list(week.notes))


def _retyped(day: Day, day_type: DayType) -> Day:
    return Day(day.day, day_type, list(day.workouts), day.note)


def _place_misfits(
    plan: Plan, days: list[Day], today: date, pending: list[tuple[date, Workout]]
) -> list[str]:
    misfits: list[tuple[date, Workout]] = []
    for day in days:
        for w in [w for w in day.workouts if day.day >= today and not fits(day, w)]:
            day.workouts.remove(w)
            misfits.append((day.day, w))
    misfits.sort(key=lambda m: (not is_key(m[1]), m[0]))
    displaced: list[tuple[date, Workout]] = []  # easy runs a moved session took the day of
    said = [_place(plan, days, when, w, today, displaced) for when, w in misfits]
    for (when, w), text in zip(misfits, said, strict=True):
        if w.benchmark and text == "":
            pending.append((when, w))  # the series keeps it: a day of the next week
    # they go to a free day of the week (shortened to a short day's limit if need be): the
    # week keeps its run days and its volume
    said += [_place(plan, days, when, w, today, displaced) for when, w in displaced]
    return [text for text in said if text]


def _place(
    plan: Plan,
    days: list[Day],
    was: date,
    workout: Workout,
    today: date,
    displaced: list[tuple[date, Workout]],
) -> str:
    """Where the misfit went, in words ("" for a benchmark no day of its week holds: it goes
    to the next week, never dropped silently); an easy run it took the day of is added to
    ``displaced``."""
    for day in _candidates(days, was, today):
        if _holds(plan, days, day, workout) or _strength_makes_room(plan, days, day, workout):
            replaced = [(day.day, w) for w in day.runs if not is_key(w)]
            replacing = " in place of its easy run" if replaced else ""
            day.workouts = [w for w in day.workouts if not w.is_run] + [workout]
            displaced += replaced
            return (
                f"'{workout.title}' moved from {was} to {day.day} ({day.day_type.name}){replacing}"
            )
    mini = _mini_of(plan, workout)
    if mini is not None:
        for day in _candidates(days, was, today):
            if _holds(plan, days, day, mini):
                day.workouts = [w for w in day.workouts if not w.is_run] + [mini]
                return (f"'{workout.title}' on {was}: no day holds it whole after the change, "
                        f"its mini version '{mini.title}' on {day.day}")  # fmt: skip
    if not is_key(workout) or workout.kind in adjust.SCALABLE:
        return _shorten_into(plan, days, was, workout, today)
    if workout.benchmark:
        return ""
    return f"'{workout.title}' on {was}: no day of that week can hold it after the change, dropped"


def _strength_makes_room(plan: Plan, days: list[Day], day: Day, workout: Workout) -> bool:
    """A short day that would hold the run without its strength routine: the routine goes to
    a day of the week without a run or a routine (the run matters more), and the run fits."""
    strength = [w for w in day.workouts if w.kind is WorkoutKind.STRENGTH]
    if not strength or day.day_type.max_duration_s is None:
        return False
    bare = Day(day.day, day.day_type, [w for w in day.workouts if w not in strength], day.note)
    if not _holds(plan, days, bare, workout):
        return False
    quiet = rules.goal_quiet_days(plan)
    host = next((d for d in days if d.day >= day.day - timedelta(days=6) and d is not day
                 and not d.is_run_day and d.day not in quiet
                 and not any(not w.is_run and w.kind is not WorkoutKind.REST
                             for w in d.workouts)), None)  # fmt: skip
    if host is None:
        return False
    day.workouts = bare.workouts
    host.workouts = [w for w in host.workouts if w.kind is not WorkoutKind.REST] + strength
    return True


def _mini_of(plan: Plan, workout: Workout) -> Workout | None:
    """The quality session's mini version, carrying an easy run as its own tired-day version;
    none for a benchmark (a smaller edition would break its series: it is dropped instead)."""
    if not workout.is_quality or workout.mini is None or workout.benchmark:
        return None
    easy = adjust.easy_run(plan.paces.get("easy"), workout.mini.total_duration_s() * MINI_OF_MINI)
    return replace(workout.mini, mini=workout.mini.mini or easy)


def _warm_ups_follow_their_sessions(days: list[Day], today: date) -> None:
    """A dynamic warm-up left on a day without a run goes to the nearest run day without one
    that holds it (the week keeps its warm-ups); a quality session or race moved to a day
    gets one where the day holds it."""
    coming = [d for d in days if d.day >= today]
    for day in coming:
        orphans = [w for w in day.workouts if w.kind is WorkoutKind.WARM_UP_ROUTINE]
        if orphans and not day.is_run_day:
            day.workouts = [w for w in day.workouts if w not in orphans]
            hosts = sorted(coming, key=lambda d: (not d.is_quality, abs((d.day - day.day).days)))
            for host in hosts:
                if host.is_run_day and _add_warm_up(host):
                    break
    for day in coming:
        if day.is_quality or day.has(WorkoutKind.RACE):
            _add_warm_up(day)


def _add_warm_up(day: Day) -> bool:
    """A dynamic warm-up before the day's run, if it has none and the day holds it."""
    if day.has(WorkoutKind.WARM_UP_ROUTINE):
        return False
    warm_up = routines.dynamic_warm_up()
    limit = day.day_type.max_duration_s
    total = sum(w.total_duration_s() for w in day.workouts) + warm_up.total_duration_s()
    if limit is None or total <= limit + 1 or day.has(WorkoutKind.RACE):
        day.workouts = [warm_up, *day.workouts]
        return True
    return False


def _candidates(days: list[Day], was: date, today: date) -> list[Day]:
    """Future days of the week, nearest to the original day first."""
    future = [d for d in days if d.day >= today]
    return sorted(future, key=lambda d: (abs((d.day - was).days), d.day))


def _holds(plan: Plan, days: list[Day], day: Day, workout: Workout) -> bool:
    if not fits(day, workout):
        return False
    if workout.kind is WorkoutKind.STRENGTH and day.day in rules.goal_quiet_days(plan):
        return False  # strength tapers too: none in the quiet days before the goal race
    if not is_key(workout):  # never two runs on one day; the day after a long run, 45 min
        return not day.is_run_day and not _too_long_after_long(plan, day, workout)
    if day.is_hard:
        return False
    return not any(n is not None and n.is_hard for n in _neighbours(plan, days, day))


def _after_long(plan: Plan, day: date) -> bool:
    """``day`` follows a long run or a race (an ultra's back-to-back long run is the second
    day of its pair, not a long run that needs an easy day after it)."""
    before = plan.day(day - timedelta(days=1))
    return before is not None and any(
        w.kind is WorkoutKind.RACE or (w.kind is WorkoutKind.LONG and not _is_back_to_back(w))
        for w in before.workouts
    )


def _is_back_to_back(workout: Workout) -> bool:
    return workout.title.startswith("Back-to-back")


def _too_long_after_long(plan: Plan, day: Day, workout: Workout) -> bool:
    longest_s = AFTER_LONG_MAX_MIN * 60 + 1
    return workout.total_duration_s() > longest_s and _after_long(plan, day.day)


def _neighbours(plan: Plan, days: list[Day], day: Day) -> list[Day | None]:
    found: list[Day | None] = []
    for offset in (-1, 1):
        when = day.day + timedelta(days=offset)
        found.append(next((d for d in days if d.day == when), None) or plan.day(when))
    return found


def _shorten_into(plan: Plan, days: list[Day], was: date, workout: Workout, today: date) -> str:
    """An easy or long run that fits nowhere whole: shortened to the limit of a free short day
    (a long run cut to a short day's limit is no long run any more: an easy run), or of the
    free day after a long run (45 minutes)."""
    for day in _candidates(days, was, today):
        limit = _limit_s(plan, day)
        if day.is_run_day or not day.day_type.can_run or limit is None:
            continue
        short = adjust.shortened(workout, limit / max(workout.total_duration_s(), 1.0))
        if workout.kind is WorkoutKind.LONG:
            minutes = short.total_duration_s() / 60
            title = f"Easy run {minutes:.0f} min (the long run, cut to the day)"
            short = adjust.easy_run(plan.paces.get("easy"), short.total_duration_s(), title)
        if fits(day, short) and not _too_long_after_long(plan, day, short):
            day.workouts.append(short)
            return f"'{workout.title}' moved from {was} to {day.day}, shortened to fit"
    if workout.kind is WorkoutKind.EASY and _spread(plan, days, workout, today):
        return (f"'{workout.title}' on {was}: no free day left that week; its time is added "
                "to the week's other easy runs")  # fmt: skip
    return f"'{workout.title}' on {was}: no free day left that week, dropped"


def _spread(plan: Plan, days: list[Day], workout: Workout, today: date) -> bool:
    """The dropped easy run's time shared by the week's other easy runs (each at most
    ``SPREAD_MAX`` longer and within its day's limit), so the week keeps its volume."""
    hosts = [(d, w) for d in days if d.day >= today for w in d.runs
             if w.kind is WorkoutKind.EASY and len(list(w.steps())) == 1]  # fmt: skip
    room = {id(w): _room(plan, d, w) for d, w in hosts}
    left = workout.total_duration_s()
    if not hosts or sum(room.values()) < left * SPREAD_NEEDED:
        return False
    for day, w in hosts:
        extra = min(room[id(w)], left)
        if extra >= 60:
            longer = adjust.easy_run(plan.paces.get("easy"), w.total_duration_s() + extra)
            day.workouts = [longer if x is w else x for x in day.workouts]
            left -= extra
    return True


def _limit_s(plan: Plan, day: Day) -> float | None:
    """The day's time limit: its type's, and 45 minutes the day after a long run or race."""
    limit = day.day_type.max_duration_s
    if not _after_long(plan, day.day):
        return limit
    return min(limit if limit is not None else float("inf"), AFTER_LONG_MAX_MIN * 60)


def _room(plan: Plan, day: Day, workout: Workout) -> float:
    limit = _limit_s(plan, day)
    used = sum(w.total_duration_s() for w in day.workouts)
    by_day = float("inf") if limit is None else max(limit - used, 0.0)
    return min(workout.total_duration_s() * SPREAD_MAX, by_day)


def _cap_single_runs(plan: Plan, today: date) -> list[str]:
    """Shorten a run that a move made > 10 % longer than the longest of the 30 days before."""
    changes = []
    for day in plan.days():
        if day.day < today:
            continue
        for w in [w for w in day.runs if w.kind in adjust.SCALABLE]:
            ref = _longest_before(plan, day.day)
            if run_over(w.total_distance_m(), ref) is not None:
                short = adjust.shortened(w, single_run_limit_m(ref) / w.total_distance_m())
                day.workouts = [short if x is w else x for x in day.workouts]
                changes.append(f"'{w.title}' on {day.day} shortened: 10 % over the longest run of "
                               "the 30 days before it after the change")  # fmt: skip
    return changes


def _cap_long_share(plan: Plan, today: date) -> list[str]:
    """Shorten a long run that a day taken from its week left over the long-run share (never
    under what the runner already runs, which the rule keeps)."""
    changes = []
    period = plan_period(plan)
    for i, week in enumerate(plan.weeks):
        found = rules.longest_share(week)
        share = rules.week_long_share_max(plan.goal_races_m, plan.weeks, i, period)
        if found is None or share is None or found[0].day < today or found[2] <= share:
            continue
        day, run, _ = found
        rest = week.distance_m - run.total_distance_m()
        wanted = max(share * 0.99 * rest / (1 - share * 0.99), plan.baseline.longest_run_m)
        if run.kind in adjust.SCALABLE and wanted < run.total_distance_m():
            short = adjust.shortened(run, wanted / run.total_distance_m())
            day.workouts = [short if x is run else x for x in day.workouts]
            changes.append(f"'{run.title}' on {day.day} shortened: over the long-run share of "
                           "its week after the change")  # fmt: skip
    return changes


def _cap_after_long(plan: Plan, today: date) -> list[str]:
    """The run the day after a long run or race is an easy one of 45 minutes at most, as the
    generator lays it out: a change that put a longer one there (a moved easy run, or the long
    run moved to the day before one) shortens it (a race, or an ultra's back-to-back long
    run, is that day's by design)."""
    changes = []
    for day in plan.days():
        if day.day < today:
            continue
        for w in [w for w in day.runs if w.kind in EASY_KINDS or w.kind is WorkoutKind.LONG]:
            if _is_back_to_back(w) or not _too_long_after_long(plan, day, w):
                continue
            short = _easy_of_minutes(plan, AFTER_LONG_MAX_MIN)
            day.workouts = [short if x is w else x for x in day.workouts]
            changes.append(f"'{w.title}' on {day.day} shortened to {short.title.lower()}: the "
                           "day after a long run or race after the change")  # fmt: skip
    return changes


def _easy_of_minutes(plan: Plan, minutes: float) -> Workout:
    return adjust.easy_run(plan.paces.get("easy"), minutes * 60)


def _longest_before(plan: Plan, day: date) -> float:
    window_start = day - timedelta(days=30)
    found = [w.total_distance_m() for d in plan.days() if window_start <= d.day < day
             for w in d.runs if w.kind is not WorkoutKind.RACE]  # fmt: skip
    if window_start < plan.start:
        found.append(plan.baseline.longest_run_m)
    return max(found, default=plan.baseline.longest_run_m)
