"""A live runcoach for the browser tests: uvicorn in a thread on a free port, and Debian's
Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI

CHROMIUM = os.environ.get("RUNCOACH_TEST_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(
    os.environ.get("RUNCOACH_TEST_ARTIFACTS")
    or Path(__file__).resolve().parents[2] / "test-artifacts"
)


def needs_chromium() -> pytest.MarkDecorator:
    found = Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is not None
    return pytest.mark.skipif(
        not found, reason=f"no Chromium at {CHROMIUM} (.ci/run installs Debian's chromium)"
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def live_server(app: FastAPI) -> Iterator[str]:
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def screenshot_path(name: str) -> Path:
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{name}.png"


VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 360, "height": 740}}


def sqlite_app(home: Path) -> FastAPI:
    """The web app on a fresh embedded store in ``home``, with the in-process job queue."""
    from runcoach.config import Settings
    from runcoach.store.db import make_engine, migrate
    from runcoach.web.app import create_app
    from runcoach.web.jobs import InProcessQueue

    engine = make_engine(f"sqlite:///{home / 'runcoach.db'}")
    migrate(engine)
    settings = Settings(home=home, database_url=str(engine.url))
    return create_app(settings, engine, jobs=InProcessQueue(engine))
