"""The FIT reader on real device files, one test per known trap."""

from __future__ import annotations

import csv
import itertools
import struct
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

from runcoach.domain.run.runs import Run, Sport
from runcoach.importers import read_activity
from runcoach.importers.fit_decode import decode, decode_fast, fit_crc
from tests.conftest import ACTIVITIES, needs_shared_data

pytestmark = needs_shared_data()
FITPARSE = ACTIVITIES / "python-fitparse"
SWEATPY = ACTIVITIES / "sweatpy"


def read(path: Path) -> list[Run]:
    return read_activity(path.name, path.read_bytes())


def test_a_garmin_run_has_every_summary_number_and_stream() -> None:
    (run,) = read(FITPARSE / "garmin-fenix-5-run.fit")
    assert run.start == datetime(2017, 6, 11, 14, 34, 9, tzinfo=UTC)
    assert run.timezone == "-07:00"
    assert run.sport is Sport.RUNNING and run.device == "garmin fenix5" and run.source == "fit"
    assert run.distance_m == pytest.approx(157.56)
    assert run.elapsed_s == pytest.approx(56.887) and run.moving_s == pytest.approx(56.887)
    assert (run.ascent_m, run.descent_m) == (2, 0)
    assert (run.avg_hr, run.max_hr, run.calories) == (90, 112, 5)
    assert run.avg_cadence_spm == pytest.approx((83 + 0.671875) * 2)
    assert len(run.laps) == 1 and run.laps[0].distance_m == pytest.approx(157.56)
    streams = run.streams
    assert streams is not None and len(streams) == 21 and streams.time_s[0] == 0
    assert streams.latitude is not None and streams.latitude[0] == pytest.approx(38.2297873)
    assert streams.cadence_spm is not None and streams.speed_m_s is not None
    assert run.warnings == []


@pytest.mark.parametrize(
    "name", ["garmin-fenix-5-run", "garmin-fenix-5-bike", "garmin-fenix-5-walk",
             "garmin-edge-820-bike", "garmin-edge-500-activity"],
)  # fmt: skip
def test_records_match_the_expected_values_published_with_the_file(name: str) -> None:
    (run,) = read(FITPARSE / f"{name}.fit")
    with (FITPARSE / f"{name}-records.csv").open() as handle:
        expected: dict[float, dict[str, str]] = {}
        for row in csv.DictReader(handle):  # a repeated second: the first record's values win
            expected.setdefault(_pdt(row["timestamp"]), row)
    streams = run.streams
    assert streams is not None and streams.distance_m is not None
    times = [run.start.timestamp() + t for t in streams.time_s]
    assert times == list(expected)
    for i, row in enumerate(expected.values()):
        assert streams.distance_m[i] == pytest.approx(float(row["distance"]), abs=0.01)
        if row["heart_rate"] not in ("", "None", "0"):
            assert streams.heart_rate is not None
            assert streams.heart_rate[i] == float(row["heart_rate"])
        # the published table repeats the last fix where the device wrote none (9 seconds)
        if row["position_lat"] not in ("", "None") and _has_fix(streams.latitude, i):
            degrees = float(row["position_lat"]) * 180 / 2**31
            assert streams.latitude is not None
            assert streams.latitude[i] == pytest.approx(degrees, abs=1e-7)


def _has_fix(latitude: np.ndarray | None, i: int) -> bool:
    return latitude is not None and bool(np.isfinite(latitude[i]))


def _pdt(text: str) -> float:
    local = datetime.strptime(text.replace(" PDT", ""), "%a %b %d %H:%M:%S %Y")
    return local.replace(tzinfo=UTC).timestamp() + 7 * 3600


def test_compressed_timestamps_and_compressed_speed_distance_match_the_expected_records() -> None:
    content = decode((FITPARSE / "compressed-speed-distance.fit").read_bytes())
    columns = content.columns()
    with (FITPARSE / "compressed-speed-distance-records.csv").open() as handle:
        rows = [{k.strip(): v for k, v in row.items()} for row in csv.DictReader(handle)]
    by_time = {float(r["Timestamp"]): r for r in rows}
    matched = 0
    for i, stamp in enumerate(columns["timestamp"]):
        row = by_time.get(stamp)
        if row is None:
            continue
        matched += 1
        assert columns["distance"][i] == pytest.approx(float(row["Distance [m]"]), abs=0.01)
        assert columns["speed"][i] == pytest.approx(float(row["Speed [m/s]"]), abs=0.01)
        assert columns["heart_rate"][i] == float(row["Heart Rate [bpm]"])
    assert matched == len(rows)
    (run,) = read(FITPARSE / "compressed-speed-distance.fit")
    assert run.distance_m == pytest.approx(10248.67) and run.streams is not None
    assert run.streams.distance_m is not None and run.streams.distance_m[-1] > 10_000


def test_a_file_with_only_device_relative_times_is_dated_from_its_local_clock_with_a_warning() -> (
    None
):
    (run,) = read(FITPARSE / "compressed-speed-distance.fit")
    assert run.start.year == 2012 and run.timezone is None
    assert any("switched on" in warning for warning in run.warnings)


def test_a_duplicate_empty_distance_field_does_not_erase_the_real_one() -> None:
    # Zwift writes 'distance' natively and again, empty, as a compressed_speed_distance component
    (run,) = read(FITPARSE / "null_compressed_speed_dist.fit")
    assert run.device == "zwift" and run.distance_m == pytest.approx(13400.14)
    assert run.streams is not None and run.streams.distance_m is not None
    assert np.isfinite(run.streams.distance_m).all()
    assert run.streams.distance_m[-1] == pytest.approx(13400, abs=50)


def test_a_developer_field_named_like_a_native_one_does_not_shadow_it() -> None:
    original = (FITPARSE / "20170518-191602-1740899583.fit").read_bytes()
    patched = _renamed_developer_field(original, b"Heart Rate\0", b"heart_rate\0")
    assert decode_fast(patched) is None  # the fast decoder is not trusted with such a file
    (before,) = read_activity("a.fit", original)
    (after,) = read_activity("a.fit", patched)
    assert after.avg_hr == before.avg_hr
    assert before.streams is not None and after.streams is not None
    assert before.streams.heart_rate is not None and after.streams.heart_rate is not None
    np.testing.assert_array_equal(after.streams.heart_rate, before.streams.heart_rate)


def _renamed_developer_field(data: bytes, old: bytes, new: bytes) -> bytes:
    assert len(old) == len(new) and old in data  # the first one is in the field_description
    buffer = bytearray(data.replace(old, new, 1))
    header_size = buffer[0]
    (size,) = struct.unpack_from("<I", buffer, 4)
    end = header_size + size
    struct.pack_into("<H", buffer, end, fit_crc(buffer[:end]))
    return bytes(buffer)


def test_heart_rate_recorded_in_separate_hr_messages_fills_the_records() -> None:
    (swim,) = read(FITPARSE / "event_timestamp.fit")
    assert swim.sport is Sport.SWIMMING
    assert swim.streams is not None and swim.streams.heart_rate is not None
    assert np.isfinite(swim.streams.heart_rate).sum() > 1000
    assert 60 < np.nanmean(swim.streams.heart_rate) < 200


def test_a_multisport_file_gives_one_run_per_leg() -> None:
    runs = read(FITPARSE / "activity-large-fenxi2-multisport.fit")
    assert len(runs) == 7
    assert [r.sub_sport for r in runs if r.sport is Sport.OTHER][1:] == ["transition"] * 3
    assert [r.sport for r in runs].count(Sport.RUNNING) == 2
    assert all(r.start < n.start for r, n in itertools.pairwise(runs))
    for run in runs:
        assert run.streams is not None and run.streams.time_s[0] >= -1


def test_a_chained_file_with_several_headers_gives_every_leg() -> None:
    runs = read(FITPARSE / "sample_mulitple_header.fit")
    assert [r.sport for r in runs] == [
        Sport.SWIMMING, Sport.OTHER, Sport.CYCLING, Sport.OTHER, Sport.RUNNING,
    ]  # fmt: skip
    assert runs[-1].distance_m == pytest.approx(9806, abs=1)


def test_a_chained_file_repeating_one_activity_gives_it_once() -> None:
    (run,) = read(FITPARSE / "activity-activity-filecrc.fit")
    assert run.streams is not None and len(run.streams) == 14 and len(run.laps) == 1


def test_a_file_with_a_wrong_crc_is_imported_with_a_warning() -> None:
    (run,) = read(FITPARSE / "activity-filecrc.fit")
    assert any("CRC" in warning for warning in run.warnings)


@pytest.mark.parametrize(
    "name, records",
    [("nick.fit", 14383), ("activity-unexpected-eof.fit", 14),
     ("strava-android-app-201.10-b1218918.fit", 235), ("activity-settings-nodata.fit", 14)],
)  # fmt: skip
def test_a_truncated_file_keeps_its_readable_part_and_says_so(name: str, records: int) -> None:
    # records: distinct timestamps (the Strava app writes two records per second); the Strava
    # file's 236th is dated 2085, after 5 minutes of running, and is left out (clock_glitches)
    (run,) = read(FITPARSE / name)
    assert run.streams is not None and len(run.streams) == records
    assert any("breaks at byte" in warning for warning in run.warnings)
    assert run.distance_m is not None and run.distance_m > 0


def test_a_coros_file_with_misaligned_fields_is_read() -> None:
    (ride,) = read(FITPARSE / "coros-pace-2-cycling-misaligned-fields.fit")
    assert ride.device == "coros coros pace 2" and ride.distance_m == pytest.approx(32146, abs=1)
    assert ride.streams is not None and len(ride.streams) == 11272


def test_timer_pauses_make_moving_time_shorter_than_elapsed() -> None:
    (ride,) = read(FITPARSE / "garmin-edge-500-activity.fit")
    assert ride.elapsed_s is not None and ride.moving_s is not None
    assert ride.moving_s < ride.elapsed_s - 600


def test_an_indoor_run_without_gps_is_a_full_run() -> None:
    runs = read(SWEATPY / "6471559601_ACTIVITY.fit")
    assert runs[0].sport is Sport.RUNNING and runs[0].streams is not None
    assert not runs[0].streams.has_gps and runs[0].avg_hr is not None


def test_a_zero_heart_rate_is_no_signal_not_a_measurement() -> None:
    (ride,) = read(FITPARSE / "null_compressed_speed_dist.fit")
    assert ride.avg_hr is None and ride.streams is not None and ride.streams.heart_rate is None


def test_event_timestamps_of_hr_messages_are_expanded_in_time_order() -> None:
    content = decode((FITPARSE / "event_timestamp.fit").read_bytes())
    times = [t for message in content.of("hr") for t in message["times"]]
    steps = np.diff(times)
    assert len(times) > 10_000 and (steps >= 0).mean() > 0.999
    assert steps.min() > -5  # a new anchor message may step back by a beat or two
    session = content.first("session")
    end = session["start_time"] + session["total_elapsed_time"]
    assert abs(times[-1] - end) < 60  # the strap's last beat is at the end of the swim


def test_laps_keep_the_intensity_the_device_marked() -> None:
    (ride,) = read(FITPARSE / "sample-activity.fit")
    assert ride.laps and {lap.intensity for lap in ride.laps} == {"active"}
