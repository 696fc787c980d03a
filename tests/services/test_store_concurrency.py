"""The store under concurrent commands: backups in one snapshot, imports that never double a
run, on SQLite and PostgreSQL (issue 17, points 1 and 2)."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime

from sqlalchemy import func, select

from runcoach.services import backup as backup_service
from runcoach.services.backup import restore_backup, write_backup
from runcoach.services.import_sources import sources_of_paths
from runcoach.services.importing import import_sources
from runcoach.store.db import make_engine
from runcoach.store.tables import run_sources, runs, source_files, streams
from tests.conftest import ACTIVITIES, local_athlete, needs_shared_data

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
    athlete = local_athlete(engine)
    import_sources(engine, sources_of_paths(FIRST), athlete_id=athlete)
    write_rows = backup_service._write_rows

    def import_after_runs(conn, table, member):
        count = write_rows(conn, table, member)
        if table.name == "runs":
            done = threading.Thread(
                target=import_sources,
                args=(engine, sources_of_paths([LATER])),
                kwargs={"athlete_id": athlete},
            )
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


# --- four imports and a backup at once, as separate runcoach processes -----------------------

IMPORTED_TOGETHER = [  # the same activities as FIT, GPX and TCX, and runs of their own
    ACTIVITIES / "sweatpy",
]
IMPORTS_AT_ONCE = 4
COMMAND_TIMEOUT_S = 300


def _runcoach(home, engine, *args):
    """Start ``runcoach`` as a process of its own on the test's store."""
    url = engine.url.render_as_string(hide_password=False)
    return subprocess.Popen(
        [sys.executable, "-m", "runcoach", "--home", str(home), "--database-url", url, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _finished(process):
    out, err = process.communicate(timeout=COMMAND_TIMEOUT_S)
    return process.returncode, out, err


def _activities(engine):
    """Each stored activity by its sport family and start minute, with how often it is stored."""
    with engine.connect() as conn:
        rows = conn.execute(select(runs.c.fingerprint, func.count()).group_by(runs.c.fingerprint))
        return dict(rows.all())


def test_four_imports_and_a_backup_at_once_store_each_run_once(engine, tmp_path):
    """On a new store: every run once, the same runs as one import alone stores, no file
    reported as failed, every command ends well, and the backup restores."""
    alone = make_engine(f"sqlite:///{tmp_path / 'alone' / 'runcoach.db'}")
    from runcoach.store.db import migrate

    migrate(alone)
    import_sources(alone, sources_of_paths(IMPORTED_TOGETHER), athlete_id=local_athlete(alone))
    expected = _activities(alone)
    assert expected and set(expected.values()) == {1}

    home = tmp_path / "home"
    paths = [str(p) for p in IMPORTED_TOGETHER]
    imports = [_runcoach(home, engine, "import", *paths, "--json") for _ in range(IMPORTS_AT_ONCE)]
    time.sleep(1.0)  # the backup starts while the imports write
    backup = _runcoach(home, engine, "backup", str(tmp_path / "during.zip"), "--json")
    results = [_finished(p) for p in [*imports, backup]]

    for code, _out, err in results:
        assert code == 0, err
    for _code, out, _err in results[:-1]:
        summary = json.loads(out)
        assert summary["failed"] == 0, [d for d in summary["details"] if d["outcome"] == "failed"]
    assert sum(json.loads(out)["runs_added"] for _c, out, _e in results[:-1]) == len(expected)
    assert _activities(engine) == expected

    target = make_engine(f"sqlite:///{tmp_path / 'restored' / 'runcoach.db'}")
    restored = restore_backup(target, tmp_path / "during.zip")
    assert restored.rows["runs"] <= len(expected)
    assert set(_activities(target).values()) <= {1}
    with target.connect() as conn:  # every run of the backup has its file and its samples
        without_file = select(runs.c.id).where(runs.c.id.not_in(select(run_sources.c.run_id)))
        assert conn.execute(without_file).all() == []


def test_a_file_another_writer_stored_first_is_already_there_not_failed(engine, monkeypatch):
    """A race lost on the unique key of the original files is reported as what it is."""
    from runcoach.services import importing
    from runcoach.services.importing import Outcome

    athlete = local_athlete(engine)
    import_sources(engine, sources_of_paths([LATER]), athlete_id=athlete)
    real_find, calls = importing.KnownFiles.find, []

    def missed_twice(known, conn, sha256):  # as if the other import were not yet done
        calls.append(sha256)
        return None if len(calls) <= 2 else real_find(known, conn, sha256)

    monkeypatch.setattr(importing.KnownFiles, "find", missed_twice)
    again = import_sources(engine, sources_of_paths([LATER]), athlete_id=athlete)
    assert [f.outcome for f in again.files] == [Outcome.ALREADY_THERE]
    assert again.files[0].reason == "the same file as " + str(LATER)
    assert _count(engine, runs) == 1 and _count(engine, source_files) == 1
