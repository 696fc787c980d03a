"""``runcoach runs export`` as a runner uses it."""

from __future__ import annotations

import csv

from tests.conftest import ACTIVITIES, needs_shared_data

pytestmark = needs_shared_data()
FIT = str(ACTIVITIES / "python-fitparse" / "activity-small-fenix2-run.fit")


def test_the_log_goes_out_as_csv_and_gpx(runcoach, tmp_path):
    runcoach("import", FIT)
    runcoach("runs", "add", "--date", "2026-11-01", "--distance", "5k", "--duration", "25:00")
    result = runcoach(
        "runs", "export", "--csv", str(tmp_path / "out" / "log.csv"), "--gpx", str(tmp_path / "gpx")
    )
    assert result.exit_code == 0, result.stderr
    assert "wrote 2 runs to" in result.stdout and "wrote 1 GPX file to" in result.stdout
    assert "1 run without a GPS track" in result.stdout
    with (tmp_path / "out" / "log.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    assert [r["date"] for r in rows] == ["2015-08-15", "2026-11-01"]  # oldest first
    (gpx,) = (tmp_path / "gpx").glob("*.gpx")
    assert gpx.name.startswith("2015-08-15-") and gpx.name.endswith("-running-1.gpx")
    assert list(tmp_path.rglob("*.partial")) == []


def test_export_filters_by_date(runcoach, tmp_path):
    runcoach("import", FIT)
    result = runcoach("runs", "export", "--csv", str(tmp_path / "a.csv"), "--from", "2020-01-01")
    assert result.exit_code == 0 and "wrote 0 runs" in result.stdout


def test_export_without_a_destination_or_onto_a_file_says_what_is_wrong(runcoach, tmp_path):
    nothing = runcoach("runs", "export")
    assert nothing.exit_code == 2 and "--csv log.csv or --gpx tracks/" in nothing.stderr
    a_file = tmp_path / "f"
    a_file.write_text("x")
    onto_file = runcoach("runs", "export", "--gpx", str(a_file))
    assert onto_file.exit_code == 2
    backwards = runcoach("runs", "export", "--csv", "x.csv", "--from", "2026-02-01",
                         "--to", "2026-01-01")  # fmt: skip
    assert backwards.exit_code == 2 and "is after" in backwards.stderr
