"""``runcoach serve``: the command, and the job queue of a club's PostgreSQL."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from runcoach.config import Settings
from runcoach.web.app import create_app
from tests.cli.runner import run_cli
from tests.web.conftest import sign_up


def test_several_workers_are_refused_on_the_embedded_sqlite(home, capsys, monkeypatch):
    result = run_cli(capsys, monkeypatch, "serve", "--workers", "4")
    assert result.exit_code == 2 and "PostgreSQL" in result.stderr


def test_the_command_line_does_not_load_the_web_stack():
    code = (
        "import sys; from runcoach.cli.main import cli; "
        "cli.main(['--help'], standalone_mode=False); "
        "print(sorted(m for m in ('fastapi', 'uvicorn', 'argon2', 'procrastinate') "
        "if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().endswith("[]")


def test_serve_names_its_options_in_help(home, capsys, monkeypatch):
    result = run_cli(capsys, monkeypatch, "serve", "--help")
    for option in ("--host", "--port", "--workers", "--tile-url", "--https", "--proxy"):
        assert option in result.stdout


def test_an_upload_on_postgresql_is_imported_by_a_procrastinate_job(engine: Engine, tmp_path):
    if engine.dialect.name != "postgresql":
        pytest.skip("procrastinate runs on PostgreSQL; SQLite has the in-process queue")
    app = create_app(Settings(home=tmp_path, database_url=str(engine.url)), engine)
    assert type(app.state.jobs).__name__ == "ProcrastinateQueue"
    with TestClient(app):  # the lifespan starts procrastinate's worker
        ann = sign_up(app, "ann@example.com")
        gpx = (
            b'<?xml version="1.0"?><gpx version="1.1" creator="t" '
            b'xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>'
            + b"".join(
                f'<trkpt lat="46.{i:04d}" lon="14.5"><time>2026-10-01T07:{i // 60:02d}:'
                f"{i % 60:02d}Z</time></trkpt>".encode()
                for i in range(0, 1800, 5)
            )
            + b"</trkseg></trk></gpx>"
        )
        job = ann.client.post(
            "/api/v1/uploads", files={"files": ("a.gpx", gpx)}, headers=ann.headers()
        ).json()
        for _ in range(300):
            job = ann.client.get(f"/api/v1/uploads/{job['id']}").json()
            if job["finished"]:
                break
            time.sleep(0.1)
    assert job["status"] == "done" and job["outcomes"][0]["outcome"] == "imported"
