"""The fitness the plan's paces assume: today's VDOT (from the year's races, or guessed from
years running) and its path over the weeks toward the goal's, no faster than a plan's weeks
can bring."""

from __future__ import annotations

from runcoach.domain.hints import Do, note
from runcoach.domain.plans.building import Build
from runcoach.domain.plans.model import Phase
from runcoach.domain.plans.shape import WeekShape
from runcoach.domain.units import format_duration

MAX_VDOT_GAIN_PER_WEEK = 0.25  # fitness a plan's paces may assume per week (VDOT points)
OPEN_VDOT_GAIN = 1.5  # pace progression of an open-ended plan over its length (VDOT points)
GUESSED_VDOT = {0: 30.0, 1: 38.0, 3: 44.0}  # without results: by years running (VDOT)


def current_vdot(b: Build) -> float:
    """Today's VDOT: from the year's results (recent ones weigh more), or guessed."""
    recent = [r for r in b.profile.results if (b.today - r.day).days <= 365]
    if recent:
        weights = [(0.5 ** ((b.today - r.day).days / 180), r) for r in recent]
        best = max(weights, key=lambda w: w[0] * b.model.vdot_for(w[1].distance_m, w[1].time_s))
        return b.model.vdot_for(best[1].distance_m, best[1].time_s)
    years = b.profile.years_running
    guess = GUESSED_VDOT[3 if years >= 3 else (1 if years >= 1 else 0)]
    b.notes.append(
        f"No race or time trial in the last year: paces assume VDOT {guess:.0f}. "
        "Run a 5k time trial and rebuild the plan for paces that fit you."
    )
    return guess


def vdot_path(b: Build, now: float, shapes: list[WeekShape]) -> list[float]:
    """Each week's VDOT, from today's toward the goal's, capped by the weeks there are."""
    main = [s for s in shapes if s.phase is not Phase.TAPER] or shapes
    goal = b.profile.goal
    cap = now + MAX_VDOT_GAIN_PER_WEEK * len(main)
    target = now + OPEN_VDOT_GAIN
    if goal.distance_m and goal.target_time_s:
        wanted = b.model.vdot_for(goal.distance_m, goal.target_time_s)
        target = wanted
        if wanted > cap:
            target = cap
            race_s = b.model.race_time_s(cap, goal.distance_m)
            said = (
                f"Your target needs VDOT {wanted:.1f}; you are at {now:.1f}. The paces "
                f"grow toward {cap:.1f}, what {len(main)} weeks can bring, and race day is "
                f"paced for {format_duration(race_s)}, what VDOT {cap:.1f} predicts, not "
                f"{format_duration(goal.target_time_s)}."
            )
            b.notes.append(note(Do.CHECK_GOAL, said, "Check the goal's verdict."))
    target = max(target, now)
    return [now + (target - now) * min(1.0, i / max(1, len(main) - 1)) for i in range(len(shapes))]
