"""Charts carry titles, units and labels, honour km or miles, and are left out when empty."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from runcoach.domain.progress.load import training_curve
from runcoach.domain.progress.measures import (
    BenchmarkRun,
    IntensitySplit,
    PlannedVsDone,
    WeekVolume,
)
from runcoach.domain.progress.report import PredictionPoint
from runcoach.domain.units import Pace, UnitSystem
from runcoach.exporters.charts import (
    benchmark_chart,
    body_chart,
    fitness_chart,
    intensity_chart,
    plan_chart,
    predictions_chart,
    svg_markup,
    weekly_volume_chart,
    write_charts,
)

MONDAY = date(2026, 3, 2)


def weeks() -> list[WeekVolume]:
    return [
        WeekVolume(MONDAY + timedelta(weeks=i), 4, 4, 40000.0 + 1000 * i, 14400) for i in range(6)
    ]


def texts(fig) -> str:
    ax = fig.axes[0]
    return " ".join([ax.get_title(), ax.get_xlabel(), ax.get_ylabel()])


def test_weekly_volume_is_in_km_or_miles_as_the_runner_reads():
    metric = weekly_volume_chart(weeks(), UnitSystem.METRIC)
    imperial = weekly_volume_chart(weeks(), UnitSystem.IMPERIAL)
    assert "(km)" in texts(metric) and "(mi)" in texts(imperial)
    heights = [bar.get_height() for bar in imperial.axes[0].patches]
    assert heights[0] == 40000 / 1609.344


def test_every_chart_is_left_out_when_there_is_nothing_to_draw():
    assert weekly_volume_chart([], UnitSystem.METRIC) is None
    assert fitness_chart([]) is None
    assert benchmark_chart([], UnitSystem.METRIC) is None
    assert intensity_chart([None, IntensitySplit("pace")]) is None
    assert predictions_chart([]) is None


def test_the_fitness_chart_names_its_three_lines_and_its_unit():
    fig = fitness_chart(training_curve(MONDAY, [50.0, 0.0, 80.0] * 10))
    assert "load points" in texts(fig)
    labels = [t.get_text() for legend in fig.legends for t in legend.get_texts()]
    assert any("fitness" in x for x in labels) and any("fatigue" in x for x in labels)
    assert any("form" in x for x in labels)


def test_benchmark_pace_is_drawn_faster_up_with_pace_labels():
    runs = [
        BenchmarkRun("tempo, 8 km", i, MONDAY + timedelta(weeks=3 * i), Pace(250 - i))
        for i in range(4)
    ]
    fig = benchmark_chart(runs, UnitSystem.METRIC)
    ax = fig.axes[0]
    assert ax.yaxis_inverted()
    assert "/km" in ax.yaxis.get_major_formatter()(245, 0)


def test_predictions_get_one_panel_per_distance():
    points = [
        PredictionPoint(MONDAY + timedelta(weeks=w), d, t - 10 * w, "model")
        for w in range(5)
        for d, t in ((5000, 1300), (21097.5, 6000))
    ]
    fig = predictions_chart(points)
    assert [ax.get_ylabel() for ax in fig.axes] == ["5k", "half"]


def test_charts_are_written_as_png_and_svg(tmp_path):
    written = write_charts(
        {"weekly-volume": weekly_volume_chart(weeks(), UnitSystem.METRIC)}, tmp_path
    )
    assert sorted(p.name for p in written) == ["weekly-volume.png", "weekly-volume.svg"]
    assert written[0].read_bytes()[:4] == b"\x89PNG"
    assert svg_markup(fitness_chart(training_curve(MONDAY, [30.0] * 20))).startswith("<svg")


def test_a_flat_prediction_gets_a_few_round_ticks_not_hundreds():
    points = [PredictionPoint(MONDAY + timedelta(days=d), 42195, 10000.0, "model") for d in (0, 6)]
    ax = predictions_chart(points).axes[0]
    low, high = ax.get_ylim()
    assert (low, high) == (10000 - 200, 10000 + 200)  # +-2 % of 2:46:40
    ticks = [t for t in ax.get_yticks() if low <= t <= high]
    assert 2 <= len(ticks) <= 5 and all(t % 60 == 0 for t in ticks)


def test_plan_weeks_are_drawn_planned_beside_done_with_sessions_on_top():
    rows = [
        PlannedVsDone(MONDAY, 5, 5, 32000, 32500),
        PlannedVsDone(MONDAY + timedelta(weeks=1), 5, 2, 36000, 12000),
    ]
    fig = plan_chart(rows, UnitSystem.METRIC)
    ax = fig.axes[0]
    assert "(km)" in texts(fig)
    heights = [round(bar.get_height(), 1) for bar in ax.patches]
    assert heights == [32.0, 36.0, 32.5, 12.0]  # planned bars, then done bars
    assert [t.get_text() for t in ax.texts] == ["5/5", "2/5"]
    assert plan_chart([], UnitSystem.METRIC) is None


def test_months_without_a_prediction_are_a_gap_not_a_line():
    days = [date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1), date(2026, 8, 1)]
    ax = predictions_chart([PredictionPoint(d, 5000, 1300, "model") for d in days]).axes[0]
    assert [len(line.get_xdata()) for line in ax.get_lines()] == [3, 1]


def test_body_weight_and_resting_heart_rate_get_a_panel_each_only_when_told():
    from runcoach.domain.fitness.body import Reading, body_trend

    days = [MONDAY + timedelta(k) for k in range(10)]
    weight = body_trend([Reading(d, 70.0) for d in days], MONDAY, days[-1])
    hr = body_trend([Reading(d, 50.0 + k % 3) for k, d in enumerate(days)], MONDAY, days[-1])
    assert body_chart(None, None, UnitSystem.METRIC) is None
    both = body_chart(weight, hr, UnitSystem.IMPERIAL)
    assert [ax.get_ylabel() for ax in both.axes] == ["weight (lb)", "resting HR (bpm)"]
    assert max(both.axes[0].lines[0].get_ydata()) == pytest.approx(154.3, abs=0.1)
    only_hr = body_chart(None, hr, UnitSystem.METRIC)
    assert [ax.get_ylabel() for ax in only_hr.axes] == ["resting HR (bpm)"]
