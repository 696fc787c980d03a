"""`runcoach report` and `runcoach wins` through the real entry point."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from runcoach.domain.progress.wins import Halves
from runcoach.domain.run.runs import Run, WorkoutType
from runcoach.services import reports
from runcoach.services.runlog import AthleteProfile, MemoryLog

MONDAY = date(2026, 3, 2)


def test_an_empty_log_gives_a_report_of_zeros(runcoach):
    result = runcoach("report", "--json")
    assert result.exit_code == 0, result.stderr
    data = result.json()
    assert data["totals"]["runs"] == 0 and data["period"]["kind"] == "week"
    assert "Impellizzeri" in data["load"]["workload_ratio"]["limits"]


def test_a_custom_period_ending_before_it_starts_is_refused(runcoach):
    result = runcoach("report", "--from", "2026-03-01", "--to", "2026-02-01")
    assert result.exit_code == 2
    assert "before it starts" in result.stderr and result.stdout == ""


def test_a_period_flag_and_dates_together_are_refused(runcoach):
    result = runcoach("report", "--month", "--from", "2026-03-01", "--to", "2026-03-31")
    assert result.exit_code == 2 and "either" in result.stderr


def test_two_period_flags_are_refused_not_one_silently_taken(runcoach):
    result = runcoach("report", "--week", "--month")
    assert result.exit_code == 2 and result.stdout == ""
    assert "choose one period, not --week and --month" in result.stderr


def test_an_out_folder_that_cannot_be_written_is_a_clear_error(runcoach, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert runcoach("runs", "add", "--distance", "5k", "--duration", "25:00").exit_code == 0
    result = runcoach("report", "--out", str(blocker / "report"))  # a week with a run to chart
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert f"cannot write the report into {blocker / 'report'}" in result.stderr
    assert blocker.read_text() == "not a folder"


def test_a_malformed_date_is_a_usage_error(runcoach):
    result = runcoach("wins", "--since", "1st of March")
    assert result.exit_code == 2 and "'%Y-%m-%d'" in result.stderr


def week_of_runs() -> MemoryLog:
    runs = []
    for i, offset in enumerate((0, 2, 3, 5), 1):
        day = MONDAY + timedelta(days=offset)
        start = datetime(day.year, day.month, day.day, 7, tzinfo=UTC)
        runs.append(
            Run(
                start=start,
                distance_m=10000,
                moving_s=3000,
                id=i,
                avg_hr=150,
                max_hr=170,
                workout_type=WorkoutType.EASY,
                rpe=None,
            )
        )
    return MemoryLog(runs, all_halves=[Halves(4, 1520, 1480)])


@pytest.fixture
def logged(monkeypatch):
    """The CLI over a constructed week of runs, on Sunday 8 March 2026."""
    athlete = AthleteProfile(1, UTC, max_hr=190, resting_hr=50)
    opened = reports.OpenLog(week_of_runs(), athlete, "Ana")
    monkeypatch.setattr(
        reports, "open_log", lambda source, athlete_id=None, conn=None, db=None: opened
    )
    sunday = datetime(2026, 3, 8, 20, tzinfo=UTC)
    original = reports.today_for
    monkeypatch.setattr(reports, "today_for", lambda a, now=None: original(a, now or sunday))


def test_the_weekly_report_shows_the_measures_in_the_terminal(runcoach, logged):
    result = runcoach("report")
    assert result.exit_code == 0, result.stderr
    assert "week 2026-03-02 to 2026-03-08" in result.stdout
    assert "distance 40.0 km, time 3:20:00" in result.stdout
    assert "4 runs on 4 days" in result.stdout
    assert "loads: 4 by heart rate" in result.stdout
    assert "Negative split" in result.stdout


def test_miles_are_shown_to_a_runner_who_reads_miles(runcoach, logged):
    result = runcoach("--units", "imperial", "report")
    assert "distance 24.9 mi" in result.stdout


def test_out_writes_png_and_svg_charts_and_a_self_contained_html_report(runcoach, logged, tmp_path):
    out = tmp_path / "report"
    result = runcoach("report", "--out", str(out), "--json")
    assert result.exit_code == 0, result.stderr
    files = {p.rsplit("/", 1)[1] for p in result.json()["files"]}
    assert {
        "weekly-volume.png",
        "weekly-volume.svg",
        "fitness-fatigue-form.png",
        "intensity.svg",
        "report.html",
    } <= files
    assert (out / "weekly-volume.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    html = (out / "report.html").read_text()
    assert "<svg" in html and "Training report for Ana" in html
    for fetch in ('src="http', 'href="http', "<link", "<script", "@import", "url(http"):
        assert fetch not in html


def test_wins_lists_the_wins_with_their_runs(runcoach, logged):
    result = runcoach("wins", "--since", "2026-03-01", "--json")
    assert result.exit_code == 0, result.stderr
    kinds = {(w["kind"], w["run_id"]) for w in result.json()}
    assert ("negative_split", 4) in kinds
    text = runcoach("wins", "--since", "2026-03-01").stdout
    assert "Negative split: 10.0 km" in text and "(run 4)" in text


def test_no_wins_in_the_last_28_days_says_how_to_see_older_ones():
    from runcoach.cli.report import render_wins

    default = render_wins([], since_given=False)
    assert default.startswith("no wins in the last 28 days yet")
    assert "runcoach wins --since" in default
    assert render_wins([]) == "no wins in this period yet: every run is a chance for one"


def test_wins_from_and_to_list_only_the_wins_of_those_days(runcoach, logged):
    every = runcoach("wins", "--from", "2026-03-01", "--json").json()
    split_day = next(w["day"] for w in every if w["kind"] == "negative_split")
    before = (date.fromisoformat(split_day) - timedelta(days=1)).isoformat()
    earlier = runcoach("wins", "--from", "2026-03-01", "--to", before, "--json").json()
    assert earlier and all(w["day"] <= before for w in earlier)
    assert "negative_split" not in {w["kind"] for w in earlier}
    that_day = runcoach("wins", "--from", split_day, "--to", split_day, "--json").json()
    assert ("negative_split", 4) in {(w["kind"], w["run_id"]) for w in that_day}
    assert runcoach("wins", "--from", "2026-03-05", "--to", "2026-03-01").exit_code != 0


def test_a_report_of_more_than_a_year_counts_its_wins_and_runs_and_says_where_all_are(
    runcoach, logged
):
    result = runcoach("report", "--from", "2024-03-01", "--to", "2026-03-08")
    assert result.exit_code == 0, result.stderr
    assert "1 negative split" in result.stdout
    assert "all: runcoach wins --from 2024-03-01 --to 2026-03-08" in result.stdout
    assert "runs: 4 in all, 4 shown" in result.stdout
    data = runcoach("report", "--from", "2024-03-01", "--to", "2026-03-08", "--json").json()
    assert data["summary"]["runs_total"] == 4 and data["summary"]["wins_by_kind"]
    assert "summary" not in runcoach("report", "--json").json()
