"""``runcoach serve``: the web app and the HTTP API (imported only when it runs)."""

from __future__ import annotations

import os
from typing import Any

import click

from runcoach.cli.context import AppContext, pass_app
from runcoach.domain.errors import InvalidInput

DEFAULT_HOST = "127.0.0.1"  # this machine only; a club puts a proxy with HTTPS in front
DEFAULT_PORT = 8000


@click.command("serve")
@click.option("--host", default=DEFAULT_HOST, show_default=True, help="Address to listen on.")
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Worker processes (PostgreSQL only; the embedded SQLite takes one).",
)
@click.option(
    "--tile-url",
    envvar="RUNCOACH_TILE_URL",
    help="A map tile server, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png; "
    "default none: tracks are drawn on a plain background, nothing leaves the machine.",
)
@click.option(
    "--https", "https", is_flag=True, help="Served over HTTPS by a proxy: cookies are Secure."
)
@click.option(
    "--proxy",
    "forwarded",
    metavar="IPS",
    default=None,
    help="Trust X-Forwarded-For/-Proto from these proxy addresses (e.g. 127.0.0.1).",
)
@pass_app
def serve_command(app: AppContext, host: str, port: int, workers: int, tile_url: str | None,
                  https: bool, forwarded: str | None) -> None:  # fmt: skip
    """Start the web app and the HTTP API; the first visit creates the admin account."""
    import uvicorn

    settings = app.settings
    if workers > 1 and settings.is_sqlite:
        raise InvalidInput(
            "several workers need PostgreSQL: the embedded SQLite database has one writer",
            hint="runcoach --database-url postgresql://... serve --workers 4",
        )
    app.engine  # noqa: B018 (the database is migrated once, before any worker starts)
    click.echo(f"runcoach on http://{host}:{port} (database: {_shown(settings.database_url)})")
    options: dict[str, Any] = {
        "host": host,
        "port": port,
        "proxy_headers": forwarded is not None,
        "forwarded_allow_ips": forwarded,
        "log_level": "info",
    }
    _environment(settings.home, settings.database_url, https, tile_url)
    # By import string, in this process or in each worker: the CLI and the web app are
    # sibling doors (tests/test_architecture.py), and both paths build the same app.
    uvicorn.run("runcoach.web.asgi:app_from_environment", factory=True, workers=workers, **options)


def _environment(home: object, url: str, https: bool, tile_url: str | None) -> None:
    """What each worker process reads to build the same app."""
    os.environ["RUNCOACH_HOME"] = str(home)
    os.environ["RUNCOACH_DATABASE_URL"] = url
    os.environ["RUNCOACH_HTTPS"] = "1" if https else "0"
    if tile_url:
        os.environ["RUNCOACH_TILE_URL"] = tile_url


def _shown(url: str) -> str:
    """The database URL without its password."""
    head, at, tail = url.rpartition("@")
    if not at:
        return url
    scheme, _, user = head.partition("://")
    return f"{scheme}://{user.split(':', 1)[0]}@{tail}"


COMMANDS = [serve_command]
