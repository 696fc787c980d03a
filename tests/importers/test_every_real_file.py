"""Every file in the shared activities folder has exactly one expected outcome.

A change of outcome (a file that stops importing, or a problem of another kind) shows here.
"run" = one run, "runs:N" = N runs (multisport legs), "+warning" = imported with a warning.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from runcoach.domain.errors import CorruptFile, ImportProblem, NotAnActivity, UnsupportedFile
from runcoach.importers import read_activity
from tests.conftest import ACTIVITIES, needs_shared_data

NOT_ACTIVITY, CORRUPT, UNSUPPORTED = "not-activity", "corrupt", "unsupported"
KINDS = {NotAnActivity: NOT_ACTIVITY, CorruptFile: CORRUPT, UnsupportedFile: UNSUPPORTED}

EXPECTED = {
    "gpxpy/LICENSE.txt": UNSUPPORTED,
    "gpxpy/Mojstrovka.gpx": NOT_ACTIVITY,  # times of 1901: the device clock was never set
    "gpxpy/around-visnjan-with-car.gpx": "run",
    "gpxpy/cerknicko-jezero-no-creator.gpx": "run",
    "gpxpy/cerknicko-jezero-with-elevations-zero.gpx": "run",
    "gpxpy/cerknicko-jezero-without-elevations.gpx": "run+warning",
    "gpxpy/cerknicko-jezero.gpx": "run",
    "gpxpy/cerknicko-without-times.gpx": "run+warning",  # only 5 of its points have times
    "gpxpy/custom_schema_locations.gpx": NOT_ACTIVITY,
    "gpxpy/default_schema_locations.gpx": NOT_ACTIVITY,
    "gpxpy/first_and_last_elevation.gpx": "run",
    "gpxpy/gpx-with-node-with-comments.gpx": NOT_ACTIVITY,
    "gpxpy/gpx1.0_with_all_fields.gpx": NOT_ACTIVITY,
    "gpxpy/gpx1.1_with_all_fields.gpx": NOT_ACTIVITY,
    "gpxpy/gpx1.1_with_extensions.gpx": NOT_ACTIVITY,
    "gpxpy/gpx1.1_with_extensions_without_namespaces.gpx": NOT_ACTIVITY,
    "gpxpy/gpx_with_garmin_extension.gpx": NOT_ACTIVITY,
    "gpxpy/korita-zbevnica.gpx": "run+warning",
    "gpxpy/route.gpx": NOT_ACTIVITY,
    "gpxpy/track-with-empty-segment.gpx": "run",
    "gpxpy/track-with-extremes.gpx": NOT_ACTIVITY,
    "gpxpy/track-with-less-sec-time.gpx": "run",
    "gpxpy/track-with-small-floats.gpx": NOT_ACTIVITY,
    "gpxpy/track_with_dilution_errors.gpx": NOT_ACTIVITY,
    "gpxpy/track_with_speed.gpx": "run",
    "gpxpy/unicode.gpx": NOT_ACTIVITY,
    "gpxpy/unicode2.gpx": NOT_ACTIVITY,
    "gpxpy/unicode_with_bom.gpx": NOT_ACTIVITY,
    "gpxpy/unicode_with_bom_noencoding.gpx": NOT_ACTIVITY,
    "python-fitparse/2013-02-06-12-11-14.fit": "run",
    "python-fitparse/2015-10-13-08-43-15.fit": "run",
    "python-fitparse/20170518-191602-1740899583.fit": "run",
    "python-fitparse/2019-02-17-062644-ELEMNT-297E-195-0.fit": "run",
    "python-fitparse/Activity.fit": "run",
    "python-fitparse/DeveloperData.fit": NOT_ACTIVITY,  # records without timestamps
    "python-fitparse/Edge810-Vector-2013-08-16-15-35-10.fit": "run",
    "python-fitparse/LICENSE.txt": UNSUPPORTED,
    "python-fitparse/MonitoringFile.fit": NOT_ACTIVITY,
    "python-fitparse/Settings.fit": NOT_ACTIVITY,
    "python-fitparse/Settings2.fit": NOT_ACTIVITY,
    "python-fitparse/WeightScaleMultiUser.fit": NOT_ACTIVITY,
    "python-fitparse/WeightScaleSingleUser.fit": NOT_ACTIVITY,
    "python-fitparse/WorkoutCustomTargetValues.fit": NOT_ACTIVITY,
    "python-fitparse/WorkoutIndividualSteps.fit": NOT_ACTIVITY,
    "python-fitparse/WorkoutRepeatGreaterThanStep.fit": NOT_ACTIVITY,
    "python-fitparse/WorkoutRepeatSteps.fit": NOT_ACTIVITY,
    "python-fitparse/activity-activity-filecrc.fit": "run+warning",  # CRC wrong
    "python-fitparse/activity-filecrc.fit": "run+warning",  # CRC wrong
    "python-fitparse/activity-large-fenxi2-multisport.fit": "runs:7",
    "python-fitparse/activity-settings-corruptheader.fit": "run+warning",  # 2nd header broken
    "python-fitparse/activity-settings-nodata.fit": "run+warning",  # 2nd part cut short
    "python-fitparse/activity-settings.fit": "run",
    "python-fitparse/activity-small-fenix2-run.fit": "run",
    "python-fitparse/activity-unexpected-eof.fit": "run+warning",  # truncated
    "python-fitparse/antfs-dump.63.fit": "run+warning",  # device-relative times
    "python-fitparse/compressed-speed-distance-records.csv": UNSUPPORTED,
    "python-fitparse/compressed-speed-distance.fit": "run+warning",  # device-relative times
    "python-fitparse/coros-pace-2-cycling-misaligned-fields.fit": "run",
    "python-fitparse/developer-types-sample.fit": "run",
    "python-fitparse/elemnt-bolt-no-application-id-inside-developer-data-id.fit": "run",
    "python-fitparse/event_timestamp.fit": "run",
    "python-fitparse/garmin-edge-500-activity-records.csv": UNSUPPORTED,
    "python-fitparse/garmin-edge-500-activity.fit": "run",
    "python-fitparse/garmin-edge-820-bike-records.csv": UNSUPPORTED,
    "python-fitparse/garmin-edge-820-bike.fit": "run",
    "python-fitparse/garmin-fenix-5-bike-records.csv": UNSUPPORTED,
    "python-fitparse/garmin-fenix-5-bike.fit": "run",
    "python-fitparse/garmin-fenix-5-run-records.csv": UNSUPPORTED,
    "python-fitparse/garmin-fenix-5-run.fit": "run",
    "python-fitparse/garmin-fenix-5-walk-records.csv": UNSUPPORTED,
    "python-fitparse/garmin-fenix-5-walk.fit": "run",
    "python-fitparse/nametest.FIT": NOT_ACTIVITY,
    "python-fitparse/nick.fit": "run+warning",  # truncated
    "python-fitparse/null_compressed_speed_dist.fit": "run",
    "python-fitparse/sample-activity-indoor-trainer.fit": "run",
    "python-fitparse/sample-activity.fit": "run",
    "python-fitparse/sample_mulitple_header.fit": "runs:5",
    "python-fitparse/strava-android-app-201.10-b1218918.fit": "run+warning",  # breaks at 7471
    "sweatpy/2020-06-01-16-52-40.fit": "run",
    "sweatpy/3173437224.tcx": "run",
    "sweatpy/4078723797.fit": "run",
    "sweatpy/4078723797_strava.gpx": "run",
    "sweatpy/4801048867.fit": "run",
    "sweatpy/4801048867_strava.gpx": "run",
    "sweatpy/6449921903_ACTIVITY.fit": "run",
    "sweatpy/6471559601_ACTIVITY.fit": "runs:3",
    "sweatpy/LICENSE.txt": UNSUPPORTED,
    "sweatpy/activity_4078723797.gpx": "run",
    "sweatpy/activity_4801048867.gpx": "run",
    "sweatpy/activity_4801048867.tcx": "run",
    "sweatpy/activity_5039744860.gpx": "run",
    "sweatpy/activity_5039744860.tcx": "run",
    "tcxreader/LICENSE.txt": UNSUPPORTED,
    "tcxreader/cross-country-skiing_activity_1.tcx": "run",
    "tcxreader/mapmyride_biking.tcx": "run",
    "tcxreader/sup_activity_1.tcx": "run",
}

FILES = sorted(p for p in ACTIVITIES.rglob("*") if p.is_file()) if ACTIVITIES.is_dir() else []


def outcome(path: Path) -> str:
    try:
        runs = read_activity(path.name, path.read_bytes())
    except ImportProblem as problem:
        assert problem.message, "a problem always says what is wrong"
        return KINDS[type(problem)]
    assert runs, "a reader returns at least one run or raises"
    label = "run" if len(runs) == 1 else f"runs:{len(runs)}"
    return label + ("+warning" if any(run.warnings for run in runs) else "")


@needs_shared_data()
def test_the_table_lists_every_file_in_the_folder() -> None:
    assert sorted(str(p.relative_to(ACTIVITIES)) for p in FILES) == sorted(EXPECTED)


@needs_shared_data()
@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ACTIVITIES)))
def test_every_real_file_gives_its_expected_outcome(path: Path) -> None:
    assert outcome(path) == EXPECTED[str(path.relative_to(ACTIVITIES))]


@needs_shared_data()
@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ACTIVITIES)))
def test_every_imported_run_is_complete_and_consistent(path: Path) -> None:
    try:
        runs = read_activity(path.name, path.read_bytes())
    except ImportProblem:
        return
    for run in runs:
        assert run.start.utcoffset() is not None and run.start.year >= 1990
        assert run.elapsed_s is not None and run.elapsed_s >= 0
        assert run.moving_s is None or run.moving_s <= run.elapsed_s + 1
        assert run.streams is not None and run.streams.time_s[0] >= -2
        assert run.avg_hr is None or 25 <= run.avg_hr <= 230
        assert run.source in ("fit", "gpx", "tcx")
