"""Groups: consistency on a group board, weekly streaks with a forgiven week, challenges
measured by consistency as well as distance, and which groups suit a runner's goal.

Consistency beats heroics (SPEC §4): a board ranks nobody by pace. A weekly streak counts the
weeks in a row with at least one run; one empty week inside a streak is forgiven (life
happens: Duolingo's streak freeze, Garmin's "weekly goal" streaks that survive a missed week
in their paid tier), a second one ends it. The week under way never breaks a streak.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from runcoach.domain.days import week_start
from runcoach.domain.errors import InvalidInput

FORGIVEN_WEEKS = 1  # empty weeks a streak survives
GOAL_DISTANCE_SHARE = 0.1  # goal distances within 10 % are the same race distance
GOAL_DATE_WINDOW = timedelta(weeks=8)  # goal dates within 8 weeks train on the same calendar
MAX_SUGGESTIONS = 5
MAX_CHALLENGE_DAYS = 366


class GroupKind(StrEnum):
    CLUB = "club"
    TEAM = "team"
    GOAL = "goal"  # "first half marathon this spring", "sub-3 on low mileage"


class Role(StrEnum):
    ADMIN = "admin"
    MEMBER = "member"


class Measure(StrEnum):
    RUN_DAYS = "run_days"  # days with a run
    WEEKLY_STREAK = "weekly_streak"  # weeks in a row with a run (one forgiven)
    DISTANCE = "distance"  # metres


@dataclass(frozen=True)
class Streak:
    weeks: int  # weeks with a run in the streak
    forgiven: int  # empty weeks forgiven inside it
    alive: bool  # this week or last (or a forgiven one) had a run


def weekly_streak(run_days: Iterable[date], today: date) -> Streak:
    """The current streak of weeks with a run, counted back from the week under way."""
    weeks = {week_start(day) for day in run_days if day <= today}
    this_week = week_start(today)
    cursor = this_week if this_week in weeks else this_week - timedelta(weeks=1)
    counted = forgiven = 0
    while cursor >= min(weeks, default=cursor + timedelta(days=1)):
        if cursor in weeks:
            counted += 1
        elif forgiven < FORGIVEN_WEEKS and cursor - timedelta(weeks=1) in weeks and counted:
            forgiven += 1
        else:
            break
        cursor -= timedelta(weeks=1)
    return Streak(counted, forgiven, counted > 0)


@dataclass(frozen=True)
class Consistency:
    run_days: int
    weeks_with_runs: int
    weeks: int
    distance_m: float
    streak: Streak


def consistency(
    runs: Sequence[tuple[date, float]], first: date, last: date, history: Iterable[date] = ()
) -> Consistency:
    """Run days, weeks with a run and distance from ``first`` to ``last``; the streak is
    counted on ``history`` (earlier run days) and these runs together, up to ``last``."""
    inside = [(day, metres) for day, metres in runs if first <= day <= last]
    days = {day for day, _ in inside}
    weeks = (week_start(last) - week_start(first)).days // 7 + 1
    return Consistency(
        run_days=len(days),
        weeks_with_runs=len({week_start(day) for day in days}),
        weeks=weeks,
        distance_m=sum(metres for _, metres in inside),
        streak=weekly_streak([*history, *days], last),
    )


def measured(measure: Measure, value: Consistency) -> float:
    if measure is Measure.RUN_DAYS:
        return float(value.run_days)
    if measure is Measure.WEEKLY_STREAK:
        return float(value.streak.weeks)
    if measure is Measure.DISTANCE:
        return value.distance_m
    raise InvalidInput(f"unknown measure {measure}")


def check_challenge(
    name: str, measure: Measure, starts: date, ends: date, target: float | None
) -> None:
    if not name.strip():
        raise InvalidInput("a challenge needs a name")
    if ends < starts or (ends - starts).days > MAX_CHALLENGE_DAYS:
        raise InvalidInput("a challenge ends after it starts, within a year")
    if target is not None and target <= 0:
        raise InvalidInput("a challenge's target is more than nothing")


@dataclass(frozen=True)
class GoalOf:
    """A goal to compare: a race distance and a date (either may be unknown)."""

    distance_m: float | None
    day: date | None


def goal_similarity(mine: GoalOf, theirs: GoalOf) -> float:
    """0 (nothing in common) to 2 (same race distance, dates within eight weeks)."""
    score = 0.0
    if mine.distance_m and theirs.distance_m:
        gap = abs(mine.distance_m - theirs.distance_m) / theirs.distance_m
        score += 1.0 if gap <= GOAL_DISTANCE_SHARE else 0.0
    if mine.day and theirs.day and abs(mine.day - theirs.day) <= GOAL_DATE_WINDOW:
        score += 1.0 - abs((mine.day - theirs.day).days) / (GOAL_DATE_WINDOW.days * 2)
    return score
