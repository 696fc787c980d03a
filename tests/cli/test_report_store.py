"""`runcoach report` and `runcoach wins` over real files imported into the store."""

from __future__ import annotations

import pytest

from runcoach.services.import_sources import sources_of_paths
from runcoach.services.importing import import_sources
from tests.conftest import ACTIVITIES, local_athlete, needs_shared_data

pytestmark = needs_shared_data()

FILES = [
    "python-fitparse/activity-small-fenix2-run.fit",  # 2015-08-15, 9.0 km with heart rate
    "python-fitparse/activity-large-fenxi2-multisport.fit",  # 2015-08-29, two running legs
    "python-fitparse/sample_mulitple_header.fit",  # 2018-05-27, 9.8 km
    "python-fitparse/2013-02-06-12-11-14.fit",
    "sweatpy/3173437224.tcx",
    "gpxpy/cerknicko-jezero.gpx",  # 2010-08-05, 13.7 km without heart rate
]
FILES_OF_2010 = [ACTIVITIES / "gpxpy/cerknicko-jezero.gpx"]  # 2010-08-05, 13.7 km


@pytest.fixture
def imported(engine):
    summary = import_sources(
        engine,
        sources_of_paths([ACTIVITIES / name for name in FILES]),
        athlete_id=local_athlete(engine),
    )
    assert summary.files
    return engine.url.render_as_string(hide_password=False)


def test_a_report_over_the_imported_files_counts_every_run(runcoach, imported):
    result = runcoach(
        "--database-url", imported, "report", "--from", "2010-01-01", "--to", "2019-12-31", "--json"
    )
    assert result.exit_code == 0, result.stderr
    data = result.json()
    lines = data["runs"]
    assert data["totals"]["runs"] == len(lines) >= 6
    assert data["totals"]["distance_m"] == pytest.approx(sum(r["distance_m"] or 0 for r in lines))
    methods = {r["load_method"] for r in lines}
    assert "heart_rate" in methods and methods <= {"heart_rate", "pace", "duration"}


def test_the_month_of_the_fenix_runs_has_its_numbers_and_charts(runcoach, imported, tmp_path):
    result = runcoach(
        "--database-url",
        imported,
        "report",
        "--from",
        "2015-08-01",
        "--to",
        "2015-08-31",
        "--out",
        str(tmp_path / "out"),
    )
    assert result.exit_code == 0, result.stderr
    assert "3 runs on 2 days" in result.stdout
    assert (tmp_path / "out" / "report.html").exists()
    assert (tmp_path / "out" / "weekly-volume.png").exists()


def test_wins_over_the_imported_files_link_to_stored_runs(runcoach, imported):
    result = runcoach("--database-url", imported, "wins", "--since", "2000-01-01", "--json")
    assert result.exit_code == 0, result.stderr
    wins = result.json()
    kinds = {w["kind"] for w in wins}
    assert "run_milestone" in kinds
    listed = runcoach(
        "--database-url", imported, "report", "--from", "2010-01-01", "--to", "2019-12-31", "--json"
    ).json()["runs"]
    ids = {r["run_id"] for r in listed}
    assert all(w["run_id"] in ids for w in wins if w["run_id"] is not None)


def test_a_drive_saved_as_a_run_counts_as_cross_training_not_running(runcoach, engine):
    # first_and_last_elevation.gpx: 390 km in 2 hours, tagged cross-training on import
    import_sources(
        engine,
        sources_of_paths([ACTIVITIES / "gpxpy/first_and_last_elevation.gpx", *FILES_OF_2010]),
        athlete_id=local_athlete(engine),
    )
    url = engine.url.render_as_string(hide_password=False)
    result = runcoach("--database-url", url, "report", "--from", "2010-01-01", "--to",
                      "2013-12-31", "--json")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    data = result.json()
    assert data["totals"]["longest_run_m"] == pytest.approx(13_665, abs=5)  # the 2010 run
    assert all(r["distance_m"] < 100_000 for r in data["runs"])
    wins = runcoach("--database-url", url, "wins", "--since", "2010-01-01", "--json").json()
    assert not [w for w in wins if "km run in total" in w["title"]]
