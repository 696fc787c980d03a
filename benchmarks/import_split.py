"""Where an import's time goes: the main process (the store) against the reader processes.

    python -m benchmarks.import_split DIR [--postgres URL] [--repeat 3]

Imports the activity files under DIR (e.g. a year of ``benchmarks.watch_decade --out`` or of
``benchmarks.decade``) into a new SQLite store, and with ``--postgres`` into a new schema of
that PostgreSQL database (dropped afterwards; the database itself is left alone), engines
alternately, ``--repeat`` times each. Each import runs in a process of its own; it reports
the wall time, the CPU time of the main process (what the store costs: duplicate checks,
tags' context, inserts, commits) and of its reader processes (decoding, analysis, encoding,
compression), and the round trips to the database per file (each SQL statement and commit
sent through SQLAlchemy, and each batch sent in psycopg's pipeline mode, counted once). On a shared
machine the CPU times are the figures to compare: they move much less with the load than the
wall time. Results are printed as JSON (docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

from benchmarks.stores import load_average

ONE_IMPORT = """
import json, resource, sys, time
from pathlib import Path
from runcoach.services.import_sources import sources_of_paths
from runcoach.services.importing import import_sources
from runcoach.store.athletes import default_athlete_id
from runcoach.store.db import open_engine
from sqlalchemy import event

def main():
    engine = open_engine(sys.argv[2])
    with engine.begin() as conn:
        athlete_id = default_athlete_id(conn)
    sent = [0]
    event.listen(engine, "before_cursor_execute", lambda *_: sent.__setitem__(0, sent[0] + 1))
    event.listen(engine, "commit", lambda *_: sent.__setitem__(0, sent[0] + 1))
    try:  # statements sent together in psycopg's pipeline mode: one round trip
        import runcoach.store.pipeline as pipeline
        pipelined = pipeline._pipelined
        def counted(*args):
            sent[0] += 1
            return pipelined(*args)
        pipeline._pipelined = counted
    except ImportError:  # older code: every statement went through SQLAlchemy
        pass
    began, began_cpu = time.perf_counter(), time.process_time()
    summary = import_sources(engine, sources_of_paths([Path(sys.argv[1])]), athlete_id=athlete_id)
    wall, main_cpu = time.perf_counter() - began, time.process_time() - began_cpu
    readers = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"wall_s": wall, "main_cpu_s": main_cpu,
                      "readers_cpu_s": readers.ru_utime + readers.ru_stime,
                      "files": len(summary.files), "runs": summary.runs_added,
                      "round_trips_per_file": sent[0] / max(1, len(summary.files))}))

if __name__ == "__main__":
    main()
"""


def _psql(url: str, statement: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(statement))
    finally:
        engine.dispose()


def one_import(folder: Path, engine: str, postgres: str | None, script: Path) -> dict[str, float]:
    schema = None
    if engine == "sqlite":
        url = f"sqlite:///{tempfile.mkdtemp(prefix='runcoach-split-')}/runcoach.db"
    else:
        assert postgres is not None
        from runcoach.config import load_settings

        base = load_settings({"database_url": postgres}, environ={}).database_url
        schema = f"bench_split_{uuid.uuid4().hex[:10]}"
        _psql(base, f'CREATE SCHEMA "{schema}"')
        joiner = "&" if "?" in base else "?"
        url = f"{base}{joiner}options=-csearch_path%3D{schema}"
    try:
        load = load_average()
        done = subprocess.run(
            [sys.executable, str(script), str(folder), url],
            capture_output=True, text=True, check=True, env=os.environ.copy(),
        )  # fmt: skip
        return {**json.loads(done.stdout.strip().splitlines()[-1]), "load_average": load}
    finally:
        if schema is not None:
            _psql(base, f'DROP SCHEMA "{schema}" CASCADE')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--postgres", help="a PostgreSQL database URL: import into new schemas")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    engines = ["sqlite"] + (["postgresql"] if args.postgres else [])
    with tempfile.TemporaryDirectory() as work:
        script = Path(work) / "one_import.py"
        script.write_text(ONE_IMPORT)
        runs: dict[str, list[dict[str, float]]] = {engine: [] for engine in engines}
        for _ in range(args.repeat):
            for engine in engines:
                runs[engine].append(one_import(args.folder, engine, args.postgres, script))
    result = {
        engine: {
            **{
                f"{key}_median": round(statistics.median(r[key] for r in found), 2)
                for key in ("wall_s", "main_cpu_s", "readers_cpu_s", "round_trips_per_file")
            },
            "all": found,
        }
        for engine, found in runs.items()
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
