"""kill -9 at random points of migrations, imports, backups and restores, on SQLite and
PostgreSQL: the store stays whole, no run is doubled, and the next command works (issue 17).

Each command runs as a process of its own (``tests/crashes/killer.py``) that kills itself
just before its Nth SQL statement. The points are spread over the whole command with a
random jitter; the seed is in each failure's message (``RUNCOACH_CRASH_SEED`` replays it).
"""

from __future__ import annotations

import itertools
import json
import os
import random
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, func, select, text

from runcoach.store.db import HEAD_REVISION, current_revision, make_engine
from runcoach.store.run_weeks import _volume_rows
from runcoach.store.tables import metadata, run_sources, run_weeks, runs
from tests.conftest import ACTIVITIES, POSTGRES_URL_ENV, needs_shared_data
from tests.crashes.killer import SENT_MARK

pytestmark = [needs_shared_data(), pytest.mark.slow]
REPO = Path(__file__).resolve().parents[2]
SEED = int(os.environ.get("RUNCOACH_CRASH_SEED") or (17 if os.environ.get("CI") else time.time()))
IMPORTED = ACTIVITIES / "sweatpy"  # FIT, GPX and TCX of the same runs, and runs of their own
MANY_FILES = [ACTIVITIES / "sweatpy", ACTIVITIES / "gpxpy"]  # enough files for reader workers
# Kill points per command and engine: 4 keep CI's share at a few minutes; the seed moves
# them on every local run, and RUNCOACH_CRASH_POINTS=20 (say) tries many more at once.
KILL_POINTS = int(os.environ.get("RUNCOACH_CRASH_POINTS") or 4)
NEVER = 10**9  # a statement number no command reaches: the command runs to its end
COMMAND_TIMEOUT_S = 300
CRASH_SCHEMA = "runcoach_crash"  # PostgreSQL: schemas of their own, not the other tests'


@dataclass
class Store:
    url: str
    home: Path

    def engine(self) -> Engine:
        return make_engine(self.url)

    def run(self, *args: str, kill_at: int = NEVER) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "tests.crashes.killer", str(kill_at)]
        command += ["--home", str(self.home), "--database-url", self.url, *args]
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), str(REPO)])}
        return subprocess.run(
            command, cwd=REPO, env=env, capture_output=True, text=True,
            timeout=COMMAND_TIMEOUT_S, check=False,
        )  # fmt: skip

    def ok(self, *args: str) -> subprocess.CompletedProcess[str]:
        done = self.run(*args)
        assert done.returncode == 0, f"seed {SEED}: runcoach {' '.join(args)}: {done.stderr}"
        return done

    def statements(self, *args: str) -> int:
        """How many statements the command sends when nothing stops it."""
        done = self.ok(*args)
        return int(done.stderr.rsplit(SENT_MARK, 1)[1].split()[0])

    def killed(self, at: int, *args: str) -> None:
        done = self.run(*args, kill_at=at)
        assert done.returncode in (-signal.SIGKILL, 0), f"seed {SEED}: {done.stderr}"


@pytest.fixture(params=["sqlite", "postgresql"])
def new_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[], Store]]:
    """A maker of new, empty stores (no schema yet), each in a home of its own."""
    numbers = itertools.count()
    if request.param == "sqlite":

        def new_sqlite() -> Store:
            home = tmp_path / f"home-{next(numbers)}"
            return Store(f"sqlite:///{home / 'runcoach.db'}", home)

        yield new_sqlite
        return
    url = os.environ.get(POSTGRES_URL_ENV)
    if not url:
        pytest.skip(f"PostgreSQL tests need {POSTGRES_URL_ENV}")
    made: list[str] = []

    def new_postgres() -> Store:
        made.append(f"{CRASH_SCHEMA}_{next(numbers)}")
        return Store(_new_schema(url, made[-1]), tmp_path / f"home-{len(made)}")

    yield new_postgres
    _drop_schemas(url, made)


def _admin(url: str) -> Engine:
    return make_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))


def _new_schema(url: str, schema: str) -> str:
    """A new, empty PostgreSQL schema; the URL of a store in it."""
    engine = _admin(url)
    with engine.begin() as conn:
        conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    engine.dispose()
    return f"{engine.url.render_as_string(hide_password=False)}?options=-csearch_path%3D{schema}"


def _drop_schemas(url: str, schemas: list[str]) -> None:
    engine = _admin(url)
    with engine.begin() as conn:
        for schema in schemas:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
    engine.dispose()


def _points(total: int, rng: random.Random) -> list[int]:
    """``KILL_POINTS`` statement numbers spread over 1..total, each jittered in its stretch."""
    stretch = max(1, total // KILL_POINTS)
    found = {min(total, 1 + i * stretch + rng.randrange(stretch)) for i in range(KILL_POINTS)}
    return sorted(found)


# --- checks ------------------------------------------------------------------------------------


def _check_whole(engine: Engine) -> None:
    """The schema is the newest, whole, every run has its file, the weeks add up."""
    assert current_revision(engine) == HEAD_REVISION, f"seed {SEED}"
    with engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), metadata)
        assert differences == [], f"seed {SEED}: {differences}"
        if conn.dialect.name == "sqlite":
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
        orphan = select(runs.c.id).where(runs.c.id.not_in(select(run_sources.c.run_id)))
        assert conn.execute(orphan).all() == [], f"seed {SEED}: a run without its file"
        weeks = {(r.athlete_id, r.week_start): r.runs for r in conn.execute(select(run_weeks))}
        counted = {
            (r["athlete_id"], r["week_start"]): r["runs"]
            for r in _volume_rows(conn, None, None, None)
        }
        assert weeks == counted, f"seed {SEED}"


def _activities(engine: Engine) -> dict[str, int]:
    with engine.connect() as conn:
        query = select(runs.c.fingerprint, func.count()).group_by(runs.c.fingerprint)
        return {str(k): int(v) for k, v in conn.execute(query).all()}


# --- the tests ---------------------------------------------------------------------------------


def test_a_migration_killed_anywhere_leaves_a_store_that_every_command_opens(new_store):
    rng = random.Random(SEED)
    total = new_store().statements("info")
    for at in _points(total, rng):
        store = new_store()
        store.killed(at, "info")
        store.ok("backup", str(store.home / "after.zip"))
        store.ok("runs", "list")
        _check_whole(store.engine())


def test_an_import_killed_again_and_again_finishes_with_every_run_once(new_store):
    rng = random.Random(SEED)
    alone = new_store()
    alone.ok("info")  # the schema first: the migration's kills are the test above
    total = alone.statements("import", str(IMPORTED))
    expected = _activities(alone.engine())
    assert expected and set(expected.values()) == {1}

    store = new_store()
    store.ok("info")
    for at in _points(total, rng):
        store.killed(at, "import", str(IMPORTED))
        _check_whole(store.engine())
        assert set(_activities(store.engine()).values()) <= {1}, f"seed {SEED}: a run doubled"
    finished = json.loads(store.ok("import", str(IMPORTED), "--json").stdout)
    assert finished["failed"] == 0
    assert _activities(store.engine()) == expected


def test_a_backup_killed_anywhere_leaves_no_backup_and_the_next_one_restores(new_store):
    rng = random.Random(SEED)
    store = new_store()
    store.ok("import", str(IMPORTED))
    path = store.home / "backups" / "b.zip"
    total = store.statements("backup", str(store.home / "scratch.zip"))
    for at in _points(total, rng):
        store.killed(at, "backup", str(path))
        assert not path.exists() or zipfile.ZipFile(path).testzip() is None, f"seed {SEED}"
        path.unlink(missing_ok=True)
    store.ok("backup", str(path))
    target = new_store()
    restored = json.loads(target.ok("restore", str(path), "--json").stdout)
    assert restored["rows"]["runs"] == len(_activities(store.engine()))
    _check_whole(target.engine())


def test_a_restore_killed_anywhere_restores_whole_the_next_time(new_store):
    rng = random.Random(SEED)
    source = new_store()
    source.ok("import", str(IMPORTED))
    path = source.home / "b.zip"
    source.ok("backup", str(path))
    runs_held = len(_activities(source.engine()))
    total = new_store().statements("restore", str(path))
    for at in _points(total, rng):
        target = new_store()
        target.killed(at, "restore", str(path))
        target.ok("runs", "list")  # what is there opens, whatever it holds
        done = target.run("restore", str(path), "--json")
        if done.returncode == 0:
            assert json.loads(done.stdout)["rows"]["runs"] == runs_held
        else:  # the killed restore had finished its work: refused, never doubled
            assert "not empty" in done.stderr, f"seed {SEED}: {done.stderr}"
        assert len(_activities(target.engine())) == runs_held, f"seed {SEED}"
        _check_whole(target.engine())


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
def test_the_reader_workers_end_with_a_killed_import(tmp_path):
    home = tmp_path / "home"
    command = [sys.executable, "-m", "runcoach", "--home", str(home), "import"]
    importing = subprocess.Popen([*command, *map(str, MANY_FILES)], stdout=subprocess.DEVNULL)
    workers = _children_of(importing.pid, wait_s=60)
    assert workers, "the import started no reader workers"
    importing.send_signal(signal.SIGKILL)
    importing.wait()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.1)
    assert not [pid for pid in workers if _alive(pid)], "workers outlived the killed import"


def _children_of(pid: int, wait_s: float) -> list[int]:
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        found = [p for p in _pids() if _parent_of(p) == pid]
        if len(found) >= 2:  # the pool's workers (and the resource tracker)
            time.sleep(0.5)
            return [p for p in _pids() if _parent_of(p) == pid]
        time.sleep(0.05)
    return []


def _pids() -> list[int]:
    return [int(name) for name in os.listdir("/proc") if name.isdigit()]


def _parent_of(pid: int) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"
