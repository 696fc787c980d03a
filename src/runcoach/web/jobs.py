"""The job queue that runs long work outside the request.

On PostgreSQL the jobs live in the same database with procrastinate (every ``runcoach
serve`` worker process also runs a procrastinate worker, so any of them picks a job up);
on SQLite they run in this process on a thread pool from the standard library.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Protocol

from sqlalchemy import Engine

from runcoach.services.uploads import run_upload

log = logging.getLogger("runcoach.jobs")
IN_PROCESS_WORKERS = 1  # imports one at a time: SQLite has one writer anyway


class JobQueue(Protocol):
    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def import_upload(self, job_id: int) -> None: ...


class InProcessQueue:
    """Jobs on a thread of this process (the embedded SQLite install: one machine, one user)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.pool: ThreadPoolExecutor | None = None

    async def start(self) -> None:
        self.pool = ThreadPoolExecutor(IN_PROCESS_WORKERS, thread_name_prefix="runcoach-job")

    async def stop(self) -> None:
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


def queue_for(engine: Engine) -> JobQueue:
    if engine.dialect.name == "postgresql":
        from runcoach.web.procrastinate_queue import ProcrastinateQueue

        return ProcrastinateQueue(engine)
    return InProcessQueue(engine)


async def wait_idle(queue: JobQueue) -> None:
    """Let queued in-process jobs finish (tests and a clean shutdown)."""
    if isinstance(queue, InProcessQueue) and queue.pool is not None:
        await asyncio.get_running_loop().run_in_executor(None, queue.pool.shutdown, True)
        queue.pool = None
