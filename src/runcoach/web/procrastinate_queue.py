"""The job queue on PostgreSQL: procrastinate, in its own schema of runcoach's database.

Its tables live in the ``procrastinate`` schema (not ``public``), so that runcoach's backup,
which reads the public schema, holds runners' data and not the queue's.
"""

from __future__ import annotations

import asyncio
import logging

import procrastinate
from sqlalchemy import Engine, text

from runcoach.config import Settings
from runcoach.services.uploads import run_upload

log = logging.getLogger("runcoach.jobs")
SCHEMA = "procrastinate"
QUEUE = "runcoach"
SCHEMA_LOCK = 0x72636A6F  # advisory lock id ("rcjo"): one worker process applies the schema
WORKER_CONCURRENCY = 1  # jobs at once per server process; imports are CPU-bound
TICK_CRON = "* * * * *"  # the notification round: every minute (one worker takes each)


def conninfo(engine: Engine) -> str:
    url = engine.url.set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


class ProcrastinateQueue:
    def __init__(self, engine: Engine, settings: Settings | None = None) -> None:
        self.engine = engine
        self.settings = settings
        connector = procrastinate.PsycopgConnector(
            conninfo=conninfo(engine), kwargs={"options": f"-c search_path={SCHEMA}"}
        )
        self.app = procrastinate.App(connector=connector)
        self.worker: asyncio.Task[None] | None = None

        @self.app.task(name="runcoach.import_upload", queue=QUEUE)
        def import_upload(job_id: int) -> None:
            run_upload(self.engine, job_id)

        self.task = import_upload

        @self.app.periodic(cron=TICK_CRON)
        @self.app.task(name="runcoach.notification_tick", queue=QUEUE, queueing_lock="tick")
        def tick(timestamp: int) -> None:
            from runcoach.web.jobs import notification_tick

            if self.settings is not None:
                notification_tick(self.engine, self.settings)

        self.tick = tick

    async def start(self) -> None:
        await asyncio.to_thread(self._create_schema)
        await self.app.open_async()
        if not await asyncio.to_thread(self._schema_applied):
            await self._apply_schema()
        self.worker = asyncio.create_task(
            self.app.run_worker_async(
                queues=[QUEUE], concurrency=WORKER_CONCURRENCY, install_signal_handlers=False
            )
        )

    def _create_schema(self) -> None:
        with self.engine.begin() as conn:
            conn.execute(text(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}"))

    def _schema_applied(self) -> bool:
        with self.engine.connect() as conn:
            found = conn.execute(
                text("SELECT to_regclass(:name)"), {"name": f"{SCHEMA}.procrastinate_jobs"}
            ).scalar()
        return found is not None

    async def _apply_schema(self) -> None:
        with self.engine.connect() as conn:  # held for the duration: one process applies it
            conn.execute(text("SELECT pg_advisory_lock(:id)"), {"id": SCHEMA_LOCK})
            try:
                if not self._schema_applied():
                    await self.app.schema_manager.apply_schema_async()
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:id)"), {"id": SCHEMA_LOCK})

    async def stop(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            try:
                await self.worker
            except (asyncio.CancelledError, Exception):
                log.debug("procrastinate worker stopped")
            self.worker = None
        await self.app.close_async()

    async def import_upload(self, job_id: int) -> None:
        await self.task.defer_async(job_id=job_id)
