"""The work portion of a quality run: the laps that were the planned reps."""

from __future__ import annotations

import pytest

from runcoach.domain.fitness.paces import (
    INTERVAL_FRACTION,
    THRESHOLD_FRACTION,
    pace_at_fraction,
    vdot_at_fraction,
)
from runcoach.domain.plans.workouts import Effort, Step, StepKind, Workout, WorkoutKind
from runcoach.domain.run.work_portion import work_portion
from runcoach.domain.units import Pace, parse_duration
from tests.domain.workout_laps import T_TARGET, laps, session_laps, threshold_reps


# Published paces per km, Daniels' Running Formula (3rd ed.) VDOT table: T and I pace
@pytest.mark.parametrize(
    ("vdot", "threshold", "interval"),
    [(40, "5:06", "4:42"), (50, "4:15", "3:55"), (60, "3:38", "3:23")],
)
def test_the_vdot_a_training_pace_implies_matches_daniels_table(vdot, threshold, interval):
    # the table rounds paces to the second: one second of threshold pace is ~0.3 VDOT
    t_pace, i_pace = Pace(parse_duration(threshold)), Pace(parse_duration(interval))
    assert vdot_at_fraction(t_pace, THRESHOLD_FRACTION) == pytest.approx(vdot, abs=0.8)
    assert vdot_at_fraction(i_pace, INTERVAL_FRACTION) == pytest.approx(vdot, abs=0.8)


def test_vdot_at_fraction_is_the_inverse_of_pace_at_fraction_by_hand():
    # 4:15/km = 60000/255 = 235.294 m/min; VO2 = -4.60 + 0.182258 v + 0.000104 v^2
    # = -4.60 + 42.8842 + 5.7578 = 44.0420; / 0.88 = 50.048
    assert vdot_at_fraction(Pace(255), 0.88) == pytest.approx(50.048, abs=0.001)
    for vdot in (35.0, 48.2, 70.0):
        pace = pace_at_fraction(vdot, THRESHOLD_FRACTION)
        assert vdot_at_fraction(pace, THRESHOLD_FRACTION) == pytest.approx(vdot)


def test_manual_laps_at_each_rep_are_the_work_portion():
    portion = work_portion(threshold_reps(), session_laps([392.0] * 4))
    assert portion is not None and len(portion.reps) == 4
    assert portion.distance_m == 6400 and portion.time_s == 4 * 392
    # 392 s per 1.6 km = 245 s/km (4:05/km) against the middle of 4:10-4:18/km, 254 s/km
    assert portion.pace.seconds_per_km == pytest.approx(245.0)
    assert portion.target.seconds_per_km == pytest.approx(254.0)
    assert portion.difference == pytest.approx(245 / 254 - 1)  # -3.54 %
    assert portion.share_on_side() == 1.0


def test_a_warm_up_lap_the_size_of_a_rep_is_not_taken_for_one():
    warm = laps((1600, 600.0))  # 1.6 km easy, as long as a rep, much slower
    portion = work_portion(threshold_reps(), warm + session_laps([392.0] * 4))
    assert portion is not None
    assert [r.time_s for r in portion.reps] == [392.0] * 4


def test_device_marked_work_laps_are_used_first():
    marked = session_laps([380.0, 392.0, 400.0, 404.0], marked=True)
    portion = work_portion(threshold_reps(), marked)
    assert portion is not None
    assert [r.time_s for r in portion.reps] == [380.0, 392.0, 400.0, 404.0]
    assert all(r.lap.intensity == "active" for r in portion.reps)


def test_automatic_kilometre_laps_or_no_laps_give_no_work_portion():
    auto = laps(*[(1000, 300.0)] * 12)
    assert work_portion(threshold_reps(), auto) is None
    assert work_portion(threshold_reps(), ()) is None
    assert work_portion(threshold_reps(), session_laps([392.0] * 3)) is None  # a rep short


def test_a_lap_ten_percent_off_the_step_size_still_fits_but_not_more():
    near = session_laps([392.0] * 4, rep_m=1750)  # +9.4 %
    assert work_portion(threshold_reps(), near) is not None
    far = session_laps([392.0] * 4, rep_m=1800)  # +12.5 %
    assert work_portion(threshold_reps(), far) is None


def test_timed_steps_are_matched_by_time_and_effort_only_steps_cannot_be_read():
    tempo = Workout(WorkoutKind.TEMPO, "Tempo 20 min", (
        Step(StepKind.WARM_UP, duration_s=600, effort=Effort.EASY),
        Step(StepKind.WORK, duration_s=1200, pace=T_TARGET, effort=Effort.THRESHOLD),
        Step(StepKind.COOL_DOWN, duration_s=600, effort=Effort.EASY),
    ))  # fmt: skip
    run = laps((1700, 600.0), (4900, 1210.0), (1650, 600.0))
    portion = work_portion(tempo, run)
    assert portion is not None and portion.distance_m == 4900 and portion.time_s == 1210
    hills = Workout(WorkoutKind.HILLS, "Hills 8 x 60 s", (
        Step(StepKind.WORK, duration_s=60, effort=Effort.HARD),
    ))  # fmt: skip
    assert work_portion(hills, laps((300, 60.0))) is None
