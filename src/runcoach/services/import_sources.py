"""What an import reads: files, folders, ``.gz`` files and ``.zip`` archives (nested too).

Everything here is untrusted. Nothing is ever extracted under its own name: archive members
are read as streams, with every limit checked as the bytes arrive, never from what a header
declares. One ``Budget`` per import bounds the bytes that decompression may produce, across
all archives, nested archives and ``.gz`` files of the import: a zip bomb, a 3 GB ``.gz`` or
a 13 KB nest of zips spends it and its remaining members are refused, each by name, without
being read. Only regular files are read: a device (``/dev/zero``), a FIFO or a socket given
as a path is refused by name. A nested archive waits in a private temporary file, never
whole in memory. Every readable thing becomes a ``Candidate`` that knows its display name
("export.zip!activities/123.fit.gz") and how to read its bytes (at most ``file_bytes``).
"""

from __future__ import annotations

import contextlib
import gzip
import io
import os
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO

from runcoach.domain.errors import CorruptFile, ImportProblem, InvalidInput, UnsupportedFile
from runcoach.importers.account_exports import ExportIndex, index_of_folder, index_of_zip

MiB = 1024 * 1024
CHUNK_BYTES = MiB  # bytes read at a time; every limit is checked after each chunk
MAX_FILE_BYTES = 128 * MiB  # bytes; the largest activity file read, unpacked (a 48-hour TCX
# sampled each second is ~100 MB, a 24-hour GPX ~40 MB); reading one takes ~2x its size
MAX_FIT_BYTES = 16 * MiB  # bytes; the largest FIT file read: ~4 days sampled each second (a
# FIT record is ~30 bytes), and decoding one takes ~40x its size (656 MB for 16 MB, measured)
DECOMPRESSED_FLOOR_BYTES = 1024 * MiB  # bytes any import may unpack, whatever its size
MAX_EXPANSION = 40  # unpacked bytes allowed per byte of archive on disk; measured ratios in
# a zip: FIT 2-4x, GPX and TCX 8-20x; a zip bomb is ~1000x (deflate's ceiling is 1032x)
MAX_NESTING = 4  # archives inside archives (a Garmin export nests zips two deep)
SPOOL_IN_MEMORY_BYTES = 8 * MiB  # a nested archive larger than this waits in a temporary file
SKIPPED_NAMES = ("__MACOSX/", ".DS_Store", "Thumbs.db")  # OS litter inside archives


@dataclass(frozen=True)
class Limits:
    """Bounds on what an import reads, against zip bombs and runaway files."""

    file_bytes: int = MAX_FILE_BYTES
    fit_bytes: int = MAX_FIT_BYTES
    decompressed_bytes: int = DECOMPRESSED_FLOOR_BYTES
    expansion: int = MAX_EXPANSION
    nesting: int = MAX_NESTING


@dataclass
class Candidate:
    """One file to import: its name for the runner, and how to get its (decompressed) bytes."""

    name: str
    read: Callable[[], bytes]
    export: ExportIndex | None = None  # the export (Strava, Garmin) it came from
    member: str | None = None  # its path inside that export
    problem: ImportProblem | None = None  # known to be unreadable before reading


@dataclass(frozen=True)
class ImportSource:
    """One thing given to import, as it came: its name for the runner, its size in bytes, and
    a way to open it as a binary stream (a file on disk, or bytes a web upload received). A
    ``.zip`` or ``.gz`` source is unpacked within the import's bounds like a file on disk."""

    name: str
    size: int
    open: Callable[[], contextlib.AbstractContextManager[IO[bytes]]]
    export: ExportIndex | None = None  # the export (Strava, Garmin) it belongs to
    member: str | None = None  # its path inside that export
    problem: ImportProblem | None = None  # refused before reading (not a regular file)

    @classmethod
    def of_bytes(cls, name: str, data: bytes) -> ImportSource:
        """Bytes received whole (an upload): read from memory, never written to disk."""
        return cls(name, len(data), lambda: contextlib.nullcontext(io.BytesIO(data)))

    @classmethod
    def of_path(
        cls, path: Path, export: ExportIndex | None = None, member: str | None = None
    ) -> ImportSource:
        """A file on disk: only a regular file (a device, FIFO or socket is refused by name,
        here and again when it is opened)."""
        name = display_name(path)
        try:
            size = _regular_size(path, name)
        except ImportProblem as problem:
            return cls(name, 0, lambda: _open_regular(path, name), problem=problem)
        return cls(name, size, lambda: _open_regular(path, name), export, member)


def sources_of_paths(paths: list[Path]) -> list[ImportSource]:
    """What a person named on the command line, as sources: files, and every file of a folder
    (an unpacked account export brings its index); a missing path stops it before anything
    is read. Only names and sizes are read here: the bytes are read, bounded, when imported."""
    for path in paths:
        if not os.path.lexists(path):
            raise InvalidInput(
                f"{display_name(path)}: no such file or folder",
                hint="give a file, a folder or a .zip export",
            )
    return [source for path in paths for source in _sources_under(path)]


def _sources_under(path: Path) -> Iterator[ImportSource]:
    if not path.is_dir():
        yield ImportSource.of_path(path)
        return
    export = index_of_folder(path, _read_index_file)
    for file in sorted(p for p in path.rglob("*") if not p.is_dir()):
        if not _skipped(file.name):
            yield ImportSource.of_path(file, export, file.relative_to(path).as_posix())


def _read_index_file(path: Path, limit: int) -> bytes:
    with _open_regular(path, display_name(path)) as stream:
        return read_bounded(stream, display_name(path), limit)


class Budget:
    """The bytes decompression may still produce in one import: a floor, plus ``expansion``
    bytes for each byte of archive or ``.gz`` file read from disk."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.allowed = limits.decompressed_bytes
        self.spent = 0

    def grant(self, packed_bytes: int) -> None:
        self.allowed += self.limits.expansion * packed_bytes

    def take(self, amount: int, name: str) -> None:
        self.spent += amount
        if self.spent > self.allowed:
            raise CorruptFile(
                f"{name}: the import expands past {_size(self.allowed)} of unpacked data "
                f"(at most {self.limits.expansion}x its archives, or "
                f"{_size(self.limits.decompressed_bytes)})",
                hint="a zip bomb or a damaged archive; unpack it yourself and import the folder",
            )


class Sources:
    """Everything an import reads, open for as long as the import runs (``with`` closes the
    archives and temporary files)."""

    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits or Limits()
        self.budget = Budget(self.limits)
        self._open = contextlib.ExitStack()

    def __enter__(self) -> Sources:
        return self

    def __exit__(self, *exc: object) -> None:
        self._open.close()

    def candidates_of(self, sources: list[ImportSource]) -> Iterator[Candidate]:
        """Everything to import in ``sources`` (archives and ``.gz`` unpacked), in order."""
        for source in sources:
            yield from self._source(source)

    def _source(self, source: ImportSource) -> Iterator[Candidate]:
        name = source.name
        if source.problem is not None:
            yield Candidate(name, _nothing, problem=source.problem)
            return
        if name.lower().endswith(".zip"):
            yield from self._zip(name, lambda: self._archive(source), 1, None)
            return
        if source.size > self._file_limit(name) and not name.lower().endswith(".gz"):
            yield Candidate(name, _nothing, problem=self._too_big(name, source.size))
            return
        yield Candidate(name, lambda: self._read_source(source), source.export, source.member)

    def _read_source(self, source: ImportSource) -> bytes:
        with source.open() as stream:
            if not source.name.lower().endswith(".gz"):
                return self._bounded(stream, source.name, None)
            self.budget.grant(source.size)
            return self._gunzip(stream, source.name)

    def _archive(self, source: ImportSource) -> IO[bytes]:
        self.budget.grant(source.size)
        return self._open.enter_context(source.open())

    def _zip(
        self,
        name: str,
        load: Callable[[], IO[bytes]],
        depth: int,
        outer_export: ExportIndex | None,
    ) -> Iterator[Candidate]:
        if depth > self.limits.nesting:
            problem = CorruptFile(f"{name}: archives nested more than {self.limits.nesting} deep")
            yield Candidate(name, _nothing, problem=problem)
            return
        try:
            archive = self._open.enter_context(zipfile.ZipFile(load()))
            infos = sorted(archive.infolist(), key=lambda i: i.filename)
        except ImportProblem as problem:
            yield Candidate(name, _nothing, problem=problem)
            return
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
            yield Candidate(
                name, _nothing, problem=CorruptFile(f"{name}: not a readable zip ({exc})")
            )
            return
        read_index = self._index_reader(archive, name)
        export = index_of_zip(archive, read_index) or outer_export  # Garmin nests its uploads
        for info in infos:
            if not (info.is_dir() or _skipped(info.filename)):
                yield from self._member(archive, info, name, depth, export)

    def _index_reader(self, archive: zipfile.ZipFile, parent: str) -> Callable[..., bytes]:
        def read(info: zipfile.ZipInfo, limit: int) -> bytes:
            return self._unpack(archive, info, f"{parent}!{info.filename}", limit)

        return read

    def _member(
        self,
        archive: zipfile.ZipFile,
        info: zipfile.ZipInfo,
        parent: str,
        depth: int,
        export: ExportIndex | None,
    ) -> Iterator[Candidate]:
        name = f"{parent}!{info.filename}"
        if not _safe_member_name(info.filename):
            problem = CorruptFile(
                f"{name}: unsafe path in the archive (absolute, or climbing out with '..')",
                hint="refused without reading it; nothing is ever extracted to disk",
            )
            yield Candidate(name, _nothing, problem=problem)
            return
        if info.filename.lower().endswith(".zip"):
            yield from self._zip(
                name, lambda: self._spooled(archive, info, name), depth + 1, export
            )
            return

        def read() -> bytes:
            if not name.lower().endswith(".gz"):
                return self._unpack(archive, info, name, self._file_limit(name))
            with _member_stream(archive, info, name) as packed:
                counted = _Counted(packed, self.budget, name)
                return self._gunzip(counted, name)  # type: ignore[arg-type]

        yield Candidate(name, read, export, info.filename)

    def _unpack(
        self, archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, limit: int
    ) -> bytes:
        if info.file_size > limit:  # declared: refused at once (a lie is caught as it reads)
            raise self._too_big(name, info.file_size, limit)
        with _member_stream(archive, info, name) as stream:
            return self._bounded(stream, name, self.budget, limit)

    def _spooled(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> IO[bytes]:
        """A nested archive, copied out as it unpacks (counted against the budget) into a
        private temporary file: zipfile needs to seek, and it is never whole in memory."""
        spool = self._open.enter_context(
            tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY_BYTES)  # noqa: SIM115
        )
        with _member_stream(archive, info, name) as stream:
            while chunk := _read_chunk(stream, name):
                self.budget.take(len(chunk), name)
                spool.write(chunk)
        spool.seek(0)
        return spool

    def _gunzip(self, packed: IO[bytes], name: str) -> bytes:
        try:
            with gzip.GzipFile(fileobj=packed) as unpacked:
                return self._bounded(unpacked, name, self.budget)  # type: ignore[arg-type]
        except (OSError, EOFError, zlib.error) as exc:
            raise CorruptFile(f"{name}: a broken .gz file ({exc})") from exc

    def _bounded(
        self, stream: IO[bytes], name: str, budget: Budget | None, limit: int | None = None
    ) -> bytes:
        limit = self._file_limit(name) if limit is None else limit
        return read_bounded(stream, name, limit, budget, self._too_big)

    def _file_limit(self, name: str) -> int:
        """The most bytes read of one activity file, by its format."""
        fit = name.lower().removesuffix(".gz").endswith(".fit")
        return min(self.limits.file_bytes, self.limits.fit_bytes) if fit else self.limits.file_bytes

    def _too_big(self, name: str, size: int, limit: int | None = None) -> CorruptFile:
        limit = self._file_limit(name) if limit is None else limit
        return CorruptFile(
            f"{name}: {_size(size)} unpacked, more than the {_size(limit)} runcoach reads",
            hint="an activity file is at most a few MiB; this is not one, or a zip bomb",
        )


def read_bounded(
    stream: IO[bytes],
    name: str,
    limit: int,
    budget: Budget | None = None,
    too_big: Callable[[str, int, int], ImportProblem] | None = None,
) -> bytes:
    """At most ``limit`` bytes of ``stream``, checked chunk by chunk as they arrive (and taken
    from ``budget``): a stream that goes on is refused after ``limit + 1`` bytes, never read."""
    chunks: list[bytes] = []
    size = 0
    while chunk := _read_chunk(stream, name, min(CHUNK_BYTES, limit + 1 - size)):
        size += len(chunk)
        if budget is not None:
            budget.take(len(chunk), name)
        if size > limit:
            raise (too_big or _limit_problem)(name, size, limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _limit_problem(name: str, size: int, limit: int) -> ImportProblem:
    return CorruptFile(f"{name}: more than the {_size(limit)} runcoach reads from such a file")


def _read_chunk(stream: IO[bytes], name: str, size: int = CHUNK_BYTES) -> bytes:
    if size <= 0:
        size = 1  # one byte past the limit says that the stream goes on
    try:
        return stream.read(size)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        raise CorruptFile(f"{name}: the archive member is damaged ({exc})") from exc
    except OSError as exc:
        raise CorruptFile(f"{name}: cannot be read ({exc.strerror or exc})") from exc


class _Counted:
    """A stream whose bytes are taken from the budget as they are read (a .gz member's packed
    bytes are themselves unpacked from the zip)."""

    def __init__(self, stream: IO[bytes], budget: Budget, name: str) -> None:
        self.stream, self.budget, self.name = stream, budget, name

    def read(self, size: int = -1) -> bytes:
        chunk = _read_chunk(self.stream, self.name, size if size > 0 else CHUNK_BYTES)
        self.budget.take(len(chunk), self.name)
        return chunk


@contextlib.contextmanager
def _member_stream(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str
) -> Iterator[IO[bytes]]:
    try:
        stream = archive.open(info)
    except (
        zipfile.BadZipFile,
        zlib.error,
        OSError,
        EOFError,
        NotImplementedError,
        ValueError,
    ) as exc:
        raise CorruptFile(f"{name}: the archive member is damaged ({exc})") from exc
    with stream:
        yield stream


def _regular_size(path: Path, name: str) -> int:
    """The size of a regular file; a device, FIFO or socket is refused without opening it."""
    try:
        info = path.stat()
    except OSError as exc:
        raise CorruptFile(f"{name}: cannot be read ({exc.strerror or exc})") from exc
    _require_regular(info.st_mode, name)
    return info.st_size


def _require_regular(mode: int, name: str) -> None:
    if not stat.S_ISREG(mode):
        raise UnsupportedFile(
            f"{name}: not a regular file ({_file_kind(mode)}): refused without reading it",
            hint="give activity files, folders or .zip exports",
        )


def _file_kind(mode: int) -> str:
    kinds = {
        stat.S_ISCHR: "a character device",
        stat.S_ISBLK: "a block device",
        stat.S_ISFIFO: "a FIFO",
        stat.S_ISSOCK: "a socket",
    }
    return next((kind for test, kind in kinds.items() if test(mode)), "not a file")


@contextlib.contextmanager
def _open_regular(path: Path, name: str) -> Iterator[IO[bytes]]:
    """Open ``path`` for reading only if it is a regular file. O_NONBLOCK: opening a FIFO
    swapped in after a check must not wait for a writer; the check is on the open file."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        raise CorruptFile(f"{name}: cannot be read ({exc.strerror or exc})") from exc
    try:
        _require_regular(os.fstat(descriptor).st_mode, name)
    except ImportProblem:
        os.close(descriptor)
        raise
    with os.fdopen(descriptor, "rb") as stream:
        yield stream


def display_name(path: Path | str) -> str:
    """A path as the runner reads it: a file name that is not UTF-8 (its bytes kept by
    Python as surrogates) shows each such byte as U+FFFD, and can be stored and printed."""
    text = os.fspath(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(text).decode("utf-8", errors="replace")
    return text


def _safe_member_name(filename: str) -> bool:
    path = PurePosixPath(filename.replace("\\", "/"))
    return not path.is_absolute() and ".." not in path.parts and ":" not in path.parts[0]


def _skipped(name: str) -> bool:
    base = name.rsplit("/", 1)[-1]
    return base.startswith(".") or any(part in name for part in SKIPPED_NAMES)


def _size(size: int) -> str:
    return f"{size / MiB:.0f} MiB" if size >= MiB else f"{size} bytes"


def _nothing() -> bytes:
    return b""
