"""The decade benchmark replays real files at other dates without changing anything else."""

from __future__ import annotations

from datetime import timedelta

import fitdecode
import pytest

from benchmarks.replay import shift_fit, shift_xml
from tests.conftest import ACTIVITIES, needs_shared_data

WEEK_S = 7 * 86400


def _fit_timestamps(data: bytes) -> list:
    stamps = []
    with fitdecode.FitReader(data, check_crc=fitdecode.CrcCheck.RAISE) as reader:
        for frame in reader:
            is_record = isinstance(frame, fitdecode.FitDataMessage) and frame.name == "record"
            if is_record and frame.has_field("timestamp"):
                stamps.append(frame.get_value("timestamp"))
    return stamps


@needs_shared_data()
@pytest.mark.parametrize(
    "name",
    ["garmin-fenix-5-run.fit", "activity-small-fenix2-run.fit", "2013-02-06-12-11-14.fit"],
)
def test_a_replayed_fit_file_has_every_record_moved_and_a_valid_crc(name):
    data = (ACTIVITIES / "python-fitparse" / name).read_bytes()
    before = _fit_timestamps(data)
    after = _fit_timestamps(shift_fit(data, WEEK_S))
    assert len(after) == len(before) > 0
    assert all(b - a == timedelta(seconds=WEEK_S) for a, b in zip(before, after, strict=True))


def test_fit_shifts_must_keep_compressed_timestamps_valid():
    with pytest.raises(ValueError, match="32"):
        shift_fit(b"", 31)


def test_gpx_and_tcx_times_are_moved_in_the_text():
    gpx = b"<trkpt><time>2020-06-01T16:52:40Z</time></trkpt><Id>2020-06-01T16:52:40.000Z</Id>"
    moved = shift_xml(gpx, 86400)
    assert moved == (
        b"<trkpt><time>2020-06-02T16:52:40Z</time></trkpt><Id>2020-06-02T16:52:40.000Z</Id>"
    )


@needs_shared_data()
def test_relative_system_times_of_old_devices_are_left_alone_and_the_anchor_moves():
    # FR70-era files count record times from power-on (< 0x10000000) and anchor them with
    # activity.local_timestamp, an absolute date: only the anchor moves.
    data = (ACTIVITIES / "python-fitparse" / "compressed-speed-distance.fit").read_bytes()
    assert _fit_timestamps(shift_fit(data, WEEK_S)) == _fit_timestamps(data)

    def anchor(raw: bytes):
        with fitdecode.FitReader(raw) as reader:
            for frame in reader:
                if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "activity":
                    return frame.get_value("local_timestamp")
        return None

    assert anchor(shift_fit(data, WEEK_S)) - anchor(data) == timedelta(seconds=WEEK_S)


@needs_shared_data()
@pytest.mark.parametrize(
    "name", ["activity-unexpected-eof.fit", "strava-android-app-201.10-b1218918.fit"]
)
def test_a_truncated_fit_file_is_moved_as_far_as_it_goes(name):
    # The device stopped writing: no CRC to recompute, but every whole record is moved, so
    # the decade does not replay the same bytes (a duplicate) on every day it uses this file.
    from runcoach.importers import read_activity

    data = (ACTIVITIES / "python-fitparse" / name).read_bytes()
    moved = shift_fit(data, WEEK_S)
    assert len(moved) == len(data) and moved != data
    (before,), (after,) = read_activity(name, data), read_activity(name, moved)
    assert after.start - before.start == timedelta(seconds=WEEK_S)
    assert after.distance_m == before.distance_m
