import datetime as dt

import pytest

from runcoach.domain.fitness.current import (
    Performance,
    PerformanceKind,
    current_fitness,
    fitness_history,
    monthly_dates,
)
from runcoach.domain.fitness.vdot import vdot_from_performance

TODAY = dt.date(2026, 11, 1)


def test_no_performances_means_no_fitness():
    assert current_fitness([], TODAY) is None


def test_one_recent_race_gives_its_vdot():
    race = Performance(dt.date(2026, 10, 1), 10_000, 41 * 60 + 21)
    fitness = current_fitness([race], TODAY)
    assert fitness is not None
    assert fitness.vdot == pytest.approx(50, abs=0.2)


def test_recent_races_weigh_more_than_old_ones():
    old = Performance(dt.date(2026, 2, 1), 5000, 19 * 60 + 57)  # VDOT 50
    recent = Performance(dt.date(2026, 10, 20), 5000, 19 * 60 + 20)  # VDOT ~51.9
    fitness = current_fitness([old, recent], TODAY)
    assert fitness is not None
    midpoint = (vdot_from_performance(5000, 1197) + vdot_from_performance(5000, 1160)) / 2
    assert fitness.vdot > midpoint


def test_an_easy_best_effort_inside_a_long_run_does_not_drag_fitness_down():
    race = Performance(dt.date(2026, 10, 1), 10_000, 41 * 60 + 21)
    jog = Performance(dt.date(2026, 10, 25), 10_000, 55 * 60, PerformanceKind.EFFORT)
    fitness = current_fitness([race, jog], TODAY)
    assert fitness is not None
    assert fitness.vdot == pytest.approx(50, abs=0.2)


def test_races_older_than_a_year_are_not_current_fitness():
    assert current_fitness([Performance(dt.date(2025, 6, 1), 5000, 1197)], TODAY) is None


def test_fitness_history_follows_the_races_month_by_month():
    races = [
        Performance(dt.date(2026, 3, 10), 5000, 21 * 60),
        Performance(dt.date(2026, 8, 10), 5000, 19 * 60 + 30),
    ]
    history = fitness_history(races, monthly_dates(dt.date(2026, 1, 1), TODAY))
    assert history[0].on == dt.date(2026, 4, 1)
    assert history[-1].vdot > history[0].vdot


def test_a_walked_best_effort_outside_the_model_is_left_out_not_an_error():
    race = Performance(dt.date(2026, 10, 1), 10_000, 41 * 60 + 21)
    walk = Performance(dt.date(2026, 10, 20), 5000, 90 * 60, PerformanceKind.EFFORT)  # VDOT < 10
    fitness = current_fitness([race, walk], TODAY)
    assert fitness is not None
    assert [w.performance for w in fitness.used] == [race]
    assert current_fitness([walk], TODAY) is None


def test_fitness_history_counts_only_the_year_before_each_date():
    races = [Performance(dt.date(2025, 1, 10), 5000, 19 * 60 + 57)]  # VDOT 50
    history = fitness_history(races, [dt.date(2025, 12, 1), dt.date(2026, 2, 1)])
    assert [f.on for f in history] == [dt.date(2025, 12, 1)]  # 387 days later it is too old
    assert history[0].vdot == pytest.approx(vdot_from_performance(5000, 1197))
