"""Reports over the real device files in ../shared/data/activities, read by the importers."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date

import pytest

from runcoach.domain.errors import ImportProblem
from runcoach.domain.progress.report import Period, PeriodKind, resolve_period
from runcoach.domain.progress.wins import WinKind
from runcoach.domain.run.runs import Run
from runcoach.domain.run.tagging import infer_tags, with_inferred_tags
from runcoach.domain.units import UnitSystem
from runcoach.exporters.report_html import render_report_html
from runcoach.importers import format_of, read_activity
from runcoach.services.report_builder import build_report, wins_since
from runcoach.services.runlog import AthleteProfile, MemoryLog, log_from_runs
from tests.conftest import ACTIVITIES, needs_shared_data

pytestmark = [needs_shared_data(), pytest.mark.slow]
ME = AthleteProfile(1, UTC)
TODAY = date(2026, 11, 20)


@pytest.fixture(scope="module")
def real_log() -> MemoryLog:
    runs: list[Run] = []
    for path in sorted(ACTIVITIES.rglob("*")):
        if not path.is_file() or format_of(path.name) is None:
            continue
        try:
            found = read_activity(path.name, path.read_bytes())
        except ImportProblem:
            continue
        for run in found:
            tagged = with_inferred_tags(run, infer_tags(run))
            runs.append(dataclasses.replace(tagged, id=len(runs) + 1, name=path.name))
    return log_from_runs(runs)


def test_the_real_files_give_runs_over_several_years(real_log):
    years = {r.start.year for r in real_log.all_runs if r.is_run}
    assert len(years) >= 5


def test_each_years_totals_are_the_sum_of_that_years_runs(real_log):
    for year in sorted({r.start.year for r in real_log.all_runs if r.is_run}):
        period = Period(PeriodKind.YEAR, date(year, 1, 1), date(year, 12, 31))
        report = build_report(real_log, ME, period, TODAY)
        runs = [r for r in real_log.all_runs if r.is_run and r.start.year == year]
        assert report.totals.runs == len(runs)
        assert report.totals.distance_m == pytest.approx(sum(r.distance_m or 0 for r in runs))
        assert report.totals.longest_run_m == max(r.distance_m or 0 for r in runs)
        assert sum(w.distance_m for w in report.weeks) == pytest.approx(report.totals.distance_m)
        assert {line.run_id for line in report.runs} == {r.id for r in runs}


def test_every_real_run_with_a_duration_has_a_load_that_names_its_method(real_log):
    days = [r.start.date() for r in real_log.all_runs]
    period = Period(PeriodKind.CUSTOM, min(days), max(days))
    report = build_report(real_log, ME, period, TODAY)
    with_time = [r for r in real_log.all_runs if r.duration_s]
    # the whole history is a summary (more than a year): its loads are counted by method,
    # and each year's report shows every run's load
    assert sum(report.load.methods.values()) == len(with_time)
    years = [
        resolve_period(PeriodKind.YEAR, date(y, 1, 1))
        for y in range(min(days).year, max(days).year + 1)
    ]
    loads = [item for year in years for item in build_report(real_log, ME, year, TODAY).load.runs]
    assert len(loads) == len(with_time)
    assert {item.method.value for item in loads} <= {"heart_rate", "pace", "duration"}
    assert all(item.load >= 0 for item in loads)


def test_wins_on_the_real_files_link_to_real_runs_and_agree_with_the_analysis(real_log):
    wins = wins_since(real_log, ME, date(2000, 1, 1), TODAY, UnitSystem.METRIC)
    ids = {r.id for r in real_log.all_runs}
    assert wins and all(w.run_id in ids for w in wins if w.run_id is not None)
    halves = {h.run_id: h for h in real_log.all_halves}
    for win in wins:
        if win.kind is WinKind.NEGATIVE_SPLIT:
            assert halves[win.run_id].second_s < halves[win.run_id].first_s * 0.99
    assert WinKind.RUN_MILESTONE in {w.kind for w in wins}


def test_the_printable_report_renders_for_the_busiest_real_year(real_log):
    period = Period(PeriodKind.YEAR, date(2012, 1, 1), date(2012, 12, 31))
    html = render_report_html(build_report(real_log, ME, period, TODAY))
    assert "<svg" in html and "Runs" in html
