"""The fuzzer's corpus: for each target, valid inputs to mutate and every hostile case of
issue 17 that reaches it (built here, not kept on disk: some are bombs)."""

from __future__ import annotations

import csv
import gzip
import io
import json
import zipfile
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path

from tests.conftest import ACTIVITIES, local_athlete
from tests.hostile.files import MiB, gpx_run, gzip_of_zeros, tcx_run
from tests.hostile.test_hostile_documents import ALIAS_BOMB, GOOD_LINE, HOSTILE_PROFILES

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
REAL_SEEDS = [  # small real files of each format, when the shared data is there
    "python-fitparse/activity-small-fenix2-run.fit",
    "python-fitparse/compressed-speed-distance.fit",
    "python-fitparse/Settings.fit",
    "sweatpy/activity_5039744860.gpx",
    "sweatpy/activity_5039744860.tcx",
]

XML_BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY a "aaaaaaaaaa">'
    b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
    b"<gpx><trk><name>&c;</name></trk></gpx>"
)


@cache
def corpus() -> dict[str, dict[str, bytes]]:
    return {
        "fit": _fit(),
        "gpx": _gpx(),
        "tcx": _tcx(),
        "zip": _zips(),
        "gz": _gz(),
        "strava-index": _strava(),
        "garmin-index": _garmin(),
        "profile": _profiles(),
        "plan-file": _plan_files(),
        "batch": _batch(),
        "backup": _backups(),
    }


def _real(suffix: str) -> dict[str, bytes]:
    return {
        name: (ACTIVITIES / name).read_bytes()
        for name in REAL_SEEDS
        if name.endswith(suffix) and (ACTIVITIES / name).is_file()
    }


def _fit() -> dict[str, bytes]:
    from runcoach.domain.plans.workouts import Workout, WorkoutKind
    from runcoach.exporters.fit_workout import workout_fit_bytes

    header = b"\x0e\x20\xd0\x07\xf0\xff\xff\xff.FIT\x00\x00"  # declares ~4 GB of data
    cases = {
        "huge-declared-size.fit": header + b"\x40\x00\x00\x00\x00\x01\x00\x01\x00",
        "empty.fit": b"",
        "header-only.fit": header,
    }
    cases["workout.fit"] = workout_fit_bytes(Workout(WorkoutKind.EASY, "Easy"))
    return cases | _real(".fit")


def _gpx() -> dict[str, bytes]:
    return {
        "run.gpx": gpx_run(),
        "xml-bomb.gpx": XML_BOMB,
        "deep.gpx": b"<gpx>" + b"<a>" * 5000 + b"</a>" * 5000 + b"</gpx>",
        "escape-in-name.gpx": gpx_run(name="&#27;[2J"),
        "dated-2139.gpx": gpx_run(start=datetime(2139, 6, 1, tzinfo=UTC)),
        "not-utf8.gpx": gpx_run().replace(b"Easy run", b"L\xe4uft"),
    } | _real(".gpx")


def _tcx() -> dict[str, bytes]:
    return {
        "run.tcx": tcx_run(),
        "42785-km.tcx": tcx_run(distance_m=42_785_000.0, lap_seconds=20_000.0),
        "1475-km-in-19-55.tcx": tcx_run(distance_m=1_475_000.0, lap_seconds=71_700.0),
        "111-years.tcx": tcx_run(points=2, step_s=3.5e9),
        "nan.tcx": tcx_run(distance_m=float("nan"), lap_seconds=float("inf")),
    } | _real(".tcx")


def _zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


@cache
def _leaf_bomb() -> bytes:
    return gzip_of_zeros(512 * MiB)


def _zips() -> dict[str, bytes]:
    inner = _zip({f"track-{i}.gpx.gz": _leaf_bomb() for i in range(4)}, zipfile.ZIP_STORED)
    deep = gpx_run()
    for level in range(6):
        deep = _zip({f"level{level}.zip" if level else "run.gpx": deep})
    return {
        "export.zip": _zip(
            {"activities.csv": _strava()["good.csv"], "activities/1.gpx": gpx_run()}
        ),
        "nested-bomb.zip": _zip({f"part-{i}.zip": inner for i in range(4)}, zipfile.ZIP_STORED),
        "zeros.zip": _zip({"zeros.gpx": b"\0" * (64 * MiB)}),
        "deep-nesting.zip": deep,
        "climbing-out.zip": _zip({"../../etc/x.gpx": gpx_run(), "/abs.gpx": gpx_run()}),
        "garmin-deep-json.zip": _zip(
            {"DI_CONNECT/DI-Connect-Fitness/me_summarizedActivities.json": b"[" * 100_000}
        ),
        "strava-huge-field.zip": _zip({"activities.csv": _strava()["huge-field.csv"]}),
    }


def _gz() -> dict[str, bytes]:
    return {
        "run.gpx.gz": gzip.compress(gpx_run()),
        "3-gb.gpx.gz": gzip_of_zeros(3 * 1024 * MiB),
        "truncated.gpx.gz": gzip.compress(gpx_run())[:-20],
    }


def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Activity ID", "Activity Date", "Activity Name", "Activity Type", "Filename"])
    writer.writerows(rows)
    return out.getvalue().encode()


def _strava() -> dict[str, bytes]:
    good = ["1", "May 4, 2024, 7:00:00 AM", "Easy", "Run", "activities/1.gpx"]
    return {
        "good.csv": _csv([good]),
        "huge-field.csv": _csv([["2", "", "x" * (200 * 1024), "Run", ""], good]),
        "nul.csv": _csv([good]).replace(b"Easy", b"Ea\0sy"),
        "formula-id.csv": _csv([["=cmd|'/C calc'!A0", "", "x", "Run", ""]]),
        "escapes.csv": _csv([["3", "", "\x1b]0;pwned\x07", "Run", "a.gpx"]]),
    }


def _garmin() -> dict[str, bytes]:
    entry = {"startTimeGmt": 1714806000000, "name": "Morning", "activityType": "running"}
    return {
        "good.json": json.dumps([{"summarizedActivitiesExport": [entry]}]).encode(),
        "deep.json": b"[" * 100_000 + b"]" * 100_000,
        "odd-types.json": json.dumps(
            [{"summarizedActivitiesExport": [{"startTimeGmt": 1e300, "name": {"a": [1]}}, 7]}]
        ).encode(),
    }


def _profiles() -> dict[str, bytes]:
    examples = {p.name: p.read_bytes() for p in sorted(EXAMPLES.glob("*.yaml"))}
    return (
        examples
        | {name: data for name, (data, _) in HOSTILE_PROFILES.items()}
        | {"alias-bomb.yaml": ALIAS_BOMB.encode()}
    )


@cache
def _valid_plan() -> bytes:
    from runcoach.domain.plans.generator import generate
    from runcoach.domain.plans.paces import DANIELS
    from runcoach.exporters.plan_json import plan_to_json
    from runcoach.inputs.plans import read_profile

    profile = read_profile(EXAMPLES / "first-half.yaml")
    return plan_to_json(generate(profile, date(2026, 12, 1), DANIELS)).encode()


def _plan_files() -> dict[str, bytes]:
    return {
        "first-half.json": _valid_plan(),
        "deep.json": b"[" * 50_000,
        "shape.json": b'{"format": "runcoach-plan", "goal": {}, "baseline": {"x": 1}}',
        "huge-int.json": b'{"format": "runcoach-plan", "vdot": 1' + b"0" * 5000 + b"}",
        "latin1.json": '{"format": "runcoach-plan", "title": "L\xe4uft"}'.encode("latin-1"),
    }


def _batch() -> dict[str, bytes]:
    return {
        "good.jsonl": GOOD_LINE + b"\n" + GOOD_LINE,
        "deep.jsonl": GOOD_LINE + b"\n" + b"[" * 50_000 + b"\n" + GOOD_LINE,
        "not-utf8.jsonl": b'{"to": "\xff\xfe"}\n' + GOOD_LINE,
        "1e400.jsonl": b'{"results": [{"distance": "1e400", "time": "1:00"}], "to": "10k"}',
        "long.jsonl": b" " * (200 * 1024) + GOOD_LINE,
    }


@cache
def _backups() -> dict[str, bytes]:
    import tempfile

    from runcoach.services.backup import write_backup
    from runcoach.services.import_sources import sources_of_paths
    from runcoach.services.importing import import_sources
    from runcoach.store.db import make_engine, migrate

    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{folder}/store.db")
        migrate(engine)
        run = Path(folder) / "run.gpx"
        run.write_bytes(gpx_run())
        import_sources(engine, sources_of_paths([run]), athlete_id=local_athlete(engine))
        write_backup(engine, Path(folder) / "backup.zip", datetime(2026, 12, 1, tzinfo=UTC))
        engine.dispose()
        good = (Path(folder) / "backup.zip").read_bytes()
    return {
        "backup.zip": good,
        "manifest-deep.zip": _zip({"manifest.json": b"[" * 100_000}),
        "not-a-zip.zip": b"PK\x03\x04 broken",
    }
