"""The fuzzing harness: every input runcoach reads, fed untrusted bytes in a bounded child.

One worker process (``python -m tests.hostile.fuzz worker``) runs the targets of
``fuzz_targets`` one input at a time under ``RLIMIT_AS`` (set by the parent before it starts)
and an interval timer per input. For each input it answers one of:

- ``ok``: read; ``refused``: a ``RuncoachError`` with a message (both fine);
- ``traceback``: any other exception; ``memory``: ``MemoryError`` (the limit overrun);
- ``hang``: the input's time ran out (the timer, or the parent's watchdog if the child is
  stuck in native code; the child is then killed and started again); ``crash``: the child
  died (a signal, or the kernel's OOM killer).

The inputs come from hypothesis (``test_fuzz.py``): mutations of the corpus (``corpus.py``:
every case of issue 17 and valid files of each kind) and random bytes. A short run is part of
the test suite; ``RUNCOACH_FUZZ_EXAMPLES=N pytest tests/hostile/test_fuzz.py`` runs N inputs
per target (docs/importers.md, "Fuzzing", gives the numbers run).
"""

from __future__ import annotations

import json
import os
import resource
import select
import signal
import struct
import subprocess
import sys
import tempfile
import traceback
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

MiB = 1024 * 1024
MEMORY_BYTES = 1536 * MiB  # address space of the worker: python, numpy, lxml and one input
INPUT_SECONDS = 30.0  # per input, on a loaded machine; a hang is far longer
WATCHDOG_SECONDS = INPUT_SECONDS * 2 + 15  # the parent's own limit, for native code
SRC = str(Path(__file__).resolve().parents[2] / "src")
ROOT = str(Path(__file__).resolve().parents[2])
FINE = ("ok", "refused")


@dataclass(frozen=True)
class Outcome:
    kind: str  # ok, refused, traceback, memory, hang, crash
    detail: str = ""

    @property
    def fine(self) -> bool:
        return self.kind in FINE


class Worker:
    """The parent's handle on one bounded worker process (started again after a crash)."""

    def __init__(self, memory_bytes: int = MEMORY_BYTES) -> None:
        self.memory_bytes = memory_bytes
        self.process: subprocess.Popen[bytes] | None = None
        self.counts: Counter[str] = Counter()
        self.failures: Counter[str] = Counter()

    def run(self, target: str, data: bytes) -> Outcome:
        process = self._started()
        assert process.stdin is not None and process.stdout is not None
        name = target.encode()
        try:
            process.stdin.write(struct.pack("!II", len(name), len(data)) + name + data)
            process.stdin.flush()
            outcome = self._answer(process.stdout)
        except (BrokenPipeError, EOFError):
            outcome = Outcome("crash", f"the worker died (exit {self._stop()})")
        self.counts[target] += 1
        if not outcome.fine:
            self.failures[target] += 1
        return outcome

    def _answer(self, stdout: IO[bytes]) -> Outcome:
        ready, _, _ = select.select([stdout], [], [], WATCHDOG_SECONDS)
        if not ready:
            self._stop()
            return Outcome("hang", f"no answer within {WATCHDOG_SECONDS:.0f} s (native code)")
        header = stdout.read(4)
        if len(header) < 4:
            raise EOFError
        (size,) = struct.unpack("!I", header)
        answer = json.loads(stdout.read(size))
        return Outcome(answer["kind"], answer["detail"])

    def _started(self) -> subprocess.Popen[bytes]:
        if self.process is None or self.process.poll() is not None:
            env = {**os.environ, "PYTHONPATH": os.pathsep.join([SRC, ROOT])}
            env["OPENBLAS_NUM_THREADS"] = "1"
            self.process = subprocess.Popen(
                [sys.executable, "-m", "tests.hostile.fuzz", "worker"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=env,
                cwd=ROOT,
                preexec_fn=_address_space(self.memory_bytes),  # the test process has no threads
            )
        return self.process

    def _stop(self) -> int | None:
        process, self.process = self.process, None
        if process is None:
            return None
        process.kill()
        return process.wait()

    def close(self) -> None:
        if self.process is not None and self.process.stdin is not None:
            self.process.stdin.close()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._stop()
        self.process = None


def _address_space(memory_bytes: int) -> Any:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))

    return apply


# --- the worker (child) side --------------------------------------------------------------


class _Hang(BaseException):
    """The input's time ran out (raised by the interval timer)."""


def _on_timer(signum: int, frame: Any) -> None:
    raise _Hang


def worker_main() -> None:
    """Answer inputs on stdin until it closes; the protocol owns fd 1, prints go to stderr."""
    answers = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    requests = sys.stdin.buffer
    from tests.hostile.fuzz_targets import TARGETS

    signal.signal(signal.SIGALRM, _on_timer)
    scratch_root = Path(tempfile.mkdtemp(prefix="runcoach-fuzz-"))
    while header := requests.read(8):
        name_size, data_size = struct.unpack("!II", header)
        target = requests.read(name_size).decode()
        data = requests.read(data_size)
        answer = _one(TARGETS[target], data, scratch_root)
        body = json.dumps(answer).encode()
        answers.write(struct.pack("!I", len(body)) + body)
        answers.flush()


def _one(target: Any, data: bytes, scratch_root: Path) -> dict[str, str]:
    from runcoach.domain.errors import RuncoachError

    scratch = Path(tempfile.mkdtemp(dir=scratch_root))
    signal.setitimer(signal.ITIMER_REAL, INPUT_SECONDS)
    try:
        target(data, scratch)
        return {"kind": "ok", "detail": ""}
    except RuncoachError as error:
        return {"kind": "refused", "detail": str(error)[:300]}
    except _Hang:
        return {"kind": "hang", "detail": f"still running after {INPUT_SECONDS:.0f} s"}
    except MemoryError:
        return {"kind": "memory", "detail": traceback.format_exc()[-3000:]}
    except Exception:
        return {"kind": "traceback", "detail": traceback.format_exc()[-3000:]}
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        _remove(scratch)


def _remove(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__" and sys.argv[1:] == ["worker"]:
    worker_main()
