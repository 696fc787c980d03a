"""Where a benchmark imports: a new SQLite home, or a new PostgreSQL database made for it.

    with fresh_store(work, attempt, postgres_url) as store:
        seconds, cpu_s, out = run_runcoach(store, "import", str(folder), "--json")

PostgreSQL databases are created as ``runcoach_bench_<pid>_<n>`` on the server of
``postgres_url`` (a URL of a database there to connect to, e.g. ``postgres``) and dropped after
use; no other database is touched.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Store:
    home: Path
    database_url: str | None  # None: the home's SQLite file

    @property
    def engine_name(self) -> str:
        return "sqlite" if self.database_url is None else "postgresql"


@contextmanager
def fresh_store(work: Path, attempt: int, postgres_url: str | None) -> Iterator[Store]:
    home = work / f"home{attempt}"
    if postgres_url is None:
        yield Store(home, None)
        return
    name = f"runcoach_bench_{os.getpid()}_{attempt}"
    _admin(postgres_url, f'CREATE DATABASE "{name}"')
    try:
        yield Store(home, _with_database(postgres_url, name))
    finally:
        _admin(postgres_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(home, ignore_errors=True)


def _with_database(url: str, name: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(database=name).render_as_string(hide_password=False)


def _admin(url: str, statement: str) -> None:
    from sqlalchemy import create_engine, text

    from runcoach.config import load_settings

    normalised = load_settings({"database_url": url}, environ={}).database_url
    engine = create_engine(normalised, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(statement))
    finally:
        engine.dispose()


def run_runcoach(store: Store, *args: str) -> tuple[float, float, str]:
    """Run ``runcoach ARGS`` as a process: (wall seconds, CPU seconds of it and its workers,
    standard output)."""
    env = {**os.environ, "RUNCOACH_HOME": str(store.home)}
    env.pop("RUNCOACH_DATABASE_URL", None)
    if store.database_url is not None:
        env["RUNCOACH_DATABASE_URL"] = store.database_url
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "runcoach", *args], env=env, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"runcoach {' '.join(args)} failed:\n{done.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu, done.stdout


def load_average() -> float:
    return round(os.getloadavg()[0], 2)
