"""Issue 15, observation 6 and "races on consecutive days as a goal": a double's plan trains
for what the double asks (its combined distance), not for one of its races.

The runner: a 3:45 marathoner, 60 km a week, longest run 26 km, 5 days a week, two marathons
on Saturday and Sunday 19 weeks out. Before, the plan was a marathon plan: 60 -> 69 km a week,
the long run stuck at 26-26.7 km for 16 weeks, no back-to-back long runs, and the same race
time printed for both days.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from runcoach.domain.plans.describe import summary
from runcoach.domain.plans.generator import generate
from runcoach.domain.plans.model import Phase, Plan
from runcoach.domain.plans.paces import DANIELS
from runcoach.domain.plans.profile import Profile, profile_from_dict
from runcoach.domain.plans.rules import check, long_share_max
from runcoach.domain.plans.shape import peak_long_m, peak_volume_m, taper_weeks
from runcoach.domain.plans.workouts import Workout, WorkoutKind
from runcoach.domain.units import HALF_MARATHON_M, MARATHON_M, parse_duration
from tests.domain.plans import coach

TODAY = date(2026, 12, 4)
KM = 1000.0


def _double(saturday: str = "marathon", sunday: str = "marathon", **changes: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "name": "Double",
        "goal": {
            "race": sunday, "date": "2027-04-18", "name": "Sunday race",
            "also": [{"date": "2027-04-17", "distance": saturday, "name": "Saturday race"}],
        },
        "recent_results": [{"date": "2026-10-18", "distance": "marathon", "time": "3:45:00"}],
        "weekly_distance": "60km",
        "longest_run_30d": "26km",
        "years_running": 6,
        "run_days_per_week": 5,
    }  # fmt: skip
    return {**doc, **changes}


def _build(doc: dict[str, Any]) -> tuple[Plan, Profile]:
    profile = profile_from_dict(doc)
    return generate(profile, TODAY, DANIELS), profile


def _longs(plan: Plan) -> list[float]:
    return [
        w.total_distance_m()
        for _, w in (x for week in plan.weeks for x in week.workouts())
        if w.kind is WorkoutKind.LONG and not w.title.startswith("Back-to-back")
    ]


def _back_to_back(plan: Plan) -> list[tuple[date, Workout]]:
    return [(d.day, w) for d in plan.days() for w in d.workouts if w.title.startswith("Back-to")]


def _races(plan: Plan) -> list[Workout]:
    return [w for d in plan.days() for w in d.workouts if w.kind is WorkoutKind.RACE]


def _undeclared(plan: Plan) -> list[str]:
    return [f"{v.day} {v.rule}: {v.seen}" for v in check(plan) if v.accepted is None]


def test_a_double_is_read_between_the_rows_at_its_combined_distance():
    """Two marathons (84.4 km) sit between the 50k row (80 km a week, 38 km long run) and the
    100k row (90, 42); 10k + half (31.1 km) between the half (55, 21) and the marathon (70, 32);
    a single race still reads its own row."""
    two = peak_volume_m(MARATHON_M, 6, 0.0, (MARATHON_M,))
    assert abs(two - (80 + 10 * (2 * MARATHON_M - 50000) / 50000) * KM) < 1
    assert 40 * KM < peak_long_m(MARATHON_M, 6, (MARATHON_M,)) < 42 * KM
    weekend = peak_volume_m(HALF_MARATHON_M, 6, 0.0, (10000.0,))
    assert 60 * KM < weekend < 64 * KM
    assert peak_long_m(HALF_MARATHON_M, 6, (10000.0,)) > 25 * KM
    assert peak_volume_m(MARATHON_M, 6, 0.0) == 70 * KM  # one marathon: its row, as before
    assert peak_long_m(MARATHON_M, 6) == 32 * KM
    assert peak_volume_m(HALF_MARATHON_M, 6, 0.0, (HALF_MARATHON_M,)) == 70 * KM


def test_a_double_of_marathons_keeps_the_marathons_three_week_taper():
    assert taper_weeks(MARATHON_M, 19, (MARATHON_M,)) == 3  # the 84.4 km row alone tapers 2
    plan, _ = _build(_double())
    assert [w.phase for w in plan.weeks[-3:]] == [Phase.TAPER] * 3
    assert coach.tapers(plan) == []


def test_the_double_builds_the_volume_its_combined_distance_asks():
    """Before: 60 -> 69 km, the marathon's row. Now the peak weeks are well over 80 km."""
    plan, _ = _build(_double())
    main = [w for w in plan.weeks if w.phase is not Phase.TAPER]
    peak = [w.distance_m for w in main if w.phase is Phase.PEAK and not w.recovery]
    assert sum(peak) / len(peak) > 80 * KM
    assert coach.volume_is_steady(plan) == [] and coach.volume_builds(plan) == []


def test_the_long_run_grows_past_the_marathons_32_km():
    """Before: 26-26.7 km for 16 weeks, "short of the 32 km this race wants"."""
    plan, _ = _build(_double())
    longs = _longs(plan)
    assert longs[0] >= 26 * KM - 1  # it starts at what the runner runs now
    assert max(longs) >= 32 * KM
    assert coach.long_run_grows(plan) == [] and coach.long_run_builds(plan) == []


def test_the_build_and_peak_hold_back_to_back_long_runs_on_the_race_weekends_days():
    plan, _ = _build(_double())
    pairs = _back_to_back(plan)
    assert len(pairs) >= 6
    assert {day.weekday() for day, _ in pairs} == {6}  # Sunday, after Saturday's long run
    for day, _ in pairs:
        week = plan.week_of(day)
        assert week is not None and week.phase in (Phase.BUILD, Phase.PEAK)
        before = plan.day(date.fromordinal(day.toordinal() - 1))
        assert before is not None and before.has(WorkoutKind.LONG)
    assert coach.back_to_back_long_runs(plan) == []
    assert coach.no_long_recovery_after_long(plan) == []


def test_a_long_run_day_the_profile_gives_is_kept():
    plan, _ = _build(_double(long_run_day="sunday"))
    assert {d.weekday() for d, _ in _back_to_back(plan)} == {0}  # the Monday after


def test_the_rules_and_the_coach_judge_a_double_of_marathons_as_an_ultra():
    plan, profile = _build(_double())
    assert plan.goal_races_m == 2 * MARATHON_M == profile.goal_races_m
    assert coach.goal_m(plan) == plan.goal_races_m
    assert long_share_max(plan.goal_races_m, 60 * KM) is None  # ultras: no long-run share
    assert _undeclared(plan) == []
    assert coach.everything(plan, profile) == []
    assert any("Races on 2 consecutive days" in n and "84.4 km" in n for n in plan.notes)


def test_day_one_is_paced_for_day_two_and_day_two_is_predicted_slower():
    plan, _ = _build(_double())
    saturday, sunday = _races(plan)
    assert saturday.title == "Goal race: Saturday race" and sunday.title == "Goal race: Sunday race"
    assert summary(saturday) != summary(sunday).replace("Sunday", "Saturday")
    assert coach.double_paced(plan) == []
    alone = re.search(r"not the ([0-9:]+) this race alone", " ".join(saturday.notes))
    assert alone is not None  # the marathon alone at race-week fitness
    assert parse_duration(alone[1]) < _race_s(saturday) < _race_s(sunday)  # held back, slower
    assert "pace it for the days after" in saturday.notes[-1] and "84.4 km" in saturday.notes[-1]
    assert "Daniels & Gilbert" in sunday.notes[-1] and "slower than day 1" in sunday.notes[-1]
    assert "tomorrow is the rest of the race" in saturday.tip and "tired legs" in sunday.tip


def _race_s(w: Workout) -> float:
    work = [s for s in w.steps() if s.kind.value == "work"]
    return sum((s.distance_m or 0) / KM * s.pace.middle.seconds_per_km for s in work if s.pace)


def test_two_halves_are_a_marathon_of_training_not_an_ultra():
    plan, profile = _build(_double("half", "half", weekly_distance="40km", longest_run_30d="16km"))
    assert plan.goal_races_m == 2 * HALF_MARATHON_M
    assert _back_to_back(plan) == [] and coach.back_to_back_long_runs(plan) == []
    assert long_share_max(plan.goal_races_m, 40 * KM) is not None  # the share rule applies
    assert max(_longs(plan)) > 22 * KM  # past a half's 21 km, toward the combined 42.2
    assert _undeclared(plan) == [] and coach.everything(plan, profile) == []
    assert coach.double_paced(plan) == []
    assert any("Not an ultra" in n for n in plan.notes)


def test_a_10k_and_half_weekend_is_no_ultra_and_no_marathon():
    plan, profile = _build(_double("10k", "half", weekly_distance="35km", longest_run_30d="14km"))
    assert plan.goal_races_m == 10000 + HALF_MARATHON_M
    assert _back_to_back(plan) == []
    assert max(w.distance_m for w in plan.weeks[:-1]) < 64 * KM  # not the marathon's 70 km
    assert _undeclared(plan) == [] and coach.everything(plan, profile) == []
    _, sunday = _races(plan)
    alone = DANIELS.race_time_s(plan.vdot or 0.0, HALF_MARATHON_M)  # today's fitness
    assert _race_s(sunday) > alone  # the half on the 10k's legs
    assert "less its time for the 10.0 km before" in sunday.notes[-1]


def test_a_half_and_a_marathon_add_up_to_an_ultra():
    plan, profile = _build(_double("half", "marathon", weekly_distance="50km"))
    assert len(_back_to_back(plan)) >= 6 and coach.back_to_back_long_runs(plan) == []
    assert _undeclared(plan) == [] and coach.everything(plan, profile) == []


def test_a_single_marathon_is_unchanged_no_back_to_back():
    doc = _double()
    doc["goal"] = {"race": "marathon", "date": "2027-04-18"}
    plan, _ = _build(doc)
    assert _back_to_back(plan) == [] and plan.goal_races_m == MARATHON_M
    race = _races(plan)[0]
    assert "Day 1" not in race.tip + " ".join(race.notes)


def test_a_doubles_title_names_both_races_and_both_days():
    plan, _ = _build(_double("10k", "half"))
    assert plan.title == "10k + half plan for 2027-04-17 and 2027-04-18"


def test_a_target_for_the_last_day_never_makes_it_faster_than_day_one():
    """A target time is a single race's: on day 2 of a double the plan keeps the prediction
    when the target is faster, and says so; a slower target is the day's."""
    fast = _double()
    fast["goal"] = {**fast["goal"], "target": "3:35:00"}
    plan, _ = _build(fast)
    saturday, sunday = _races(plan)
    assert _race_s(saturday) < _race_s(sunday) and coach.double_paced(plan) == []
    assert "Your target, " in sunday.notes[-1] and "is this race's alone" in sunday.notes[-1]
    slow = _double()
    slow["goal"] = {**slow["goal"], "target": "4:05:00"}
    plan, _ = _build(slow)
    assert abs(_race_s(_races(plan)[1]) - 4 * 3600 - 300) < 60  # the band's middle
    assert "is the day's target" in _races(plan)[1].notes[-1]


def test_three_races_in_three_days_are_one_goal_of_their_sum():
    doc = _double("half", "half", run_days_per_week=6)
    doc["goal"]["also"] = [
        {"date": "2027-04-16", "distance": "half", "name": "Friday race"},
        {"date": "2027-04-17", "distance": "half", "name": "Saturday race"},
    ]
    plan, profile = _build(doc)
    assert plan.goal_races_m == 3 * HALF_MARATHON_M
    assert len(_back_to_back(plan)) >= 6  # 63.3 km in all: an ultra's training
    times = [_race_s(w) for w in _races(plan)]
    assert times[0] == times[1] < times[2]  # even pace, then the last leg
    assert _undeclared(plan) == [] and coach.everything(plan, profile) == []
    assert any("Races on 3 consecutive days" in n for n in plan.notes)


PAIRS = (("5k", "10k"), ("10k", "10k"), ("10k", "half"), ("half", "half"),
         ("half", "marathon"), ("marathon", "marathon"), ("50k", "marathon"))  # fmt: skip


@pytest.mark.parametrize(("saturday", "sunday"), PAIRS)
def test_a_coach_signs_every_double_for_these_lives(saturday: str, sunday: str):
    """Every pair of races, 40-90 km a week, 4-6 run days, 10 or 19 weeks out: every rule kept
    or declared, every coach check signed, back-to-back long runs exactly when the sum is an
    ultra, the last day slower than the first."""
    for weekly, longest in (("40km", "16km"), ("60km", "26km"), ("90km", "32km")):
        for days in (4, 5, 6):
            for race_day in (date(2027, 4, 18), date(2027, 2, 14)):
                doc = _double(saturday, sunday, weekly_distance=weekly, longest_run_30d=longest,
                              run_days_per_week=days)  # fmt: skip
                doc["goal"]["date"] = race_day.isoformat()
                doc["goal"]["also"][0]["date"] = date.fromordinal(race_day.toordinal() - 1)
                plan, profile = _build(doc)
                seen = (saturday, sunday, weekly, days, race_day)
                assert _undeclared(plan) == [], seen
                # every question but the growth ones, which two of these lives do not answer
                # yet (test_growth_property.py: GAPS, strict xfails)
                assert coach.kept(plan, profile) == [], seen
                assert coach.back_to_back_long_runs(plan) == [], seen
