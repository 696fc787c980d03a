"""Back up the whole store to one file, and restore it into an empty database.

A backup is a zip archive: ``manifest.json`` (format, version, the migration the database was
at, the rows of each table, when) and one ``tables/NAME.jsonl`` per table, a JSON object per
row (see ``store/backup.py``). It is read in one transaction, so it is consistent even while
runcoach is in use, and written beside its destination first, so a crash never leaves half
a backup under the real name. The same archive restores into SQLite or PostgreSQL: it is
also how a runner moves from a laptop to a club server.

A restore never overwrites anything: the target database must hold no rows at all. It is
migrated to the backup's revision, loaded in one transaction (all or nothing), then migrated
to this runcoach's newest schema.
"""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, delete
from sqlalchemy.exc import DBAPIError

from runcoach import __version__
from runcoach.domain.errors import Conflict, InvalidInput
from runcoach.domain.hints import Do, Hint
from runcoach.domain.units import counted
from runcoach.services.backup_checks import check_row
from runcoach.services.files import atomic_path
from runcoach.store.athletes import only_an_untouched_athlete
from runcoach.store.backup import (
    CACHE_TABLE,
    column_kinds,
    column_rules,
    count_rows,
    decode_row,
    dump_rows,
    load_rows,
    reflect_tables,
    reset_id_sequences,
)
from runcoach.store.db import (
    check_reachable,
    current_revision,
    known_revisions,
    make_engine,
    migrate,
    migrate_to,
    snapshot_read,
)
from runcoach.store.effort_records import rebuild_effort_records
from runcoach.store.files import PRIVATE_FILE_MODE, private_folder
from runcoach.store.fitness_months import forget_all_months

BACKUP_FORMAT = "runcoach-backup"
BACKUP_VERSION = 2  # of the archive's layout; a newer one is refused with a clear message
# Layouts this runcoach reads: 1 had no checksums (its rows are still checked one by one).
READABLE_VERSIONS = (1, 2)
CHECKSUM_VERSION = 2  # the first layout with a SHA-256 per member
# What reading a damaged archive raises (a bad CRC, a truncated deflate stream, a lost member)
ARCHIVE_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, KeyError, NotImplementedError)
MAX_LINE_BYTES = 768 * 1024 * 1024  # bytes; a row (an original file of up to 512 MiB, base64)
SHA256_HEX = re.compile(r"[0-9a-f]{64}")
MANIFEST = "manifest.json"
MAX_MANIFEST_BYTES = 1024 * 1024  # a manifest is a few KB; a larger one is not a backup of ours


@dataclass(frozen=True)
class BackupSummary:
    """What a backup holds (or what a restore loaded)."""

    path: Path
    revision: str
    created_at: str
    rows: dict[str, int]
    size_bytes: int


def default_backup_path(home: Path, now: datetime) -> Path:
    return home / "backups" / f"runcoach-{now:%Y-%m-%d-%H%M%S}.zip"


def write_backup(engine: Engine, path: Path, now: datetime) -> BackupSummary:
    """Write every table to ``path`` (a zip archive), atomically."""
    private_folder(path.parent)
    with atomic_path(path, mode=PRIVATE_FILE_MODE) as partial, snapshot_read(engine) as conn:
        revision = _revision_of(conn)
        rows = _write_archive(conn, partial, revision, now)
    return BackupSummary(path, revision, now.isoformat(), rows, path.stat().st_size)


def _revision_of(conn: Connection) -> str:
    revision = current_revision(conn)
    if revision is None:
        raise InvalidInput("this database has no runcoach schema yet: nothing to back up")
    return revision


def _write_archive(conn: Connection, partial: Path, revision: str, now: datetime) -> dict[str, int]:
    rows: dict[str, int] = {}
    sums: dict[str, str] = {}
    columns: dict[str, dict[str, str]] = {}
    stamp = now.astimezone(UTC).timetuple()[:6]
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for table in reflect_tables(conn):
            member_info = zipfile.ZipInfo(f"tables/{table.name}.jsonl", stamp)
            member_info.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(member_info, "w", force_zip64=True) as member:
                rows[table.name], sums[member_info.filename] = _write_rows(conn, table, member)
            columns[table.name] = column_kinds(table)
        manifest = {
            "format": BACKUP_FORMAT,
            "version": BACKUP_VERSION,
            "runcoach": __version__,
            "revision": revision,
            "created_at": now.astimezone(UTC).isoformat(),
            "database": conn.dialect.name,
            "tables": list(rows),
            "rows": rows,
            "sha256": sums,
            "columns": columns,
        }
        archive.writestr(MANIFEST, json.dumps(manifest, indent=1))
    return rows


def _write_rows(conn: Connection, table: Table, member: Any) -> tuple[int, str]:
    """Write the table's rows; their number and the SHA-256 of the member's bytes."""
    count, digest = 0, hashlib.sha256()
    for row in dump_rows(conn, table):
        line = json.dumps(row, separators=(",", ":")).encode() + b"\n"
        member.write(line)
        digest.update(line)
        count += 1
    return count, digest.hexdigest()


# --- restore ---------------------------------------------------------------------------------


def read_manifest(path: Path) -> dict[str, Any]:
    """The backup's manifest, checked; InvalidInput saying what is wrong otherwise."""
    archive = _open_archive(path)
    with archive:
        return _manifest_of(archive, path)


def _open_archive(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except FileNotFoundError:
        raise InvalidInput(f"{path}: no such file") from None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise InvalidInput(
            f"{path}: not a runcoach backup (not a zip archive: {error})",
            hint=Hint(Do.RESTORE_A_BACKUP, "restore a file made by a runcoach backup"),
        ) from None


def _manifest_of(archive: zipfile.ZipFile, path: Path) -> dict[str, Any]:
    try:
        info = archive.getinfo(MANIFEST)
    except KeyError:
        raise InvalidInput(
            f"{path}: not a runcoach backup (no {MANIFEST} in the archive)",
            hint=Hint(Do.RESTORE_A_BACKUP, "restore a file made by a runcoach backup"),
        ) from None
    if info.file_size > MAX_MANIFEST_BYTES:
        raise InvalidInput(f"{path}: {MANIFEST} is {info.file_size:,} bytes: not a runcoach backup")
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except (ValueError, RecursionError, *ARCHIVE_ERRORS) as error:
        raise InvalidInput(f"{path}: {MANIFEST} cannot be read: {error}") from None
    _check_manifest(manifest, path)
    return dict(manifest)


def _check_manifest(manifest: Any, path: Path) -> None:
    if not isinstance(manifest, dict) or manifest.get("format") != BACKUP_FORMAT:
        raise InvalidInput(f"{path}: not a runcoach backup ({MANIFEST} is someone else's)")
    if manifest.get("version") not in READABLE_VERSIONS:
        raise InvalidInput(
            f"{path}: backup format {manifest.get('version')!r}; this runcoach reads format "
            f"{BACKUP_VERSION}",
            hint="restore it with the runcoach version that made it, or a newer one",
        )
    revision = manifest.get("revision")
    if not isinstance(revision, str) or revision not in known_revisions():
        raise InvalidInput(
            f"{path}: made by a newer runcoach (database migration {revision!r} is unknown "
            f"to runcoach {__version__})",
            hint="upgrade runcoach, then restore",
        )
    if not _lists_its_tables(manifest):
        raise InvalidInput(f"{path}: {MANIFEST} does not list its tables and their rows")
    if manifest["version"] >= CHECKSUM_VERSION and not _sums_every_table(manifest):
        raise InvalidInput(f"{path}: {MANIFEST} does not give each table's SHA-256")


def _lists_its_tables(manifest: dict[str, Any]) -> bool:
    tables, rows = manifest.get("tables"), manifest.get("rows")
    if not isinstance(tables, list) or not isinstance(rows, dict):
        return False
    names_ok = all(isinstance(t, str) for t in tables) and len(set(tables)) == len(tables)
    counts_ok = all(
        isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in rows.values()
    )
    return names_ok and counts_ok and set(tables) == set(rows)


def _sums_every_table(manifest: dict[str, Any]) -> bool:
    sums = manifest.get("sha256")
    if not isinstance(sums, dict):
        return False
    wanted = {_member(name) for name in manifest["tables"]}
    given = {k for k, v in sums.items() if isinstance(v, str) and SHA256_HEX.fullmatch(v)}
    return wanted <= given


def _member(table: str) -> str:
    return f"tables/{table}.jsonl"


def restore_backup(engine: Engine, path: Path) -> BackupSummary:
    """Load the backup at ``path`` into the empty database of ``engine``: every table of its
    schema, every row checked, every member's checksum matched, or nothing at all."""
    check_reachable(engine)
    archive = _open_archive(path)
    with archive:
        manifest = _manifest_of(archive, path)
        _make_empty_schema(engine, manifest["revision"])
        with engine.begin() as conn:
            tables = {t.name: t for t in reflect_tables(conn)}
            _check_every_table(manifest, tables, path)
            for name in manifest["tables"]:
                _restore_table(conn, archive, manifest, tables[name], path)
            reset_id_sequences(conn, tables.values())
    migrate(engine)
    with engine.begin() as conn:  # derived from the runs: marked again, whatever the file says
        rebuild_effort_records(conn)
        forget_all_months(conn)  # worked out again by the first report
    return BackupSummary(
        path, manifest["revision"], manifest["created_at"], manifest["rows"], path.stat().st_size
    )


def verify_backup(path: Path) -> BackupSummary:
    """Check a backup as a restore would (checksums, every table, every value, every link
    between rows) by restoring it into a scratch database that is thrown away after."""
    with tempfile.TemporaryDirectory(prefix="runcoach-verify-") as scratch:
        engine = make_engine(f"sqlite:///{Path(scratch) / 'verify.db'}")
        try:
            return restore_backup(engine, path)
        finally:
            engine.dispose()


def _make_empty_schema(engine: Engine, revision: str) -> None:
    """The target holds no rows (but perhaps the local athlete a first look at an empty store
    made, with nothing told yet: the backup's takes its place): (re)create its schema at the
    backup's revision."""
    with engine.begin() as conn:
        tables = reflect_tables(conn)
        held = {t.name: n for t in tables if (n := count_rows(conn, t))}
        by_name = {t.name: t for t in tables}
        if set(held) == {"athletes"} and only_an_untouched_athlete(conn, by_name["athletes"]):
            conn.execute(delete(by_name["athletes"]))
            held = {}
        if held:
            raise Conflict(
                f"the database is not empty ({counted(held.get('runs', 0), 'run')}, "
                f"{counted(sum(held.values()), 'row')} in all): a restore never overwrites data",
                hint=Hint(
                    Do.RESTORE_INTO_EMPTY, "restore into a new home folder or an empty database"
                ),
            )
        if current_revision(conn) != revision:
            conn.exec_driver_sql(f"DROP TABLE IF EXISTS {CACHE_TABLE}")  # it names athletes
            for table in reversed(tables):  # empty, so nothing is lost
                table.drop(conn)
            conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    if current_revision(engine) != revision:
        migrate_to(engine, revision)


def _check_every_table(manifest: dict[str, Any], tables: dict[str, Table], path: Path) -> None:
    listed = set(manifest["tables"])
    foreign = sorted(listed - set(tables))
    if foreign:
        raise InvalidInput(
            f"{path}: table {foreign[0]!r} is not in the schema of its own migration"
        )
    missing = sorted(set(tables) - listed)
    if missing:
        raise InvalidInput(
            f"{path}: the backup leaves out {counted(len(missing), 'table')} of its schema "
            f"({', '.join(missing)}): it is incomplete; nothing was restored"
        )


def _restore_table(
    conn: Connection, archive: zipfile.ZipFile, manifest: dict[str, Any], table: Table, path: Path
) -> None:
    member, expected = _member(table.name), manifest["rows"][table.name]
    digest = hashlib.sha256()
    rows = _read_rows(archive, member, table, digest, path)
    try:
        loaded = load_rows(conn, table, rows)
    except ARCHIVE_ERRORS as error:
        raise InvalidInput(
            f"{path}: {member} cannot be read: {error}; nothing was restored"
        ) from None
    except DBAPIError as error:
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        raise InvalidInput(
            f"{path}: {member}: the database refuses its rows ({reason}); nothing was restored"
        ) from None
    if loaded != expected:
        raise InvalidInput(
            f"{path}: {member} has {loaded:,} rows, the manifest says {expected:,}: "
            "the backup is incomplete; nothing was restored"
        )
    wanted = manifest.get("sha256", {}).get(member)
    if wanted is not None and digest.hexdigest() != wanted:
        raise InvalidInput(
            f"{path}: {member} is not what was backed up (its SHA-256 differs from the "
            "manifest's): the backup was changed or damaged; nothing was restored"
        )


def _read_rows(
    archive: zipfile.ZipFile, member: str, table: Table, digest: Any, path: Path
) -> Iterator[dict[str, Any]]:
    rules = column_rules(table)
    with archive.open(member) as raw:
        for number, line in enumerate(_lines(raw), 1):
            digest.update(line)
            try:
                row = decode_row(rules, json.loads(line))
                check_row(table.name, row)
            except (ValueError, TypeError, RecursionError) as error:
                raise InvalidInput(
                    f"{path}: {member} line {number}: {error}; nothing was restored"
                ) from None
            yield row


def _lines(raw: Any) -> Iterator[bytes]:
    while line := raw.readline(MAX_LINE_BYTES + 1):
        if len(line) > MAX_LINE_BYTES:
            raise ValueError(f"a line longer than {MAX_LINE_BYTES:,} bytes")
        yield line
