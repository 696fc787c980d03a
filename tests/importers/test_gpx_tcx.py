"""GPX and TCX readers on real exports, and agreement with the FIT file of the same run."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

from runcoach.domain.errors import CorruptFile, NotAnActivity
from runcoach.domain.run.runs import Run, Sport
from runcoach.importers import read_activity, tracks
from tests.conftest import ACTIVITIES, needs_shared_data

pytestmark = needs_shared_data()
SWEATPY = ACTIVITIES / "sweatpy"
GPXPY = ACTIVITIES / "gpxpy"


def read(path: Path) -> Run:
    (run,) = read_activity(path.name, path.read_bytes())
    return run


def gps_distance_m(run: Run) -> float:
    assert run.streams is not None and run.streams.latitude is not None
    assert run.streams.longitude is not None
    along = tracks.cumulative_distance_m(run.streams.latitude, run.streams.longitude)
    assert along is not None
    return float(along[-1])


def span_s(run: Run) -> float:
    assert run.streams is not None
    return float(run.streams.time_s[-1])


@pytest.mark.parametrize(
    "fit, exports",
    [("4078723797.fit", ["4078723797_strava.gpx", "activity_4078723797.gpx"]),
     ("4801048867.fit", ["4801048867_strava.gpx", "activity_4801048867.gpx",
                         "activity_4801048867.tcx"]),
     ("2020-06-01-16-52-40.fit", ["activity_5039744860.gpx", "activity_5039744860.tcx"])],
)  # fmt: skip
def test_the_fit_and_gpx_tcx_exports_of_one_run_agree_on_start_time_and_track(
    fit: str, exports: list[str]
) -> None:
    original = read(SWEATPY / fit)
    for name in exports:
        export = read(SWEATPY / name)
        assert abs((export.start - original.start).total_seconds()) <= 1, name
        assert export.elapsed_s == pytest.approx(span_s(original), abs=2), name
        assert gps_distance_m(export) == pytest.approx(gps_distance_m(original), abs=5), name
        assert export.avg_hr == pytest.approx(original.avg_hr, abs=1), name


def test_exports_made_by_two_services_report_the_same_distance() -> None:
    strava = read(SWEATPY / "4078723797_strava.gpx")
    garmin = read(SWEATPY / "activity_4078723797.gpx")
    fit = read(SWEATPY / "4078723797.fit")
    assert strava.distance_m == pytest.approx(garmin.distance_m, abs=5)
    assert strava.distance_m == pytest.approx(fit.distance_m, abs=5)


def test_the_tcx_export_keeps_the_device_distance_of_the_fit_file() -> None:
    tcx = read(SWEATPY / "activity_4801048867.tcx")
    fit = read(SWEATPY / "4801048867.fit")
    assert tcx.distance_m == pytest.approx(fit.distance_m, abs=1)
    assert len(tcx.laps) == len(fit.laps)


def test_a_strava_gpx_has_heart_rate_cadence_power_and_the_device_ascent() -> None:
    run = read(SWEATPY / "4078723797_strava.gpx")
    assert run.start == datetime(2019, 9, 20, 14, 10, 3, tzinfo=UTC)
    assert run.sport is Sport.CYCLING and run.source == "gpx"
    assert (run.avg_hr, run.max_hr) == (pytest.approx(165, abs=1), 190)
    assert run.avg_power_w == pytest.approx(219, abs=1)
    # the 3 m hysteresis on GPX altitude lands within 0.5% of the Edge 1000's own total (1254 m)
    assert run.ascent_m == pytest.approx(1254, rel=0.005)


def test_gpx_1_0_heart_rate_extensions_are_kept() -> None:
    text = (GPXPY / "gpx1.0_with_all_fields.gpx").read_text()
    assert 'version="1.0"' in text
    data = _gpx("1.0", "http://www.topografix.com/GPX/1/0", hr=[120, 130, 140])
    run = read_activity("a.gpx", data)[0]
    assert run.streams is not None and run.streams.heart_rate is not None
    assert list(run.streams.heart_rate) == [120, 130, 140]


def _gpx(version: str, namespace: str, hr: list[int]) -> bytes:
    points = "".join(
        f'<trkpt lat="46.0" lon="{14 + i * 0.0001}"><time>2024-05-01T06:00:0{i}Z</time>'
        f"<extensions><gpxtpx:TrackPointExtension><gpxtpx:hr>{bpm}</gpxtpx:hr>"
        "</gpxtpx:TrackPointExtension></extensions></trkpt>"
        for i, bpm in enumerate(hr)
    )
    return (
        f'<?xml version="1.0"?><gpx version="{version}" xmlns="{namespace}" xmlns:gpxtpx='
        f'"http://www.garmin.com/xmlschemas/TrackPointExtension/v1"><trk><trkseg>{points}'
        "</trkseg></trk></gpx>"
    ).encode()


def test_a_tcx_treadmill_run_without_positions_keeps_every_sample() -> None:
    points = "".join(
        f"<Trackpoint><Time>2024-05-01T06:00:{i:02d}Z</Time><DistanceMeters>{i * 3.0}"
        f"</DistanceMeters><HeartRateBpm><Value>{140 + i}</Value></HeartRateBpm></Trackpoint>"
        for i in range(30)
    )
    data = (
        '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">'
        '<Activities><Activity Sport="Running"><Id>2024-05-01T06:00:00Z</Id>'
        '<Lap StartTime="2024-05-01T06:00:00Z"><TotalTimeSeconds>29</TotalTimeSeconds>'
        f"<DistanceMeters>87</DistanceMeters><Track>{points}</Track></Lap></Activity>"
        "</Activities></TrainingCenterDatabase>"
    ).encode()
    (run,) = read_activity("treadmill.tcx", data)
    assert run.streams is not None and len(run.streams) == 30 and not run.streams.has_gps
    assert run.distance_m == 87 and run.moving_s == 29 and run.avg_hr == pytest.approx(154.5)


def test_a_polar_tcx_names_its_device_and_doubles_stride_cadence() -> None:
    run = read(SWEATPY / "3173437224.tcx")
    assert run.device == "polar m400" and run.sport is Sport.RUNNING
    assert run.avg_cadence_spm is not None and 100 < run.avg_cadence_spm < 200
    assert [lap.intensity for lap in run.laps] == ["active", "active"]


def test_pauses_in_a_gpx_track_are_not_moving_time() -> None:
    run = read(GPXPY / "korita-zbevnica.gpx")
    assert run.elapsed_s is not None and run.moving_s is not None
    assert run.moving_s < run.elapsed_s * 0.6  # a long stop between its two tracks


@pytest.mark.parametrize(
    "name, words",
    [("route.gpx", "route"), ("gpx1.1_with_all_fields.gpx", "a single timed point"),
     ("unicode.gpx", "waypoints"), ("Mojstrovka.gpx", "clock")],
)  # fmt: skip
def test_gpx_files_without_a_recorded_activity_say_what_they_are(name: str, words: str) -> None:
    with pytest.raises(NotAnActivity, match=words):
        read_activity(name, (GPXPY / name).read_bytes())


def test_an_xml_bomb_is_refused_without_expanding_it() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        b"<gpx><trk><name>&lol3;</name></trk></gpx>"
    )
    for name in ("bomb.gpx", "bomb.tcx"):
        with pytest.raises(CorruptFile, match="unsafe"):
            read_activity(name, bomb)


def test_an_external_entity_is_never_fetched() -> None:
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<gpx><trk><name>&x;</name></trk></gpx>"
    )
    with pytest.raises(CorruptFile, match="unsafe"):
        read_activity("xxe.gpx", xxe)


def test_broken_xml_says_the_line() -> None:
    with pytest.raises(CorruptFile, match="line 2"):
        read_activity("cut.gpx", b'<?xml version="1.0"?>\n<gpx><trk><trkseg><trkpt lat="1"')


def test_times_are_utc_and_samples_start_at_zero() -> None:
    run = read(SWEATPY / "activity_4801048867.gpx")
    assert run.start.tzinfo is UTC and run.streams is not None
    assert run.streams.time_s[0] == 0 and np.all(np.diff(run.streams.time_s) >= 0)
