"""The web app under load: simulated runners browsing the pages of their own decade.

    python -m benchmarks.web_load [--runners 20] [--years 10] [--clients 50] [--seconds 60]
                                  [--database-url postgresql://...] [--workers 4]
                                  [--store DIR] [--repeat N] [--think S]

1. Builds the store (not timed): ``--runners`` accounts, each with ``--years`` of synthetic
   training (benchmarks/synthetic.py, ~6 runs a week, with best efforts and halves), one real
   one-hour FIT run with its samples (for the run page), and a plan from docs/examples.
2. Starts ``runcoach serve`` (one process on SQLite, ``--workers`` on PostgreSQL).
3. ``--clients`` simulated runners log in (client i as account i mod runners) and, for
   ``--seconds``, each loops through the dashboard, the log, the run page with its chart
   data, the calendar and the month's report, one request at a time: as fast as answered
   (``--think 0``, the server saturated: a throughput test), or reading each page for
   ``--think`` seconds on average (uniform 0.5x-1.5x, as locust's ``between``) as people do.
Prints the machine, the load, p50 / p95 per page and the CPU the server and the load
generator spent per page while the clock ran, as JSON (docs/benchmarks.md). The generator
shares the machine with the server, so each simulated runner is one keep-alive connection
speaking plain HTTP/1.1 over asyncio's streams (httpx only logs them in).

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
from typing import Any

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
    command = [
        sys.executable,
        "-m",
        "runcoach",
        "--home",
        str(home),
        "--database-url",
        url,
        "serve",
        "--port",
        str(port),
        "--workers",
        str(workers),
    ]
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


class Browser:
    """One simulated runner's keep-alive connection: HTTP/1.1 GETs written and read with
    asyncio's streams. The load generator shares the server's CPU, so it must cost little:
    httpx spent more CPU per request than some of the pages it timed."""

    def __init__(self, host: str, port: int, cookie: str) -> None:
        self.host, self.port, self.cookie = host, port, cookie
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> bytes:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(
            f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\nCookie: {self.cookie}\r\n\r\n".encode()
        )
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        headers = dict(
            line.split(b": ", 1) for line in head.lower().split(b"\r\n")[1:] if b": " in line
        )
        if headers.get(b"transfer-encoding") == b"chunked":
            body = await self._chunks()
        else:
            body = await self.reader.readexactly(int(headers.get(b"content-length", b"0")))
        if status != 200:
            raise RuntimeError(f"GET {path}: HTTP {status}: {body[:200]!r}")
        return body

    async def _chunks(self) -> bytes:
        assert self.reader is not None
        parts = []
        while size := int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16):
            parts.append(await self.reader.readexactly(size))
            await self.reader.readexactly(2)
        await self.reader.readuntil(b"\r\n")  # the last chunk's (empty) trailer
        return b"".join(parts)

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            await self.writer.wait_closed()


async def simulated_runner(
    browser: Browser,
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
                await browser.get(url)
            timings.setdefault(name, []).append((time.perf_counter() - started) * 1000)


def cpu_s(pid: int) -> float | None:
    """CPU seconds used so far by process ``pid`` and its children (Linux's /proc; None
    elsewhere): what the server spent, beside the load generator's own."""
    ticks = os.sysconf("SC_CLK_TCK")
    total, found = 0.0, False
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        own, parent = int(stat.parent.name), int(fields[1])
        if own == pid or parent == pid:  # uvicorn's workers are the server's children
            total += (int(fields[11]) + int(fields[12])) / ticks
            found = True
    return total if found else None


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def load(
    port: int,
    runners: int,
    hour_runs: list[int],
    clients: int,
    seconds: float,
    think_s: float = 0.0,
    server_pid: int | None = None,
) -> tuple[dict[str, list[float]], dict[str, Any]]:
    """Each page's times (ms), and the CPU the server and this generator spent per page
    while the clock ran (logging in is not counted)."""
    timings: dict[str, list[float]] = {}
    browsers = []
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=120) as client:
        for i in range(clients):  # every runner logs in before the clock starts
            client.cookies.clear()
            await log_in(client, f"runner{i % runners}@example.com")
            cookie = f"runcoach_session={client.cookies['runcoach_session']}"
            browsers.append(Browser("127.0.0.1", port, cookie))
    server_before = None if server_pid is None else cpu_s(server_pid)
    own_before = time.process_time()
    until = time.perf_counter() + seconds
    try:
        await asyncio.gather(
            *(
                simulated_runner(
                    browser, hour_runs[i % runners], until, timings, think_s, random.Random(i)
                )
                for i, browser in enumerate(browsers)
            )
        )
    finally:
        for browser in browsers:
            await browser.close()
    server_after = None if server_pid is None else cpu_s(server_pid)
    views = max(1, sum(len(v) for v in timings.values()))
    server_ms = (
        None
        if server_before is None or server_after is None
        else round((server_after - server_before) * 1000 / views, 1)
    )
    own_ms = round((time.process_time() - own_before) * 1000 / views, 2)
    used = {
        "pages": views,
        "server_cpu_ms_per_page": server_ms,
        "load_generator_cpu_ms_per_page": own_ms,
    }
    return timings, used


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
        cpu: list[dict[str, Any]] = []
        try:
            for _ in range(args.repeat):
                loads.append(os.getloadavg()[0])
                timings, used = asyncio.run(
                    load(
                        port,
                        args.runners,
                        hour_runs,
                        args.clients,
                        args.seconds,
                        args.think,
                        server.pid,
                    )
                )
                runs.append(timings)
                cpu.append(used)
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(
        json.dumps(
            {
                "machine": {
                    "cpus": os.cpu_count(),
                    "python": platform.python_version(),
                    "system": platform.platform(),
                },
                "load": {
                    "runners": args.runners,
                    "years": args.years,
                    "clients": args.clients,
                    "seconds": args.seconds,
                    "workers": args.workers,
                    "think_s": args.think,
                    "database": "postgresql" if args.database_url else "sqlite",
                    "store_built_s": round(built_s),
                    "load_average_1min": [round(x, 1) for x in loads],
                },
                "cpu": cpu,
                "runs": [summary(timings) for timings in runs],
                "median_of_runs_ms": {
                    name: {
                        key: round(statistics.median(s[name][key] for s in map(summary, runs)), 1)
                        for key in ("p50", "p95")
                    }
                    for name in runs[0]
                },
            },
            indent=1,
        )
    )


def summary(timings: dict[str, list[float]]) -> dict[str, dict[str, float]]:
    return {
        name: {
            "requests": len(v),
            "p50": round(statistics.median(v), 1),
            "p95": round(percentile(v, 0.95), 1),
        }
        for name, v in timings.items()
    }


if __name__ == "__main__":
    main()
