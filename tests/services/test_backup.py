"""Backups of the whole store, restored row for row, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, insert, select

from runcoach.domain.errors import Conflict, InvalidInput
from runcoach.services import backup as backup_service
from runcoach.services.backup import read_manifest, restore_backup, write_backup
from runcoach.services.import_sources import sources_of_paths
from runcoach.services.importing import import_sources
from runcoach.store.athletes import default_athlete_id
from runcoach.store.db import HEAD_REVISION, current_revision, make_engine, migrate, migrate_to
from runcoach.store.tables import runs, shoes
from tests.conftest import ACTIVITIES, local_athlete, needs_shared_data

pytestmark = needs_shared_data()
NOW = datetime(2026, 12, 3, 7, 30, tzinfo=UTC)
FILES = [
    ACTIVITIES / "python-fitparse" / "activity-small-fenix2-run.fit",  # laps, streams, efforts
    ACTIVITIES / "sweatpy" / "4801048867.fit",
    ACTIVITIES / "gpxpy" / "korita-zbevnica.gpx",
]


def _fill(engine):
    import_sources(engine, sources_of_paths(FILES), athlete_id=local_athlete(engine))
    with engine.begin() as conn:
        athlete = default_athlete_id(conn)
        conn.execute(
            insert(shoes).values(athlete_id=athlete, name="Pegasus ü 41", added_on=date(2026, 1, 2))
        )


def _fresh(tmp_path, name="restored"):
    return make_engine(f"sqlite:///{tmp_path / name / 'runcoach.db'}")


def _tables(path):
    """Every table's rows as written in a backup: what must survive a round trip."""
    with zipfile.ZipFile(path) as archive:
        names = [n for n in archive.namelist() if n.startswith("tables/")]
        return {n: sorted(archive.read(n).decode().splitlines()) for n in names}


def _count(engine, table):
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_a_backup_restores_into_an_empty_database_row_for_row(engine, tmp_path):
    _fill(engine)
    first = write_backup(engine, tmp_path / "a.zip", NOW)
    assert first.revision == HEAD_REVISION
    assert first.rows["runs"] == 3 and first.rows["shoes"] == 1 and first.rows["streams"] == 3

    target = _fresh(tmp_path)
    restored = restore_backup(target, tmp_path / "a.zip")
    assert restored.rows == first.rows
    write_backup(target, tmp_path / "b.zip", NOW)
    assert _tables(tmp_path / "a.zip") == _tables(tmp_path / "b.zip")
    assert current_revision(target) == HEAD_REVISION


def test_a_restore_marks_the_efforts_that_can_be_wins_whatever_the_backup_says(engine, tmp_path):
    from sqlalchemy import text

    from runcoach.store.effort_records import marked_efforts, recounted_efforts

    _fill(engine)
    with engine.begin() as conn:  # derived data damaged (or edited) in the store backed up
        conn.execute(text("UPDATE best_efforts SET could_win = 0"))
    write_backup(engine, tmp_path / "a.zip", NOW)
    target = _fresh(tmp_path)
    restore_backup(target, tmp_path / "a.zip")
    with target.connect() as conn:
        athlete = default_athlete_id(conn)
        marked = marked_efforts(conn, athlete)
        assert marked and marked == recounted_efforts(conn, athlete)


def test_a_sqlite_backup_moves_to_postgresql_and_new_rows_get_new_ids(engine, tmp_path):
    source = _fresh(tmp_path, "laptop")
    migrate(source)
    _fill(source)
    write_backup(source, tmp_path / "laptop.zip", NOW)

    restore_backup(engine, tmp_path / "laptop.zip")  # SQLite, and PostgreSQL when configured
    assert _count(engine, runs) == 3
    with engine.begin() as conn:  # the id sequences start after the restored rows
        athlete = default_athlete_id(conn)
        conn.execute(insert(shoes).values(athlete_id=athlete, name="new", added_on=date.today()))
        assert sorted(conn.execute(select(shoes.c.id)).scalars()) == [1, 2]
    write_backup(engine, tmp_path / "server.zip", NOW)
    moved, kept = _tables(tmp_path / "server.zip"), _tables(tmp_path / "laptop.zip")
    assert {k: v for k, v in moved.items() if k != "tables/shoes.jsonl"} == {
        k: v for k, v in kept.items() if k != "tables/shoes.jsonl"
    }


def test_a_restore_never_writes_over_data(engine, tmp_path):
    _fill(engine)
    write_backup(engine, tmp_path / "a.zip", NOW)
    with pytest.raises(Conflict, match=r"not empty \(.*3 runs"):
        restore_backup(engine, tmp_path / "a.zip")
    assert _count(engine, runs) == 3 and _count(engine, shoes) == 1


def _damaged(tmp_path, source, change):
    """A copy of the backup ``source`` with one member's text changed by ``change``."""
    out = tmp_path / "damaged.zip"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(out, "w") as new:
        for name in old.namelist():
            data = old.read(name).decode()
            new.writestr(name, change(name, data))
    return out


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda n, d: d.rsplit("\n", 2)[0] + "\n" if n == "tables/runs.jsonl" else d,
         r"runs.jsonl has 2 rows, the manifest says 3"),
        (lambda n, d: d.replace('"data":"', '"data":"!!', 1) if n == "tables/streams.jsonl"
         else d, r"streams.jsonl line 1: .*nothing was restored"),
        (lambda n, d: d + "{not json\n" if n == "tables/laps.jsonl" else d,
         r"laps.jsonl line \d+: .*nothing was restored"),
        (lambda n, d: d.replace('"distance_m"', '"distance_km"', 1) if n == "tables/runs.jsonl"
         else d, r"runs.jsonl line 1: column 'distance_km' is not in the table"),
    ],
    ids=["missing-row", "bad-base64", "bad-json", "unknown-column"],
)  # fmt: skip
def test_a_damaged_backup_restores_nothing_and_says_where(tmp_path, change, message):
    source = _fresh(tmp_path, "source")
    migrate(source)
    _fill(source)
    write_backup(source, tmp_path / "a.zip", NOW)
    target = _fresh(tmp_path)
    with pytest.raises(InvalidInput, match=message):
        restore_backup(target, _damaged(tmp_path, tmp_path / "a.zip", change))
    assert _count(target, runs) == 0 and _count(target, shoes) == 0
    restore_backup(target, tmp_path / "a.zip")  # the good backup still goes in afterwards
    assert _count(target, runs) == 3


def _manifest_changed(tmp_path, **fields):
    source = _fresh(tmp_path, "source")
    migrate(source)
    write_backup(source, tmp_path / "a.zip", NOW)
    manifest = {**read_manifest(tmp_path / "a.zip"), **fields}
    return _damaged(
        tmp_path,
        tmp_path / "a.zip",
        lambda n, d: json.dumps(manifest) if n.startswith("man") else d,
    )


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"revision": "0099_future"}, r"made by a newer runcoach .*'0099_future'"),
        ({"version": 3}, r"backup format 3; this runcoach reads format 2"),
        ({"format": "something-else"}, r"not a runcoach backup"),
        ({"rows": {}}, r"does not list its tables"),
    ],
)
def test_a_backup_from_elsewhere_is_refused_with_the_reason(tmp_path, fields, message):
    with pytest.raises(InvalidInput, match=message):
        restore_backup(_fresh(tmp_path), _manifest_changed(tmp_path, **fields))


def test_a_file_that_is_not_a_backup_is_refused(tmp_path):
    fit = FILES[0]
    with pytest.raises(InvalidInput, match=r"not a runcoach backup \(not a zip archive"):
        restore_backup(_fresh(tmp_path), fit)
    plain = tmp_path / "other.zip"
    with zipfile.ZipFile(plain, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(InvalidInput, match=r"no manifest.json"):
        restore_backup(_fresh(tmp_path), plain)
    with pytest.raises(InvalidInput, match=r"no such file"):
        restore_backup(_fresh(tmp_path), tmp_path / "missing.zip")


def test_an_older_backup_is_restored_and_brought_to_the_newest_schema(tmp_path):
    old = _fresh(tmp_path, "old")
    migrate_to(old, "0005_run_start_points")
    with old.begin() as conn:  # a store of that time: an athlete and a shoe
        conn.exec_driver_sql("INSERT INTO athletes (id, name, units) VALUES (1, 'me', 'metric')")
        conn.exec_driver_sql(
            "INSERT INTO shoes (athlete_id, name, added_on) VALUES (1, 'Old pair', '2020-05-01')"
        )
    summary = write_backup(old, tmp_path / "old.zip", NOW)
    assert summary.revision == "0005_run_start_points"

    for target in (_fresh(tmp_path, "new"), _fresh(tmp_path, "at-head")):
        if target.url.database.endswith("at-head/runcoach.db"):
            migrate(target)  # an empty store already at the newest schema
        restore_backup(target, tmp_path / "old.zip")
        assert current_revision(target) == HEAD_REVISION
        with target.connect() as conn:
            assert conn.execute(select(shoes.c.name)).scalar_one() == "Old pair"


def test_a_backup_that_fails_midway_leaves_no_file(engine, tmp_path, monkeypatch):
    _fill(engine)

    def broken(conn, table):
        raise OSError("disk full")

    monkeypatch.setattr(backup_service, "dump_rows", broken)
    with pytest.raises(OSError, match="disk full"):
        write_backup(engine, tmp_path / "a.zip", NOW)
    assert list(tmp_path.glob("a.zip*")) == []
