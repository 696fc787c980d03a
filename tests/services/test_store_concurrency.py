"""The store under concurrent commands: backups in one snapshot, imports that never double a
run, on SQLite and PostgreSQL (issue 17, points 1 and 2)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

from sqlalchemy import func, select

from runcoach.services import backup as backup_service
from runcoach.services.backup import restore_backup, write_backup
from runcoach.services.importing import import_paths
from runcoach.store.db import make_engine
from runcoach.store.tables import run_sources, runs, source_files, streams
from tests.conftest import ACTIVITIES, needs_shared_data

pytestmark = needs_shared_data()
NOW = datetime(2026, 12, 3, 7, 30, tzinfo=UTC)
FIRST = [
    ACTIVITIES / "python-fitparse" / "activity-small-fenix2-run.fit",
    ACTIVITIES / "sweatpy" / "4801048867.fit",
]
LATER = ACTIVITIES / "gpxpy" / "korita-zbevnica.gpx"


def _count(engine, table):
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_a_backup_reads_every_table_at_one_moment_while_an_import_writes(
    engine, tmp_path, monkeypatch
):
    """An import commits a run between the backup's reading of ``runs`` and of its samples:
    the backup holds the store as it was when it began, and restores."""
    import_paths(engine, FIRST)
    write_rows = backup_service._write_rows

    def import_after_runs(conn, table, member):
        count = write_rows(conn, table, member)
        if table.name == "runs":
            done = threading.Thread(target=import_paths, args=(engine, [LATER]))
            done.start()
            done.join(timeout=120)
        return count

    monkeypatch.setattr(backup_service, "_write_rows", import_after_runs)
    summary = write_backup(engine, tmp_path / "during.zip", NOW)
    assert _count(engine, runs) == 3  # the import went through meanwhile
    assert summary.rows["runs"] == 2 and summary.rows["streams"] == 2
    assert summary.rows["source_files"] == 2 and summary.rows["run_sources"] == 2

    target = make_engine(f"sqlite:///{tmp_path / 'restored' / 'runcoach.db'}")
    restored = restore_backup(target, tmp_path / "during.zip")
    assert restored.rows == summary.rows
    assert _count(target, runs) == 2 and _count(target, streams) == 2
    assert _count(target, run_sources) == 2 and _count(target, source_files) == 2
