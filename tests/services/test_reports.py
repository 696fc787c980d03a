"""The report service over an in-memory log: periods, bounded reads, numbers by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from runcoach.domain.days import zone
from runcoach.domain.errors import InvalidInput
from runcoach.domain.progress.load import LoadMethod
from runcoach.domain.progress.measures import PlannedVsDone
from runcoach.domain.progress.report import (
    Period,
    PeriodKind,
    PlanFacts,
    PredictionPoint,
    resolve_period,
)
from runcoach.domain.progress.wins import Effort, Halves, WinKind
from runcoach.domain.run.runs import Run, WorkoutType
from runcoach.domain.units import Pace, UnitSystem
from runcoach.services.report_builder import ReportHooks, build_report, wins_since
from runcoach.services.report_load import Threshold
from runcoach.services.runlog import AthleteProfile, MemoryLog

ME = AthleteProfile(1, UTC)


def test_periods_are_the_iso_week_the_month_and_the_year_holding_today():
    today = date(2026, 2, 18)  # a Wednesday
    assert resolve_period(PeriodKind.WEEK, today) == Period(
        PeriodKind.WEEK, date(2026, 2, 16), date(2026, 2, 22)
    )
    month = resolve_period(PeriodKind.MONTH, today)
    assert (month.first, month.last) == (date(2026, 2, 1), date(2026, 2, 28))
    year = resolve_period(PeriodKind.YEAR, today)
    assert (year.first, year.last) == (date(2026, 1, 1), date(2026, 12, 31))


def test_a_custom_period_that_ends_before_it_starts_is_refused_with_a_hint():
    with pytest.raises(InvalidInput, match="ends") as caught:
        resolve_period(PeriodKind.CUSTOM, date(2026, 2, 1), date(2026, 3, 1), date(2026, 2, 1))
    assert caught.value.hint


def easy(run_id: int, day: date, km: float = 10, **extra: object) -> Run:
    start = datetime(day.year, day.month, day.day, 7, tzinfo=UTC)
    return Run(start=start, distance_m=km * 1000, moving_s=km * 300, id=run_id, **extra)  # type: ignore[arg-type]


class CountingLog(MemoryLog):
    """Records the windows asked for, to prove a week's report reads a bounded window."""

    asked: list[tuple[datetime, datetime]]

    def runs(self, start: datetime, end: datetime) -> list[Run]:
        self.asked = [*getattr(self, "asked", []), (start, end)]
        return super().runs(start, end)


def test_a_weekly_report_has_the_numbers_worked_out_by_hand():
    monday = date(2026, 3, 2)
    runs = [
        easy(1, monday, 10, avg_hr=None, rpe=4),
        easy(2, monday + timedelta(days=2), 8),
        easy(3, monday + timedelta(days=4), 6),
        easy(4, monday + timedelta(days=6), 21.1, ascent_m=150),
    ]
    log = MemoryLog(runs, all_halves=[Halves(4, 3200, 3130)])
    hooks = ReportHooks(threshold=lambda first, last: Threshold(Pace(250), "fitness model"))
    sunday = monday + timedelta(days=6)
    report = build_report(log, ME, resolve_period(PeriodKind.WEEK, monday), sunday, hooks=hooks)
    assert report.totals.distance_m == pytest.approx(45100)
    assert report.totals.run_days == 4 and report.totals.longest_run_id == 4
    assert report.streak_four_days.current is not None
    assert report.streak_four_days.current.weeks == 1
    # run 1 by session RPE: 4 x 50 min = 200 AU -> 200/420*100; others by pace at IF 250/300
    methods = {item.run_id: item.method for item in report.load.runs}
    assert methods == {
        1: LoadMethod.SESSION_RPE,
        2: LoadMethod.PACE,
        3: LoadMethod.PACE,
        4: LoadMethod.PACE,
    }
    run2 = next(item for item in report.load.runs if item.run_id == 2)
    assert run2.load == pytest.approx(40 / 60 * (250 / 300) ** 2 * 100)
    assert report.load.weeks[0].load == pytest.approx(sum(i.load for i in report.load.runs))
    assert "threshold pace 4:10/km from the fitness model" in report.load.basis
    assert report.intensity_pace is not None and report.intensity_pace.easy_s == 45.1 * 300
    assert WinKind.NEGATIVE_SPLIT in [w.kind for w in report.wins]


def test_a_weekly_report_reads_only_its_week_the_warm_up_and_last_year():
    runs = [easy(i, date(2016, 1, 4) + timedelta(days=2 * i)) for i in range(1, 1800)]
    log = CountingLog(runs)
    today = date(2025, 11, 19)
    build_report(log, ME, resolve_period(PeriodKind.WEEK, today), today)
    longest = max(end - start for start, end in log.asked)
    assert longest <= timedelta(days=2 * 366)


def test_a_streak_older_than_the_window_is_read_in_full():
    first = date(2024, 1, 1)
    runs = [easy(i, first + timedelta(days=d)) for i, d in enumerate(range(0, 700), 1)]
    today = first + timedelta(days=699)
    report = build_report(MemoryLog(runs), ME, resolve_period(PeriodKind.WEEK, today), today)
    assert report.streak_any_run.current is not None
    assert report.streak_any_run.current.weeks == 100


def test_the_athletes_time_zone_moves_a_late_run_into_the_next_week():
    # Sunday 1 March 2026, 23:30 UTC is Monday 2 March 00:30 in Ljubljana
    run = Run(start=datetime(2026, 3, 1, 23, 30, tzinfo=UTC), distance_m=5000, moving_s=1500, id=1)
    local = AthleteProfile(1, zone("Europe/Ljubljana"))
    period = resolve_period(PeriodKind.WEEK, date(2026, 3, 4))
    assert build_report(MemoryLog([run]), local, period, date(2026, 3, 4)).totals.runs == 1
    assert build_report(MemoryLog([run]), ME, period, date(2026, 3, 4)).totals.runs == 0


def test_this_year_is_compared_with_the_same_dates_last_year():
    runs = [easy(1, date(2025, 2, 10)), easy(2, date(2025, 6, 1)), easy(3, date(2026, 2, 1))]
    report = build_report(
        MemoryLog(runs), ME, resolve_period(PeriodKind.MONTH, date(2026, 3, 5)), date(2026, 3, 5)
    )
    assert report.this_year.distance_m == 10000
    assert report.last_year.distance_m == 10000  # 1 June 2025 is after 5 March
    assert report.last_year.last == date(2025, 3, 5)


def test_heart_rate_loads_use_the_athletes_profile():
    runs = [easy(i, date(2026, 3, 2) + timedelta(days=i), avg_hr=150, max_hr=170) for i in range(5)]
    athlete = AthleteProfile(1, UTC, max_hr=190, resting_hr=50)
    report = build_report(
        MemoryLog(runs),
        athlete,
        resolve_period(PeriodKind.MONTH, date(2026, 3, 20)),
        date(2026, 3, 20),
    )
    assert {item.method for item in report.load.runs} == {LoadMethod.HEART_RATE}
    assert report.intensity_heart_rate is not None
    assert report.intensity_heart_rate.easy_s == 5 * 3000  # 150/190 = 79 % of max


def test_plan_and_prediction_hooks_feed_the_report_and_the_wins():
    monday = date(2026, 3, 2)
    runs = [easy(i, monday + timedelta(days=i)) for i in range(4)]
    hooks = ReportHooks(
        plan=lambda first, last: PlanFacts([PlannedVsDone(monday, 4, 4, 40000, 40000)]),
        predictions=lambda first, last: [PredictionPoint(monday, 10000, 2700, "test")],
    )
    sunday = monday + timedelta(days=6)
    report = build_report(
        MemoryLog(runs), ME, resolve_period(PeriodKind.WEEK, monday), sunday, hooks=hooks
    )
    assert report.planned[0].complete and report.planned[0].done_distance_m == 40000
    assert report.predictions[0].time_s == 2700
    assert WinKind.PLAN_WEEK_COMPLETE in [w.kind for w in report.wins]


def test_benchmark_sessions_repeat_and_a_faster_one_is_a_win():
    runs = [
        easy(1, date(2026, 1, 7), 8, workout_type=WorkoutType.TEMPO),
        Run(
            start=datetime(2026, 2, 4, 7, tzinfo=UTC),
            distance_m=8100,
            moving_s=2350,
            id=2,
            workout_type=WorkoutType.TEMPO,
        ),
    ]
    report = build_report(
        MemoryLog(runs), ME, resolve_period(PeriodKind.MONTH, date(2026, 2, 10)), date(2026, 2, 10)
    )
    assert [b.run_id for b in report.benchmarks] == [1, 2]
    assert [w.run_id for w in report.wins if w.kind is WinKind.BENCHMARK_FASTER] == [2]


def test_wins_since_a_day_judge_best_efforts_against_everything_before():
    at = datetime(2026, 1, 10, 8, tzinfo=UTC)
    runs = [easy(1, date(2025, 5, 1)), easy(2, date(2026, 1, 10))]
    efforts = [Effort(1, runs[0].start, 5000, 1300), Effort(2, at, 5000, 1290)]
    wins = wins_since(
        MemoryLog(runs, all_efforts=efforts),
        ME,
        date(2026, 1, 1),
        date(2026, 1, 31),
        UnitSystem.METRIC,
    )
    assert [w.kind for w in wins if w.run_id == 2] == [WinKind.BEST_EFFORT]
