"""Writing files the runner asked for: never half a file under the real name, never a file
written through a link someone left in its place, and on disk before it is reported done."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from runcoach.store.files import sync_folder

PARTIAL_SUFFIX = ".partial"
SHARED_FILE_MODE = 0o666  # an export: readable as the runner's umask allows (usually 0644)


@contextlib.contextmanager
def atomic_path(path: Path, *, mode: int = SHARED_FILE_MODE) -> Iterator[Path]:
    """A new, empty file beside ``path`` to write (created with ``mode``); when the block ends
    without an error it is flushed to disk, renamed to ``path`` and the rename made durable;
    when it raises it is removed (a full disk, a crash: the old file, if any, stays whole).

    Whatever was at the partial file's name before (a file left by a killed command, or a
    symbolic link planted there) is removed, never written through."""
    partial = path.with_name(path.name + PARTIAL_SUFFIX)
    _create_new(partial, mode)
    try:
        yield partial
        _sync_file(partial)
        os.replace(partial, path)
        sync_folder(path.parent)
    finally:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()


def _create_new(partial: Path, mode: int) -> None:
    with contextlib.suppress(FileNotFoundError):
        partial.unlink()  # a link is removed itself: its target is never touched
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    os.close(os.open(partial, flags, mode))


def _sync_file(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
