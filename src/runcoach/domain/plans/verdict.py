"""A plan's target comes through the goal's verdict (``runcoach.domain.fitness.goals``).

A target that is not realistic this time is not what the plan trains for: the plan trains
for the realistic race-day time, says so up front, and gives the ladder of intermediate goals
toward the runner's target. Within reach and a stretch are trained as asked.
"""

from __future__ import annotations

from dataclasses import replace

from runcoach.domain.fitness import goals
from runcoach.domain.fitness.own_model import Result
from runcoach.domain.hints import Do, note
from runcoach.domain.plans.building import Build
from runcoach.domain.plans.profile import Profile
from runcoach.domain.units import format_duration


def realistic_goal(b: Build, planned_peak_m: float | None = None) -> Profile:
    """The profile with its target replaced by the realistic time when the verdict says the
    target is not realistic this time; the note says so, with the ladder. The verdict judges
    the race day on the volume this plan builds to (``planned_peak_m``), not more."""
    profile, goal = b.profile, b.profile.goal
    verdict = _verdict(b, planned_peak_m)
    if verdict is None or verdict.kind is not goals.VerdictKind.NOT_REALISTIC:
        return profile
    assert goal.target_time_s is not None
    rungs = "; ".join(f"{r.date} {format_duration(r.time_s)}" for r in verdict.ladder[:6])
    said = (
        f"Your target {format_duration(goal.target_time_s)} is not realistic this time: the "
        f"goal verdict predicts {format_duration(verdict.realistic_s)} on race day "
        f"({verdict.reasons[0]}). The plan trains for {format_duration(verdict.realistic_s)}, "
        f"with paces that can be run; the ladder toward your target: {rungs}."
    )
    pointer = note(Do.SEE_GOAL_NUMBERS, said, "The goal's verdict has the numbers.")
    b.notes.insert(0, pointer)  # what the runner reads first
    return replace(profile, goal=replace(goal, target_time_s=round(verdict.realistic_s)))


def _verdict(b: Build, planned_peak_m: float | None) -> goals.Verdict | None:
    goal = b.profile.goal
    if not goal.is_race or goal.distance_m is None or goal.race_date is None:
        return None
    if goal.target_time_s is None or goal.race_date <= b.today:
        return None
    results = [
        Result(r.distance_m, r.time_s, float((b.today - r.day).days))
        for r in b.profile.results
        if r.day <= b.today
    ]
    if not results:
        return None  # no fitness to judge from: the paces' growth limit still applies
    return goals.check_goal(
        goals.Goal(goal.distance_m, goal.target_time_s, goal.race_date),
        results,
        b.profile.weekly_distance_m,
        b.today,
        longest_run_m=b.profile.longest_run_m,
        planned_peak_m=planned_peak_m,
    )
