"""The web app under load: simulated runners browsing the pages of their own decade.

    python -m benchmarks.web_load [--runners 20] [--years 10] [--clients 50] [--seconds 60]
                                  [--database-url postgresql://...] [--workers 4]
                                  [--store DIR] [--repeat N]

1. Builds the store (not timed): ``--runners`` accounts, each with ``--years`` of synthetic
   training (benchmarks/synthetic.py, ~6 runs a week, with best efforts and halves), one real
   one-hour FIT run with its samples (for the run page), and a plan from docs/examples.
2. Starts ``runcoach serve`` (one process on SQLite, ``--workers`` on PostgreSQL).
3. ``--clients`` simulated runners log in (client i as account i mod runners) and, for
   ``--seconds``, each loops through the dashboard, the log, the run page with its chart
   data, the calendar and the month's report, one request at a time: as fast as answered
   (``--think 0``, the server saturated: a throughput test), or reading each page for
   ``--think`` seconds on average (uniform 0.5x-1.5x, as locust's ``between``) as people do.
Prints the machine, the load and p50 / p95 per page as JSON (docs/benchmarks.md).

``--store DIR`` keeps the built store in DIR (the SQLite file, or for PostgreSQL the note of
which runs carry samples) and reuses it on the next run with the same ``--runners`` and
``--years``: twenty decades take a quarter of an hour to build, a measurement a minute.
``--repeat N`` runs the load N times against one server start and reports each run and the
median of their p50 / p95.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

import httpx
import yaml

from benchmarks.data import ACTIVITIES
from benchmarks.store_history import insert_history

PASSWORD = "benchmark runner password"
HOUR_RUN = ACTIVITIES / "python-fitparse" / "sample_mulitple_header.fit"  # 47 min, GPS + HR
PROFILE = Path(__file__).resolve().parents[1] / "docs" / "examples" / "shift-worker.yaml"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def build_store(url: str, runners: int, years: int) -> list[int]:
    """The accounts with their histories; returns each account's run with samples."""
    from runcoach.domain.plans.profile import profile_from_dict
    from runcoach.services import accounts
    from runcoach.services.import_sources import sources_of_paths
    from runcoach.services.importing import import_sources
    from runcoach.services.plans import build_plan
    from runcoach.store.db import open_engine

    engine = open_engine(url)
    profile = profile_from_dict(yaml.safe_load(PROFILE.read_text(encoding="utf-8")))
    today, now = date.today(), datetime.now(UTC)
    hour_runs = []
    for number in range(runners):
        actor = accounts.sign_up(engine, f"runner{number}@example.com", PASSWORD, now)
        insert_history(engine, years, today, seed=number, athlete=actor.athlete_id)
        summary = import_sources(
            engine, sources_of_paths([HOUR_RUN]), athlete_id=actor.athlete_id, workers=1
        )
        hour_runs.append(summary.files[0].run_ids[0])
        build_plan(engine, profile, today, athlete_id=actor.athlete_id)
        print(f"runner {number + 1}/{runners} stored", file=sys.stderr)
    engine.dispose()
    return hour_runs


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(home: Path, url: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "runcoach", "--home", str(home), "--database-url", url,
               "serve", "--port", str(port), "--workers", str(workers)]  # fmt: skip
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(600):
        try:
            httpx.get(f"http://127.0.0.1:{port}/login", timeout=1)
            return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("runcoach serve did not start")


async def log_in(client: httpx.AsyncClient, email: str) -> None:
    page = await client.get("/login")
    token = CSRF.search(page.text)
    assert token, "no CSRF field on /login"
    answer = await client.post(
        "/login", data={"email": email, "password": PASSWORD, "csrf_token": token.group(1)}
    )
    assert answer.status_code in (200, 303) and "runcoach_session" in client.cookies, answer.text


def pages(run_id: int) -> dict[str, list[str]]:
    return {
        "dashboard": ["/"],
        "log": ["/log"],
        "run page (with chart data)": [f"/runs/{run_id}", f"/api/v1/runs/{run_id}/samples"],
        "calendar": ["/calendar"],
        "report (month)": ["/reports?period=month"],
    }


async def simulated_runner(
    client: httpx.AsyncClient,
    run_id: int,
    until: float,
    timings: dict[str, list[float]],
    think_s: float,
    rng: random.Random,
) -> None:
    while time.perf_counter() < until:
        for name, urls in pages(run_id).items():
            if think_s:  # a person reads the page before the next (locust's between(a, b))
                await asyncio.sleep(rng.uniform(0.5 * think_s, 1.5 * think_s))
            if time.perf_counter() >= until:
                return
            started = time.perf_counter()
            for url in urls:
                answer = await client.get(url)
                answer.raise_for_status()
            timings.setdefault(name, []).append((time.perf_counter() - started) * 1000)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def load(base: str, runners: int, hour_runs: list[int], clients: int, seconds: float,
               think_s: float = 0.0) -> dict[str, list[float]]:  # fmt: skip
    timings: dict[str, list[float]] = {}
    browsers = [httpx.AsyncClient(base_url=base, timeout=120, follow_redirects=True)
                for _ in range(clients)]  # fmt: skip
    for i, client in enumerate(browsers):  # every runner logs in before the clock starts
        await log_in(client, f"runner{i % runners}@example.com")
    until = time.perf_counter() + seconds
    await asyncio.gather(*(
        simulated_runner(client, hour_runs[i % runners], until, timings, think_s,
                         random.Random(i))
        for i, client in enumerate(browsers)
    ))  # fmt: skip
    for client in browsers:
        await client.aclose()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runners", type=int, default=20)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--database-url", help="PostgreSQL (an empty database); default SQLite")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--store", type=Path, help="keep (and reuse) the built store here")
    parser.add_argument("--repeat", type=int, default=1, help="load runs against one server")
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        help="mean seconds a runner reads a page before the next (0: none)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="runcoach-web-load-") as folder:
        home = args.store or Path(folder)
        home.mkdir(parents=True, exist_ok=True)
        url = args.database_url or f"sqlite:///{home / 'runcoach.db'}"
        note = home / f"hour-runs-{args.runners}x{args.years}y.json"
        started = time.perf_counter()
        if args.store and note.exists():
            hour_runs = json.loads(note.read_text())
        else:
            hour_runs = build_store(url, args.runners, args.years)
            note.write_text(json.dumps(hour_runs))
        built_s = time.perf_counter() - started
        port = free_port()
        server = start_server(home, url, port, args.workers)
        runs: list[dict[str, list[float]]] = []
        loads: list[float] = []
        try:
            for _ in range(args.repeat):
                loads.append(os.getloadavg()[0])
                runs.append(
                    asyncio.run(
                        load(
                            f"http://127.0.0.1:{port}",
                            args.runners,
                            hour_runs,
                            args.clients,
                            args.seconds,
                        )
                    )
                )
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(json.dumps({
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "system": platform.platform()},
        "load": {"runners": args.runners, "years": args.years, "clients": args.clients,
                 "seconds": args.seconds, "workers": args.workers, "think_s": args.think,
                 "database": "postgresql" if args.database_url else "sqlite",
                 "store_built_s": round(built_s),
                 "load_average_1min": [round(x, 1) for x in loads]},
        "runs": [summary(timings) for timings in runs],
        "median_of_runs_ms": {
            name: {key: round(statistics.median(s[name][key] for s in map(summary, runs)), 1)
                   for key in ("p50", "p95")}
            for name in runs[0]
        },
    }, indent=1))  # fmt: skip


def summary(timings: dict[str, list[float]]) -> dict[str, dict[str, float]]:
    return {name: {"requests": len(v), "p50": round(statistics.median(v), 1),
                   "p95": round(percentile(v, 0.95), 1)}
            for name, v in timings.items()}  # fmt: skip


if __name__ == "__main__":
    main()
