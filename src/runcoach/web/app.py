"""The web app factory: one FastAPI app with the API under /api/v1 and the pages beside it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from runcoach import __version__
from runcoach.config import Settings
from runcoach.web import errors
from runcoach.web.api import ROUTERS as API_ROUTERS
from runcoach.web.jobs import JobQueue, queue_for
from runcoach.web.pages import ROUTERS as PAGE_ROUTERS

STATIC_DIR = Path(__file__).parent / "static"
API_PREFIX = "/api/v1"
API_DESCRIPTION = (
    "runcoach's HTTP API: the training log, uploads, today's session and check-ins, plans, "
    "goals and predictions, reports, wins, shoes and settings. Authenticate with a personal "
    "API token (`Authorization: Bearer rc_...`, made in Settings) or a browser session (then "
    "every unsafe request sends the `X-CSRF-Token` header). Errors are "
    '`{"error": {"type", "message", "hint"}}` with the status of docs/api.md.'
)


def create_app(
    settings: Settings,
    engine: Engine | None = None,
    jobs: JobQueue | None = None,
    *,
    https: bool = False,
    tile_url: str | None = None,
) -> FastAPI:
    """The app on ``engine`` (default: the settings' database, migrated)."""
    if engine is None:
        from runcoach.store.db import open_engine

        engine = open_engine(settings.database_url)
    queue = jobs or queue_for(engine, settings)
    if getattr(queue, "settings", False) is None:  # a queue made without them (tests)
        queue.settings = settings  # type: ignore[attr-defined]

    @asynccontextmanager
    async def lifespan(started: FastAPI) -> AsyncIterator[None]:
        warm_up(engine, settings)
        await route_once(started)
        await queue.start()
        yield
        await queue.stop()

    app = FastAPI(
        title="runcoach",
        version=__version__,
        description=API_DESCRIPTION,
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=None,  # FastAPI's Swagger page loads its code from a CDN: nothing from a CDN
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.engine, app.state.settings, app.state.jobs = engine, settings, queue
    app.state.settings_https, app.state.tile_url = https, tile_url
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    errors.install(app)
    for router in API_ROUTERS:
        app.include_router(router, prefix=API_PREFIX)
    for router in PAGE_ROUTERS:
        app.include_router(router, include_in_schema=False)
    app.add_middleware(SecurityHeaders, tile_url=tile_url)
    _document_the_answers(app)
    return app


NO_RUNNER = 0  # an athlete id no row has (ids start at 1): the warm-up reads no one's data


def warm_up(engine: Engine, settings: Settings) -> None:
    """What every worker would otherwise do on its first pages, done before it serves: compile
    every template (~200 ms of CPU; a page's first view paid up to 40 ms of it), open a
    database connection (on PostgreSQL a worker's first one costs a login), and read the
    heavy pages once for a runner who does not exist, so that SQLAlchemy has compiled their
    statements (a report's first view in a worker compiled ~25 of them)."""
    from datetime import date

    from runcoach.domain.errors import RuncoachError
    from runcoach.domain.progress.report import PeriodKind
    from runcoach.services.calendar import calendar_page
    from runcoach.services.dashboard import dashboard
    from runcoach.services.log import LogQuery, log
    from runcoach.services.reports import period_report, recent_wins
    from runcoach.web.templating import templates

    for name in templates.env.list_templates(extensions=["html"]):
        templates.env.get_template(name)
    today = date.today()
    reads = (
        lambda: period_report(engine, settings, PeriodKind.MONTH, None, None,
                              athlete_id=NO_RUNNER),
        lambda: recent_wins(engine, settings, None, athlete_id=NO_RUNNER),
        lambda: dashboard(engine, settings, settings, athlete_id=NO_RUNNER),
        lambda: calendar_page(engine, settings, today, today, athlete_id=NO_RUNNER),
        lambda: log(engine, settings, LogQuery(limit=1), athlete_id=NO_RUNNER),
    )  # fmt: skip
    for read in reads:
        try:
            read()
        except RuncoachError:  # a warm-up that cannot read a page still lets the worker serve
            continue


WARM_UP_PATH = "/warm-up/no-such-page"  # matches no route: every router is looked through


async def route_once(app: ASGIApp) -> None:
    """One request through the app in-process before it serves: FastAPI prepares every
    route's parameters and dependencies on the first request that looks at it (~200 ms of
    CPU for runcoach's routes, which a worker's first runner would wait for). A path no
    route matches makes every router look at all of its routes; it reads no one's data."""
    scope: Scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
        "scheme": "http", "path": WARM_UP_PATH, "raw_path": WARM_UP_PATH.encode(),
        "root_path": "", "query_string": b"", "headers": [(b"host", b"localhost")],
        "client": ("127.0.0.1", 0), "server": ("127.0.0.1", 80),
    }  # fmt: skip

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(_message: Message) -> None:
        return None

    await app(scope, receive, send)


def _document_the_answers(app: FastAPI) -> None:
    """The OpenAPI document names each answer's shape (the view layer's schema)."""
    from runcoach.web.openapi_views import with_view_schemas

    generated = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = with_view_schemas(generated())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def content_security_policy(tile_url: str | None) -> str:
    """Everything from runcoach itself; map tiles from the configured tile server only."""
    tiles = "" if not tile_url else " " + _origin(tile_url)
    return (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        f"img-src 'self' data: blob:{tiles}; connect-src 'self'; frame-ancestors 'none'; "
        "form-action 'self'; base-uri 'self'; object-src 'none'"
    )


def _origin(url: str) -> str:
    scheme, _, rest = url.partition("://")
    host = rest.split("/", 1)[0].replace("{s}", "*")
    return f"{scheme}://{host}"


class SecurityHeaders:
    """The headers every answer carries (a plain ASGI middleware: Starlette's
    ``BaseHTTPMiddleware`` ran each request through an extra task and memory stream)."""

    def __init__(self, app: ASGIApp, tile_url: str | None) -> None:
        self.app = app
        self.headers = (
            ("Content-Security-Policy", content_security_policy(tile_url)),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "same-origin"),
            ("X-Frame-Options", "DENY"),
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        kept = str(scope["path"]).startswith("/static/")  # pages and API answers: no-store

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.headers:
                    headers.setdefault(name, value)
                if not kept:
                    headers.setdefault("Cache-Control", "no-store")
            await send(message)

        await self.app(scope, receive, with_headers)
