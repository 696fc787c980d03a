"""Running a piece of runcoach in a child process under memory and time limits.

Hostile input must end in a clear answer, never in a hang or runaway memory: each such test
runs its code in a fresh interpreter with ``RLIMIT_AS`` (address space) set, a wall-clock
timeout, and reports the child's peak resident memory (``ru_maxrss``), so a test fails on a
traceback, a hang or an overrun alike instead of taking the machine down with it.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

MiB = 1024 * 1024
DEFAULT_MEMORY_BYTES = 1536 * MiB  # address space of the child: python, numpy, lxml and data
DEFAULT_SECONDS = 120.0  # wall clock before the child counts as hung
SRC = str(Path(__file__).resolve().parents[2] / "src")

_PRELUDE = """
import json, resource, sys, traceback
def _report(outcome, detail=""):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    sys.stderr.write("\\n@@bounded " + json.dumps(
        {"outcome": outcome, "detail": detail, "peak": peak, "children_peak": children}) + "\\n")
"""


@dataclass(frozen=True)
class Bounded:
    outcome: str  # "ok", "traceback", "hung", "killed" (out of memory or a signal), "exit"
    returncode: int | None
    stdout: str
    stderr: str
    peak_bytes: int  # the child's own peak resident memory
    children_peak_bytes: int  # the largest peak of its own children (reader processes)
    detail: str = ""


def run_bounded(
    body: str,
    *,
    memory_bytes: int = DEFAULT_MEMORY_BYTES,
    seconds: float = DEFAULT_SECONDS,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> Bounded:
    """Run ``body`` (Python code; exceptions it lets out count as a traceback)."""
    code = _PRELUDE + _wrapped(body)
    child_env = {**os.environ, "PYTHONPATH": SRC, "OPENBLAS_NUM_THREADS": "1", **(env or {})}
    try:
        done = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            errors="replace",
            timeout=seconds,
            env=child_env,
            cwd=cwd,
            preexec_fn=_limit(memory_bytes),  # the test process starts no threads
        )
    except subprocess.TimeoutExpired as expired:
        return Bounded("hung", None, _text(expired.stdout), _text(expired.stderr), 0, 0)
    return _result(done)


def _wrapped(body: str) -> str:
    indented = "\n".join("    " + line for line in body.strip().splitlines())
    return (
        "try:\n"
        f"{indented}\n"
        "except SystemExit as _exit:\n"
        "    _report('exit', str(_exit.code)); raise\n"
        "except MemoryError:\n"
        "    _report('killed', 'MemoryError'); raise SystemExit(99)\n"
        "except BaseException:\n"
        "    _report('traceback', traceback.format_exc()); raise SystemExit(98)\n"
        "_report('ok')\n"
    )


def _limit(memory_bytes: int):  # type: ignore[no-untyped-def]
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))

    return apply


def _result(done: subprocess.CompletedProcess[str]) -> Bounded:
    marker = "\n@@bounded "
    if marker not in done.stderr:
        return Bounded("killed", done.returncode, done.stdout, done.stderr, 0, 0)
    stderr, _, tail = done.stderr.rpartition(marker)
    report = json.loads(tail.strip().splitlines()[0])
    return Bounded(
        report["outcome"], done.returncode, done.stdout, stderr,
        report["peak"], report["children_peak"], report["detail"],
    )  # fmt: skip


def _text(value: bytes | str | None) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else value.decode("utf-8", "replace")


def cli(args: list[str], home: Path) -> str:
    """The body that runs ``runcoach ARGS`` with its home at ``home``."""
    return (
        "import os\n"
        f"os.environ['RUNCOACH_HOME'] = {str(home)!r}\n"
        "import sys\n"
        f"sys.argv = ['runcoach', *{args!r}]\n"
        "from runcoach.cli.main import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as done:\n"
        "    if done.code not in (0, None):\n"
        "        print('exit', done.code)\n"
    )


def cli_cases(cases: list[list[str]], home: Path) -> str:
    """The body that runs ``runcoach ARGS`` once per case, in one child, and prints a JSON list
    of {"code", "out", "err"}: a traceback escapes (and counts as one for the whole child)."""
    return (
        "import contextlib, io, json, os, sys\n"
        f"os.environ['RUNCOACH_HOME'] = {str(home)!r}\n"
        "from runcoach.cli.main import main\n"
        "answers = []\n"
        f"for args in {cases!r}:\n"
        "    sys.argv = ['runcoach', *args]\n"
        "    out, err = io.StringIO(), io.StringIO()\n"
        "    code = 0\n"
        "    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):\n"
        "        try:\n"
        "            main()\n"
        "        except SystemExit as done:\n"
        "            code = done.code if isinstance(done.code, int) else 1\n"
        "    answers.append({'code': code, 'out': out.getvalue(), 'err': err.getvalue()})\n"
        "print(json.dumps(answers))\n"
    )
