"""A goal of races on consecutive days (a double: ``goal.also``): what the plan says of it and
how its race days are paced.

The double is trained for its combined distance (``shape``: the peak week and the longest long
run read between the rows of the races around it; an ultra of that length gets back-to-back
long runs). On race days, every day but the last is run at the even pace of one race of the
combined distance (the fitness model's time for it, shared by distance), not at the pace of
that race alone; the last day is predicted as the last leg of that one race: the model's time
for the combined distance less its time for the distance before it. The night's rest is not
counted, so the prediction is a sceptical one: day 2 is never printed as fast as day 1.
"""

from __future__ import annotations

import itertools
from datetime import date

from runcoach.domain.plans.building import Build
from runcoach.domain.plans.profile import RaceEntry
from runcoach.domain.plans.shape import peak_long_m, peak_volume_m
from runcoach.domain.plans.workouts import Workout
from runcoach.domain.units import format_distance, format_duration


def goal_races(b: Build) -> list[RaceEntry]:
    """The goal's races in date order: the other races (``also``), then the goal race."""
    goal = b.profile.goal
    assert goal.race_date is not None and goal.distance_m is not None
    last = RaceEntry(goal.race_date, goal.distance_m, goal.name)
    return sorted([*b.profile.goal_races, last], key=lambda r: r.day)


def double_time_s(b: Build, vdot: float, entry: RaceEntry) -> float:
    """A day's predicted time: the double's even pace before the last day, the last leg of
    one race of the combined distance on the last day (s)."""
    total = sum(r.distance_m for r in goal_races(b))
    whole_s = b.model.race_time_s(vdot, total)
    if entry.day == goal_races(b)[-1].day:
        return whole_s - b.model.race_time_s(vdot, total - entry.distance_m)
    return whole_s * entry.distance_m / total


def double_target_s(b: Build, vdot: float, entry: RaceEntry) -> float:
    """A day's target time: the prediction, or on the last day the runner's target when it
    is slower (a target faster than the last leg's prediction is a single race's) (s)."""
    predicted = double_time_s(b, vdot, entry)
    target = b.profile.goal.target_time_s
    if target is None or entry.day != goal_races(b)[-1].day:
        return predicted
    return max(target, predicted)


def race_day_of_a_double(b: Build, vdot: float, entry: RaceEntry, race: Workout) -> Workout:
    """The race day's tip and note: how to pace day 1 for day 2, and why day 2 is slower
    (the note in km, which the doors write in the runner's units)."""
    races = goal_races(b)
    n = next(i for i, r in enumerate(races) if r.day == entry.day) + 1
    total_m = sum(r.distance_m for r in races)
    alone_s = b.model.race_time_s(vdot, entry.distance_m)
    own_s = double_time_s(b, vdot, entry)
    head = f"Day {n} of {len(races)} of the {format_distance(total_m, digits=1)} double"
    if n < len(races):
        tip = (
            "Hold back in the first half even if you feel fresh, walk the aid stations, eat "
            "and drink from the start. After the finish: eat within the hour, drink, legs up, "
            "sleep early: tomorrow is the rest of the race."
        )
        said = (
            f"{head}: pace it for the days after: {format_duration(own_s)}, the even pace of "
            f"one {format_distance(total_m, digits=1)} race (Daniels & Gilbert's VDOT time), "
            f"not the {format_duration(alone_s)} this race alone would allow."
        )
    else:
        before_m = total_m - entry.distance_m
        tip = (
            "On tired legs: start at yesterday's pace, walk the aid stations, and race only "
            "what is left near the end."
        )
        said = (
            f"{head}: predicted {format_duration(own_s)}, slower than day 1 and than the "
            f"{format_duration(alone_s)} this race alone would take: Daniels & Gilbert's VDOT "
            f"time for {format_distance(total_m, digits=1)} less its time for the "
            f"{format_distance(before_m, digits=1)} before, the last leg of one race (the "
            "night's rest is not counted)."
        )
        said += _target_said(b, own_s)
    return race.with_changes(tip=tip, notes=(*race.notes, said))


def _target_said(b: Build, predicted_s: float) -> str:
    target = b.profile.goal.target_time_s
    if target is None:
        return ""
    if target < predicted_s:
        return (
            f" Your target, {format_duration(target)}, is this race's alone: on the last day of "
            "a double the plan's target is the prediction."
        )
    return f" Your target, {format_duration(target)}, is the day's target."


def say_double(b: Build, ultra: bool) -> None:
    """The plan's note on a double: what it trains for, and why."""
    p, races = b.profile, goal_races(b)
    total_m = sum(r.distance_m for r in races)
    names = " and ".join(r.name or str(r.day) for r in races)
    peak = peak_volume_m(p.goal.distance_m, p.years_running, 0.0, p.also_m)
    long_m = peak_long_m(p.goal.distance_m, p.years_running, p.also_m)
    said = (
        f"Races on {_days(races)} ({names}): one goal of "
        f"{format_distance(total_m, digits=1)}, trained for that combined distance: a peak "
        f"week of about {format_distance(peak, digits=0)} and a long run toward "
        f"{format_distance(long_m, digits=0)}, read between the rows of the races around it "
        "(docs/plans.md, a double). "
    )
    if ultra:
        said += (
            "Like an ultra of that length, the build and peak hold back-to-back long runs "
            "(the long run, and a second one the next day on tired legs: Koop 2016), and the "
            "long run may exceed 30 % of its week. "
        )
    else:
        said += "Not an ultra: no back-to-back long runs, the long-run share rule applies. "
    said += "Day 1 is paced for the days after and day 2 is predicted slower: see the race days."
    b.notes.append(said)


def _days(races: list[RaceEntry]) -> str:
    days: list[date] = [r.day for r in races]
    consecutive = all((b - a).days == 1 for a, b in itertools.pairwise(days))
    return f"{len(days)} consecutive days" if consecutive else f"{len(days)} days"
