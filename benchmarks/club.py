"""A club on one PostgreSQL database: runners' histories imported in parallel by the web
app's job queue, then each runner's reports, as the database grows.

    python -m benchmarks.club --postgres URL [--runners 3] [--years 1] [--workers 2]
                              [--reports 3]

(A club of 50 runners' decades: ``--runners 50 --years 10 --workers 2``, on a quiet machine.)

1. Builds one replayed history (``benchmarks.decade``: the real run files of
   ../shared/data/activities at shifted dates, 6 runs a week for ``--years``) and zips it
   (not timed): every runner uploads it, as a runner uploads a watch's export.
2. Creates a new database on the server of ``--postgres`` (a URL of a database there to
   connect to; the new one is dropped afterwards, nothing else is touched), signs the runners
   up and starts ``runcoach serve --workers W``: W server processes, each running one
   procrastinate worker, so W imports at a time (web/procrastinate_queue.py).
3. Every runner logs in and uploads the zip at once (``POST /api/v1/uploads``); the jobs
   queue up and are imported W at a time. Each job's status is polled every
   ``POLL_S``: a runner's import time is from the job seen running to it seen done.
4. The moment a runner's job is done, that runner's reports are timed through the API
   (``--reports`` times each, the median kept): this week, this year and the whole
   history (``period=custom``), beside the imports still running, with the runs then in the
   database.
Prints per runner, in the order the imports finished: the runs in the database when its
import finished, its import's seconds and its reports' milliseconds, as JSON
(docs/benchmarks.md, "Fast at every door").
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import sys
import tempfile
import time
import zipfile
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


def sign_up(url: str, runners: int) -> list[str]:
    """The runners' accounts; each one's API token (write scope), as a sync script uses."""
    from runcoach.domain.accounts import Scope
    from runcoach.services import accounts
    from runcoach.store.db import open_engine

    engine = open_engine(url)  # migrates the new database
    now = datetime.now(UTC)
    tokens = []
    for number in range(runners):
        actor = accounts.sign_up(engine, email(number), PASSWORD, now)
        token, _info = accounts.create_token(engine, actor, "club benchmark", Scope.WRITE, now)
        tokens.append(token)
    engine.dispose()
    return tokens


def email(number: int) -> str:
    return f"runner{number}@club.example.com"


def runs_stored(url: str) -> int:
    from sqlalchemy import text

    from runcoach.store.db import make_engine

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM runs")).scalar_one())
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


async def one_runner(
    base: str, number: int, token: str, archive: Path, url: str, repeat: int, started: float
) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=base, timeout=600, headers=headers) as client:
        with archive.open("rb") as data:
            answer = await client.post(
                "/api/v1/uploads", files={"files": (archive.name, data, "application/zip")}
            )
        answer.raise_for_status()
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
            raise SystemExit(f"runner {number}'s upload failed: {status.get('error')}")
        runs_then = await asyncio.to_thread(runs_stored, url)
        reports = await timed_reports(client, repeat)
        outcomes = [o["outcome"] for o in status.get("outcomes", [])]
        return {
            "runner": number,
            "finished_after_s": round(done_at - started, 1),
            "import_s": round(done_at - (running_at or done_at), 1),
            "files": len(outcomes),
            "imported": outcomes.count("imported"),
            "runs_in_database": runs_then,
            "reports_ms": reports,
            "load_average": load_average(),
        }


async def club(base: str, tokens: list[str], archive: Path, url: str, repeat: int) -> list[Any]:
    started = time.perf_counter()
    results = await asyncio.gather(
        *(one_runner(base, n, t, archive, url, repeat, started) for n, t in enumerate(tokens))
    )
    return sorted(results, key=lambda r: r["finished_after_s"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--postgres", required=True, help="a PostgreSQL URL on the server to use")
    parser.add_argument("--runners", type=int, default=3)
    parser.add_argument("--years", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2, help="server processes: imports at once")
    parser.add_argument("--reports", type=int, default=3, help="times each report is asked")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="runcoach-club-") as folder:
        work = Path(folder)
        archive, built = zipped_history(work, args.years)
        print(f"history: {built['files']} files, {built['bytes'] >> 20} MiB", file=sys.stderr)
        with fresh_store(work, 0, args.postgres) as store:
            assert store.database_url is not None
            store.home.mkdir()
            tokens = sign_up(store.database_url, args.runners)
            port = free_port()
            load_before = load_average()
            server = start_server(store.home, store.database_url, port, args.workers)
            try:
                runners = asyncio.run(
                    club(f"http://127.0.0.1:{port}", tokens, archive,
                         store.database_url, args.reports)
                )  # fmt: skip
            finally:
                server.terminate()
                server.wait(timeout=60)
    print(json.dumps(summary(args, built, load_before, runners), indent=1))


def summary(
    args: argparse.Namespace, built: dict[str, int], load_before: float, runners: list[Any]
) -> dict[str, Any]:
    imports = [r["import_s"] for r in runners]
    return {
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "club": {"runners": args.runners, "years": args.years, "workers": args.workers,
                 "files_per_runner": built["files"], "load_average_before": load_before},
        "runners_in_finishing_order": runners,
        "import_s": {"first": imports[0], "last": imports[-1],
                     "median": statistics.median(imports)},
        "whole_history_report_ms": {
            "first": runners[0]["reports_ms"]["whole history"],
            "last": runners[-1]["reports_ms"]["whole history"],
        },
    }  # fmt: skip


if __name__ == "__main__":
    main()
