"""The plan's frame, set up from the profile before any week is built: a rotation anchored at
today, the plan's first day and length (the goal race ends the last week), the baseline the
plan grows from (assumed where the profile does not say it), and the plan's title."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from runcoach.domain.errors import InvalidInput
from runcoach.domain.plans.building import Build
from runcoach.domain.plans.model import Baseline, Limitation
from runcoach.domain.plans.plan_races import race_name
from runcoach.domain.plans.profile import DEFAULT_OPEN_WEEKS, Profile, RaceEntry
from runcoach.domain.plans.schedule import Cycle
from runcoach.domain.safety import MIN_LONGEST_M, MIN_WEEKLY_M
from runcoach.domain.units import counted, format_distance

MAX_PLAN_WEEKS = 104  # weeks; the longest plan built (two years: Lydiard's base periods and
# Daniels' four-phase plans run 24-52 weeks; a goal further away gets a plan nearer to it)
ASSUMED_LONG_SHARE = 0.3  # an unknown longest run: this share of the week (ratio), Daniels 2014
ASSUMED_LONG_SHARE_HISTORY = 0.4  # ... for a runner who has run longer before (ratio)
EVER_SHARE = 0.5  # ... but at most half the longest run ever (ratio; detraining, coaching practice)


def rotation_from_today(profile: Profile, today: date) -> Profile:
    """A rotation given by where today falls in it (``today_is``) starts from today's date."""
    pattern = profile.availability.pattern
    if not isinstance(pattern, Cycle) or pattern.today_is is None:
        return profile
    anchored = replace(profile.availability, pattern=pattern.anchored(today))
    return replace(profile, availability=anchored)


def plan_title(profile: Profile) -> str:
    """The plan's title: the goal, or its race(s) and day(s)."""
    goal = profile.goal
    if not goal.is_race or goal.distance_m is None:
        return f"{goal.name.capitalize()} plan"
    if profile.goal_races:  # a double: its races, each day ("Marathon + marathon plan for ...")
        races = [*profile.goal_races, RaceEntry(goal.race_date or date.min, goal.distance_m)]
        names = " + ".join(race_name(r.distance_m) for r in sorted(races, key=lambda r: r.day))
        days = " and ".join(str(d) for d in goal.race_days)
        return f"{names.capitalize()} plan for {days}"
    return f"{race_name(goal.distance_m).capitalize()} plan for {goal.race_date}"


def frame(b: Build) -> tuple[date, int]:
    """The plan's first day and its length in weeks (race day ends the last week)."""
    goal, start = b.profile.goal, b.profile.start or b.today
    if goal.race_date is None:
        return start, b.profile.weeks or DEFAULT_OPEN_WEEKS
    days = (goal.race_date - start).days + 1
    weeks = days // 7
    if weeks > MAX_PLAN_WEEKS:
        raise InvalidInput(
            f"goal.date {goal.race_date} is {weeks:,} weeks after the start {start}: "
            f"runcoach builds plans of at most {MAX_PLAN_WEEKS} weeks",
            hint="give a nearer race as the goal, or set start: to a date at most "
            f"{MAX_PLAN_WEEKS} weeks before the race",
        )
    if weeks < 1:
        if goal.race_date < start:
            raise InvalidInput(
                f"goal.date {goal.race_date} is in the past (the plan would start {start})",
                hint="give the date of a race to come, e.g. date: "
                f"{start + timedelta(days=16 * 7)}",
            )
        raise InvalidInput(
            f"goal.date {goal.race_date} is less than a week after the start {start}",
            hint="a plan needs at least one full week before the race",
        )
    plan_start = goal.race_date - timedelta(days=7 * weeks - 1)
    if plan_start > start:
        b.notes.append(
            f"The plan starts on {plan_start} so that race day ends its last week; "
            "until then keep your usual easy running."
        )
    if weeks < 4:
        b.limitations.append(
            Limitation(
                "phases",
                f"only {counted(weeks, 'week')} to race day: no room for "
                "base, build and peak; the plan sharpens and tapers.",
            )
        )
    return plan_start, weeks


def baseline_of(b: Build) -> Baseline:
    """What the runner runs now, assumed (and said) where the profile does not say it."""
    p = b.profile
    weekly = p.weekly_distance_m
    longest = p.longest_run_m
    if weekly is None:
        weekly = MIN_WEEKLY_M * (1.0 if p.is_beginner else 2.0)
        b.notes.append(
            f"Your weekly distance is unknown: the plan assumes "
            f"{format_distance(weekly, digits=0)}. Add weekly_distance to the profile."
        )
    if longest is None:
        longest = assumed_longest_m(weekly, p.longest_run_ever_m)
        ever = p.longest_run_ever_m
        because = (
            ""
            if ever is None
            else (f" (from your week and your longest run ever, {format_distance(ever, digits=1)})")
        )
        b.notes.append(
            f"Your longest recent run is unknown: the plan assumes "
            f"{format_distance(longest, digits=1)}{because}."
        )
    if weekly < MIN_WEEKLY_M or longest < MIN_LONGEST_M:
        b.notes.append(
            "You are starting from little or no running: the plan starts with "
            "20-minute runs (walk breaks welcome) and grows from there."
        )
    return Baseline(
        weekly_distance_m=max(weekly, MIN_WEEKLY_M), longest_run_m=max(longest, MIN_LONGEST_M)
    )


def assumed_longest_m(weekly_m: float, ever_m: float | None) -> float:
    """The longest recent run assumed when neither the profile nor the log says it: 30 % of
    the week; a runner who has run longer before (training history) holds up to 40 % of the
    week, never more than half the longest ever."""
    usual = max(MIN_LONGEST_M, weekly_m * ASSUMED_LONG_SHARE)
    if ever_m is None:
        return usual
    return max(usual, min(ever_m * EVER_SHARE, weekly_m * ASSUMED_LONG_SHARE_HISTORY))
