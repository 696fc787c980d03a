"""fitfast (young, fast) is trusted only where it agrees with fitdecode (mature) on real files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from runcoach.importers.fit_decode import decode_fast, decode_reference
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
