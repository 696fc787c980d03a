"""FIT decoders compared on the real files: records per second, median of N passes.

    .venv/bin/python -m benchmarks.fit_parsers [--repeat 5] [--folder PATH]

Each decoder reads every FIT file under the folder from bytes in memory; a file it rejects is
counted as not read and left out of its rate. Records are counted once, by fitdecode (the
reference). ``runcoach read_fit`` is the whole reader: decode plus building the runs.
fitparse is optional (``pip install fitparse``); a decoder that is not installed is skipped.
Also times the GPX and TCX readers against gpxpy and tcxreader on the real XML files.
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks.data import ACTIVITIES

DEFAULT_FOLDER = ACTIVITIES


def _fitdecode(data: bytes) -> Any:
    import fitdecode

    with fitdecode.FitReader(io.BytesIO(data)) as reader:
        return sum(1 for _ in reader)


def _fitparse(data: bytes) -> Any:
    import fitparse

    return sum(1 for _ in fitparse.FitFile(data).get_messages())


def _native(data: bytes) -> Any:
    import pyfitparsernative

    return pyfitparsernative.parse_fit_bytes(data)


def _fitfast_parse(data: bytes) -> Any:
    import fitfast

    return fitfast.parse(data)


def _fitfast_records(data: bytes) -> Any:
    import fitfast

    return fitfast.records(data)


def _runcoach(data: bytes) -> Any:
    from runcoach.importers.fit import read_fit

    return read_fit(data)


DECODERS: dict[str, Callable[[bytes], Any]] = {
    "fitparse 1.2 (optional)": _fitparse,
    "fitdecode 0.11": _fitdecode,
    "pyfitparsernative 0.2": _native,
    "fitfast 0.1 parse()": _fitfast_parse,
    "fitfast 0.1 records()": _fitfast_records,
    "runcoach read_fit (decode + runs)": _runcoach,
}


def record_count(data: bytes) -> int:
    import fitdecode

    count = 0
    try:
        with warnings.catch_warnings(), fitdecode.FitReader(io.BytesIO(data)) as reader:
            warnings.simplefilter("ignore")
            for frame in reader:
                is_record = isinstance(frame, fitdecode.FitDataMessage) and frame.name == "record"
                count += is_record
    except fitdecode.FitError:
        pass
    return count


def readable(decode: Callable[[bytes], Any], files: dict[str, bytes]) -> dict[str, bytes]:
    ok = {}
    for name, data in files.items():
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                decode(data)
            ok[name] = data
        except (KeyboardInterrupt, SystemExit):
            raise
        except BaseException:
            continue
    return ok


def median_seconds(decode: Callable[[bytes], Any], files: dict[str, bytes], repeat: int) -> float:
    passes = []
    for _ in range(repeat):
        started = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for data in files.values():
                decode(data)
        passes.append(time.perf_counter() - started)
    return statistics.median(passes)


def bench_fit(folder: Path, repeat: int) -> None:
    files = {str(p): p.read_bytes() for p in sorted(folder.rglob("*.[fF][iI][tT]"))}
    counts = {name: record_count(data) for name, data in files.items()}
    print(f"{len(files)} FIT files, {sum(counts.values())} records; median of {repeat} passes\n")
    print("| decoder | files read | records | seconds | records/s |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for label, decode in DECODERS.items():
        try:
            ok = readable(decode, files)
        except ImportError:
            print(f"| {label} | not installed | | | |")
            continue
        records = sum(counts[name] for name in ok)
        seconds = median_seconds(decode, ok, repeat)
        rate = records / seconds if seconds else float("inf")
        print(f"| {label} | {len(ok)}/{len(files)} | {records} | {seconds:.3f} | {rate:,.0f} |")
    bench_runcoach_paths(files, counts, repeat)


def bench_runcoach_paths(files: dict[str, bytes], counts: dict[str, int], repeat: int) -> None:
    """runcoach's whole FIT reader, split by the decoder it chose for each file."""
    from runcoach.importers.fit_decode import decode

    groups: dict[str, dict[str, bytes]] = {}
    for name, data in readable(_runcoach, files).items():
        groups.setdefault(decode(data).decoder, {})[name] = data
    for decoder, group in sorted(groups.items()):
        records = sum(counts[name] for name in group)
        seconds = median_seconds(_runcoach, group, repeat)
        label = f"runcoach read_fit, files decoded by {decoder}"
        print(f"| {label} | {len(group)} | {records} | {seconds:.3f} | {records / seconds:,.0f} |")


def bench_xml(folder: Path, repeat: int) -> None:
    import gpxpy
    from tcxreader.tcxreader import TCXReader

    from runcoach.importers import read_activity

    def gpxpy_read(path: Path) -> Any:
        return gpxpy.parse(path.read_text(encoding="utf-8-sig"))

    def tcxreader_read(path: Path) -> Any:
        return TCXReader().read(str(path), only_gps=False)

    def ours(path: Path) -> Any:
        try:
            return read_activity(path.name, path.read_bytes())
        except Exception:
            return None

    print("\n| reader | files | points | seconds | points/s |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for suffix, theirs_label, theirs in (
        ("gpx", "gpxpy 1.6", gpxpy_read),
        ("tcx", "tcxreader 0.4 (only_gps=False)", tcxreader_read),
    ):
        paths = sorted(folder.rglob(f"*.{suffix}"))
        points = sum(
            p.read_bytes().count(b"<trkpt" if suffix == "gpx" else b"<Trackpoint") for p in paths
        )
        for label, read in ((theirs_label, theirs), (f"runcoach {suffix}", ours)):
            started_passes = []
            for _ in range(repeat):
                started = time.perf_counter()
                for path in paths:
                    read(path)
                started_passes.append(time.perf_counter() - started)
            seconds = statistics.median(started_passes)
            print(
                f"| {label} | {len(paths)} | {points} | {seconds:.3f} | {points / seconds:,.0f} |"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--folder", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--skip-xml", action="store_true")
    parser.add_argument("--skip-slow", action="store_true", help="leave out fitparse")
    args = parser.parse_args()
    if args.skip_slow:
        DECODERS.pop("fitparse 1.2 (optional)")
    bench_fit(args.folder, args.repeat)
    if not args.skip_xml:
        bench_xml(args.folder, args.repeat)


if __name__ == "__main__":
    main()
