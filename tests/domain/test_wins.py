"""Wins found in constructed logs: each kind a runner would notice, and nothing else."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from runcoach.domain.days import zone
from runcoach.domain.progress.measures import BenchmarkRun
from runcoach.domain.progress.wins import (
    Effort,
    GoalMet,
    Halves,
    MiniWorkout,
    PlanWeek,
    WinHistory,
    WinInputs,
    WinKind,
    detect_wins,
)
from runcoach.domain.run.runs import Run
from runcoach.domain.units import Pace, UnitSystem

TODAY = date(2026, 6, 30)


def run(run_id: int, day: date, km: float = 8.0, hour: int = 7) -> Run:
    start = datetime(day.year, day.month, day.day, hour, tzinfo=UTC)
    return Run(start=start, distance_m=km * 1000, moving_s=km * 330, id=run_id)


def kinds(wins: list) -> list[WinKind]:
    return [w.kind for w in wins]


def test_a_faster_second_half_is_a_negative_split_win_linked_to_its_run():
    runs = [run(1, date(2026, 6, 1)), run(2, date(2026, 6, 2)), run(3, date(2026, 6, 3), km=2)]
    halves = [Halves(1, 1330, 1310), Halves(2, 1310, 1330), Halves(3, 330, 300)]
    wins = detect_wins(WinInputs(runs, halves=halves), UTC, TODAY)
    splits = [w for w in wins if w.kind is WinKind.NEGATIVE_SPLIT]
    assert [(w.run_id, w.day) for w in splits] == [(1, date(2026, 6, 1))]
    assert "0:20 faster" in splits[0].detail


def at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 7, tzinfo=UTC)


def test_best_efforts_give_one_win_per_run_naming_every_distance_bettered():
    efforts = [
        Effort(1, at(date(2025, 5, 1)), 5000, 1320),
        Effort(1, at(date(2025, 5, 1)), 1000, 250),
        Effort(2, at(date(2025, 9, 1)), 5000, 1300),  # all-time best 5k
        Effort(2, at(date(2025, 9, 1)), 1000, 245),  # all-time best 1k
        Effort(3, at(date(2026, 3, 1)), 5000, 1340),  # first 5k of 2026: no win
        Effort(4, at(date(2026, 4, 1)), 5000, 1310),  # year best, not all-time
        Effort(5, at(date(2026, 5, 1)), 10000, 2800),  # first 10k ever
    ]
    wins = detect_wins(WinInputs([], efforts=efforts), UTC, TODAY)
    assert [(w.kind, w.run_id) for w in wins] == [
        (WinKind.FIRST_DISTANCE, 5),
        (WinKind.YEAR_BEST, 4),
        (WinKind.BEST_EFFORT, 2),
    ]
    best = wins[2]
    assert best.title == "New best 5k: 21:40"
    assert best.detail == "5k 21:40 (0:20 faster than 22:00); 1k 4:05 (0:05 faster than 4:10)"


def test_history_before_the_window_decides_whether_an_effort_is_a_best():
    efforts = [Effort(9, at(date(2026, 6, 10)), 5000, 1300)]
    history = WinHistory(best_s={5000: 1290.0}, year_best_s={(2026, 5000): 1320.0})
    wins = detect_wins(WinInputs([], efforts=efforts), UTC, TODAY, history=history)
    assert kinds(wins) == [WinKind.YEAR_BEST]


def test_a_benchmark_workout_faster_than_last_time_is_a_win():
    results = [
        BenchmarkRun("3 x 2 km at threshold", 1, date(2026, 4, 1), Pace(250)),
        BenchmarkRun("3 x 2 km at threshold", 2, date(2026, 4, 22), Pace(246)),
        BenchmarkRun("3 x 2 km at threshold", 3, date(2026, 5, 13), Pace(248)),
    ]
    wins = detect_wins(WinInputs([], benchmarks=results), UTC, TODAY)
    assert [(w.kind, w.run_id) for w in wins] == [(WinKind.BENCHMARK_FASTER, 2)]
    assert wins[0].detail == "4:06/km, 4 s/km faster than last time (4:10/km)"


def four_runs_a_week(first_monday: date, weeks: int, first_id: int = 1) -> list[Run]:
    days = [first_monday + timedelta(weeks=w, days=d) for w in range(weeks) for d in (0, 2, 4, 5)]
    return [run(first_id + i, day) for i, day in enumerate(days)]


def test_streak_wins_across_the_new_year():
    runs = four_runs_a_week(date(2025, 12, 22), 3)  # weeks of 22 Dec, 29 Dec, 5 Jan
    wins = detect_wins(WinInputs(runs), UTC, date(2026, 1, 31))
    streaks = [w for w in wins if w.kind in (WinKind.STREAK_KEPT, WinKind.LONGEST_STREAK)]
    # a first streak has no record to beat: it is kept, week after week
    assert [(w.kind, w.day) for w in streaks] == [
        (WinKind.STREAK_KEPT, date(2026, 1, 10)),
        (WinKind.STREAK_KEPT, date(2026, 1, 3)),
    ]
    assert streaks[0].title == "Streak kept: 3 weeks in a row with 4+ run days"


def test_the_longest_streak_yet_is_said_once_the_week_it_passes_the_old_record():
    earlier = {date(2026, 1, 5) + timedelta(weeks=w): 4 for w in range(3)}  # 3 weeks in a row
    runs = four_runs_a_week(date(2026, 3, 2), 6)  # a gap, then 6 weeks in a row
    wins = detect_wins(WinInputs(runs), UTC, TODAY, history=WinHistory(weeks_before=earlier))
    streaks = sorted((w for w in wins if "streak" in w.kind.value), key=lambda w: w.day)
    assert [w.kind for w in streaks] == [
        WinKind.STREAK_KEPT,  # week 2
        WinKind.STREAK_KEPT,  # week 3 equals the record
        WinKind.LONGEST_STREAK,  # week 4 passes it
        WinKind.STREAK_KEPT,  # weeks 5 and 6 keep the new record going
        WinKind.STREAK_KEPT,
    ]
    longest = streaks[2]
    assert longest.title == "Longest streak yet: 4 weeks in a row with 4+ run days"
    assert longest.detail.endswith("; the longest before was 3 weeks")


def test_a_week_that_qualified_before_the_period_is_not_a_new_win():
    runs = [run(9, date(2026, 3, 8))]  # Sunday; the week had 4 run days already
    history = WinHistory(weeks_before={date(2026, 2, 23): 4, date(2026, 3, 2): 4})
    wins = detect_wins(WinInputs(runs), UTC, TODAY, history=history)
    assert [w.kind for w in wins if "streak" in w.kind.value] == []


def test_a_streak_shorter_than_the_longest_is_kept_not_longest():
    runs = four_runs_a_week(date(2026, 3, 2), 2)
    earlier = {date(2026, 1, 5) + timedelta(weeks=w): 4 for w in range(5)}  # 5 weeks in a row
    history = WinHistory(weeks_before=earlier)
    wins = detect_wins(WinInputs(runs), UTC, TODAY, history=history)
    assert [w.kind for w in wins if "streak" in w.kind.value] == [WinKind.STREAK_KEPT]


def test_the_run_day_that_makes_the_week_is_counted_in_the_athletes_time_zone():
    # Sunday 8 March 23:30 UTC is Monday 9 March in Ljubljana: the week has only 3 run days
    days = [date(2026, 3, 2), date(2026, 3, 4), date(2026, 3, 6)]
    runs = [run(i, d) for i, d in enumerate(days, 1)]
    late = Run(start=datetime(2026, 3, 8, 23, 30, tzinfo=UTC), distance_m=5000, moving_s=1500, id=9)
    history = WinHistory(weeks_before={date(2026, 2, 23): 4})
    utc = detect_wins(WinInputs([*runs, late]), UTC, TODAY, history=history)
    local = detect_wins(WinInputs([*runs, late]), zone("Europe/Ljubljana"), TODAY, history=history)
    assert WinKind.STREAK_KEPT in kinds(utc)
    assert WinKind.STREAK_KEPT not in kinds(local)


def test_the_hundredth_run_and_the_thousandth_kilometre_are_milestones():
    history = WinHistory(runs=98, distance_m=995_000)
    runs = [run(1, date(2026, 6, 1), km=4), run(2, date(2026, 6, 2), km=4)]
    wins = detect_wins(WinInputs(runs), UTC, TODAY, history=history)
    assert [(w.kind, w.run_id, w.title) for w in wins] == [
        (WinKind.RUN_MILESTONE, 2, "Run number 100"),
        (WinKind.DISTANCE_MILESTONE, 2, "1,000 km run in total"),
    ]


def test_milestones_count_miles_for_a_runner_who_reads_miles():
    runs = [run(1, date(2026, 6, 1), km=170)]  # 105.6 mi
    wins = detect_wins(WinInputs(runs), UTC, TODAY, system=UnitSystem.IMPERIAL)
    assert "100 mi run in total" in [w.title for w in wins]


def test_plan_weeks_minis_and_goals_become_wins_when_their_hooks_provide_them():
    inputs = WinInputs(
        [],
        plan_weeks=[
            PlanWeek(date(2026, 6, 1), planned=5, done=5),
            PlanWeek(date(2026, 6, 8), planned=5, done=4),
            PlanWeek(date(2026, 6, 29), planned=5, done=5),  # not over yet
        ],
        minis=[MiniWorkout(7, date(2026, 6, 10), "10 min tempo")],
        goals=[GoalMet(date(2026, 6, 20), "4 runs a week for 12 weeks", 8)],
    )
    wins = detect_wins(inputs, UTC, TODAY)
    assert [(w.kind, w.day) for w in wins] == [
        (WinKind.GOAL_MET, date(2026, 6, 20)),
        (WinKind.MINI_WORKOUT, date(2026, 6, 10)),
        (WinKind.PLAN_WEEK_COMPLETE, date(2026, 6, 7)),
    ]


def test_a_gps_glitch_faster_than_any_human_is_no_win():
    glitch = Run(start=at(date(2026, 6, 1)), distance_m=390_000, moving_s=7200, id=1)
    efforts = [Effort(1, glitch.start, 10000, 43), Effort(1, glitch.start, 42195, 182)]
    halves = [Halves(1, 3700, 3500)]
    wins = detect_wins(WinInputs([glitch], halves=halves, efforts=efforts), UTC, TODAY)
    assert not {WinKind.NEGATIVE_SPLIT, WinKind.FIRST_DISTANCE, WinKind.BEST_EFFORT} & set(
        kinds(wins)
    )
