"""Time the analysis of a marathon-length run: splits, halves, best efforts and tags.

    .venv/bin/python -m benchmarks.efforts [--repeats 15]

A marathon at 1 sample per second (about 12,600 samples at 5:00/km), a slow one over
5 hours (18,000) and a 40,000-sample worst case, with GPS-like noise on the pace. For
comparison it also times a plain-Python two-pointer sweep for the best efforts (the
textbook O(n) algorithm) and the tagging (workout type, surface, terrain) of the same run.
Then analysis and tags of every real device file in ../shared/data/activities (read
before the timing starts).
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime

import numpy as np

from benchmarks.data import ACTIVITIES
from runcoach.domain.errors import ImportProblem
from runcoach.domain.run.efforts import (
    EFFORT_DISTANCES_M,
    analyse_run,
    analyse_streams,
    best_efforts,
)
from runcoach.domain.run.runs import Run, Streams
from runcoach.domain.run.tagging import infer_tags
from runcoach.domain.units import MARATHON_M
from runcoach.importers import format_of, read_activity


def marathon_streams(samples: int, seed: int = 42) -> Streams:
    """A marathon (plus a little) in ``samples`` samples with a wobbling pace and a pause."""
    rng = np.random.default_rng(seed)
    duration_s = samples - 1.0
    time_s = np.arange(samples, dtype=np.float64)
    speed = (MARATHON_M + 100) / duration_s * (1 + 0.08 * rng.standard_normal(samples))
    speed[samples // 3 : samples // 3 + 60] = 0.0  # a minute at a drinks table
    distance_m = np.concatenate(([0.0], np.cumsum(np.clip(speed[1:], 0, None))))
    distance_m *= (MARATHON_M + 100) / distance_m[-1]
    altitude_m = 100 + 20 * np.sin(time_s / 600)
    heart_rate = 150 + 5 * rng.standard_normal(samples)
    return Streams(time_s, distance_m, altitude_m=altitude_m, heart_rate=heart_rate)


def python_two_pointer(streams: Streams, distance_m: float) -> float:
    """The O(n) sweep in plain Python (ends at samples only): the baseline numpy beats."""
    t, d = streams.time_s.tolist(), streams.distance_m.tolist()
    best, i = float("inf"), 0
    for j in range(len(d)):
        while i + 1 < j and d[j] - d[i + 1] >= distance_m:
            i += 1
        if d[j] - d[i] >= distance_m:
            start_t = t[i] + (d[j] - distance_m - d[i]) / (d[i + 1] - d[i]) * (t[i + 1] - t[i])
            best = min(best, t[j] - start_t)
    return best


def median_ms(action: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        began = time.perf_counter()
        action()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


def real_runs() -> list[Run]:
    """Every activity in the real device files (read once, outside the timing)."""
    runs: list[Run] = []
    for path in sorted(ACTIVITIES.rglob("*")) if ACTIVITIES.is_dir() else []:
        if path.is_file() and format_of(path.name) is not None:
            with contextlib.suppress(ImportProblem):
                runs.extend(read_activity(path.name, path.read_bytes()))
    return runs


def time_real_files(repeats: int) -> None:
    runs = real_runs()
    if not runs:
        print(f"\n(no real files at {ACTIVITIES})")
        return
    samples = sum(len(r.streams) for r in runs if r.streams is not None)
    total = median_ms(lambda: [(analyse_run(r), infer_tags(r)) for r in runs], repeats)
    print(
        f"\nreal files: {len(runs)} activities, {samples:,} samples: analysis and tags of all "
        f"of them {total:.0f} ms (median of {repeats}), {total / len(runs):.1f} ms per activity"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    print("| samples | full analysis (ms) | best efforts (ms) | Python sweep (ms) | tags (ms) |")
    print("|---:|---:|---:|---:|---:|")
    for samples in (12_600, 18_000, 40_000):
        streams = marathon_streams(samples)
        full = median_ms(lambda s=streams: analyse_streams(s), args.repeats)
        efforts = median_ms(lambda s=streams: best_efforts(s), args.repeats)
        sweep = median_ms(
            lambda s=streams: [python_two_pointer(s, d) for d in EFFORT_DISTANCES_M],
            max(3, args.repeats // 2),
        )
        run = Run(start=datetime(2026, 4, 26, 8, tzinfo=UTC), streams=streams)
        tags = median_ms(lambda r=run: infer_tags(r), args.repeats)
        print(f"| {samples:,} | {full:.1f} | {efforts:.1f} | {sweep:.0f} | {tags:.1f} |")
    time_real_files(args.repeats)


if __name__ == "__main__":
    main()
