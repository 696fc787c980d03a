"""Run the real ``runcoach`` entry point in-process and capture what a user would see."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest

from runcoach.cli.main import main


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


def run_cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str
) -> Result:
    monkeypatch.setattr("sys.argv", ["runcoach", *args])
    code = 0
    try:
        main()
    except SystemExit as done:
        code = int(done.code or 0) if not isinstance(done.code, str) else 1
    captured = capsys.readouterr()
    return Result(code, captured.out, captured.err)
