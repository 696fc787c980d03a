"""``runcoach import`` as a runner uses it, on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import shutil
import zipfile
from datetime import UTC, datetime

from tests.cli.log_fixtures import FITPARSE, SWEATPY, garmin_export, strava_export
from tests.conftest import ACTIVITIES, needs_shared_data

pytestmark = needs_shared_data()


def _by_name(summary):
    return {d["name"].rsplit("/", 1)[-1].rsplit("!", 1)[-1]: d for d in summary["details"]}


def test_every_real_file_is_imported_or_reported_with_its_reason(log_cli):
    result = log_cli("import", str(ACTIVITIES), "--json")
    assert result.exit_code == 0, result.stderr
    summary = result.json()
    assert summary["failed"] == 0
    assert summary["imported"] > 30
    for detail in summary["details"]:
        assert detail["outcome"] == "imported" or detail["reason"], detail
    details = _by_name(summary)
    assert "settings file" in details["Settings.fit"]["reason"]
    assert "workout file" in details["WorkoutRepeatSteps.fit"]["reason"]
    assert "monitoring" in details["MonitoringFile.fit"]["reason"]
    assert details["4078723797_strava.gpx"]["outcome"] == "already_there"


def test_importing_the_same_folder_again_adds_nothing(log_cli):
    first = log_cli("import", str(SWEATPY), "--json").json()
    again = log_cli("import", str(SWEATPY), "--json").json()
    assert again["imported"] == 0
    assert again["runs_added"] == 0
    assert again["already_there"] == first["imported"] + first["already_there"]
    listed = log_cli("runs", "list", "--all", "--json").json()
    assert len(listed) == first["runs_added"]


def test_the_text_summary_lists_each_file_not_imported_with_its_reason(log_cli, tmp_path):
    folder = tmp_path / "watch"
    folder.mkdir()
    shutil.copy(SWEATPY / "4801048867.fit", folder / "ride.fit")
    (folder / "broken.fit").write_bytes(b"\x0e\x10" + b"\x00" * 6 + b".FIT" + b"\xff" * 40)
    shutil.copy(FITPARSE / "Settings.fit", folder / "Settings.fit")
    result = log_cli("import", str(folder))
    assert result.exit_code == 0
    assert "imported 1 file (1 run added)" in result.stdout
    assert "failed: " in result.stdout and "broken.fit" in result.stdout
    assert "not an activity: " in result.stdout and "settings file" in result.stdout


def test_a_folder_of_only_broken_files_is_a_failure(log_cli, tmp_path):
    tmp_path = tmp_path / "files"
    tmp_path.mkdir()
    (tmp_path / "a.fit").write_bytes(b"not a fit file at all, really not")
    (tmp_path / "b.gpx").write_bytes(b"<gpx><trk><trkseg><trkpt lat=")
    result = log_cli("import", str(tmp_path), "--json")
    assert result.exit_code == 6
    assert result.json()["failed"] == 2
    assert "none of the 2" in result.stderr


def test_a_folder_of_files_that_are_not_activities_is_not_an_error(log_cli, tmp_path):
    tmp_path = tmp_path / "files"
    tmp_path.mkdir()
    shutil.copy(FITPARSE / "Settings.fit", tmp_path / "Settings.fit")
    (tmp_path / "notes.txt").write_text("hello")
    result = log_cli("import", str(tmp_path), "--json")
    assert result.exit_code == 0
    assert result.json()["not_activity"] == 2


def test_a_path_that_does_not_exist_is_a_usage_error(log_cli, tmp_path):
    result = log_cli("import", str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert "no such file or folder" in result.stderr


def test_a_zip_with_a_corrupt_member_imports_the_others(log_cli, tmp_path):
    path = tmp_path / "export.zip"
    good = (SWEATPY / "6449921903_ACTIVITY.fit").read_bytes()
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a_good.fit", good)
        archive.writestr("b_damaged.fit", (SWEATPY / "4801048867.fit").read_bytes())
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        damaged = archive.getinfo("b_damaged.fit")
    middle = damaged.header_offset + 30 + len(damaged.filename) + damaged.compress_size // 2
    data[middle : middle + 64] = b"\x00" * 64  # a damaged download
    path.write_bytes(bytes(data))
    summary = log_cli("import", str(path), "--json").json()
    details = _by_name(summary)
    assert details["a_good.fit"]["outcome"] == "imported"
    assert details["b_damaged.fit"]["outcome"] == "failed"
    assert "damaged" in details["b_damaged.fit"]["reason"]


def test_a_hostile_zip_is_refused_member_by_member_and_nothing_is_written(log_cli, tmp_path):
    nested = (SWEATPY / "6449921903_ACTIVITY.fit").read_bytes()
    for depth in range(8):  # a zip in a zip in a zip... (the 42.zip trick)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr(f"level{depth}.zip" if depth else "deep.fit", nested)
        nested = buffer.getvalue()
    path = tmp_path / "hostile.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("../../escape.fit", (SWEATPY / "4801048867.fit").read_bytes())
        archive.writestr("/etc/evil.gpx", b"<gpx/>")
        archive.writestr("russian_doll.zip", nested)
        archive.writestr("ok.fit", (SWEATPY / "4078723797.fit").read_bytes())
    before = sorted(p.name for p in tmp_path.parent.rglob("*escape*"))
    result = log_cli("import", str(path), "--json")
    assert result.exit_code == 0
    details = _by_name(result.json())
    assert details["ok.fit"]["outcome"] == "imported"
    assert "unsafe path" in details["escape.fit"]["reason"]
    assert "unsafe path" in details["evil.gpx"]["reason"]
    deep = [d for d in result.json()["details"] if "russian_doll" in d["name"]]
    assert deep and all(d["outcome"] == "failed" for d in deep)
    assert "nested more than" in deep[0]["reason"]
    assert sorted(p.name for p in tmp_path.parent.rglob("*escape*")) == before


def test_a_strava_export_merges_names_descriptions_and_shoes_into_the_runs(log_cli, tmp_path):
    result = log_cli("import", str(strava_export(tmp_path)), "--json")
    assert result.exit_code == 0, result.stderr
    summary = result.json()
    assert summary["imported"] == 3
    runs = {run["name"]: run for run in log_cli("runs", "list", "--all", "--json").json()}
    assert set(runs) == {"Lunch run by the river", "Track Tuesday", "Saturday ride"}
    shown = log_cli("runs", "show", str(runs["Lunch run by the river"]["id"]), "--json").json()
    assert shown["notes"] == "Legs felt fresh"
    assert shown["shoes"] == "Pegasus 40"
    shoes = log_cli("shoes", "list", "--json").json()
    assert [pair["name"] for pair in shoes] == ["Pegasus 40"]  # the bike is not a shoe
    assert shoes[0]["runs"] == 2


def test_a_garmin_export_with_nested_uploads_gets_its_names(log_cli, tmp_path):
    start = datetime(2013, 2, 6, 12, 11, 14, tzinfo=UTC)
    result = log_cli("import", str(garmin_export(tmp_path, start)), "--json")
    assert result.exit_code == 0, result.stderr
    assert result.json()["imported"] == 1
    [run] = log_cli("runs", "list", "--all", "--json").json()
    assert run["name"] == "Winter tempo"


def test_json_output_has_no_progress_bar_or_other_text(log_cli):
    result = log_cli("import", str(SWEATPY), "--json")
    assert result.stdout.count("\n") == 1
    assert result.json()["files"] > 5


def test_a_progress_bar_shows_on_a_terminal_only(log_cli, monkeypatch):
    import sys

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    shown = log_cli("import", str(SWEATPY))
    assert "importing" in shown.stderr
    quiet = log_cli("import", str(SWEATPY), "--json")
    assert "importing" not in quiet.stderr


def test_a_run_file_the_export_calls_a_ride_is_analysed_and_tagged_as_a_ride(log_cli, tmp_path):
    assert log_cli("import", str(strava_export(tmp_path)), "--json").exit_code == 0
    runs = {run["name"]: run for run in log_cli("runs", "list", "--all", "--json").json()}
    ride = log_cli("runs", "show", str(runs["Saturday ride"]["id"]), "--json").json()
    assert ride["sport"] == "cycling"
    assert ride["workout_type"] == "cross-training"
    assert ride["best_efforts"] == []  # best efforts are running efforts
    lunch = log_cli("runs", "show", str(runs["Lunch run by the river"]["id"]), "--json").json()
    assert lunch["sport"] == "running" and lunch["best_efforts"]
