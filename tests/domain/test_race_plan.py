"""Race plans: split targets that add up to the goal, a slight negative split, the day's cost
from the conditions model, and a ready program when runcoach has one."""

from __future__ import annotations

import csv

import pytest

from runcoach.domain.fitness.conditions import Conditions, conditions_effect
from runcoach.domain.plans.race_plan import race_plan, ready_program
from runcoach.domain.units import HALF_MARATHON_M, MARATHON_M, METRES_PER_MILE
from tests.conftest import SHARED_DATA, needs_shared_data

RACES = SHARED_DATA / "races" / "vickers_2016_groups_1_2.csv"


def test_the_km_and_mile_targets_add_up_to_the_goal():
    plan = race_plan(MARATHON_M, 3 * 3600.0)
    assert len(plan.splits_km) == 43 and plan.splits_km[-1].distance_m == pytest.approx(195)
    assert len(plan.splits_mile) == 27
    for splits in (plan.splits_km, plan.splits_mile):
        assert sum(s.split_s for s in splits) == pytest.approx(3 * 3600.0)
        assert splits[-1].clock_s == pytest.approx(3 * 3600.0)


def test_the_second_half_is_about_one_percent_faster():
    plan = race_plan(10_000.0, 45 * 60.0)
    first, last = plan.splits_km[0], plan.splits_km[-1]
    assert last.pace.seconds_per_km < first.pace.seconds_per_km
    assert first.pace.seconds_per_km / last.pace.seconds_per_km == pytest.approx(1.01, abs=1e-3)
    halfway = plan.splits_km[4].clock_s
    assert halfway == pytest.approx(45 * 60 * 0.5025, abs=0.5)


def test_a_mile_is_run_at_even_pace():
    plan = race_plan(METRES_PER_MILE, 299.0)
    paces = {round(s.pace.seconds_per_km, 6) for s in plan.splits_km}
    assert len(paces) == 1 and "even pace" in plan.strategy


def test_the_heat_and_the_climb_are_said_with_the_conditions_models_numbers():
    hot = Conditions(temperature_c=28.0, dew_point_c=20.0, elevation_gain_m=80.0)
    plan = race_plan(10_000.0, 47 * 60.0, hot)
    effect = conditions_effect(hot, 10_000.0, 47 * 60.0)
    heat = next(a for a in effect.adjustments if a.name == "heat")
    assert "the heat costs about" in plan.strategy and "climbed" in plan.strategy
    assert heat.factor > 1.0
    assert sum(s.split_s for s in plan.splits_km) == pytest.approx(47 * 60.0)


def test_a_five_40_miler_asking_for_five_minutes_is_told_of_the_9_week_program():
    program = ready_program(METRES_PER_MILE, 299.0)
    assert program is not None and program.name == "sub-5-mile" and program.weeks == 9
    assert ready_program(METRES_PER_MILE, 330.0) is None


def test_a_first_half_marathon_gets_the_first_half_program():
    program = ready_program(HALF_MARATHON_M, 2.5 * 3600, longest_run_m=6_437.0)
    assert program is not None and program.name == "first-half"
    assert ready_program(HALF_MARATHON_M, 1.5 * 3600, longest_run_m=25_000.0) is None


@needs_shared_data()
def test_race_plans_for_real_half_and_full_marathon_times_add_up_and_stay_within_one_percent():
    with RACES.open(newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["mh_ti"] or r["mf_ti"]][:200]
    assert len(rows) >= 100
    for row in rows:
        for column, distance in (("mh_ti", HALF_MARATHON_M), ("mf_ti", MARATHON_M)):
            if not row[column]:
                continue
            time_s = float(row[column])
            plan = race_plan(distance, time_s)
            assert plan.splits_km[-1].clock_s == pytest.approx(time_s)
            paces = [s.pace.seconds_per_km for s in plan.splits_km]
            assert max(paces) / min(paces) <= 1.0101
