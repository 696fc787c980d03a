"""Helpers for the training-log CLI tests: the CLI on the test's own database, and exports
built from the real device files (written in the test's tmp folder, never in the repo)."""

from __future__ import annotations

import csv
import gzip
import io
import json
import zipfile
from datetime import datetime
from pathlib import Path

from tests.conftest import ACTIVITIES

FITPARSE = ACTIVITIES / "python-fitparse"
SWEATPY = ACTIVITIES / "sweatpy"

STRAVA_COLUMNS = [
    "Activity ID",
    "Activity Date",
    "Activity Name",
    "Activity Type",
    "Activity Description",
    "Elapsed Time",
    "Distance",
    "Max Heart Rate",
    "Relative Effort",
    "Commute",
    "Activity Private Note",
    "Activity Gear",
    "Filename",
    "Athlete Weight",
    "Bike Weight",
    "Elapsed Time",
    "Moving Time",
    "Distance",
    "Max Speed",
]  # fmt: skip  (the real header: "Elapsed Time" and "Distance" appear twice)


def strava_export(folder: Path) -> Path:
    """A Strava bulk export: activities.csv and activities/ with .gz and plain files."""
    rows = [
        ("101", "Aug 15, 2015, 2:45:08 PM", "Lunch run by the river", "Run",
         "Legs felt fresh", "Pegasus 40", "activities/101.fit.gz"),
        ("102", "Jan 29, 2019, 10:25:13 AM", "Track Tuesday", "Run", "8 x 400",
         "Pegasus 40", "activities/102.tcx"),
        ("103", "Apr 18, 2020, 9:00:00 AM", "Saturday ride", "Ride", "", "Trek Domane",
         "activities/103.fit"),
        ("104", "Feb 2, 2020, 7:00:00 AM", "Gym", "Weight Training", "", "", ""),
    ]  # fmt: skip
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(STRAVA_COLUMNS)
    for activity_id, day, name, kind, description, gear, filename in rows:
        row = [""] * len(STRAVA_COLUMNS)
        row[0:5] = [activity_id, day, name, kind, description]
        row[11:13] = [gear, filename]
        writer.writerow(row)
    path = folder / "export_12345.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("activities.csv", text.getvalue())
        small_run = (FITPARSE / "activity-small-fenix2-run.fit").read_bytes()
        archive.writestr("activities/101.fit.gz", gzip.compress(small_run))
        archive.writestr("activities/102.tcx", (SWEATPY / "3173437224.tcx").read_bytes())
        archive.writestr("activities/103.fit", (SWEATPY / "4801048867.fit").read_bytes())
        archive.writestr("profile.csv", "Athlete ID,First Name\n1,Ana\n")
    return path


def garmin_export(folder: Path, start: datetime) -> Path:
    """A Garmin account export: uploaded FIT files in a nested zip, a summary JSON."""
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as uploads:
        uploads.writestr("ana_1234.fit", (FITPARSE / "2013-02-06-12-11-14.fit").read_bytes())
    summary = [
        {
            "summarizedActivitiesExport": [
                {
                    "activityId": 1234,
                    "name": "Winter tempo",
                    "activityType": "running",
                    "startTimeGmt": start.timestamp() * 1000,
                }
            ]
        }
    ]
    path = folder / "garmin.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip", inner.getvalue()
        )
        archive.writestr(
            "DI_CONNECT/DI-Connect-Fitness/ana_0_summarizedActivities.json", json.dumps(summary)
        )
    return path
