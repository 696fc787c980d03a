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

import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table

from runcoach import __version__
from runcoach.domain.errors import Conflict, InvalidInput
from runcoach.domain.units import counted
from runcoach.services.files import atomic_path
from runcoach.store.backup import (
    column_kinds,
    count_rows,
    decode_row,
    dump_rows,
    load_rows,
    reflect_tables,
    reset_id_sequences,
)
from runcoach.store.db import (
    current_revision,
    known_revisions,
    migrate,
    migrate_to,
    snapshot_read,
)

BACKUP_FORMAT = "runcoach-backup"
BACKUP_VERSION = 1  # of the archive's layout; a newer one is refused with a clear message
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
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(path) as partial, snapshot_read(engine) as conn:
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
    columns: dict[str, dict[str, str]] = {}
    stamp = now.astimezone(UTC).timetuple()[:6]
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for table in reflect_tables(conn):
            member_info = zipfile.ZipInfo(f"tables/{table.name}.jsonl", stamp)
            member_info.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(member_info, "w", force_zip64=True) as member:
                rows[table.name] = _write_rows(conn, table, member)
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
            "columns": columns,
        }
        archive.writestr(MANIFEST, json.dumps(manifest, indent=1))
    return rows


def _write_rows(conn: Connection, table: Table, member: Any) -> int:
    count = 0
    for row in dump_rows(conn, table):
        member.write(json.dumps(row, separators=(",", ":")).encode() + b"\n")
        count += 1
    return count


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
    except (zipfile.BadZipFile, OSError) as error:
        raise InvalidInput(
            f"{path}: not a runcoach backup (not a zip archive: {error})",
            hint="restore a file made by `runcoach backup`",
        ) from None


def _manifest_of(archive: zipfile.ZipFile, path: Path) -> dict[str, Any]:
    try:
        info = archive.getinfo(MANIFEST)
    except KeyError:
        raise InvalidInput(
            f"{path}: not a runcoach backup (no {MANIFEST} in the archive)",
            hint="restore a file made by `runcoach backup`",
        ) from None
    if info.file_size > MAX_MANIFEST_BYTES:
        raise InvalidInput(f"{path}: {MANIFEST} is {info.file_size:,} bytes: not a runcoach backup")
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except (ValueError, zipfile.BadZipFile) as error:
        raise InvalidInput(f"{path}: {MANIFEST} cannot be read: {error}") from None
    _check_manifest(manifest, path)
    return dict(manifest)


def _check_manifest(manifest: Any, path: Path) -> None:
    if not isinstance(manifest, dict) or manifest.get("format") != BACKUP_FORMAT:
        raise InvalidInput(f"{path}: not a runcoach backup ({MANIFEST} is someone else's)")
    if manifest.get("version") != BACKUP_VERSION:
        raise InvalidInput(
            f"{path}: backup format {manifest.get('version')!r}; this runcoach reads format "
            f"{BACKUP_VERSION}",
            hint="restore it with the runcoach version that made it, or a newer one",
        )
    revision = manifest.get("revision")
    if revision not in known_revisions():
        raise InvalidInput(
            f"{path}: made by a newer runcoach (database migration {revision!r} is unknown "
            f"to runcoach {__version__})",
            hint="upgrade runcoach, then restore",
        )
    tables, rows = manifest.get("tables"), manifest.get("rows")
    if not isinstance(tables, list) or not isinstance(rows, dict) or set(tables) != set(rows):
        raise InvalidInput(f"{path}: {MANIFEST} does not list its tables and their rows")


def restore_backup(engine: Engine, path: Path) -> BackupSummary:
    """Load the backup at ``path`` into the empty database of ``engine``."""
    archive = _open_archive(path)
    with archive:
        manifest = _manifest_of(archive, path)
        _make_empty_schema(engine, manifest["revision"])
        with engine.begin() as conn:
            tables = {t.name: t for t in reflect_tables(conn)}
            for name in manifest["tables"]:
                _restore_table(conn, archive, tables, name, manifest["rows"][name], path)
            reset_id_sequences(conn, tables.values())
    migrate(engine)
    return BackupSummary(
        path, manifest["revision"], manifest["created_at"], manifest["rows"], path.stat().st_size
    )


def _make_empty_schema(engine: Engine, revision: str) -> None:
    """The target holds no rows: (re)create its schema at the backup's revision."""
    with engine.begin() as conn:
        tables = reflect_tables(conn)
        held = {t.name: n for t in tables if (n := count_rows(conn, t))}
        if held:
            raise Conflict(
                f"the database is not empty ({counted(held.get('runs', 0), 'run')}, "
                f"{counted(sum(held.values()), 'row')} in all): a restore never overwrites data",
                hint="restore into a new home folder (--home DIR) or an empty database "
                "(--database-url)",
            )
        if current_revision(conn) != revision:
            for table in reversed(tables):  # empty, so nothing is lost
                table.drop(conn)
            conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
    if current_revision(engine) != revision:
        migrate_to(engine, revision)


def _restore_table(
    conn: Connection,
    archive: zipfile.ZipFile,
    tables: dict[str, Table],
    name: str,
    expected: int,
    path: Path,
) -> None:
    table = tables.get(name)
    if table is None:
        raise InvalidInput(f"{path}: table {name!r} is not in the schema of its own migration")
    member = f"tables/{name}.jsonl"
    try:
        loaded = load_rows(conn, table, _read_rows(archive, member, column_kinds(table), path))
    except (zipfile.BadZipFile, KeyError, OSError) as error:
        raise InvalidInput(f"{path}: {member} cannot be read: {error}") from None
    if loaded != expected:
        raise InvalidInput(
            f"{path}: {member} has {loaded:,} rows, the manifest says {expected:,}: "
            "the backup is incomplete; nothing was restored"
        )


def _read_rows(
    archive: zipfile.ZipFile, member: str, kinds: dict[str, str], path: Path
) -> Iterator[dict[str, Any]]:
    with archive.open(member) as raw:
        for number, line in enumerate(io.TextIOWrapper(raw, encoding="utf-8"), 1):
            try:
                yield decode_row(kinds, json.loads(line))
            except (ValueError, TypeError, AttributeError) as error:
                raise InvalidInput(
                    f"{path}: {member} line {number}: {error}; nothing was restored"
                ) from None
