"""A restore trusts nothing it reads (issue 17, point 8): each case a damaged or edited backup
that was restored, or ended in a traceback, before."""

from __future__ import annotations

import base64
import hashlib
import json
import zipfile
from datetime import UTC, datetime

import pytest
import zstandard
from sqlalchemy import func, select

from runcoach.domain.errors import InvalidInput, Unavailable
from runcoach.services.backup import restore_backup, verify_backup, write_backup
from runcoach.services.import_sources import sources_of_paths
from runcoach.services.importing import import_sources
from runcoach.store.db import make_engine, migrate
from runcoach.store.tables import athletes, runs
from tests.conftest import ACTIVITIES, local_athlete, needs_shared_data

pytestmark = needs_shared_data()
NOW = datetime(2026, 12, 3, 7, 30, tzinfo=UTC)
FILES = [
    ACTIVITIES / "python-fitparse" / "activity-small-fenix2-run.fit",
    ACTIVITIES / "gpxpy" / "korita-zbevnica.gpx",
]


@pytest.fixture(scope="module")
def good_backup(tmp_path_factory):
    folder = tmp_path_factory.mktemp("good")
    source = make_engine(f"sqlite:///{folder / 'runcoach.db'}")
    migrate(source)
    import_sources(source, sources_of_paths(FILES), athlete_id=local_athlete(source))
    write_backup(source, folder / "good.zip", NOW)
    return folder / "good.zip"


def _fresh(tmp_path):
    return make_engine(f"sqlite:///{tmp_path / 'target' / 'runcoach.db'}")


def _count(engine, table):
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def _edited(tmp_path, source, table, change, *, keep_checksums=False):
    """A copy of ``source`` with each row of ``table`` passed through ``change``; the manifest's
    checksum of the member is made to match unless ``keep_checksums`` (an edit with care)."""
    member = f"tables/{table}.jsonl"
    with zipfile.ZipFile(source) as old:
        members = {name: old.read(name) for name in old.namelist()}
    rows = [change(json.loads(line)) for line in members[member].splitlines()]
    members[member] = b"".join(json.dumps(r).encode() + b"\n" for r in rows)
    manifest = json.loads(members["manifest.json"])
    if not keep_checksums:
        manifest["sha256"][member] = hashlib.sha256(members[member]).hexdigest()
    members["manifest.json"] = json.dumps(manifest).encode()
    out = tmp_path / "edited.zip"
    with zipfile.ZipFile(out, "w") as new:
        for name, data in members.items():
            new.writestr(name, data)
    return out


def _refused(tmp_path, backup, message):
    target = _fresh(tmp_path)
    with pytest.raises(InvalidInput, match=message):
        restore_backup(target, backup)
    assert _count(target, runs) == 0 and _count(target, athletes) == 0
    with pytest.raises(InvalidInput, match=message):
        verify_backup(backup)


def test_a_good_backup_verifies_and_restores(tmp_path, good_backup):
    assert verify_backup(good_backup).rows["runs"] == 2
    assert restore_backup(_fresh(tmp_path), good_backup).rows["runs"] == 2


def test_a_manifest_that_leaves_out_tables_is_refused(tmp_path, good_backup):
    left_out = ["laps", "streams", "best_efforts", "run_sources", "source_files", "run_weeks"]
    with zipfile.ZipFile(good_backup) as old:
        members = {n: old.read(n) for n in old.namelist()}
    manifest = json.loads(members["manifest.json"])
    manifest["tables"] = [t for t in manifest["tables"] if t not in left_out]
    manifest["rows"] = {t: n for t, n in manifest["rows"].items() if t not in left_out}
    members["manifest.json"] = json.dumps(manifest).encode()
    out = tmp_path / "six-tables-fewer.zip"
    with zipfile.ZipFile(out, "w") as new:
        for name, data in members.items():
            new.writestr(name, data)
    _refused(tmp_path, out, r"leaves out 6 tables of its schema \(best_efforts, laps")


@pytest.mark.parametrize(
    ("table", "change", "message"),
    [
        ("runs", lambda r: {**r, "sport": "quidditch"}, r"line 1: column 'sport': 'quidditch' is"),
        ("runs", lambda r: {**r, "analysis": {**r["analysis"], "splits_km": [{"x": 1}]}},
         r"column 'analysis': the analysis cannot be read"),
        ("runs", lambda r: {**r, "analysis": {**r["analysis"], "splits_km": [
            {**r["analysis"]["splits_km"][0], "distance_m": "far"}]}},
         r"column 'analysis': the analysis's distance_m is 'far'"),
        ("runs", lambda r: {**r, "start_utc": "9999-01-01T00:00:00+00:00"},
         r"column 'start_utc': 9999-01-01 is not between 1900 and 2200"),
        ("runs", lambda r: {**r, "local_date": "9999-12-31"}, r"column 'local_date': 9999-12-31"),
        ("runs", lambda r: {**r, "distance_m": "ten k"}, r"column 'distance_m': 'ten k' is not a"),
        ("runs", lambda r: {**r, "distance_m": float("nan")}, r"column 'distance_m': nan is not"),
        ("runs", lambda r: {**r, "is_race": "yes"}, r"column 'is_race': 'yes' is not true or"),
        ("runs", lambda r: {**r, "workout_type": "nap"}, r"column 'workout_type': 'nap'"),
        ("runs", lambda r: {**r, "sport": None}, r"column 'sport' may not be empty"),
        ("runs", lambda r: {**r, "name": "x" * 501}, r"column 'name': 501 characters, at most 500"),
        ("athletes", lambda r: {**r, "timezone": "Mars/Olympus"}, r"column 'timezone': 'Mars/"),
        ("runs", lambda r: [r], r"line 1: a row is not a JSON object"),
    ],
    ids=["sport", "analysis-shape", "analysis-type", "year-9999", "date-9999", "text-number",
         "nan", "boolean", "workout-type", "null", "too-long", "time-zone", "not-an-object"],
)  # fmt: skip
def test_a_value_the_domain_cannot_read_is_refused_by_name(
    tmp_path, good_backup, table, change, message
):
    _refused(tmp_path, _edited(tmp_path, good_backup, table, change), message)


def test_original_bytes_replaced_under_the_same_sha256_are_refused(tmp_path, good_backup):
    other = b"<gpx>someone else's run</gpx>"

    def replaced(row):
        packed = zstandard.ZstdCompressor().compress(other)
        return {**row, "data": base64.b64encode(packed).decode(), "size_bytes": len(other)}

    edited = _edited(tmp_path, good_backup, "source_files", replaced)
    _refused(tmp_path, edited, r"source_files.jsonl line 1: column 'data': the original file's")


def test_samples_that_are_not_runcoachs_are_refused(tmp_path, good_backup):
    def garbage(row):
        return {**row, "data": base64.b64encode(zstandard.compress(b"not samples")).decode()}

    edited = _edited(tmp_path, good_backup, "streams", garbage)
    _refused(tmp_path, edited, r"streams.jsonl line 1: column 'data': the samples cannot be")


def test_a_member_changed_behind_the_manifests_back_is_refused(tmp_path, good_backup):
    renamed = _edited(
        tmp_path, good_backup, "runs", lambda r: {**r, "name": "edited"}, keep_checksums=True
    )
    _refused(tmp_path, renamed, r"runs.jsonl is not what was backed up \(its SHA-256 differs")


def test_a_damaged_zip_is_refused_with_a_message(tmp_path, good_backup):
    data = bytearray(good_backup.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = bytes(b ^ 0x5A for b in data[middle : middle + 64])
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(bytes(data))
    _refused(tmp_path, damaged, r"damaged.zip: tables/\S+\.jsonl .*nothing was restored")
    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes(good_backup.read_bytes()[: len(data) // 3])
    _refused(tmp_path, truncated, r"not a runcoach backup \(not a zip archive")


def test_a_backup_of_the_first_layout_without_checksums_still_restores(tmp_path, good_backup):
    with zipfile.ZipFile(good_backup) as old:
        members = {n: old.read(n) for n in old.namelist()}
    manifest = json.loads(members["manifest.json"])
    manifest["version"] = 1
    del manifest["sha256"]
    members["manifest.json"] = json.dumps(manifest).encode()
    first = tmp_path / "first-layout.zip"
    with zipfile.ZipFile(first, "w") as new:
        for name, data in members.items():
            new.writestr(name, data)
    assert restore_backup(_fresh(tmp_path), first).rows["runs"] == 2


def test_an_unreachable_postgresql_server_is_a_message(good_backup):
    engine = make_engine("postgresql+psycopg://postgres@127.0.0.1:1/none?connect_timeout=2")
    with pytest.raises(Unavailable, match=r"cannot open the database postgresql.*127.0.0.1:1"):
        restore_backup(engine, good_backup)
