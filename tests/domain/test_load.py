"""Training load, fitness/fatigue/form, monotony/strain and the acute:chronic ratio, by hand."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime

import pytest

from runcoach.domain.progress.load import (
    ACWR_LIMITS,
    HeartRateProfile,
    LoadBasis,
    LoadMethod,
    daily_loads,
    estimate_threshold_pace,
    heart_rate_profile,
    ramp_rate,
    run_load,
    training_curve,
    week_strain,
    workload_ratio,
)
from runcoach.domain.run.runs import Run, Sport
from runcoach.domain.units import Pace

START = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)
DAY = date(2026, 3, 2)


def test_banister_trimp_matches_the_formula_worked_by_hand():
    profile = HeartRateProfile(resting_hr=50, max_hr=190)
    # HRr = (148 - 50) / 140 = 0.7; 60 x 0.7 x 0.64 x e^(1.92 x 0.7) = 26.88 x 3.83427
    assert profile.trimp(60, 148) == pytest.approx(103.065, abs=0.01)


def test_a_run_with_heart_rate_gets_its_load_from_heart_rate_and_says_so():
    basis = LoadBasis(HeartRateProfile(50, 190), Pace(240))
    run = Run(start=START, moving_s=3600, distance_m=12000, avg_hr=148, rpe=5, id=7)
    load = run_load(run, DAY, basis)
    assert load is not None
    assert load.method is LoadMethod.HEART_RATE
    assert load.run_id == 7
    assert "148 bpm" in load.detail
    threshold_hour = 60 * 0.86 * 0.64 * math.exp(1.92 * 0.86)
    assert load.load == pytest.approx(103.065 / threshold_hour * 100, rel=1e-4)


def test_one_hour_at_threshold_heart_rate_is_one_hundred_points():
    profile = HeartRateProfile(50, 190)
    threshold_hr = 50 + 0.86 * 140
    run = Run(start=START, moving_s=3600, avg_hr=threshold_hr)
    load = run_load(run, DAY, LoadBasis(profile))
    assert load is not None and load.load == pytest.approx(100.0)


def test_a_manual_run_with_effort_gets_session_rpe_load():
    run = Run(start=START, moving_s=50 * 60, distance_m=10000, rpe=6)
    load = run_load(run, DAY, LoadBasis(threshold_pace=Pace(240)))
    assert load is not None and load.method is LoadMethod.SESSION_RPE
    assert load.load == pytest.approx(300 / 420 * 100)  # 6 x 50 min = 300 AU


def test_a_run_without_heart_rate_or_effort_gets_pace_load():
    run = Run(start=START, moving_s=3600, distance_m=12000)  # 5:00/km
    load = run_load(run, DAY, LoadBasis(threshold_pace=Pace(240)))  # 4:00/km
    assert load is not None and load.method is LoadMethod.PACE
    assert load.load == pytest.approx(64.0)  # 1 h x 0.8^2 x 100


def test_a_run_with_only_a_duration_gets_an_assumed_easy_load():
    run = Run(start=START, elapsed_s=1800, sport=Sport.ELLIPTICAL)
    load = run_load(run, DAY, LoadBasis(threshold_pace=Pace(240)))
    assert load is not None and load.method is LoadMethod.DURATION
    assert load.load == pytest.approx(0.5 * 0.75**2 * 100)


def test_a_run_without_any_duration_has_no_load():
    assert run_load(Run(start=START, distance_m=5000), DAY, LoadBasis()) is None


def test_daily_loads_add_up_runs_of_the_same_day_and_leave_rest_days_at_zero():
    basis = LoadBasis(threshold_pace=Pace(300))
    runs = [Run(start=START, moving_s=3600, distance_m=12000)] * 2
    loads = [run_load(r, date(2026, 3, 3), basis) for r in runs]
    daily = daily_loads([x for x in loads if x], date(2026, 3, 2), date(2026, 3, 4))
    assert daily == [0.0, pytest.approx(200.0), 0.0]


def test_fitness_and_fatigue_after_one_session_follow_the_exponential_averages():
    states = training_curve(DAY, [100.0, 0.0])
    assert states[0].fatigue == pytest.approx(100 * (1 - math.exp(-1 / 7)))  # 13.312
    assert states[0].fitness == pytest.approx(100 * (1 - math.exp(-1 / 42)))  # 2.353
    assert states[0].form == 0.0
    assert states[1].fatigue == pytest.approx(13.3122 * math.exp(-1 / 7), abs=1e-3)
    assert states[1].form == pytest.approx(2.3528 - 13.3122, abs=1e-3)


def test_a_constant_daily_load_becomes_both_fitness_and_fatigue():
    states = training_curve(DAY, [50.0] * 600)
    assert states[-1].fitness == pytest.approx(50.0, abs=0.01)
    assert states[-1].fatigue == pytest.approx(50.0, abs=1e-6)
    assert states[-1].form == pytest.approx(0.0, abs=0.01)


def test_the_ramp_rate_is_the_fitness_gained_in_seven_days():
    states = training_curve(DAY, [70.0] * 14)
    assert ramp_rate(states, 3) is None
    assert ramp_rate(states, 13) == pytest.approx(states[13].fitness - states[6].fitness)


def test_monotony_and_strain_of_five_equal_days_and_two_rest_days():
    week = week_strain(DAY, [60, 60, 60, 60, 60, 0, 0])
    # mean 300/7, population SD 60 x sqrt(10) / 7, so monotony = 5 / sqrt(10)
    assert week.monotony == pytest.approx(5 / math.sqrt(10))
    assert week.strain == pytest.approx(300 * 5 / math.sqrt(10))  # 474.3


def test_a_week_of_identical_days_has_no_defined_monotony():
    week = week_strain(DAY, [40] * 7)
    assert week.monotony is None and week.strain is None


def test_the_acute_chronic_ratio_compares_the_last_week_with_the_last_four():
    daily = [10.0] * 21 + [40.0] * 7
    ratio = workload_ratio(daily)
    assert ratio.acute == 40.0
    assert ratio.chronic == pytest.approx((210 + 280) / 28)
    assert ratio.ratio == pytest.approx(40 / 17.5)
    assert "Impellizzeri" in ratio.limits and ratio.limits == ACWR_LIMITS


def test_the_acute_chronic_ratio_needs_four_weeks_of_history():
    assert workload_ratio([30.0] * 10).ratio is None


def test_threshold_pace_is_the_fastest_pace_held_twenty_to_seventy_minutes():
    runs = [
        Run(start=START, moving_s=600, distance_m=3000),  # too short: 3:20/km
        Run(start=START, moving_s=2400, distance_m=9600),  # 4:10/km
        Run(start=START, moving_s=7200, distance_m=30000),  # too long: 4:00/km
        Run(start=START, moving_s=2400, distance_m=10000, sport=Sport.CYCLING),
    ]
    assert estimate_threshold_pace(runs) == Pace(250.0)


def test_the_heart_rate_profile_is_the_runners_own_else_assumed_and_said_so():
    own, notes = heart_rate_profile(188.0, 48.0, [])
    assert (own, notes) == (HeartRateProfile(resting_hr=48.0, max_hr=188.0), [])
    assert heart_rate_profile(None, None, [170.0, 180.0, 175.0, 172.0]) == (None, [])
    seen, notes = heart_rate_profile(None, None, [170.0, 180.0, 175.0, 172.0, 171.0])
    assert seen == HeartRateProfile(resting_hr=60.0, max_hr=180.0)
    assert notes == [
        "max heart rate 180: the highest recorded (set yours for better)",
        "resting heart rate assumed 60 bpm (set yours for better)",
    ]
