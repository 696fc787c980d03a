"""Issue 17, point 10 (escaping): text that came from files or people is printed, exported as
GPX and as CSV so that it can act on nothing: not the terminal, not an XML parser, not a
spreadsheet."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest

from runcoach.cli.output import json_text
from runcoach.cli.safe_text import printable
from runcoach.exporters.gpx_track import xml_text
from runcoach.importers.gpx import read_gpx
from tests.hostile.files import gpx_run

ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x1b[31mred\r\x9b31m\u202eevil"


def test_control_characters_and_bidi_overrides_are_printed_as_escapes() -> None:
    shown = printable(f"run: {ESCAPES}\n\tnext line")
    assert shown == (
        "run: \\x1b]0;pwned\\x07\\x1b[2J\\x1b[31mred\\x0d\\x9b31m\\u202eevil\n\tnext line"
    )


def test_json_output_escapes_what_a_terminal_could_act_on() -> None:
    text = json_text({"name": ESCAPES})
    assert not any(c in text for c in "\x1b\x07\r\x9b\u202e")
    assert "\\u009b" in text and "\\u202e" in text


def test_xml_text_replaces_what_xml_forbids() -> None:
    assert xml_text("a\x1bb\x00c\ufffe\td") == "a\ufffdb\ufffdc\ufffd\td"
    assert xml_text(None) is None


@pytest.fixture
def imported(runcoach, tmp_path):
    """A run imported from a Strava export whose index names it with escape codes and a
    formula."""
    export = tmp_path / "export.zip"
    index = io.StringIO()
    writer = csv.writer(index)
    writer.writerow(["Activity ID", "Activity Date", "Activity Name", "Filename"])
    writer.writerow(["1", "May 4, 2024, 7:00:00 AM", ESCAPES, "activities/a.gpx"])
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr("activities.csv", index.getvalue())
        archive.writestr("activities/a.gpx", gpx_run())
    result = runcoach("import", str(export))
    assert result.exit_code == 0, result.stderr
    return runcoach


@pytest.mark.parametrize("command", [("runs", "list"), ("runs", "show", "1")])
def test_a_run_named_with_terminal_escape_codes_is_printed_safely(imported, command) -> None:
    result = imported(*command)
    assert result.exit_code == 0, result.stderr
    assert "\\x1b]0;pwned" in result.stdout
    assert not any(c in result.stdout for c in "\x1b\x07\r\x9b\u202e")


def test_an_error_naming_hostile_text_is_printed_safely(runcoach) -> None:
    result = runcoach("plan", "create", "--profile", f"/nonexistent/\x1b[2J{ESCAPES}.yaml")
    assert result.exit_code != 0
    assert "\x1b" not in result.stderr and "\\x1b" in result.stderr


def test_a_gpx_export_of_a_name_with_control_characters_is_valid_xml(imported, tmp_path) -> None:
    folder = tmp_path / "tracks"
    result = imported("runs", "export", "--gpx", str(folder))
    assert result.exit_code == 0, result.stderr
    [written] = folder.glob("*.gpx")
    [run] = read_gpx(written.read_bytes())  # runcoach reads back what it wrote
    assert run.name is not None and "\ufffd]0;pwned" in run.name


@pytest.mark.parametrize("name", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)"])
def test_a_csv_cell_starting_like_a_formula_is_written_as_text(runcoach, tmp_path, name) -> None:
    (tmp_path / "a.gpx").write_bytes(gpx_run())
    runcoach("import", str(tmp_path / "a.gpx"))
    assert runcoach("runs", "edit", "1", "--name", name).exit_code == 0
    out = tmp_path / "log.csv"
    assert runcoach("runs", "export", "--csv", str(out)).exit_code == 0
    [row] = list(csv.DictReader(out.open(encoding="utf-8")))
    assert row["name"] == "'" + name
