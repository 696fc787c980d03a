"""The goal verdict refreshed from the log when fitness changed (a race, a benchmark workout,
a comeback).

It uses the fitness issue's verdict (``runcoach.domain.fitness.goals.check_goal``) on the plan's
goal, with the races of the last year, the weekly volume of the last four weeks and the
longest run of the last 30 days as the log shows them today. When a benchmark workout moved
fitness, its VDOT enters as one more result: the goal distance's VDOT-equivalent time
(Daniels & Gilbert 1979) on the workout's day. A goal that is no longer realistic asks for
the plan to be rebuilt toward the realistic time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from runcoach.domain.errors import InvalidInput
from runcoach.domain.fitness.goals import Goal, VerdictKind, check_goal
from runcoach.domain.fitness.own_model import Result
from runcoach.domain.fitness.vdot import DISTANCE_MAX_M, DISTANCE_MIN_M, race_time_s
from runcoach.domain.plans.model import Plan
from runcoach.domain.run.logged import LoggedRun, between, distance_between
from runcoach.domain.today.draft import WORKOUT_FITNESS, FitnessChange
from runcoach.domain.units import distance_label, format_duration

RESULTS_WINDOW_DAYS = 365  # races of the last year judge the goal (days)
VOLUME_WEEKS = 4  # weekly volume averaged over the last 4 weeks
LONGEST_WINDOW_DAYS = 30  # longest run of the last 30 days (Frandsen et al. 2025)


@dataclass(frozen=True)
class GoalRefresh:
    verdict: str  # within reach / a stretch / not realistic this time
    goal_s: float
    realistic_s: float
    rebuild: bool  # the plan should be rebuilt toward the realistic time
    told: str
    reasons: tuple[str, ...]


def refresh_goal(
    plan: Plan, log: Sequence[LoggedRun], day: date, fitness: FitnessChange | None = None
) -> GoalRefresh | None:
    """The verdict on the plan's race goal as of ``day``; None without a timed race goal or
    without a race (or a benchmark workout that moved ``fitness``) to judge it by."""
    g = plan.goal
    if not g.is_race or g.distance_m is None or g.target_time_s is None or g.race_date is None:
        return None
    results = _results(log, day) + _workout_result(fitness, g.distance_m, day)
    if not results:
        return None
    try:
        verdict = check_goal(
            Goal(g.distance_m, g.target_time_s, g.race_date), results, _weekly_m(log, day), day,
            longest_run_m=_longest_m(log, day),
        )  # fmt: skip
    except InvalidInput:
        return None  # the race day has passed
    rebuild = verdict.kind is VerdictKind.NOT_REALISTIC
    told = (
        f"goal {distance_label(g.distance_m)} in {format_duration(g.target_time_s)}: "
        f"{verdict.kind.value}; realistic now {format_duration(verdict.realistic_s)}"
        + ("; rebuild the plan toward it" if rebuild else "")
    )
    return GoalRefresh(verdict.kind.value, g.target_time_s, verdict.realistic_s, rebuild,
                       told, verdict.reasons)  # fmt: skip


def _results(log: Sequence[LoggedRun], day: date) -> list[Result]:
    races = between(log, day - timedelta(days=RESULTS_WINDOW_DAYS), day)
    return [
        Result(r.distance_m, r.duration_s, float((day - r.day).days))
        for r in races
        if r.is_race and r.distance_m > 0 and r.duration_s > 0
    ]


def _workout_result(fitness: FitnessChange | None, distance_m: float, day: date) -> list[Result]:
    """The goal distance's VDOT-equivalent time of a benchmark workout that moved fitness."""
    if fitness is None or fitness.rule != WORKOUT_FITNESS or fitness.vdot is None:
        return []
    if fitness.day is None or not DISTANCE_MIN_M <= distance_m <= DISTANCE_MAX_M:
        return []
    days_ago = float((day - fitness.day).days)
    return [Result(distance_m, race_time_s(fitness.vdot, distance_m), days_ago)]


def _weekly_m(log: Sequence[LoggedRun], day: date) -> float | None:
    first = day - timedelta(days=7 * VOLUME_WEEKS)
    total = distance_between(log, first, day - timedelta(days=1))
    return total / VOLUME_WEEKS if total > 0 else None


def _longest_m(log: Sequence[LoggedRun], day: date) -> float | None:
    recent = between(log, day - timedelta(days=LONGEST_WINDOW_DAYS), day)
    return max((r.distance_m for r in recent), default=None)
