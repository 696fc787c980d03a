"""The in-memory log answers like a scan of the history would, from its indexes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from runcoach.domain.days import zone
from runcoach.domain.progress.wins import Effort
from runcoach.domain.run.runs import Run, Sport
from runcoach.services.runlog import MemoryLog, win_history


def at(day: int, hour: int = 7) -> datetime:
    return datetime(2026, 3, 1, hour, tzinfo=UTC) + timedelta(days=day)


def test_best_effort_times_are_the_fastest_before_a_moment_and_within_a_window():
    efforts = [
        Effort(1, at(0), 5000, 1300),
        Effort(2, at(5), 5000, 1250),
        Effort(3, at(9), 5000, 1280),
        Effort(3, at(9), 1000, 230),
    ]
    log = MemoryLog([], all_efforts=efforts)
    assert log.best_effort_times(None, at(5)) == {5000: 1300}
    assert log.best_effort_times(None, at(10)) == {5000: 1250, 1000: 230}
    assert log.best_effort_times(at(6), at(10)) == {5000: 1280, 1000: 230}
    assert log.best_effort_times(None, at(0)) == {}


def test_counts_and_distance_leave_cross_training_out():
    runs = [
        Run(start=at(0), distance_m=5000, id=1),
        Run(start=at(1), distance_m=9000, id=2),
        Run(start=at(2), distance_m=30000, id=3, sport=Sport.CYCLING),
    ]
    log = MemoryLog(runs)
    assert log.count_and_distance(at(1)) == (1, 5000)
    assert log.count_and_distance(at(3)) == (2, 14000)


def test_run_days_per_week_count_local_days_and_stop_at_the_end():
    # Sunday 1 March 23:30 UTC is Monday 2 March in Ljubljana
    runs = [
        Run(start=at(0, 23).replace(minute=30), distance_m=5000, id=1),
        Run(start=at(1), distance_m=5000, id=2),
        Run(start=at(1, 18), distance_m=5000, id=3),
        Run(start=at(3), distance_m=5000, id=4),
    ]
    log = MemoryLog(runs)
    ljubljana = zone("Europe/Ljubljana")
    assert log.run_days_per_week(at(10), UTC) == {date(2026, 2, 23): 1, date(2026, 3, 2): 2}
    assert log.run_days_per_week(at(10), ljubljana) == {date(2026, 3, 2): 2}
    assert log.run_days_per_week(at(3, 0), UTC) == {date(2026, 2, 23): 1, date(2026, 3, 2): 1}


def test_the_win_history_gathers_the_aggregates_before_a_moment():
    runs = [Run(start=at(d), distance_m=10000, id=d + 1) for d in range(8)]
    efforts = [Effort(1, at(0), 5000, 1300), Effort(8, at(7), 5000, 1200)]
    history = win_history(MemoryLog(runs, all_efforts=efforts), at(7, 0), UTC)
    assert (history.runs, history.distance_m) == (7, 70000)
    assert history.best_s == {5000: 1300} and history.year_best_s == {(2026, 5000): 1300}
    assert sum(history.weeks_before.values()) == 7
