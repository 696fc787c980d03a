"""The web app on a fresh store (SQLite, and PostgreSQL when configured) and runners in it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from runcoach.config import Settings
from runcoach.web.app import create_app
from runcoach.web.jobs import InProcessQueue

PASSWORD = "correct horse battery staple"
CSRF_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def app(engine: Engine, tmp_path: Path) -> FastAPI:
    settings = Settings(home=tmp_path / "home", database_url=str(engine.url))
    return create_app(settings, engine, jobs=InProcessQueue(engine))


@dataclass
class Runner:
    """A browser with a logged-in runner: its client (cookies) and its session's CSRF token."""

    client: TestClient
    email: str
    csrf: str

    def headers(self) -> dict[str, str]:
        return {"X-CSRF-Token": self.csrf}

    def token(self, scope: str = "write", name: str = "script") -> str:
        answer = self.client.post(
            "/api/v1/tokens", json={"name": name, "scope": scope}, headers=self.headers()
        )
        assert answer.status_code == 201, answer.text
        return str(answer.json()["token"])


def csrf_of(page: str) -> str:
    found = CSRF_INPUT.search(page)
    assert found, "the page has no CSRF field"
    return found.group(1)


def sign_up(app: FastAPI, email: str, password: str = PASSWORD, **extra: str) -> Runner:
    client = TestClient(app)
    page = client.get("/signup")
    answer = client.post(
        "/signup",
        data={"email": email, "password": password, "csrf_token": csrf_of(page.text), **extra},
    )
    assert answer.status_code == 200 and answer.url.path == "/", answer.text[:500]
    return Runner(client, email, csrf_of(client.get("/settings").text))


@pytest.fixture
def ann(app: FastAPI) -> Iterator[Runner]:
    """The first runner: the admin."""
    runner = sign_up(app, "ann@example.com")
    yield runner
    runner.client.close()


@pytest.fixture
def bob(app: FastAPI, ann: Runner) -> Iterator[Runner]:
    """A second runner, who must never see Ann's data."""
    runner = sign_up(app, "bob@example.com")
    yield runner
    runner.client.close()
