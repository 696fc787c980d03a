"""Issue 17, point 5: a bad row or entry of an export's index is left out with its line, and
the import goes on (it used to end the whole import with a traceback)."""

from __future__ import annotations

import csv
import io
import json
import zipfile

from runcoach.importers.account_exports import garmin_index, strava_index
from runcoach.services.import_sources import sources_of_paths
from runcoach.services.importing import Outcome, import_sources
from tests.conftest import local_athlete
from tests.hostile.files import gpx_run

HEADER = [
    "Activity ID", "Activity Date", "Activity Name", "Activity Type", "Activity Description",
    "Filename",
]  # fmt: skip


def _strava_csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    writer.writerows(rows)
    return out.getvalue().encode()


def test_a_strava_field_over_128_kib_leaves_its_row_out_and_names_the_line() -> None:
    rows = [
        ["1", "May 4, 2024, 7:00:00 AM", "Long one", "Run", "x" * (200 * 1024), "activities/1.gpx"],
        ["2", "May 5, 2024, 7:00:00 AM", "Easy", "Run", "", "activities/2.gpx"],
    ]
    index = strava_index(_strava_csv(rows), "")
    assert [r.activity_id for r in index.by_start] == ["2"]
    assert index.problems and index.problems[0].startswith("line 2:")
    assert "field larger than field limit" in index.problems[0]


def test_a_row_whose_id_is_not_a_number_is_left_out() -> None:
    index = strava_index(_strava_csv([["=cmd|' /C calc'!A0", "", "x", "Run", "", ""]]), "")
    assert index.by_start == []
    assert "is not a number" in index.problems[0]


def test_names_longer_than_the_log_keeps_are_cut() -> None:
    index = strava_index(_strava_csv([["7", "", "n" * 5000, "Run", "d", "a.gpx"]]), "")
    assert len(index.by_start[0].name or "") == 500


def test_a_deeply_nested_garmin_json_is_an_index_problem_not_a_crash() -> None:
    index = garmin_index(b"[" * 200_000 + b"]" * 200_000)
    assert index.by_start == []
    assert "nested too deep" in index.problems[0]


def test_a_bad_garmin_entry_is_left_out_by_number_and_the_others_kept() -> None:
    entries = [
        {"startTimeGmt": 1714806000000, "name": "Morning", "activityType": "running"},
        {"startTimeGmt": "soon", "name": {"deep": [1, 2]}},
        {"startTimeGmt": 1e300},
        {"startTimeGmt": 1714892400000, "name": ["not", "text"], "activityType": {"x": 1}},
    ]
    index = garmin_index(json.dumps([{"summarizedActivitiesExport": entries}]).encode())
    assert [r.name for r in index.by_start] == ["Morning", None]
    assert [p.split(":")[0] for p in index.problems] == ["entry 2", "entry 3"]


def test_an_export_with_a_broken_index_still_imports_its_files_and_says_why(engine, tmp_path):
    export = tmp_path / "export.zip"
    rows = [
        ["1", "May 4, 2024, 7:00:00 AM", "Huge", "Run", "y" * (300 * 1024), "activities/a.gpx"],
        ["2", "May 4, 2024, 7:00:00 AM", "Named by Strava", "Run", "", "activities/b.gpx"],
    ]
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr("activities.csv", _strava_csv(rows))
        archive.writestr("activities/b.gpx", gpx_run(name="from the file"))
    summary = import_sources(engine, sources_of_paths([export]), athlete_id=local_athlete(engine))
    by_name = {f.name.rsplit("!", 1)[-1]: f for f in summary.files}
    assert by_name["activities/b.gpx"].outcome is Outcome.IMPORTED
    index = by_name["activities.csv"]
    assert index.kind == "index" and index.warnings[0].startswith("line 2:")


def test_a_garmin_export_folder_with_deep_json_still_imports(engine, tmp_path):
    fitness = tmp_path / "DI_CONNECT" / "DI-Connect-Fitness"
    fitness.mkdir(parents=True)
    (fitness / "me_0_summarizedActivities.json").write_bytes(b"{" + b'"a":[' * 100_000)
    (tmp_path / "run.gpx").write_bytes(gpx_run())
    summary = import_sources(engine, sources_of_paths([tmp_path]), athlete_id=local_athlete(engine))
    assert summary.count(Outcome.IMPORTED) == 1
    index = next(f for f in summary.files if f.kind == "index")
    assert "not read as JSON" in index.warnings[0]
