"""Reading activity files in worker processes while the main process stores them in order.

Decoding a file is the slow part of an import (the readers are CPU-bound); storing must stay
in one process, in order, one transaction per file. So the main process reads the bytes and
hands them to a small pool of "spawn" processes (never "fork": a forked child would share
the parent's database connections), keeping a bounded window of files in flight.

A worker does all the work on a file that needs no database: it decodes the file, analyses
each run (splits, efforts), reads what the samples say toward the tags, encodes the samples
and compresses the original bytes. The main process is left with the database work: it was
the import's bottleneck while it analysed and compressed too (docs/benchmarks.md).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing import get_context, parent_process
from multiprocessing.connection import wait
from typing import Any

from runcoach.domain.errors import ImportProblem
from runcoach.domain.run.efforts import analyse_run
from runcoach.domain.run.runs import Run
from runcoach.domain.run.tagging import SampleReading, read_samples
from runcoach.importers import read_activity
from runcoach.store.runs import PreparedRun, prepare_run
from runcoach.store.source_files import PackedOriginal, pack_original

PARALLEL_MIN_FILES = 24  # files; fewer are read in-process (starting a worker costs ~1 s)
MAX_WORKERS = 4  # processes; more gain little, the store writes in one process anyway
WINDOW_PER_WORKER = 4  # files in flight per worker (bounds memory: a file and its runs each)

ParseResult = tuple[str, Any]


def default_workers() -> int:
    return max(1, min(MAX_WORKERS, os.cpu_count() or 1))


@dataclass(frozen=True)
class ReadRun:
    """A run as a reader hands it over: ready to store, with what its samples say toward
    its tags (the samples themselves are encoded in ``prepared``)."""

    prepared: PreparedRun
    reading: SampleReading

    @property
    def run(self) -> Run:
        return self.prepared.run


@dataclass(frozen=True)
class ReadFile:
    """A file's runs, read and prepared, and its original bytes packed to keep."""

    runs: list[ReadRun]
    original: PackedOriginal


def read_run(run: Run) -> ReadRun:
    """Everything about a run that needs no database: analysis, tag reading, encoded samples."""
    analysis = analyse_run(run)  # finds the glitches; the tags' reading uses them too
    return ReadRun(prepare_run(run, analysis), read_samples(run, analysis.glitches))


def parse(name: str, data: bytes) -> ParseResult:
    """Read a file's runs; problems come back as values (they cross a process boundary)."""
    try:
        runs = [read_run(run) for run in read_activity(name, data)]
        return ("runs", ReadFile(runs, pack_original(data)))
    except ImportProblem as problem:
        return ("problem", (type(problem), problem.message, problem.hint))
    except Exception as error:  # a reader's bug: reported for this file only
        return ("error", f"{type(error).__name__}: {error}")


class ReaderFailed(Exception):
    """A reader crashed on a file (a bug, not a bad file)."""


def read_file_of(result: ParseResult) -> ReadFile:
    """The file read by ``parse``, or its problem raised again."""
    kind, value = result
    if kind == "runs":
        read: ReadFile = value
        return read
    if kind == "problem":
        cls, message, hint = value
        raise cls(message, hint=hint)
    raise ReaderFailed(str(value))


@dataclass
class Pool:
    executor: ProcessPoolExecutor
    window: int

    def submit(self, name: str, data: bytes) -> Future[ParseResult]:
        return self.executor.submit(parse, name, data)


def result_of(future: Future[ParseResult] | None, name: str, data: bytes) -> ParseResult:
    """A file's parse result: from its worker, or read here (no pool, or the pool broke)."""
    if future is None:
        return parse(name, data)
    try:
        return future.result()
    except BrokenProcessPool:  # a worker died (e.g. a crash in native code): read it here
        return parse(name, data)


def _end_with_parent() -> None:
    """In a worker: end the moment the importing process is gone (killed with ``kill -9``, it
    could not shut its pool down; the workers would wait for files forever)."""
    parent = parent_process()
    if parent is not None:
        threading.Thread(target=_exit_when_ended, args=(parent.sentinel,), daemon=True).start()


def _exit_when_ended(sentinel: int) -> None:
    wait([sentinel])
    os._exit(1)


@contextmanager
def reader_pool(files: int, workers: int | None) -> Iterator[Pool | None]:
    """A pool of reader processes for a large import, or None for a small one."""
    count = default_workers() if workers is None else workers
    if count <= 1 or files < PARALLEL_MIN_FILES:
        yield None
        return
    executor = ProcessPoolExecutor(
        max_workers=count, mp_context=get_context("spawn"), initializer=_end_with_parent
    )
    try:
        yield Pool(executor, window=count * WINDOW_PER_WORKER)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
