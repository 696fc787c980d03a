"""``runcoach backup`` and ``runcoach restore``: the whole store in one file, and back."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import click

from runcoach.cli.context import AppContext, pass_app
from runcoach.cli.output import emit, json_option
from runcoach.domain.units import counted
from runcoach.services.backup import (
    BackupSummary,
    default_backup_path,
    restore_backup,
    verify_backup,
    write_backup,
)

PATH = click.Path(dir_okay=False, path_type=Path)
# What a runner recognises among the tables: name -> (one, many)
SHOWN_TABLES = {
    "runs": ("run", "runs"),
    "source_files": ("original file", "original files"),
    "shoes": ("pair of shoes", "pairs of shoes"),
    "plans": ("plan", "plans"),
    "checkins": ("check-in", "check-ins"),
}


@click.command("backup")
@click.argument("path", type=PATH, required=False)
@json_option
@pass_app
def backup_command(app: AppContext, path: Path | None, as_json: bool) -> None:
    """Back up everything runcoach holds to one file (default: HOME/backups/runcoach-DATE.zip).

    The backup is consistent while runcoach is in use and restores into SQLite or PostgreSQL
    with `runcoach restore`.
    """
    now = datetime.now(UTC)
    summary = write_backup(app.engine, path or default_backup_path(app.settings.home, now), now)
    emit(as_json, summary, lambda: _said("backed up", summary))


@click.command("restore")
@click.argument("path", type=PATH)
@json_option
@pass_app
def restore_command(app: AppContext, path: Path, as_json: bool) -> None:
    """Restore a backup into an empty database (never over existing data).

    To restore into a new folder: runcoach --home NEWDIR restore FILE; onto PostgreSQL:
    runcoach --database-url postgresql://... restore FILE.
    """
    from runcoach.store.db import make_engine  # not open_engine: the backup picks the schema

    summary = restore_backup(make_engine(app.settings.database_url), path)
    emit(as_json, summary, lambda: _said("restored", summary))


@click.command("verify")
@click.argument("path", type=PATH)
@json_option
def verify_command(path: Path, as_json: bool) -> None:
    """Check a backup file as a restore would, without restoring it.

    Every member's checksum, every table of its schema, every value against what runcoach
    stores, every link between rows: a restore of it into a scratch database, thrown away.
    Exit status 0 when the backup would restore, 2 (with the reason) when it would not.
    """
    summary = verify_backup(path)
    emit(as_json, summary, lambda: _said("verified", summary))


def _said(verb: str, summary: BackupSummary) -> str:
    held = [
        counted(count, one, many)
        for name, (one, many) in SHOWN_TABLES.items()
        if (count := summary.rows.get(name, 0))
    ]
    return "\n".join(
        [
            f"{verb} {summary.path} ({summary.size_bytes / 1e6:.1f} MB)",
            f"  {', '.join(held) or 'no runs yet'}",
            f"  {sum(summary.rows.values()):,} rows in {len(summary.rows)} tables, "
            f"database migration {summary.revision}, backup made {summary.created_at[:19]} UTC",
        ]
    )


COMMANDS = [backup_command, restore_command, verify_command]
