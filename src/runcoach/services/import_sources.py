"""What an import reads: files, folders, ``.gz`` files and ``.zip`` archives (nested too).

Nothing is ever extracted to disk: archive members are read in memory, each bounded in size
(and each archive in total), so a hostile archive (a zip bomb, ``../`` names) can only make
its own members fail. Every readable thing becomes a ``Candidate`` that knows its display
name ("export.zip!activities/123.fit.gz") and how to read its bytes.
"""

from __future__ import annotations

import gzip
import io
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from runcoach.domain.errors import CorruptFile, ImportProblem, InvalidInput
from runcoach.importers.account_exports import ExportIndex, index_of_folder, index_of_zip

MiB = 1024 * 1024
MAX_FILE_BYTES = 512 * MiB  # bytes; the largest activity file read (a day-long GPX is ~100 MiB)
MAX_ARCHIVE_BYTES = 64 * 1024 * MiB  # bytes; all members of one archive, decompressed
MAX_NESTING = 4  # archives inside archives (a Garmin export nests zips two deep)
SKIPPED_NAMES = ("__MACOSX/", ".DS_Store", "Thumbs.db")  # OS litter inside archives


@dataclass(frozen=True)
class Limits:
    """Bounds on what an import reads, against zip bombs and runaway files."""

    file_bytes: int = MAX_FILE_BYTES
    archive_bytes: int = MAX_ARCHIVE_BYTES
    nesting: int = MAX_NESTING


@dataclass
class Candidate:
    """One file to import: its name for the runner, and how to get its (decompressed) bytes."""

    name: str
    read: Callable[[], bytes]
    export: ExportIndex | None = None  # the export (Strava, Garmin) it came from
    member: str | None = None  # its path inside that export
    problem: ImportProblem | None = None  # known to be unreadable before reading


@dataclass
class _Budget:
    """Decompressed bytes still allowed for one archive."""

    left: int
    spent: list[int] = field(default_factory=list)

    def take(self, amount: int, name: str) -> None:
        self.left -= amount
        if self.left < 0:
            raise CorruptFile(
                f"{name}: the archive expands past {_size(sum(self.spent) + amount)}",
                hint="a zip bomb or a damaged archive; unpack it yourself and import the folder",
            )
        self.spent.append(amount)


def candidates(paths: list[Path], limits: Limits | None = None) -> Iterator[Candidate]:
    """Everything to import under ``paths``, in a stable order."""
    limits = limits or Limits()
    for path in paths:
        if not path.exists():
            raise InvalidInput(
                f"{path}: no such file or folder", hint="give a file, a folder or a .zip export"
            )
    for path in paths:
        if path.is_dir():
            export = index_of_folder(path)
            for file in sorted(p for p in path.rglob("*") if p.is_file()):
                if not _skipped(file.name):
                    member = file.relative_to(path).as_posix()
                    yield from _from_file(file, limits, export, member)
        else:
            yield from _from_file(path, limits, None, None)


def _from_file(
    path: Path, limits: Limits, export: ExportIndex | None, member: str | None
) -> Iterator[Candidate]:
    name = str(path)
    if path.suffix.lower() == ".zip":
        yield from _zip_candidates(name, lambda: path, limits, 1)  # read from disk, not memory
        return
    size = path.stat().st_size
    if size > limits.file_bytes and not name.lower().endswith(".gz"):
        yield Candidate(name, _nothing, problem=_too_big(name, size, limits))
        return
    yield Candidate(name, lambda: _ungzip(name, path.read_bytes(), limits), export, member)


def _zip_candidates(
    name: str,
    load: Callable[[], bytes | Path],
    limits: Limits,
    depth: int,
    outer_export: ExportIndex | None = None,
) -> Iterator[Candidate]:
    if depth > limits.nesting:
        problem = CorruptFile(f"{name}: archives nested more than {limits.nesting} deep")
        yield Candidate(name, _nothing, problem=problem)
        return
    try:
        source = load()
        archive = zipfile.ZipFile(source if isinstance(source, Path) else io.BytesIO(source))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        yield Candidate(name, _nothing, problem=CorruptFile(f"{name}: not a readable zip ({exc})"))
        return
    export = index_of_zip(archive) or outer_export  # a Garmin export nests its uploads
    budget = _Budget(limits.archive_bytes)
    for info in sorted(archive.infolist(), key=lambda i: i.filename):
        if info.is_dir() or _skipped(info.filename):
            continue
        yield from _member(archive, info, name, limits, depth, budget, export)


def _member(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    parent: str,
    limits: Limits,
    depth: int,
    budget: _Budget,
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

    def read() -> bytes:
        return _ungzip(name, _read_member(archive, info, name, limits, budget), limits)

    if info.filename.lower().endswith(".zip"):
        yield from _zip_candidates(name, read, limits, depth + 1, export)
        return
    yield Candidate(name, read, export, info.filename)


def _read_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, limits: Limits, budget: _Budget
) -> bytes:
    if info.file_size > limits.file_bytes:
        raise _too_big(name, info.file_size, limits)
    try:
        with archive.open(info) as member:
            data = member.read(limits.file_bytes + 1)  # never trust the declared size
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError) as exc:
        raise CorruptFile(f"{name}: the archive member is damaged ({exc})") from exc
    if len(data) > limits.file_bytes:
        raise _too_big(name, len(data), limits)
    budget.take(len(data), name)
    return data


def _ungzip(name: str, data: bytes, limits: Limits) -> bytes:
    if not name.lower().endswith(".gz"):
        return data
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as unpacked:
            out = unpacked.read(limits.file_bytes + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise CorruptFile(f"{name}: a broken .gz file ({exc})") from exc
    if len(out) > limits.file_bytes:
        raise _too_big(name, len(out), limits)
    return out


def _safe_member_name(filename: str) -> bool:
    path = PurePosixPath(filename.replace("\\", "/"))
    return not path.is_absolute() and ".." not in path.parts and ":" not in path.parts[0]


def _skipped(name: str) -> bool:
    base = name.rsplit("/", 1)[-1]
    return base.startswith(".") or any(part in name for part in SKIPPED_NAMES)


def _too_big(name: str, size: int, limits: Limits) -> CorruptFile:
    return CorruptFile(
        f"{name}: {_size(size)} unpacked, more than the {_size(limits.file_bytes)} runcoach reads",
        hint="an activity file is at most a few MiB; this is not one, or a zip bomb",
    )


def _size(size: int) -> str:
    return f"{size / MiB:.0f} MiB" if size >= MiB else f"{size} bytes"


def _nothing() -> bytes:
    return b""
