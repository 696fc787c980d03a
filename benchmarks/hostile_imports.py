"""Peak memory and time of ``runcoach import`` on hostile and on the largest legitimate input.

    python -m benchmarks.hostile_imports [--only NAME ...] [--keep DIR]

Each scenario's input is made in a temporary folder (a bomb is made in a moment: copies of one
gzip member, zips of stored zips), then imported by the real command in a child process with
a fresh home, with 4 reader processes allowed. The whole process tree's resident memory (the
command and its reader processes, summed from /proc every 20 ms) gives the peak; the wall
time and the files' outcomes are printed beside it as JSON: the numbers of docs/importers.md,
"Memory".
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.hostile.files import gpx_run, gzip_of_zeros, nested_zip_bomb

MiB = 1024 * 1024
SAMPLE_EVERY_S = 0.02  # s between two readings of the process tree's memory
SRC = str(Path(__file__).resolve().parents[1] / "src")
ROOT = str(Path(__file__).resolve().parents[1])


def _nested_bomb(folder: Path) -> list[Path]:
    return [nested_zip_bomb(folder / "nest.zip", leaves=4, copies=4, leaf_bytes=1024 * MiB)]


def _wide_zip(folder: Path) -> list[Path]:
    """The issue's 15 MB zip of 30 members, each 512 MiB of zeros once unpacked."""
    path = folder / "wide.zip"
    zeros = b"\0" * (512 * MiB)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for i in range(30):
            archive.writestr(f"activities/{i}.gpx", zeros)
    return [path]


def _big_gz(folder: Path) -> list[Path]:
    path = folder / "huge.gpx.gz"
    path.write_bytes(gzip_of_zeros(3 * 1024 * MiB))
    return [path]


def _big_xml(suffix: str, megabytes: int) -> Callable[[Path], list[Path]]:
    """A file just under the 128 MiB per-file limit: a long run sampled each second."""

    def make(folder: Path) -> list[Path]:
        return [_write_track(folder / f"long{suffix}", megabytes * MiB, suffix)]

    return make


def _many_big(folder: Path) -> list[Path]:
    """30 GPX files of 40 MB: the reader processes and the bytes in flight at their fullest."""
    first = _write_track(folder / "base.gpx", 40 * MiB, ".gpx")
    data = first.read_bytes()
    for i in range(30):
        renamed = data.replace(b"Easy run", f"Run {i:03d}".encode())
        (folder / f"run-{i:02d}.gpx").write_bytes(renamed)
    first.unlink()
    return [folder]


def _write_track(path: Path, size: int, suffix: str) -> Path:
    one = gpx_run(points=1) if suffix == ".gpx" else None
    start = datetime(2024, 5, 4, 7, 0, tzinfo=UTC)
    if suffix == ".gpx":
        assert one is not None
        head, _, _ = one.partition(b"<trkpt")
        head = head.replace(
            b'xmlns="http://www.topografix.com/GPX/1/1"',
            b'xmlns="http://www.topografix.com/GPX/1/1" '
            b'xmlns:gpxtpx="http://www.garmin.com/xmlschemas/TrackPointExtension/v1"',
        )
        tail = b"</trkseg></trk></gpx>"
        point = (
            '<trkpt lat="{lat:.6f}" lon="11.0"><ele>520.0</ele><time>{t}</time><extensions>'
            "<gpxtpx:TrackPointExtension><gpxtpx:hr>140</gpxtpx:hr><gpxtpx:cad>85</gpxtpx:cad>"
            "</gpxtpx:TrackPointExtension></extensions></trkpt>"
        )
    else:
        head = (
            b'<?xml version="1.0"?><TrainingCenterDatabase xmlns="http://www.garmin.com/'
            b'xmlschemas/TrainingCenterDatabase/v2"><Activities><Activity Sport="Running">'
            b'<Id>2024-05-04T07:00:00Z</Id><Lap StartTime="2024-05-04T07:00:00Z"><Track>'
        )
        tail = b"</Track></Lap></Activity></Activities></TrainingCenterDatabase>"
        point = (
            "<Trackpoint><Time>{t}</Time><Position><LatitudeDegrees>{lat:.6f}</LatitudeDegrees>"
            "<LongitudeDegrees>11.0</LongitudeDegrees></Position><AltitudeMeters>520.0"
            "</AltitudeMeters><DistanceMeters>{d:.1f}</DistanceMeters><HeartRateBpm><Value>140"
            "</Value></HeartRateBpm><Cadence>85</Cadence></Trackpoint>"
        )
    with path.open("wb") as out:
        out.write(head)
        written, i = len(head) + len(tail), 0
        while written < size:
            moment = (start + timedelta(seconds=i)).strftime("%Y-%m-%dT%H:%M:%SZ")
            chunk = point.format(t=moment, lat=40.0 + i * 0.000027, d=i * 3.0).encode()
            out.write(chunk)
            written += len(chunk)
            i += 1
        out.write(tail)
    return path


def _big_fit(folder: Path) -> list[Path]:
    """A FIT file just under the 16 MiB FIT limit: 16 chained copies of a real 1 MB file."""
    real = Path(ROOT).parent / "shared" / "data" / "activities" / "python-fitparse"
    path = folder / "chained.fit"
    path.write_bytes((real / "activity-large-fenxi2-multisport.fit").read_bytes() * 16)
    return [path]


def _real_files(folder: Path) -> list[Path]:
    return [Path(ROOT).parent / "shared" / "data" / "activities"]


SCENARIOS: dict[str, Callable[[Path], list[Path]]] = {
    "nested-zip-bomb-16GiB": _nested_bomb,
    "zip-30x512MiB-members": _wide_zip,
    "gz-3GiB": _big_gz,
    "tcx-120MB": _big_xml(".tcx", 120),
    "gpx-120MB": _big_xml(".gpx", 120),
    "fit-16MB-chained": _big_fit,
    "30-gpx-of-40MB": _many_big,
    "real-sample-files": _real_files,
}


def tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and all its descendants, now."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            status = Path(f"/proc/{entry}/status").read_text()
        except OSError:
            continue
        parent = int(re.search(r"PPid:\s+(\d+)", status).group(1))  # type: ignore[union-attr]
        found = re.search(r"VmRSS:\s+(\d+) kB", status)
        children.setdefault(parent, []).append(int(entry))
        rss[int(entry)] = int(found.group(1)) * 1024 if found else 0
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        total += rss.get(current, 0)
        stack.extend(children.get(current, []))
    return total


def measure(paths: list[Path], home: Path) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": SRC, "RUNCOACH_HOME": str(home)}
    command = [sys.executable, "-c", "from runcoach.cli.main import main; main()"]
    began = time.perf_counter()
    with subprocess.Popen(
        [*command, "import", *map(str, paths), "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    ) as child:
        peak = 0
        while child.poll() is None:
            peak = max(peak, tree_rss(child.pid))
            time.sleep(SAMPLE_EVERY_S)
        out, err = child.communicate()
    seconds = time.perf_counter() - began
    summary = json.loads(out.decode().splitlines()[0]) if out.strip() else {"error": err.decode()}
    counts = {k: summary.get(k) for k in ("files", "imported", "failed", "not_activity")}
    return {"peak_mib": round(peak / MiB), "seconds": round(seconds, 1), **counts}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", nargs="*", choices=sorted(SCENARIOS))
    args = parser.parse_args()
    results = {}
    for name in args.only or SCENARIOS:
        work = Path(tempfile.mkdtemp(prefix="runcoach-hostile-"))
        try:
            paths = SCENARIOS[name](work)
            results[name] = {
                "input_mib": round(sum(_size(p) for p in paths) / MiB, 1),
                **measure(paths, work / "home"),
            }
        finally:
            shutil.rmtree(work, ignore_errors=True)
        print(json.dumps({name: results[name]}), flush=True)


def _size(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return path.stat().st_size


if __name__ == "__main__":
    main()
