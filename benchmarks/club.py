"""A club on one PostgreSQL database: runners' histories imported through the web app's job
queue and each runner's reports timed, while the database grows in stages.

    python -m benchmarks.club --postgres URL [--years 1] [--workers 2] [--stages 0,3,6]
                              [--measured 2] [--batch W] [--reports 3]

(The club of issue 18, 50 runners' decades: ``--years 10 --workers 2 --stages 0,10,25,50
--measured 2``, on a quiet machine. The old all-at-once run of N runners: ``--runners N``,
i.e. ``--stages 0 --measured N --batch N``.)

1. Builds one replayed history (``benchmarks.decade``: the real run files of
   ../shared/data/activities at shifted dates, 6 runs a week for ``--years``) and zips it
   (not timed): every measured runner uploads it, as a runner uploads a watch's export.
2. Creates a new database on the server of ``--postgres`` (a URL of a database there to
   connect to; the new one is dropped afterwards, also on an error, Ctrl-C or SIGTERM;
   nothing else is touched), signs the measured runners up with an API token each and starts
   ``runcoach serve --workers W``: W server processes, each running one procrastinate
   worker, so W imports at a time (web/procrastinate_queue.py).
3. Stage by stage (``--stages``: how many runners' histories the database holds when the
   stage's measured imports start):
   a. **the filler, copied**: the database is filled up to the stage's number of histories
      with *copies* of the first runner really imported (``benchmarks.club_copy``: a new
      athlete and account per copy, every row of the runner's copied in SQL, ids remapped;
      timed). When the first stage is above 0, one runner is imported for real first (the
      seed) to be copied.
   b. the reports of that first runner are timed with nothing else running (``--reports``
      times each, the median kept): this week, this year and the whole history
      (``period=custom``), through the API;
   c. **the measured imports, real**: ``--measured`` runners upload the zip through
      ``POST /api/v1/uploads`` in batches of ``--batch`` (default W: memory stays bounded by
      W uploads) and their jobs import it. Each job's status is polled every ``POLL_S``: an
      import's time is from the job seen running to it seen done. The moment a runner's
      import is done, its reports are timed through the API, beside the imports still
      running.
Prints per stage: the histories, runs and MiB in the database, the copies' seconds, each measured
runner's upload and import seconds and reports' milliseconds, the load average, the server's
peak resident memory and its CPU seconds over the stage's imports (uploads, jobs and
reports; PostgreSQL's own CPU is not in it); as JSON (docs/benchmarks.md, "The club").
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import signal
import statistics
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import httpx

from benchmarks.decade import build_history
from benchmarks.stores import fresh_store, load_average
from benchmarks.web_load import PASSWORD, free_port, start_server

POLL_S = 1.0  # s between two looks at a job's status
RUNS_PER_WEEK = 6
HISTORY_START = date(2016, 1, 1)  # benchmarks.decade starts its history on 2016-01-04


def zipped_history(work: Path, years: int) -> tuple[Path, dict[str, int]]:
    folder = work / "history"
    built = build_history(folder, years, RUNS_PER_WEEK)
    archive = work / "history.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as out:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                out.write(path, path.relative_to(folder).as_posix())
    return archive, built


@dataclass
class Runner:
    number: int
    athlete_id: int
    token: str


def sign_up(url: str, first: int, count: int) -> list[Runner]:
    """The measured runners' accounts, each with an API token (write scope), as a sync
    script uses."""
    from runcoach.domain.accounts import Scope
    from runcoach.services import accounts
    from runcoach.store.db import open_engine

    engine = open_engine(url)  # migrates the new database
    now = datetime.now(UTC)
    runners = []
    for number in range(first, first + count):
        actor = accounts.sign_up(engine, email(number), PASSWORD, now)
        token, _info = accounts.create_token(engine, actor, "club benchmark", Scope.WRITE, now)
        runners.append(Runner(number, actor.athlete_id, token))
    engine.dispose()
    return runners


def migrated(url: str) -> None:
    from runcoach.store.db import open_engine

    open_engine(url).dispose()  # opening migrates


def email(number: int) -> str:
    return f"runner{number}@club.example.com"


def runs_stored(url: str) -> int:
    return int(scalar(url, "SELECT count(*) FROM runs"))


def database_mib(url: str) -> float:
    return round(scalar(url, "SELECT pg_database_size(current_database())") / 2**20, 1)


def scalar(url: str, query: str) -> Any:
    from sqlalchemy import text

    from runcoach.store.db import make_engine

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text(query)).scalar_one()
    finally:
        engine.dispose()


def report_urls() -> dict[str, str]:
    today = date.today()
    return {
        "week": "/api/v1/reports?period=week",
        "year": "/api/v1/reports?period=year",
        "whole history": f"/api/v1/reports?period=custom&from={HISTORY_START}&to={today}",
    }


async def timed_reports(client: httpx.AsyncClient, repeat: int) -> dict[str, float]:
    """Each report's median time in ms over ``repeat`` requests (the first one included:
    the job builds this week's, month's and year's reports after its import)."""
    timings: dict[str, float] = {}
    for name, url in report_urls().items():
        each = []
        for _ in range(repeat):
            began = time.perf_counter()
            answer = await client.get(url, timeout=600)
            answer.raise_for_status()
            each.append((time.perf_counter() - began) * 1000)
        timings[name] = round(statistics.median(each), 1)
    return timings


def client_of(base: str, runner: Runner) -> httpx.AsyncClient:
    headers = {"Authorization": f"Bearer {runner.token}"}
    return httpx.AsyncClient(base_url=base, timeout=600, headers=headers)


async def one_runner(
    base: str, runner: Runner, archive: Path, url: str, repeat: int, started: float
) -> dict[str, Any]:
    """``runner`` uploads the history, waits for its import, then times its reports."""
    async with client_of(base, runner) as client:
        began = time.perf_counter()
        with archive.open("rb") as data:
            answer = await client.post(
                "/api/v1/uploads", files={"files": (archive.name, data, "application/zip")}
            )
        answer.raise_for_status()
        uploaded = time.perf_counter() - began
        job = answer.json()
        running_at = done_at = None
        while True:
            status = (await client.get(f"/api/v1/uploads/{job['id']}")).json()
            if status["status"] != "queued" and running_at is None:
                running_at = time.perf_counter()
            if status["status"] in ("done", "failed"):
                done_at = time.perf_counter()
                break
            await asyncio.sleep(POLL_S)
        if status["status"] == "failed":
            raise SystemExit(f"runner {runner.number}'s upload failed: {status.get('error')}")
        runs_then = await asyncio.to_thread(runs_stored, url)
        reports = await timed_reports(client, repeat)
        outcomes = [o["outcome"] for o in status.get("outcomes", [])]
        return {
            "runner": runner.number,
            "finished_after_s": round(done_at - started, 1),
            "upload_s": round(uploaded, 1),
            "import_s": round(done_at - (running_at or done_at), 1),
            "files": len(outcomes),
            "imported": outcomes.count("imported"),
            "runs_in_database": runs_then,
            "reports_ms": reports,
            "load_average": load_average(),
        }


async def batches(
    base: str, runners: list[Runner], batch: int, archive: Path, url: str, repeat: int
) -> list[dict[str, Any]]:
    """The runners' imports, ``batch`` at a time (all uploaded at once within a batch)."""
    started = time.perf_counter()
    done: list[dict[str, Any]] = []
    for first in range(0, len(runners), batch):
        group = runners[first : first + batch]
        found = await asyncio.gather(
            *(one_runner(base, r, archive, url, repeat, started) for r in group)
        )
        done += sorted(found, key=lambda r: r["finished_after_s"])
    return done


async def quiet_reports(base: str, runner: Runner, repeat: int) -> dict[str, float]:
    async with client_of(base, runner) as client:
        return await timed_reports(client, repeat)


def process_tree(pid: int) -> list[tuple[float, float | None]]:
    """(CPU seconds, peak resident MiB or None) of ``pid`` and every process under it
    (Linux's /proc; empty elsewhere): the server, its uvicorn workers and their children."""
    ticks = os.sysconf("SC_CLK_TCK")
    seen: dict[int, tuple[int, float, float | None]] = {}  # pid: (parent, cpu, peak)
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            status = (stat.parent / "status").read_text()
        except OSError:
            continue
        peak = next((int(line.split()[1]) / 1024 for line in status.splitlines()
                     if line.startswith("VmHWM:")), None)  # fmt: skip
        cpu = sum(int(f) for f in fields[11:15]) / ticks  # its own and its ended children's
        seen[int(stat.parent.name)] = (int(fields[1]), cpu, peak)
    tree = {pid} & set(seen)
    while grown := {p for p, (parent, _c, _m) in seen.items() if parent in tree} - tree:
        tree |= grown
    return [(seen[p][1], seen[p][2]) for p in tree]


def server_cpu_s(pid: int) -> float:
    return sum(cpu for cpu, _peak in process_tree(pid))


def server_memory_mib(pid: int) -> dict[str, float] | None:
    """Peak resident memory (VmHWM) of the server's processes: the largest one's and their
    sum (an upper bound of the peak all together), MiB."""
    found = [peak for _cpu, peak in process_tree(pid) if peak is not None]
    if not found:
        return None
    return {"largest": round(max(found), 1), "sum": round(sum(found), 1), "processes": len(found)}


@dataclass
class Club:
    """The database as the stages grow it."""

    url: str
    base: str
    archive: Path
    args: argparse.Namespace
    server_pid: int
    next_number: int = 0
    histories: int = 0  # runners' histories in the database: real imports and copies
    source: Runner | None = None  # the first runner really imported: the one copied
    stages: list[dict[str, Any]] = field(default_factory=list)
    cpu_s: float = 0.0  # the server's CPU over the last imports (uploads, jobs, reports)

    def runners(self, count: int) -> list[Runner]:
        made = sign_up(self.url, self.next_number, count)
        self.next_number += count
        return made

    def imports(self, runners: list[Runner]) -> list[dict[str, Any]]:
        batch = self.args.batch or self.args.workers
        cpu_before = server_cpu_s(self.server_pid)
        done = asyncio.run(
            batches(self.base, runners, batch, self.archive, self.url, self.args.reports)
        )
        self.cpu_s = round(server_cpu_s(self.server_pid) - cpu_before, 1)
        self.histories += len(runners)
        if self.source is None:
            self.source = runners[0]
        return done

    def fill(self, target: int) -> dict[str, Any]:
        """Copies of the source runner until the database holds ``target`` histories."""
        from benchmarks.club_copy import copy_athlete
        from runcoach.store.db import make_engine

        seconds: list[float] = []
        if self.histories >= target:
            return {"copies": 0}
        assert self.source is not None
        engine = make_engine(self.url)
        try:
            while self.histories < target:
                began = time.perf_counter()
                copy_athlete(engine, self.source.athlete_id)
                seconds.append(round(time.perf_counter() - began, 1))
                self.histories += 1
                print(f"copy {self.histories}/{target}: {seconds[-1]} s", file=sys.stderr)
        finally:
            engine.dispose()
        return {"copies": len(seconds), "copy_s_each": seconds, "copy_s": round(sum(seconds), 1)}

    def stage(self, target: int) -> dict[str, Any]:
        record: dict[str, Any] = {"stage": target}
        if self.source is None and target > 0:
            record["seed"] = self.imports(self.runners(1))
        record["filler"] = self.fill(target)
        record["histories_before"] = self.histories
        record["runs_before"] = runs_stored(self.url)
        record["database_mib_before"] = database_mib(self.url)
        record["load_average_before"] = load_average()
        if self.source is not None:
            record["first_runner_reports_ms"] = asyncio.run(
                quiet_reports(self.base, self.source, self.args.reports)
            )
        record["measured"] = self.imports(self.runners(self.args.measured))
        record["server_cpu_s"] = self.cpu_s
        record["runs_after"] = runs_stored(self.url)
        record["database_mib_after"] = database_mib(self.url)
        record["server_peak_rss_mib"] = server_memory_mib(self.server_pid)
        print(json.dumps(record), file=sys.stderr)
        return record


def stopped_by_signal(number: int, _frame: object) -> None:
    raise KeyboardInterrupt(f"signal {number}")  # the database is dropped on the way out


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--postgres", required=True, help="a PostgreSQL URL on the server to use")
    parser.add_argument("--years", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2, help="server processes: imports at once")
    parser.add_argument("--stages", default="0", help="histories in the database at each stage")
    parser.add_argument("--measured", type=int, default=2, help="real imports at each stage")
    parser.add_argument("--batch", type=int, default=0, help="uploads at once (default: W)")
    parser.add_argument("--reports", type=int, default=3, help="times each report is asked")
    parser.add_argument("--runners", type=int, default=0,
                        help="the old run: N runners all at once (--stages 0 --measured N "
                             "--batch N)")  # fmt: skip
    args = parser.parse_args()
    if args.runners:
        args.stages, args.measured, args.batch = "0", args.runners, args.runners
    args.stage_list = sorted(int(s) for s in args.stages.split(","))
    return args


def main() -> None:
    args = arguments()
    signal.signal(signal.SIGTERM, stopped_by_signal)
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="runcoach-club-") as folder:
        work = Path(folder)
        archive, built = zipped_history(work, args.years)
        print(f"history: {built['files']} files, {built['bytes'] >> 20} MiB", file=sys.stderr)
        with fresh_store(work, 0, args.postgres) as store:
            assert store.database_url is not None
            store.home.mkdir()
            migrated(store.database_url)  # the schema, before the server opens it
            port = free_port()
            load_before = load_average()
            server = start_server(store.home, store.database_url, port, args.workers)
            try:
                club = Club(store.database_url, f"http://127.0.0.1:{port}", archive, args,
                            server.pid)  # fmt: skip
                for target in args.stage_list:
                    club.stages.append(club.stage(target))
            finally:
                server.terminate()
                server.wait(timeout=60)
    print(json.dumps(summary(args, built, load_before, club, began), indent=1))


def summary(
    args: argparse.Namespace, built: dict[str, int], load_before: float, club: Club, began: float
) -> dict[str, Any]:
    return {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "club": {"years": args.years, "workers": args.workers, "stages": args.stage_list,
                 "measured": args.measured, "batch": args.batch or args.workers,
                 "files_per_runner": built["files"], "load_average_before": load_before,
                 "load_average_after": load_average(),
                 "wall_s": round(time.perf_counter() - began, 1)},
        "stages": club.stages,
        "per_stage": [
            {"histories": s["histories_before"], "runs": s["runs_before"],
             "database_mib": s["database_mib_before"],
             "import_s": [r["import_s"] for r in s["measured"]],
             "server_cpu_s_per_import": round(s["server_cpu_s"] / len(s["measured"]), 1),
             "whole_history_ms": [r["reports_ms"]["whole history"] for r in s["measured"]],
             "first_runner_ms": s.get("first_runner_reports_ms")}
            for s in club.stages
        ],
    }  # fmt: skip


if __name__ == "__main__":
    main()
