"""A lighter week keeps room for a tune-up only when the layout will keep the tune-up."""

from __future__ import annotations

from runcoach.domain.plans.generator import generate
from runcoach.domain.plans.paces import DANIELS
from runcoach.domain.plans.profile import profile_from_dict
from runcoach.domain.plans.workouts import WorkoutKind
from tests.domain.plans import coach
from tests.domain.plans.strategies import TODAY

# found by the random-life property (test_coach_property.py): a 10k tune-up on a Monday of
# 33 minutes, which the layout leaves out (the day cannot hold it), had its room kept in the
# recovery week: 23.0 km after a 23.5 km week, "weeks 7-11 without a lighter week"
LIFE = {
    "weekly_distance": "16.0km", "longest_run_30d": "16.0km", "years_running": 0,
    "run_days_per_week": 4,
    "availability": {"cycle": {"start": "2026-11-22", "days": ["t1", "t0"],
                               "types": {"t0": "short 33", "t1": "any"}}},
    "goal": {"race": "mile", "date": "2027-02-14"},
    "tune_up_races": [{"date": "2027-01-18", "distance": "10k", "insist": False}],
}  # fmt: skip


def test_a_tune_up_left_out_keeps_no_room_in_its_lighter_week() -> None:
    profile = profile_from_dict(LIFE)
    plan = generate(profile, TODAY, DANIELS)
    assert not any(w.kind is WorkoutKind.RACE for d in plan.days() for w in d.workouts
                   if d.day not in plan.goal.race_days)  # fmt: skip
    assert any("left out" in n for n in plan.notes)
    weeks = [sum(w.total_distance_m() for _, w in wk.workouts() if w.is_run) for wk in plan.weeks]
    for i, week in enumerate(plan.weeks[1:], start=1):
        if week.recovery and week.phase.value != "taper":
            assert weeks[i] <= 0.9 * weeks[i - 1], (week.index, weeks[i], weeks[i - 1])
    assert coach.kept(plan, profile) == []
