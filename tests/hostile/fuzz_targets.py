"""Every input runcoach reads, as a function of untrusted bytes (the fuzzer's targets).

A target returns normally when runcoach read the input, and raises a ``RuncoachError`` when
it refused it with a message: both are fine. Anything else (a traceback of another kind, a
hang, memory past the limit) is a failure the fuzzer reports.
"""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

from runcoach.domain.errors import RuncoachError
from runcoach.domain.plans.generator import generate
from runcoach.domain.plans.paces import DANIELS
from runcoach.domain.plans.profile import profile_from_dict
from runcoach.domain.plans.rules import check
from runcoach.importers import read_activity
from runcoach.importers.account_exports import garmin_index, strava_index
from runcoach.inputs.documents import BATCH_LINE, PROFILE, bounded_lines, load_document
from runcoach.inputs.plans import read_plan_file
from runcoach.services.fitness import predict_batch
from runcoach.services.import_sources import Limits, Sources, sources_of_paths
from runcoach.views.fitness import batch_answer_json

MiB = 1024 * 1024
TODAY = date(2026, 12, 1)
Target = Callable[[bytes, Path], None]
ARCHIVE_LIMITS = Limits(file_bytes=16 * MiB, decompressed_bytes=64 * MiB)  # the same code as
# the defaults, smaller numbers: a fuzzed bomb spends them in a moment


def _reader(suffix: str) -> Target:
    def read(data: bytes, scratch: Path) -> None:
        for run in read_activity(f"fuzzed{suffix}", data):
            assert run.start.tzinfo is not None
            assert run.streams is None or len(run.streams.time_s) >= 0

    return read


def _archive(suffix: str) -> Target:
    def read(data: bytes, scratch: Path) -> None:
        path = scratch / f"fuzzed{suffix}"
        path.write_bytes(data)
        with Sources(ARCHIVE_LIMITS) as sources:
            for candidate in sources.candidates_of(sources_of_paths([path])):
                try:
                    if candidate.problem is not None:
                        raise candidate.problem
                    content = candidate.read()
                    if (
                        candidate.name.lower()
                        .removesuffix(".gz")
                        .endswith((".fit", ".gpx", ".tcx"))
                    ):
                        read_activity(candidate.name, content)
                except RuncoachError:
                    continue

    return read


def strava(data: bytes, scratch: Path) -> None:
    strava_index(data, "")


def garmin(data: bytes, scratch: Path) -> None:
    garmin_index(data)


def profile(data: bytes, scratch: Path) -> None:
    document = load_document(data, "fuzzed.yaml", PROFILE, as_json=False)
    generate(profile_from_dict(document), TODAY, DANIELS)


def plan_file(data: bytes, scratch: Path) -> None:
    path = scratch / "plan.json"
    path.write_bytes(data)
    check(read_plan_file(path))


def batch(data: bytes, scratch: Path) -> None:
    for answer in predict_batch(bounded_lines(io.BytesIO(data), BATCH_LINE.max_bytes)):
        assert "line" in batch_answer_json(answer)


def backup(data: bytes, scratch: Path) -> None:
    from runcoach.services.backup import restore_backup
    from runcoach.store.db import make_engine

    database = scratch / "restore.db"
    shutil.copyfile(_empty_store(scratch.parent), database)
    path = scratch / "fuzzed-backup.zip"
    path.write_bytes(data)
    engine = make_engine(f"sqlite:///{database}")
    try:
        restore_backup(engine, path)
    finally:
        engine.dispose()


def _empty_store(folder: Path) -> Path:
    """A migrated, empty SQLite store, made once per worker and copied for each input."""
    template = folder / "empty-template.db"
    if not template.exists():
        from runcoach.store.db import make_engine, migrate

        engine = make_engine(f"sqlite:///{template}")
        migrate(engine)
        engine.dispose()
    return template


TARGETS: dict[str, Target] = {
    "fit": _reader(".fit"),
    "gpx": _reader(".gpx"),
    "tcx": _reader(".tcx"),
    "zip": _archive(".zip"),
    "gz": _archive(".gpx.gz"),
    "strava-index": strava,
    "garmin-index": garmin,
    "profile": profile,
    "plan-file": plan_file,
    "batch": batch,
    "backup": backup,
}
