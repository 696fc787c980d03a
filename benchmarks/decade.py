"""The decade benchmark: ten years of training replayed from real device files, imported.

    python -m benchmarks.decade [--runs-per-week 6] [--years 10] [--repeat 3] [--out DIR]
                                [--postgres URL]

1. Builds the history (not timed): every real activity file in ../shared/data/activities that
   runcoach imports as a run is replayed, round-robin, on the days of a ten-year training
   calendar (6 runs a week by default, about 3,100 files), with all its timestamps shifted.
2. Times ``runcoach import`` of the whole folder into an empty home (median of --repeat runs),
   ``runcoach runs list`` over the decade, and compares the store's size with the files'.
With ``--postgres URL`` (a PostgreSQL server, e.g. postgresql://postgres@127.0.0.1/postgres)
the import goes into a new database made on that server for each attempt (and dropped), and
the CPU time of the import and its readers is given too (``benchmarks.stores``).
Results are printed as JSON and belong in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import fitdecode

from benchmarks.data import ACTIVITIES
from benchmarks.replay import COMPRESSED_TIMESTAMP_STEP_S, shift_fit, shift_xml
from benchmarks.stores import fresh_store, load_average
from benchmarks.stores import run_runcoach as run_in_store

RUN_DAYS = (0, 1, 2, 3, 5, 6, 4)  # weekday order in which run days are added to a week


def run_sources() -> list[tuple[Path, datetime]]:
    """The real files that hold a run, with their recorded start."""
    from runcoach.domain.errors import ImportProblem
    from runcoach.importers import format_of, read_activity

    sources = []
    for path in sorted(ACTIVITIES.rglob("*")):
        if not path.is_file() or format_of(path.name) is None:
            continue
        try:
            runs = read_activity(path.name, path.read_bytes())
        except ImportProblem:
            continue
        if runs and all(run.is_run for run in runs):
            sources.append((path, runs[0].start))
    return sources


def build_history(folder: Path, years: int, runs_per_week: int) -> dict[str, int]:
    sources = run_sources()
    if not sources:
        raise SystemExit("no importable run files found in " + str(ACTIVITIES))
    first_day = date(2016, 1, 4)  # a Monday
    days = [
        first_day + timedelta(weeks=week, days=weekday)
        for week in range(years * 52)
        for weekday in sorted(RUN_DAYS[:runs_per_week])
    ]
    total = 0
    for index, day in enumerate(days):
        path, start = sources[index % len(sources)]
        target = datetime(day.year, day.month, day.day, 6, 30, tzinfo=UTC)
        shift = int((target - start).total_seconds())
        shift -= shift % COMPRESSED_TIMESTAMP_STEP_S
        data = path.read_bytes()
        moved = shift_fit(data, shift) if path.suffix.lower() == ".fit" else shift_xml(data, shift)
        out = folder / f"{day.year}" / f"{day.isoformat()}-{path.name}"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(moved)
        total += len(moved)
    return {"files": len(days), "bytes": total, "sources": len(sources)}


def run_runcoach(home: Path, *args: str) -> tuple[float, str]:
    env = {**os.environ, "RUNCOACH_HOME": str(home)}
    env.pop("RUNCOACH_DATABASE_URL", None)
    began = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "runcoach", *args], env=env, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - began
    if done.returncode != 0:
        raise SystemExit(f"runcoach {' '.join(args)} failed:\n{done.stderr[-2000:]}")
    return elapsed, done.stdout


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _list_time_ms(home: Path, repeat: int) -> float:
    """Time of listing the decade's runs, inside one process (the query, not start-up)."""
    code = (
        "import time,statistics,json;"
        "from runcoach.config import load_settings;"
        "from runcoach.services.runs import list_runs;"
        "from runcoach.store.athletes import default_athlete_id;"
        "from runcoach.store.db import open_engine;"
        "s=load_settings();e=open_engine(s.database_url);t=[];"
        "c=e.connect();me=default_athlete_id(c);c.close();"  # its transaction ends here
        f"exec('for _ in range({repeat}):\\n b=time.perf_counter();r=list_runs(e,athlete_id=me)\\n"
        " t.append(time.perf_counter()-b)');"
        "print(json.dumps([statistics.median(t)*1000, len(r)]))"
    )
    env = {**os.environ, "RUNCOACH_HOME": str(home)}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    if out.returncode != 0:
        print(f"listing the runs failed: {out.stderr.strip()[-500:]}", file=sys.stderr)
        return float("nan")
    return float(json.loads(out.stdout)[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs-per-week", type=int, default=6)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, help="keep the history here (default: temporary)")
    parser.add_argument("--postgres", help="a PostgreSQL server URL: import into new databases")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="runcoach-decade-"))
    history = args.out or work / "history"
    built = build_history(history, args.years, args.runs_per_week)
    if args.postgres:
        print(json.dumps(_on_postgres(work, history, built, args), indent=2))
        shutil.rmtree(work, ignore_errors=True)
        return
    import_times, listed_s = [], []
    for attempt in range(args.repeat):
        home = work / f"home{attempt}"
        seconds, out = run_runcoach(home, "import", str(history), "--json")
        import_times.append(seconds)
        summary = json.loads(out)
        listed_s.append(run_runcoach(home, "runs", "list", "--json")[0])
    store_bytes = folder_size(work / "home0")
    result = {
        "history": built,
        "import_s_median": round(statistics.median(import_times), 2),
        "import_s_all": [round(t, 2) for t in import_times],
        "import_summary": {k: v for k, v in summary.items() if isinstance(v, int | float)},
        "runs_list_command_s_median": round(statistics.median(listed_s), 3),
        "runs_list_query_ms_median": round(_list_time_ms(work / "home0", 9), 1),
        "store_bytes": store_bytes,
        "store_vs_files": round(store_bytes / built["bytes"], 3),
        "fitdecode": fitdecode.__version__,
    }
    print(json.dumps(result, indent=2))
    if args.out is None:
        shutil.rmtree(work, ignore_errors=True)


def _on_postgres(
    work: Path, history: Path, built: dict[str, int], args: argparse.Namespace
) -> dict[str, object]:
    times, cpus, loads = [], [], []
    for attempt in range(args.repeat):
        with fresh_store(work, attempt, args.postgres) as store:
            loads.append(load_average())
            seconds, cpu_s, out = run_in_store(store, "import", str(history), "--json")
            times.append(seconds)
            cpus.append(cpu_s)
    return {
        "history": built,
        "engine": "postgresql",
        "import_s_median": round(statistics.median(times), 2),
        "import_s_all": [round(t, 2) for t in times],
        "import_cpu_s_all": [round(c, 1) for c in cpus],
        "load_average_at_start": loads,
        "import_summary": {k: v for k, v in json.loads(out).items() if isinstance(v, int | float)},
    }


if __name__ == "__main__":
    main()
