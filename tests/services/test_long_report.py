"""The report of a period longer than a year is a summary (docs/progress.md, "A long period").

Three years of the synthetic history of benchmarks/synthetic.py: about 900 runs, several
hundred wins, among them many negative splits.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from datetime import date, timedelta

import pytest

from benchmarks.synthetic import history, start_points
from runcoach.domain.days import zone
from runcoach.domain.progress.report import Period, PeriodKind, resolve_period
from runcoach.domain.progress.summary import (
    LONG_PERIOD_DAYS,
    RECORD_KINDS,
    SHOWN_RECORDS,
    SHOWN_RUNS,
    SHOWN_WINS,
    is_long,
    notable_runs,
)
from runcoach.domain.run.runs import WorkoutType
from runcoach.domain.units import UnitSystem
from runcoach.services.report_builder import build_report, wins_since
from runcoach.services.runlog import AthleteProfile, MemoryLog
from runcoach.views.json import to_jsonable

TODAY = date(2026, 11, 20)
ME = AthleteProfile(1, zone("Europe/Ljubljana"), max_hr=190, resting_hr=50)
THREE_YEARS = Period(PeriodKind.CUSTOM, date(2023, 11, 21), TODAY)


@pytest.fixture(scope="module")
def log() -> MemoryLog:
    runs, efforts, halves = history(3, TODAY)
    return MemoryLog(runs, efforts, halves, start_points(runs))


@pytest.fixture(scope="module")
def long_report(log):
    return build_report(log, ME, THREE_YEARS, TODAY)


def test_a_period_is_long_when_it_is_longer_than_a_leap_year():
    assert not is_long(Period(PeriodKind.CUSTOM, date(2024, 1, 1), date(2024, 12, 31)))
    assert LONG_PERIOD_DAYS == 366
    assert is_long(Period(PeriodKind.CUSTOM, date(2024, 1, 1), date(2025, 1, 1)))


def test_a_long_report_counts_every_win_of_the_period_by_kind(log, long_report):
    every = wins_since(log, ME, THREE_YEARS.first, TODAY, UnitSystem.METRIC)
    summary = long_report.summary
    assert summary is not None
    assert summary.wins_by_kind == dict(Counter(w.kind.value for w in every))
    assert summary.wins_total == len(every) > SHOWN_WINS
    assert summary.wins_by_kind["negative_split"] > 100


def test_a_long_report_shows_the_records_first_then_the_most_recent_in_the_same_words(
    log, long_report
):
    every = wins_since(log, ME, THREE_YEARS.first, TODAY, UnitSystem.METRIC)
    shown = long_report.wins
    assert len(shown) == SHOWN_WINS == long_report.summary.wins_shown
    assert all(win in every for win in shown)  # the same title and detail as the full list
    records = [w for w in every if w.kind in RECORD_KINDS][:SHOWN_RECORDS]
    assert all(win in shown for win in records)
    others = [w for w in every if w not in records]
    assert [w for w in shown if w not in records] == others[: SHOWN_WINS - len(records)]
    assert shown == sorted(shown, key=lambda w: (w.day, w.kind.value), reverse=True)


def test_a_long_report_lists_the_longest_run_and_the_most_recent(log, long_report):
    inside = [r for r in log.all_runs if THREE_YEARS.first <= r.start.date() <= TODAY]
    lines = long_report.runs
    assert len(lines) == SHOWN_RUNS == long_report.summary.runs_shown
    assert long_report.summary.runs_total == long_report.totals.runs == len(inside)
    longest = max(inside, key=lambda r: r.distance_m or 0.0)
    assert longest.id in {line.run_id for line in lines}
    newest = sorted(inside, key=lambda r: r.start)[-(SHOWN_RUNS - 1) :]
    assert {r.id for r in newest} <= {line.run_id for line in lines}
    assert [line.day for line in lines] == sorted(line.day for line in lines)
    assert {item.run_id for item in long_report.load.runs} == {line.run_id for line in lines}
    assert sum(long_report.load.methods.values()) == len(inside)


def test_races_are_shown_before_the_most_recent_runs(log):
    runs = sorted(log.all_runs, key=lambda r: r.start)[:200]
    raced = [dataclasses.replace(r, workout_type=WorkoutType.RACE) for r in runs[10:13]]
    mixed = [*runs[:10], *raced, *runs[13:]]
    shown = notable_runs(mixed)
    assert all(race in shown for race in raced)
    assert len(shown) == SHOWN_RUNS and shown[-1] is mixed[-1]


def test_a_long_report_says_where_to_see_every_win_and_run(long_report):
    """Said without any door's words (a pointer), each door phrasing it: the command line
    names its commands (tests/test_hints.py keeps CLI words out of the lower layers)."""
    from runcoach.cli.hints import said

    summary = long_report.summary
    assert summary.every_win == "the list of wins from 2023-11-21 to 2026-11-20"
    assert said(summary.every_win) == "runcoach wins --from 2023-11-21 --to 2026-11-20"
    assert said(summary.every_run) == "runcoach runs list --from 2023-11-21 --to 2026-11-20"


def test_a_years_report_shows_every_win_and_run_and_its_json_has_no_summary(log):
    year = resolve_period(PeriodKind.YEAR, TODAY)
    report = build_report(log, ME, year, TODAY)
    assert report.summary is None
    assert len(report.runs) == report.totals.runs
    every = wins_since(log, ME, year.first, TODAY, UnitSystem.METRIC)
    assert report.wins == every
    assert "summary" not in to_jsonable(report)
    assert to_jsonable(build_report(log, ME, THREE_YEARS, TODAY))["summary"]["wins_shown"] == 20


def test_the_wins_of_a_period_end_on_its_last_day(log):
    last = TODAY - timedelta(days=30)
    until = wins_since(log, ME, date(2026, 1, 1), TODAY, UnitSystem.METRIC, until=last)
    every = wins_since(log, ME, date(2026, 1, 1), TODAY, UnitSystem.METRIC)
    assert until and all(w.day <= last for w in until)
    assert until == [w for w in every if w.day <= last]
