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
