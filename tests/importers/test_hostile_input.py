"""Hostile and damaged input: only runs or a precise ImportProblem, never a raw exception."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from runcoach.domain.errors import CorruptFile, ImportProblem, UnsupportedFile
from runcoach.domain.run.efforts import analyse_run
from runcoach.domain.run.runs import Run
from runcoach.importers import read_activity
from runcoach.importers.fit import read_fit
from runcoach.importers.gpx import read_gpx
from runcoach.importers.tcx import read_tcx
from tests.conftest import ACTIVITIES, needs_shared_data

READERS = {".fit": read_fit, ".gpx": read_gpx, ".tcx": read_tcx}
SEEDS = [
    "python-fitparse/garmin-fenix-5-run.fit",
    "python-fitparse/compressed-speed-distance.fit",
    "python-fitparse/2015-10-13-08-43-15.fit",
    "python-fitparse/activity-settings.fit",  # chained: an activity, then settings
    "python-fitparse/Settings.fit",
    "sweatpy/activity_5039744860.gpx",
    "sweatpy/activity_5039744860.tcx",
    "gpxpy/track_with_speed.gpx",
]


def outcome(suffix: str, data: bytes) -> list[Run] | ImportProblem:
    """What a reader gives, called directly (no safety net): runs or an ImportProblem."""
    try:
        return READERS[suffix](data)
    except ImportProblem as problem:
        return problem


@pytest.mark.parametrize("suffix", sorted(READERS))
def test_an_empty_file_is_a_corrupt_file(suffix: str) -> None:
    with pytest.raises(CorruptFile):
        READERS[suffix](b"")


@pytest.mark.parametrize("suffix", sorted(READERS))
@given(data=st.binary(max_size=2000))
@settings(max_examples=150, deadline=None)
def test_random_bytes_give_an_import_problem(suffix: str, data: bytes) -> None:
    assert isinstance(outcome(suffix, data), ImportProblem | list)


def test_a_fit_header_declaring_a_huge_size_is_corrupt_and_reads_nothing_more() -> None:
    header = struct.pack("<BBHI4sH", 14, 0x20, 2000, 0xFFFFFFF0, b".FIT", 0)
    with pytest.raises(CorruptFile, match="byte"):
        read_fit(header + b"\x40\x00\x00\x00\x00\x01\x00\x01\x00")


def test_a_file_of_another_kind_is_unsupported() -> None:
    with pytest.raises(UnsupportedFile, match=r"notes\.txt"):
        read_activity("notes.txt", b"hello")


@needs_shared_data()
@pytest.mark.parametrize("seed", SEEDS)
@given(data=st.data())
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_mutated_real_files_give_runs_or_an_import_problem(seed: str, data: st.DataObject) -> None:
    original = (ACTIVITIES / seed).read_bytes()
    mutated = data.draw(_mutations(original))
    result = outcome(Path(seed).suffix, mutated)
    assert isinstance(result, ImportProblem | list)


def _mutations(original: bytes) -> st.SearchStrategy[bytes]:
    size = len(original)
    flip = st.tuples(st.integers(0, size - 1), st.integers(1, 255)).map(
        lambda c: original[: c[0]] + bytes([original[c[0]] ^ c[1]]) + original[c[0] + 1 :]
    )
    cut = st.integers(0, size).map(lambda n: original[:n])
    splice = st.tuples(st.integers(0, size), st.binary(min_size=1, max_size=64)).map(
        lambda c: original[: c[0]] + c[1] + original[c[0] :]
    )
    many = st.lists(st.tuples(st.integers(0, size - 1), st.integers(0, 255)), max_size=20).map(
        lambda changes: _apply(original, changes)
    )
    return st.one_of(flip, cut, splice, many)


def _apply(original: bytes, changes: list[tuple[int, int]]) -> bytes:
    buffer = bytearray(original)
    for index, value in changes:
        buffer[index] = value
    return bytes(buffer)


def test_every_format_is_read_even_after_one_reader_module_was_imported_alone() -> None:
    import runcoach.importers.fit  # noqa: F401

    with pytest.raises(ImportProblem) as raised:
        read_activity("x.gpx", b"<gpx/>")
    assert not isinstance(raised.value, UnsupportedFile)


def _gpx_with_times(*times: str) -> bytes:
    points = "".join(
        f'<trkpt lat="46.05" lon="{14.5 + i * 0.0005:.4f}"><time>{t}</time></trkpt>'
        for i, t in enumerate(times)
    )
    return (
        '<?xml version="1.0"?><gpx version="1.1" creator="t" '
        f'xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>{points}</trkseg></trk></gpx>'
    ).encode()


def test_a_point_dated_decades_later_is_left_out_not_turned_into_decades_of_samples():
    # a real Strava FIT file ends with a record dated 2085; exported as GPX, its track once
    # asked for 2 billion one-second samples and the import was killed for want of memory
    data = _gpx_with_times(
        "2021-09-27T14:13:10Z", "2021-09-27T14:14:10Z", "2021-09-27T14:15:10Z",
        "2085-12-21T16:46:58Z",
    )  # fmt: skip
    (run,) = read_activity("glitch.gpx", data)
    assert len(run.streams) == 3
    assert run.elapsed_s is not None and run.elapsed_s < 3600
    assert any("1 of 4 samples were left out" in w for w in run.warnings)
    analyse_run(run)  # and the analysis of what is left stays small


def test_samples_after_a_gap_of_more_than_twelve_hours_are_left_out():
    data = _gpx_with_times(
        "2026-03-01T08:00:00Z", "2026-03-01T08:10:00Z", "2026-03-01T08:20:00Z",
        "2026-03-02T09:00:00Z", "2026-03-02T09:10:00Z",
    )  # fmt: skip
    (run,) = read_activity("gap.gpx", data)
    assert len(run.streams) == 3
