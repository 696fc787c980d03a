"""Issue 17, point 4: small archives, endless files and big files no longer exhaust memory or
time. Each import runs in a child process under an address-space limit and a timeout."""

from __future__ import annotations

import gzip
import io
import json
import os
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from runcoach.services.import_sources import (
    MAX_FILE_BYTES,
    MAX_FIT_BYTES,
    ImportSource,
    Limits,
    sources_of_paths,
)
from runcoach.services.importing import Outcome, import_sources
from tests.conftest import local_athlete
from tests.hostile.bounded import MiB, cli, run_bounded
from tests.hostile.files import gpx_run, gzip_of_zeros, nested_zip_bomb

IMPORT_MEMORY_BYTES = 1024 * MiB  # the bound docs/importers.md states for any import


def _import(paths: list[Path], home: Path, seconds: float = 120.0):
    result = run_bounded(
        cli(["import", *map(str, paths), "--json"], home),
        memory_bytes=IMPORT_MEMORY_BYTES + 512 * MiB,  # address space: python's own maps too
        seconds=seconds,
    )
    assert result.outcome == "ok", (result.outcome, result.detail, result.stderr[-2000:])
    assert result.peak_bytes < IMPORT_MEMORY_BYTES
    return json.loads(result.stdout.splitlines()[0]), result


def _reasons(summary: dict) -> dict[str, str]:
    return {d["name"].rsplit("/", 1)[-1]: d["reason"] or "" for d in summary["details"]}


def test_dev_zero_given_as_a_path_is_refused_by_name(tmp_path):
    summary, _ = _import([Path("/dev/zero")], tmp_path / "home", seconds=30)
    assert summary["failed"] + summary["not_activity"] == 1
    assert "not a regular file (a character device)" in _reasons(summary)["zero"]


def test_a_fifo_given_as_a_path_or_inside_a_folder_is_refused_by_name(tmp_path):
    folder = tmp_path / "watch"
    folder.mkdir()
    os.mkfifo(folder / "stuck.gpx")
    (folder / "run.gpx").write_bytes(gpx_run())
    os.mkfifo(tmp_path / "alone.fit")
    summary, _ = _import([folder, tmp_path / "alone.fit"], tmp_path / "home", seconds=30)
    reasons = _reasons(summary)
    assert "not a regular file (a FIFO)" in reasons["stuck.gpx"]
    assert "not a regular file (a FIFO)" in reasons["alone.fit"]
    assert summary["imported"] == 1


def test_a_3_gb_gz_is_refused_after_reading_no_more_than_the_file_limit(tmp_path):
    bomb = tmp_path / "huge.gpx.gz"
    bomb.write_bytes(gzip_of_zeros(3 * 1024 * MiB))
    summary, result = _import([bomb], tmp_path / "home")
    assert "128 MiB" in _reasons(summary)["huge.gpx.gz"]
    assert result.peak_bytes < MAX_FILE_BYTES + 400 * MiB


def test_a_nest_of_zips_spends_one_budget_for_the_whole_import_and_ends(tmp_path):
    bomb = nested_zip_bomb(tmp_path / "nest.zip", leaves=4, copies=4, leaf_bytes=512 * MiB)
    assert bomb.stat().st_size < 10 * MiB  # 8 GiB nominal
    runs = tmp_path / "real.gpx"  # not unpacked: read whatever the budget says
    runs.write_bytes(gpx_run())
    summary, _ = _import([bomb, runs], tmp_path / "home", seconds=180)
    leaves = [d for d in summary["details"] if "nest.zip" in d["name"]]
    assert len(leaves) == 16 and all(d["outcome"] == "failed" for d in leaves)
    assert all("zip bomb" in d["reason"] or "expands past" in d["reason"] for d in leaves)
    assert any("expands past" in d["reason"] for d in leaves)  # the budget, not each file
    assert summary["imported"] == 1


def test_the_budget_counts_every_unpacked_byte_across_archives(engine, tmp_path):
    archives = []
    for n in range(3):
        path = tmp_path / f"{n}.zip"
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("zeros.gpx", b"\0" * (600 * 1024))
        archives.append(path)
    limits = Limits(file_bytes=MiB, decompressed_bytes=MiB, expansion=1)
    summary = import_sources(
        engine, sources_of_paths(archives), limits=limits, athlete_id=local_athlete(engine)
    )
    reasons = [f.reason or "" for f in summary.files]
    assert sum("expands past" in r for r in reasons) == 2  # the first fits, the others do not


def test_a_member_that_lies_about_its_size_is_stopped_as_its_bytes_arrive(engine, tmp_path):
    path = tmp_path / "liar.zip"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.gpx", b"\0" * (4 * MiB))
    data = bytearray(path.read_bytes())
    for header in (b"PK\x03\x04", b"PK\x01\x02"):  # declared size: 100 bytes
        at = data.find(header)
        offset = at + (22 if header == b"PK\x03\x04" else 24)
        data[offset : offset + 4] = (100).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    summary = import_sources(
        engine,
        sources_of_paths([path]),
        limits=Limits(file_bytes=MiB),
        athlete_id=local_athlete(engine),
    )
    [outcome] = summary.files
    assert outcome.outcome is Outcome.FAILED


def test_a_tcx_is_read_in_about_its_own_size_of_memory(tmp_path):
    point = (
        "<Trackpoint><Time>{t}</Time><Position><LatitudeDegrees>48.1</LatitudeDegrees>"
        "<LongitudeDegrees>11.5</LongitudeDegrees></Position><AltitudeMeters>520.0"
        "</AltitudeMeters><DistanceMeters>{d}</DistanceMeters><HeartRateBpm><Value>140"
        "</Value></HeartRateBpm><Cadence>85</Cadence></Trackpoint>"
    )
    count = 80_000
    start = datetime(2024, 5, 4, 7, 0, tzinfo=UTC)
    body = "".join(
        point.format(t=(start + timedelta(seconds=i)).strftime("%Y-%m-%dT%H:%M:%SZ"), d=i * 3)
        for i in range(count)
    )
    tcx = tmp_path / "long.tcx"
    tcx.write_text(
        '<?xml version="1.0"?><TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/'
        'TrainingCenterDatabase/v2"><Activities><Activity Sport="Running"><Id>2024-05-04T07:00'
        ':00Z</Id><Lap StartTime="2024-05-04T07:00:00Z"><TotalTimeSeconds>150000'
        f"</TotalTimeSeconds><Track>{body}</Track></Lap></Activity></Activities>"
        "</TrainingCenterDatabase>"
    )
    size = tcx.stat().st_size
    result = run_bounded(
        "import resource\n"
        "from runcoach.importers import read_activity\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024\n"
        f"data = open({str(tcx)!r}, 'rb').read()\n"
        "[run] = read_activity('long.tcx', data)\n"
        "print(len(run.streams), before)\n"
    )
    assert result.outcome == "ok", result.detail
    samples, before = map(int, result.stdout.split())
    assert samples == count
    assert result.peak_bytes - before < 3 * size  # was ~10x: 500 MB of TCX took 5.2 GB


def test_a_non_utf8_file_name_can_be_imported_and_is_shown_readably(engine, tmp_path):
    path = Path(os.fsdecode(bytes(tmp_path) + b"/l\xe4uft.gpx"))
    path.write_bytes(gpx_run())
    summary = import_sources(engine, sources_of_paths([path]), athlete_id=local_athlete(engine))
    [outcome] = summary.files
    assert outcome.outcome is Outcome.IMPORTED
    assert outcome.name.endswith("l\ufffduft.gpx")


@pytest.mark.parametrize("depth", [5, 6])
def test_archives_nested_past_the_limit_are_refused(engine, tmp_path, depth):
    data = gpx_run()
    name = "run.gpx"
    for level in range(depth):
        buffer = tmp_path / f"level{level}.zip"
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr(name, data)
        data, name = buffer.read_bytes(), f"level{level}.zip"
    outer = tmp_path / "outer.zip"
    outer.write_bytes(data)
    summary = import_sources(engine, sources_of_paths([outer]), athlete_id=local_athlete(engine))
    assert summary.count(Outcome.IMPORTED) == 0
    assert any("nested more than 4 deep" in (f.reason or "") for f in summary.files)


def test_a_broken_gz_member_fails_alone(engine, tmp_path):
    path = tmp_path / "mixed.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.gpx.gz", gzip.compress(gpx_run())[:-30])
        archive.writestr("b.gpx", gpx_run())
    summary = import_sources(engine, sources_of_paths([path]), athlete_id=local_athlete(engine))
    assert [f.outcome for f in summary.files] == [Outcome.FAILED, Outcome.IMPORTED]


def test_a_fit_file_past_the_fit_limit_is_refused_without_being_read(engine, tmp_path):
    path = tmp_path / "six-days.fit"
    with path.open("wb") as sparse:
        sparse.truncate(MAX_FIT_BYTES + 1)  # decoding FIT takes ~40x its size
    [outcome] = import_sources(
        engine, sources_of_paths([path]), athlete_id=local_athlete(engine)
    ).files
    assert outcome.outcome is Outcome.FAILED
    assert "more than the 16 MiB runcoach reads" in (outcome.reason or "")


def test_reading_ahead_is_bounded_by_the_memory_decoding_takes(monkeypatch, engine, tmp_path):
    from runcoach.services import import_pool, importing

    monkeypatch.setattr(import_pool, "PARALLEL_MIN_FILES", 2)  # a pool even for a few files
    for i in range(6):
        (tmp_path / f"{i}.gpx").write_bytes(gpx_run(start=datetime(2024, 5, 4 + i, tzinfo=UTC)))
    size = len(gpx_run())
    monkeypatch.setattr(importing, "MAX_DECODING_IN_FLIGHT", 2 * size * 3)
    most: list[int] = []
    decoding = importing._decoding
    monkeypatch.setattr(importing, "_decoding", lambda w: most.append(decoding(w)) or most[-1])
    summary = import_sources(
        engine, sources_of_paths([tmp_path]), workers=2, athlete_id=local_athlete(engine)
    )
    assert summary.count(Outcome.IMPORTED) == 6
    assert max(most) <= 3 * size * 3  # the bound, and the one file that may pass it


def _zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


START = datetime(2024, 5, 4, 7, 0, tzinfo=UTC)


def test_bytes_received_are_imported_as_they_came_zip_gz_and_plain(engine):
    sources = [
        ImportSource.of_bytes("export.zip", _zip_bytes({"a.gpx": gpx_run()})),
        ImportSource.of_bytes("b.gpx.gz", gzip.compress(gpx_run(START + timedelta(days=1)))),
        ImportSource.of_bytes("c.gpx", gpx_run(START + timedelta(days=2))),
    ]
    summary = import_sources(engine, sources, athlete_id=local_athlete(engine))
    assert [(f.name, f.outcome) for f in summary.files] == [
        ("b.gpx.gz", Outcome.IMPORTED),
        ("c.gpx", Outcome.IMPORTED),
        ("export.zip!a.gpx", Outcome.IMPORTED),
    ]


def test_bytes_received_spend_the_same_budget_and_limits_as_files(engine):
    zeros = _zip_bytes({"zeros.gpx": b"\0" * (600 * 1024)})
    sources = [ImportSource.of_bytes(f"{n}.zip", zeros) for n in range(3)]
    sources.append(ImportSource.of_bytes("big.gpx", b"\0" * (2 * MiB)))
    limits = Limits(file_bytes=MiB, decompressed_bytes=MiB, expansion=1)
    summary = import_sources(engine, sources, limits=limits, athlete_id=local_athlete(engine))
    reasons = {f.name: f.reason or "" for f in summary.files}
    assert sum("expands past" in r for r in reasons.values()) == 2
    assert "more than the 1 MiB runcoach reads" in reasons["big.gpx"]


def test_bytes_nested_past_the_limit_are_refused(engine):
    data, name = gpx_run(), "run.gpx"
    for level in range(5):
        data, name = _zip_bytes({name: data}), f"level{level}.zip"
    summary = import_sources(
        engine, [ImportSource.of_bytes("outer.zip", data)], athlete_id=local_athlete(engine)
    )
    assert summary.count(Outcome.IMPORTED) == 0
    assert any("nested more than 4 deep" in (f.reason or "") for f in summary.files)
