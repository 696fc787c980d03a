"""The job queue that runs long work outside the request.

On PostgreSQL the jobs live in the same database with procrastinate (every ``runcoach
serve`` worker process also runs a procrastinate worker, so any of them picks a job up);
on SQLite they run in this process on a thread pool from the standard library.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Protocol

from sqlalchemy import Engine

from runcoach.config import Settings
from runcoach.services.contract_judging import judge_all_due
from runcoach.services.digests import send_session_reminders, send_weekly_digests
from runcoach.services.group_news import send_challenge_news
from runcoach.services.notifications import deliver_emails
from runcoach.services.uploads import run_upload

log = logging.getLogger("runcoach.jobs")
IN_PROCESS_WORKERS = 1  # imports one at a time: SQLite has one writer anyway
TICK_S = 60  # s between rounds: contracts judged, reminders, digests, group news, the outbox


def judge_contracts(engine: Engine, settings: Settings) -> None:
    """Judge every runner's contract periods that are over (their notices go out by email in
    the same round)."""
    judge_all_due(engine)


def notification_tick(engine: Engine, settings: Settings) -> None:
    """One round of the notification jobs; one failing never stops the others."""
    jobs = (judge_contracts, send_session_reminders, send_weekly_digests, send_challenge_news,
            deliver_emails)  # fmt: skip
    for job in jobs:
        try:
            job(engine, settings)
        except Exception:  # logged for the admin; the next round tries again
            log.exception("notification job %s failed", job.__name__)


class JobQueue(Protocol):
    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def import_upload(self, job_id: int) -> None: ...


class InProcessQueue:
    """Jobs on a thread of this process (the embedded SQLite install: one machine, one user)."""

    def __init__(self, engine: Engine, settings: Settings | None = None) -> None:
        self.engine = engine
        self.settings = settings  # None: no notification rounds (set by create_app)
        self.pool: ThreadPoolExecutor | None = None
        self.ticker: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self.pool = ThreadPoolExecutor(IN_PROCESS_WORKERS, thread_name_prefix="runcoach-job")
        if self.settings is not None:
            self.ticker = asyncio.create_task(self._tick_forever(self.settings))

    async def _tick_forever(self, settings: Settings) -> None:
        """The notification rounds every ``TICK_S`` on the job thread (the standard library's
        executor, beside the imports: SQLite has one writer)."""
        loop = asyncio.get_running_loop()
        while True:
            await asyncio.sleep(TICK_S)
            if self.pool is not None:
                await loop.run_in_executor(self.pool, notification_tick, self.engine, settings)

    async def stop(self) -> None:
        if self.ticker is not None:
            self.ticker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.ticker
            self.ticker = None
        if self.pool is not None:
            self.pool.shutdown(wait=True)
            self.pool = None

    async def import_upload(self, job_id: int) -> None:
        if self.pool is None:  # a TestClient used without its lifespan
            await self.start()
        assert self.pool is not None
        self.pool.submit(self._run, job_id)

    def _run(self, job_id: int) -> None:
        try:
            run_upload(self.engine, job_id)
        except Exception:  # recorded on the job by run_upload; logged for the admin
            log.exception("upload %s failed", job_id)


def queue_for(engine: Engine, settings: Settings | None = None) -> JobQueue:
    if engine.dialect.name == "postgresql":
        from runcoach.web.procrastinate_queue import ProcrastinateQueue

        return ProcrastinateQueue(engine, settings)
    return InProcessQueue(engine, settings)


async def wait_idle(queue: JobQueue) -> None:
    """Let queued in-process jobs finish (tests and a clean shutdown)."""
    if isinstance(queue, InProcessQueue) and queue.pool is not None:
        await asyncio.get_running_loop().run_in_executor(None, queue.pool.shutdown, True)
        queue.pool = None
