"""Repository functions for source files: the original bytes of every imported file.

Each file is kept once per athlete (by the SHA-256 of its bytes), zstd-compressed, and
linked to the runs it holds (``run_sources``): the file a run's numbers come from is its
primary source; another format of the same run is kept as a further source.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Row, bindparam, insert, select, update

from runcoach.store.kept_log import KeptOfLog
from runcoach.store.pipeline import insert_returning_id, write_all
from runcoach.store.tables import run_sources, source_files

ORIGINAL_ZSTD_LEVEL = 3  # zstd level, 1-22; on a replayed decade of real files (229 MB) level 3
# keeps 17.8 % of the bytes at 190 MB/s, level 9 16.3 % at 45 MB/s (docs/benchmarks.md)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class PackedOriginal:
    """A file's bytes made ready to keep: their SHA-256, size and zstd form."""

    sha256: str
    size_bytes: int
    compressed: bytes


def pack_original(data: bytes) -> PackedOriginal:
    """``data`` hashed and compressed (no database: an import does it where it reads files)."""
    import zstandard  # here: most commands never pack or unpack an original

    compressed = zstandard.ZstdCompressor(level=ORIGINAL_ZSTD_LEVEL).compress(data)
    return PackedOriginal(sha256_of(data), len(data), compressed)


_FIND_SOURCE = select(source_files.c.id, source_files.c.name, source_files.c.outcome).where(
    source_files.c.athlete_id == bindparam("athlete_id"),
    source_files.c.sha256 == bindparam("sha256"),
)
_INSERT_SOURCE = insert(source_files)
_NOT_PRIMARY = (
    update(run_sources)
    .where(run_sources.c.run_id == bindparam("linked_run_id"))
    .values(is_primary=False)
)
_INSERT_LINK = insert(run_sources)


def find_source(conn: Connection, athlete_id: int, sha256: str) -> Any:
    return conn.execute(_FIND_SOURCE, {"athlete_id": athlete_id, "sha256": sha256}).one_or_none()


@dataclass(frozen=True)
class StoredFile:
    """What ``find_source`` tells of a stored file."""

    id: int
    name: str
    outcome: str


_SOURCES_OF = select(
    source_files.c.sha256, source_files.c.id, source_files.c.name, source_files.c.outcome
).where(source_files.c.athlete_id == bindparam("athlete_id"))


class KnownFiles(KeptOfLog):
    """``find_source`` for the many files one import checks, from memory: the athlete's
    stored files read once (their SHA-256, id, name and outcome) and the files the import
    stores added, while they hold (``store.kept_log``). Before, the import asked the database
    about every file, twice for many (docs/benchmarks.md, "Imports, sixth pass").

    A file stored meanwhile by a writer that does not hold the log, or with no run (nothing
    raises ``data_version``), is not seen here: the unique key on the athlete's SHA-256
    refuses it when it is stored again, and the import tells it as already there."""

    def __init__(self, athlete_id: int) -> None:
        super().__init__(athlete_id)
        self._files: dict[str, StoredFile] = {}

    def find(self, conn: Connection, sha256: str) -> StoredFile | None:
        """The stored file with these bytes, if any (as ``find_source``)."""
        if not self._holds(conn):
            rows = conn.execute(_SOURCES_OF, {"athlete_id": self.athlete_id})
            self._files = {r.sha256: StoredFile(r.id, r.name, r.outcome) for r in rows}
            self._read_now(conn)
        return self._files.get(sha256)

    def stored(self, conn: Connection, sha256: str, file: StoredFile) -> None:
        """A file this writer stored in the transaction (its savepoint released)."""
        if self._holding(conn):
            self._files[sha256] = file

    def forget(self) -> None:
        super().forget()
        self._files = {}


def add_source(
    conn: Connection,
    athlete_id: int,
    *,
    name: str,
    file_format: str,
    data: bytes | PackedOriginal,
    outcome: str,
    reason: str | None = None,
) -> int:
    """Keep a file's original bytes (or their ``pack_original``), compressed; return its id."""
    packed = data if isinstance(data, PackedOriginal) else pack_original(data)
    row = {"athlete_id": athlete_id, "sha256": packed.sha256, "name": name[:1000]}
    row.update(format=file_format, size_bytes=packed.size_bytes, data=packed.compressed)
    return insert_returning_id(conn, _INSERT_SOURCE, {**row, "outcome": outcome, "reason": reason})


def link_source(
    conn: Connection, run_id: int, source_id: int, *, primary: bool, first: bool = False
) -> None:
    """Link a file to a run; a primary file takes over from the run's other files (``first``:
    the run was just stored from this file, so it has no other file yet)."""
    if primary and not first:
        conn.execute(_NOT_PRIMARY, {"linked_run_id": run_id})
    link = {"run_id": run_id, "source_file_id": source_id, "is_primary": primary}
    write_all(conn, [(_INSERT_LINK, link)])  # inside an import's file: sent with its end


def sources_of(conn: Connection, run_id: int) -> list[Row[Any]]:
    query = (
        select(
            source_files.c.id,
            source_files.c.name,
            source_files.c.format,
            source_files.c.size_bytes,
            source_files.c.imported_at,
            run_sources.c.is_primary,
        )
        .join(run_sources, run_sources.c.source_file_id == source_files.c.id)
        .where(run_sources.c.run_id == run_id)
        .order_by(run_sources.c.is_primary.desc(), source_files.c.id)
    )
    return list(conn.execute(query))


def original_bytes(conn: Connection, source_id: int) -> bytes:
    import zstandard

    blob = conn.execute(select(source_files.c.data).where(source_files.c.id == source_id)).scalar()
    return b"" if blob is None else zstandard.ZstdDecompressor().decompress(blob)


QUARANTINED = "quarantined"  # source_files.outcome of a file holding a record that cannot be


def quarantined_sources(conn: Connection, athlete_id: int) -> list[Row[Any]]:
    """The athlete's files holding a quarantined record, oldest first."""
    query = (
        select(
            source_files.c.id,
            source_files.c.name,
            source_files.c.format,
            source_files.c.imported_at,
            source_files.c.reason,
        )
        .where(source_files.c.athlete_id == athlete_id, source_files.c.outcome == QUARANTINED)
        .order_by(source_files.c.id)
    )
    return list(conn.execute(query))


def get_source(conn: Connection, athlete_id: int, source_id: int) -> Any:
    query = select(
        source_files.c.id, source_files.c.name, source_files.c.format, source_files.c.outcome
    ).where(source_files.c.athlete_id == athlete_id, source_files.c.id == source_id)
    return conn.execute(query).one_or_none()


def set_outcome(conn: Connection, source_id: int, outcome: str, reason: str | None) -> None:
    conn.execute(
        update(source_files)
        .where(source_files.c.id == source_id)
        .values(outcome=outcome, reason=reason)
    )


def linked_runs(conn: Connection, source_id: int) -> set[int]:
    query = select(run_sources.c.run_id).where(run_sources.c.source_file_id == source_id)
    return set(conn.execute(query).scalars())


def source_ids_of(conn: Connection, athlete_id: int) -> list[tuple[int, str]]:
    """Every stored file of an athlete: its id and name, in the order imported."""
    rows = conn.execute(
        select(source_files.c.id, source_files.c.name)
        .where(source_files.c.athlete_id == athlete_id)
        .order_by(source_files.c.id)
    )
    return [(int(r.id), str(r.name)) for r in rows]


def sources_named_under(conn: Connection, athlete_id: int, prefix: str) -> list[tuple[int, str]]:
    """The athlete's files whose name starts with ``prefix`` (an upload's temporary folder)."""
    rows = conn.execute(
        select(source_files.c.id, source_files.c.name).where(
            source_files.c.athlete_id == athlete_id,
            source_files.c.name.startswith(prefix, autoescape=True),
        )
    )
    return [(int(r.id), str(r.name)) for r in rows]


def rename_source(conn: Connection, source_id: int, name: str) -> None:
    conn.execute(update(source_files).where(source_files.c.id == source_id).values(name=name))
