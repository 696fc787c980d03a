"""The log as CSV and as GPX: what a spreadsheet and another app read."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import numpy as np
import pytest

from runcoach.domain.errors import InvalidInput
from runcoach.domain.run.runs import RaceResult, Run, Sport, Streams, WorkoutType
from runcoach.exporters.gpx_track import run_gpx
from runcoach.exporters.log_csv import COLUMNS, LogRow, safe_text, write_log_csv
from runcoach.importers import read_activity
from tests.conftest import ACTIVITIES, needs_shared_data

START = datetime(2026, 11, 20, 6, 12, tzinfo=UTC)


def _csv(*rows: LogRow) -> list[dict[str, str]]:
    out = io.StringIO()
    assert write_log_csv(rows, out) == len(rows)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def test_a_run_is_a_row_in_local_time_with_numbers_a_spreadsheet_can_sum():
    run = Run(
        start=START, timezone="Europe/Ljubljana", distance_m=10_000, moving_s=2_490,
        elapsed_s=2_530, avg_hr=151.4, workout_type=WorkoutType.TEMPO, name="Tempo 10k",
        race=RaceResult(official_time_s=2_495, distance_m=10_000, name="Ljubljana 10k"), id=7,
    )  # fmt: skip
    (row,) = _csv(LogRow(run, "Pegasus"))
    assert list(row) == list(COLUMNS)
    assert row["start_local"] == "2026-11-20 07:12:00" and row["date"] == "2026-11-20"
    assert row["distance_km"] == "10.0" and row["distance_mi"] == "6.214"
    assert row["moving_time"] == "41:30" and row["pace_per_km"] == "4:09"
    assert row["pace_per_mi"] == "6:41" and row["avg_hr"] == "151.4"
    assert row["workout_type"] == "tempo" and row["shoes"] == "Pegasus"
    assert row["race"] == "yes" and row["race_official_time_s"] == "2495.0"
    assert row["max_hr"] == "" and row["rpe"] == ""


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tx"])
def test_text_a_spreadsheet_would_run_as_a_formula_is_kept_as_text(text):
    run = Run(start=START, name=text, notes=text, id=1)
    (row,) = _csv(LogRow(run, text))
    assert row["name"] == row["notes"] == row["shoes"] == "'" + text
    assert safe_text("Easy 8k") == "Easy 8k" and safe_text(None) == ""


def test_a_run_without_positions_has_no_gpx():
    treadmill = Run(
        start=START, sport=Sport.TREADMILL, id=3,
        streams=Streams(time_s=np.arange(3.0), distance_m=np.array([0.0, 3.0, 6.0])),
    )  # fmt: skip
    with pytest.raises(InvalidInput, match="run 3 has no GPS track"):
        run_gpx(treadmill)


@needs_shared_data()
@pytest.mark.parametrize(
    "name", ["python-fitparse/activity-small-fenix2-run.fit", "sweatpy/4801048867.fit"]
)
def test_a_gpx_export_reads_back_as_the_same_run(name):
    path = ACTIVITIES / name
    (run,) = read_activity(path.name, path.read_bytes())
    run.id = 1
    (again,) = read_activity("export.gpx", run_gpx(run).encode())
    kept = np.isfinite(run.streams.latitude)
    assert again.start == run.start and again.sport is run.sport
    assert len(again.streams) == int(kept.sum())
    assert again.streams.distance_m[-1] == pytest.approx(
        np.nanmax(run.streams.distance_m), rel=0.02
    )
    if run.streams.heart_rate is not None:
        assert np.nanmean(again.streams.heart_rate) == pytest.approx(
            np.nanmean(run.streams.heart_rate[kept]), abs=0.6
        )
    if run.streams.cadence_spm is not None:  # halved to strides on the way out, doubled back
        assert np.nanmean(again.streams.cadence_spm) == pytest.approx(
            np.nanmean(run.streams.cadence_spm[kept]), abs=1.5
        )
