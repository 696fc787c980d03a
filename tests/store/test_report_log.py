"""The store's RunLog answers exactly as the in-memory reference does, on both databases."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta

import numpy as np
import pytest

from benchmarks.store_history import insert_history
from benchmarks.synthetic import history
from runcoach.domain.days import zone
from runcoach.domain.progress.report import PeriodKind, resolve_period
from runcoach.domain.progress.wins import WinInputs, detect_wins
from runcoach.domain.run.efforts import BestEffort, RunAnalysis, analyse_run
from runcoach.domain.run.runs import Lap, Run, Streams
from runcoach.domain.units import Pace
from runcoach.services.report_builder import build_report
from runcoach.services.runlog import AthleteProfile, log_from_runs, win_history
from runcoach.store import report_log
from runcoach.store.athletes import default_athlete_id
from runcoach.store.report_log import SqlRunLog
from runcoach.store.runs import _LAP_FIELDS, insert_run

TODAY = date(2026, 11, 20)
TZ = zone("Europe/Ljubljana")


def sampled_run(day: date, second_half_speed: float) -> Run:
    """A 10 km run with GPS: 3.3 m/s for 5 km, then ``second_half_speed``."""
    first = np.arange(0, 5000 / 3.3, 5.0)
    second = first[-1] + np.arange(5.0, 5000 / second_half_speed + 5, 5.0)
    time = np.concatenate([first, second])
    distance = np.concatenate([first * 3.3, 5000 + (second - first[-1]) * second_half_speed])
    start = datetime(day.year, day.month, day.day, 6, tzinfo=UTC)
    streams = Streams(
        time_s=time,
        distance_m=np.minimum(distance, 10000.0),
        latitude=46.05 + distance * 1e-6,
        longitude=np.full(len(time), 14.5),
    )
    return Run(
        start=start,
        distance_m=10000,
        moving_s=float(time[-1]),
        elapsed_s=float(time[-1]),
        streams=streams,
        source="fit",
    )


@pytest.fixture
def stored(engine):
    runs, _efforts, _halves = history(2, TODAY, seed=3)
    runs = [dataclasses.replace(r, id=None, shoe_id=None) for r in runs]
    runs += [
        sampled_run(TODAY - timedelta(days=40), 3.5),
        sampled_run(TODAY - timedelta(days=3), 3.4),
    ]
    saved = []
    with engine.begin() as conn:
        athlete = default_athlete_id(conn)
        for run in runs:
            run_id = insert_run(conn, athlete, run, analyse_run(run))
            saved.append(dataclasses.replace(run, id=run_id))
    return SqlRunLog(engine, athlete), log_from_runs(saved)


def test_windows_of_runs_come_back_with_their_summaries_and_laps(stored):
    sql, memory = stored
    start, end = datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 6, 1, tzinfo=UTC)
    from_sql, from_memory = sql.runs(start, end), memory.runs(start, end)
    assert [r.id for r in from_sql] == [r.id for r in from_memory]
    assert [r.distance_m for r in from_sql] == pytest.approx([r.distance_m for r in from_memory])
    assert [len(r.laps) for r in from_sql] == [len(r.laps) for r in from_memory]
    assert all(r.streams is None for r in from_sql)


def test_aggregates_match_the_reference(stored):
    sql, memory = stored
    end = datetime(2026, 11, 1, tzinfo=TZ)  # a local midnight, as reports ask
    count, metres = sql.count_and_distance(end)
    assert (count, metres) == (
        memory.count_and_distance(end)[0],
        pytest.approx(memory.count_and_distance(end)[1]),
    )
    assert sql.best_effort_times(None, end) == pytest.approx(memory.best_effort_times(None, end))
    assert sql.run_days_per_week(end, TZ) == memory.run_days_per_week(end, TZ)


def test_halves_efforts_and_start_points_come_from_the_stored_analysis(stored):
    sql, memory = stored
    ids = [r.id for r in memory.all_runs if r.streams is not None]
    assert len(ids) == 2
    assert {h.run_id: round(h.second_s) for h in sql.halves(ids)} == {
        h.run_id: round(h.second_s) for h in memory.halves(ids)
    }
    rounded = {i: (round(a, 6), round(b, 6)) for i, (a, b) in sql.start_points(ids).items()}
    assert rounded == {
        i: (round(a, 6), round(b, 6)) for i, (a, b) in memory.start_points(ids).items()
    }
    assert sql.start_points(ids) == sql.start_points(ids)  # the second time from the table
    start = datetime(2026, 10, 1, tzinfo=UTC)
    end = datetime(2026, 12, 1, tzinfo=UTC)
    assert sorted((e.run_id, e.distance_m) for e in sql.efforts(start, end)) == sorted(
        (e.run_id, e.distance_m) for e in memory.efforts(start, end)
    )


@pytest.mark.parametrize(
    "kind", [PeriodKind.WEEK, PeriodKind.MONTH, PeriodKind.YEAR, PeriodKind.CUSTOM]
)
def test_reports_from_the_store_equal_reports_from_the_reference(stored, kind):
    sql, memory = stored
    athlete = AthleteProfile(1, TZ, max_hr=190, resting_hr=50)
    period = resolve_period(kind, TODAY, date(2024, 11, 1), TODAY)  # custom: the whole history
    from_sql = build_report(sql, athlete, period, TODAY)
    from_memory = build_report(memory, athlete, period, TODAY)
    assert from_sql.totals == from_memory.totals
    assert from_sql.streak_four_days == from_memory.streak_four_days
    assert [(w.kind, w.run_id) for w in from_sql.wins] == [
        (w.kind, w.run_id) for w in from_memory.wins
    ]
    assert from_sql.load.days[-1].fitness == pytest.approx(from_memory.load.days[-1].fitness)
    assert from_sql.variety.headline == from_memory.variety.headline


def test_the_efforts_read_for_wins_give_exactly_the_wins_of_every_effort(engine):
    athlete, _count = insert_history(engine, 3, TODAY)
    sql = SqlRunLog(engine, athlete)
    start, end = datetime(2024, 11, 1, tzinfo=TZ), datetime(2026, 11, 21, tzinfo=TZ)
    few, every = sql.win_efforts(start, end), sql.efforts(start, end)
    assert len(few) < len(every) / 4  # two years of efforts, a few of them faster than before
    history = win_history(sql, start, TZ)
    assert detect_wins(WinInputs([], efforts=few), TZ, TODAY, history=history) == detect_wins(
        WinInputs([], efforts=every), TZ, TODAY, history=history
    )


def test_efforts_near_new_year_are_all_read_whatever_their_time(engine):
    """The athlete's zone may put them in the other year, where they may be a year best."""
    with engine.begin() as conn:
        athlete = default_athlete_id(conn)
        for day, seconds in ((date(2025, 6, 1), 1200), (date(2025, 12, 1), 1300),
                             (date(2025, 12, 31), 1400), (date(2026, 1, 2), 1500),
                             (date(2026, 2, 1), 1600)):  # fmt: skip
            run = Run(start=datetime(day.year, day.month, day.day, 7, tzinfo=UTC),
                      distance_m=5000, moving_s=seconds, source="manual")  # fmt: skip
            analysis = RunAnalysis((), (), None, (BestEffort(5000, 0, 0, seconds, Pace(200)),))
            insert_run(conn, athlete, run, analysis)
    log = SqlRunLog(engine, athlete)
    found = log.win_efforts(datetime(2025, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))
    # June is the first of 2025; December 1st is slower: left out; New Year's Eve and 2
    # January are read; 1 February is the first of 2026 once 2 January is left aside
    assert sorted(e.time_s for e in found) == [1200, 1400, 1500, 1600]


def test_laps_are_read_in_the_order_of_their_fields():
    assert [f.name for f in dataclasses.fields(Lap)][1:] == list(_LAP_FIELDS)


def test_the_fastest_before_a_moment_is_the_same_read_from_few_runs_or_by_the_index(
    stored, monkeypatch
):
    sql, memory = stored
    for end in (datetime(2024, 12, 20, tzinfo=TZ), datetime(2025, 6, 1, tzinfo=TZ),
                datetime(2026, 11, 1, tzinfo=TZ)):  # fmt: skip
        found = []
        for few in (-1, 10**6):  # the index walked always; the runs' efforts read always
            monkeypatch.setattr(report_log, "FEW_RUNS_BEFORE", few)
            found.append(sql.best_effort_times(None, end))
        assert found[0] == found[1] and list(found[0]) == list(found[1])  # same order too
        assert found[0] == pytest.approx(memory.best_effort_times(None, end))
