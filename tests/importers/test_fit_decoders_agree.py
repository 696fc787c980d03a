"""fitfast (young, fast) is trusted only where it agrees with fitdecode (mature) on real files."""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np
import pytest

from runcoach.importers import fit_prefix
from runcoach.importers.fit_decode import (
    FitContent,
    decode,
    decode_fast,
    decode_reference,
    fit_crc,
)
from tests.conftest import ACTIVITIES, needs_shared_data

FIT_FILES = sorted(ACTIVITIES.rglob("*.[fF][iI][tT]")) if ACTIVITIES.is_dir() else []
TOLERANCE = {"distance": 0.01, "heart_rate": 0.0, "position_lat": 1.0, "position_long": 1.0}


@needs_shared_data()
def test_there_are_real_fit_files_to_compare() -> None:
    assert len(FIT_FILES) >= 40


@needs_shared_data()
@pytest.mark.parametrize("path", FIT_FILES, ids=lambda p: p.name)
def test_the_fast_decoder_agrees_with_fitdecode_on_every_real_file_it_reads(path: Path) -> None:
    data = path.read_bytes()
    fast = decode_fast(data)
    if fast is None:
        pytest.skip("fitfast does not read this file or is not trusted with it: fitdecode reads it")
    reference = decode_reference(data)
    assert reference.warnings == [], "fitfast must not read a file fitdecode finds damaged"
    assert {k: len(v) for k, v in fast.messages.items() if k in _COUNTED} == {
        k: len(v) for k, v in reference.messages.items() if k in _COUNTED
    }
    ours, theirs = fast.columns(), reference.columns()
    np.testing.assert_array_equal(ours["timestamp"], theirs["timestamp"])
    for name, tolerance in TOLERANCE.items():
        np.testing.assert_allclose(ours[name], theirs[name], atol=tolerance, err_msg=name)
    for key in ("start_time", "total_distance", "total_timer_time", "avg_heart_rate"):
        assert [s.get(key) for s in fast.of("session")] == pytest.approx(
            [s.get(key) for s in reference.of("session")]
        ), key


_COUNTED = {"record", "session", "lap", "event", "activity", "file_id"}


@needs_shared_data()
def test_files_whose_header_crc_is_zero_are_read_by_the_fast_decoder() -> None:
    data = (ACTIVITIES / "python-fitparse" / "2013-02-06-12-11-14.fit").read_bytes()
    assert data[12:14] == b"\0\0"
    fast = decode_fast(data)
    assert fast is not None and len(fast.of("record")) == 590


@needs_shared_data()
def test_a_damaged_header_crc_zero_file_is_not_given_to_the_fast_decoder() -> None:
    data = bytearray((ACTIVITIES / "python-fitparse" / "2013-02-06-12-11-14.fit").read_bytes())
    data[500] ^= 0xFF
    assert decode_fast(bytes(data)) is None


@needs_shared_data()
@pytest.mark.parametrize("path", FIT_FILES, ids=lambda p: p.name)
def test_runs_are_the_same_whichever_decoder_read_the_file(path: Path) -> None:
    from runcoach.domain.errors import ImportProblem
    from runcoach.importers.fit import runs_of

    data = path.read_bytes()
    fast = decode_fast(data)
    if fast is None or fast.first("file_id").get("type") != "activity":
        pytest.skip("read by fitdecode only, or not an activity")
    try:
        ours = runs_of(fast)
    except ImportProblem:
        pytest.skip("not an activity")
    theirs = runs_of(decode_reference(data))
    summary = ("timezone", "sport", "distance_m", "elapsed_s", "moving_s", "ascent_m", "avg_hr",
               "max_hr", "avg_cadence_spm", "avg_power_w", "calories", "device")  # fmt: skip
    for mine, reference in zip(ours, theirs, strict=True):
        assert mine.start == reference.start
        for name in summary:
            assert _same(getattr(mine, name), getattr(reference, name)), name
        assert [lap.intensity for lap in mine.laps] == [lap.intensity for lap in reference.laps]
        assert mine.streams is not None and reference.streams is not None
        assert sorted(mine.streams.named()) == sorted(reference.streams.named())


def _same(mine: object, reference: object) -> bool:
    if isinstance(mine, float) and isinstance(reference, float):
        return mine == pytest.approx(reference)
    return mine == reference


# --- compressed_speed_distance: expanded from fitfast's bytes, checked against fitdecode ---

_RECORD_FIELDS = ("timestamp", "speed", "distance", "heart_rate", "cadence")


def _has_compressed_speed_distance(path: Path) -> bool:
    return any(
        "compressed_speed_distance" in r for r in decode_reference(path.read_bytes()).of("record")
    )


COMPRESSED_FILES = [p for p in FIT_FILES if _has_compressed_speed_distance(p)]


def _records(content: FitContent) -> list[dict[str, object]]:
    offset = content.record_time_offset_s
    return [
        {k: (r[k] - offset if k == "timestamp" else r[k]) for k in _RECORD_FIELDS if k in r}
        for r in content.of("record")
    ]


def _same_reading(data: bytes) -> None:
    fast, reference = decode_fast(data), decode_reference(data)
    assert fast is not None, "fitfast must read compressed speed/distance now"
    assert _records(fast) == _records(reference)
    ours, theirs = fast.columns(), reference.columns()
    assert ours.keys() == theirs.keys()
    for name in ours:
        np.testing.assert_array_equal(ours[name], theirs[name], err_msg=name)


@needs_shared_data()
def test_there_is_a_real_file_with_compressed_speed_distance() -> None:
    assert [p.name for p in COMPRESSED_FILES] == ["compressed-speed-distance.fit"]


@needs_shared_data()
@pytest.mark.parametrize("path", COMPRESSED_FILES, ids=lambda p: p.name)
def test_compressed_speed_distance_is_expanded_exactly_as_fitdecode_does(path: Path) -> None:
    from runcoach.importers.fit import runs_of

    data = path.read_bytes()
    _same_reading(data)
    fast = decode_fast(data)
    assert fast is not None
    assert _plain(runs_of(fast)) == _plain(runs_of(decode_reference(data)))


def _plain(value: object) -> object:
    """A run (dataclasses, arrays, lists) as comparable values, field by field."""
    import dataclasses

    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = dataclasses.fields(value)
        return (type(value).__name__, {f.name: _plain(getattr(value, f.name)) for f in fields})
    if isinstance(value, np.ndarray):
        return (value.dtype.str, value.shape, value.tobytes())
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _compressed_file(pairs: list[tuple[int, int]], heart_rate_from: int | None = None) -> bytes:
    """A FIT activity whose records hold (speed 1/100 m/s, 12-bit distance 1/16 m) packed."""
    from datetime import UTC, datetime

    from fit_tool.fit_file_builder import FitFileBuilder
    from fit_tool.profile.messages.file_id_message import FileIdMessage
    from fit_tool.profile.messages.record_message import RecordMessage
    from fit_tool.profile.profile_type import FileType, Manufacturer

    start_ms = int(datetime(2024, 5, 1, 7, tzinfo=UTC).timestamp() * 1000)
    builder = FitFileBuilder(auto_define=True)
    file_id = FileIdMessage()
    file_id.type = FileType.ACTIVITY
    file_id.manufacturer = Manufacturer.GARMIN.value
    file_id.time_created = start_ms
    builder.add(file_id)
    for i, (speed, distance) in enumerate(pairs):
        record = RecordMessage()
        record.timestamp = start_ms + 1000 * i
        packed = speed & 0xFFF | (distance & 0xFFF) << 12
        record.compressed_speed_distance = packed.to_bytes(3, "little")
        if heart_rate_from is not None and i >= heart_rate_from:
            record.heart_rate = 150
        builder.add(record)
    return bytes(builder.build().to_bytes())


def _pairs(count: int) -> list[tuple[int, int]]:
    """Speeds 0-40.95 m/s and a distance that rolls over 256 m many times (steps up to 255 m)."""
    pairs, total = [], 0
    for i in range(count):
        total += (i * 37) % 4090
        pairs.append(((i * 131) % 4096, total))
    return pairs


def test_a_written_file_with_compressed_speed_distance_reads_as_fitdecode_reads_it() -> None:
    data = _compressed_file(_pairs(600))
    _same_reading(data)
    fast = decode_fast(data)
    assert fast is not None
    assert fast.columns()["distance"][-1] > 20 * 256  # many rollovers


def test_a_file_that_defines_compressed_speed_distance_twice_goes_to_fitdecode() -> None:
    # fitdecode restarts the running distance at each definition: left to it, not guessed at
    data = _compressed_file(_pairs(50), heart_rate_from=25)
    assert decode_fast(data) is None
    assert decode(data).decoder == "fitdecode"


# --- a file broken at an undefined local message: fitfast reads the part before the break ---


def _broken_at_undefined(path: Path) -> bool:
    data = path.read_bytes()
    return decode_fast(data) is None and fit_prefix.before_break(data, fit_crc) is not None


BROKEN_FILES = [p for p in FIT_FILES if _broken_at_undefined(p)]


def _same_as_fitdecode_before_the_break(data: bytes) -> None:
    from runcoach.importers.fit import runs_of

    ours, reference = decode(data), decode_reference(data)
    assert ours.decoder == "fitfast"
    assert (ours.warnings, ours.end_offset) == (reference.warnings, reference.end_offset)
    assert {k: len(v) for k, v in ours.messages.items()} == {
        k: len(v) for k, v in reference.messages.items()
    }
    assert _records(ours) == _records(reference)
    mine, theirs = ours.columns(), reference.columns()
    for name in mine:
        np.testing.assert_array_equal(mine[name], theirs[name], err_msg=name)
    assert _plain(runs_of(ours)) == _plain(runs_of(reference))


@needs_shared_data()
def test_there_is_a_real_file_broken_at_an_undefined_local_message() -> None:
    assert "strava-android-app-201.10-b1218918.fit" in [p.name for p in BROKEN_FILES]


@needs_shared_data()
@pytest.mark.parametrize("path", BROKEN_FILES, ids=lambda p: p.name)
def test_a_file_broken_at_an_undefined_message_reads_as_fitdecode_reads_it(path: Path) -> None:
    _same_as_fitdecode_before_the_break(path.read_bytes())


def test_a_written_file_broken_at_an_undefined_message_reads_as_fitdecode_reads_it() -> None:
    from runcoach.importers import fit_walk

    data = _compressed_file(_pairs(80))
    cut = [offset for offset, _ in fit_walk.definitions(data, data[0], len(data) - 2)][40]
    broken = bytearray(data[:cut] + b"\x0b" + data[cut:])  # local message 11: never defined
    struct.pack_into("<I", broken, 4, struct.unpack_from("<I", broken, 4)[0] + 1)
    _same_as_fitdecode_before_the_break(bytes(broken))
