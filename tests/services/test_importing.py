"""The import service on the real device files, on SQLite and PostgreSQL."""

from __future__ import annotations

import gzip
import io
import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from runcoach.config import Settings
from runcoach.services import importing, run_placement
from runcoach.services.import_sources import Limits, sources_of_paths
from runcoach.services.importing import Outcome, import_sources
from runcoach.store.source_files import original_bytes
from runcoach.store.tables import best_efforts, run_sources, runs, source_files, streams
from tests.conftest import ACTIVITIES, local_athlete, needs_shared_data

pytestmark = needs_shared_data()
SWEATPY = ACTIVITIES / "sweatpy"


def _count(engine, table):
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def _outcomes(summary):
    return {f.name.rsplit("/", 1)[-1].rsplit("!", 1)[-1]: f.outcome for f in summary.files}


def test_a_fit_file_becomes_a_run_with_samples_efforts_and_its_original_bytes(engine):
    path = ACTIVITIES / "python-fitparse" / "activity-small-fenix2-run.fit"
    summary = import_sources(engine, sources_of_paths([path]), athlete_id=local_athlete(engine))
    assert summary.count(Outcome.IMPORTED) == 1
    assert _count(engine, runs) == 1
    assert _count(engine, streams) == 1
    assert _count(engine, best_efforts) >= 3
    with engine.connect() as conn:
        source_id = conn.execute(select(source_files.c.id)).scalar_one()
        assert original_bytes(conn, source_id) == path.read_bytes()


def test_the_same_file_twice_is_already_there(engine):
    path = SWEATPY / "4801048867.fit"
    import_sources(engine, sources_of_paths([path]), athlete_id=local_athlete(engine))
    again = import_sources(engine, sources_of_paths([path]), athlete_id=local_athlete(engine))
    assert again.count(Outcome.ALREADY_THERE) == 1
    assert "same file" in (again.files[0].reason or "")
    assert _count(engine, runs) == 1


@pytest.mark.parametrize(
    "names",
    [
        ("4078723797.fit", "4078723797_strava.gpx", "activity_4078723797.gpx"),
        ("4801048867.fit", "4801048867_strava.gpx", "activity_4801048867.tcx"),
        ("activity_5039744860.gpx", "activity_5039744860.tcx"),
    ],
)
def test_one_activity_in_several_formats_is_stored_once(engine, names):
    summary = import_sources(
        engine,
        sources_of_paths([SWEATPY / name for name in names]),
        athlete_id=local_athlete(engine),
    )
    assert _count(engine, runs) == 1
    assert _count(engine, source_files) == len(names)
    assert _count(engine, run_sources) == len(names)
    assert summary.count(Outcome.IMPORTED) == 1


def test_the_richer_file_wins_even_when_the_gpx_came_first(engine):
    import_sources(
        engine,
        sources_of_paths([SWEATPY / "4078723797_strava.gpx"]),
        athlete_id=local_athlete(engine),
    )
    with engine.connect() as conn:
        assert conn.execute(select(runs.c.source)).scalar_one() == "gpx"
    later = import_sources(
        engine, sources_of_paths([SWEATPY / "4078723797.fit"]), athlete_id=local_athlete(engine)
    )
    assert later.count(Outcome.IMPORTED) == 1
    assert "richer" in (later.files[0].reason or "")
    with engine.connect() as conn:
        assert conn.execute(select(runs.c.source)).scalar_one() == "fit"
        primary = conn.execute(
            select(source_files.c.format)
            .join(run_sources, run_sources.c.source_file_id == source_files.c.id)
            .where(run_sources.c.is_primary)
        ).all()
    assert [p.format for p in primary] == ["fit"]


def _folder_with_a_broken_file(tmp_path):
    folder = tmp_path / "watch"
    folder.mkdir()
    shutil.copy(SWEATPY / "4801048867.fit", folder / "a.fit")
    (folder / "b.fit").write_bytes(b"\x0e\x10\x00\x00garbage that is not a FIT file at all")
    shutil.copy(SWEATPY / "activity_5039744860.tcx", folder / "c.tcx")
    return folder


def test_a_broken_file_in_the_middle_of_a_folder_stops_nothing(engine, tmp_path):
    summary = import_sources(
        engine,
        sources_of_paths([_folder_with_a_broken_file(tmp_path)]),
        athlete_id=local_athlete(engine),
    )
    outcomes = _outcomes(summary)
    assert outcomes == {
        "a.fit": Outcome.IMPORTED,
        "b.fit": Outcome.FAILED,
        "c.tcx": Outcome.IMPORTED,
    }
    broken = next(f for f in summary.files if f.name.endswith("b.fit"))
    assert "FIT" in (broken.reason or "")
    assert _count(engine, runs) == 2


def test_an_interrupted_import_finishes_without_duplicates_when_run_again(
    engine, tmp_path, monkeypatch
):
    folder = tmp_path / "many"
    folder.mkdir()
    for name in ("4078723797.fit", "4801048867.fit", "6449921903_ACTIVITY.fit", "3173437224.tcx"):
        shutil.copy(SWEATPY / name, folder / name)
    real_insert = run_placement.run_store.insert_prepared
    calls = []

    def crash_on_the_third(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt  # the runner pressed Ctrl-C, or the machine went down
        return real_insert(*args, **kwargs)

    monkeypatch.setattr(run_placement.run_store, "insert_prepared", crash_on_the_third)
    with pytest.raises(KeyboardInterrupt):
        import_sources(engine, sources_of_paths([folder]), athlete_id=local_athlete(engine))
    assert _count(engine, runs) == 2
    assert _count(engine, source_files) == 2  # the interrupted file left nothing behind
    monkeypatch.setattr(run_placement.run_store, "insert_prepared", real_insert)
    again = import_sources(engine, sources_of_paths([folder]), athlete_id=local_athlete(engine))
    assert again.count(Outcome.ALREADY_THERE) == 2
    assert again.count(Outcome.IMPORTED) == 2
    assert _count(engine, runs) == 4


def _three_files(tmp_path):
    folder = tmp_path / "three"
    folder.mkdir()
    for name in ("4078723797.fit", "4801048867.fit", "3173437224.tcx"):
        shutil.copy(SWEATPY / name, folder / name)
    return folder


def _failing_on(name, make_it_fail):
    """``link_source`` for the import, failing as ``make_it_fail`` says for the file ``name``:
    after the file's run, details and original were written."""
    real_link = importing.link_source

    def link(conn, run_id, source_id, **kwargs):
        if (
            conn.execute(select(source_files.c.name).where(source_files.c.id == source_id))
            .scalar()
            .endswith(name)
        ):
            return make_it_fail(conn, run_id, source_id, real_link, **kwargs)
        return real_link(conn, run_id, source_id, **kwargs)

    return link


def _raise_a_bug(conn, run_id, source_id, real_link, **kwargs):
    raise ValueError("a bug after the file's first writes")


def _refused_by_the_database(conn, run_id, source_id, real_link, **kwargs):
    return real_link(conn, run_id, source_id + 1_000_000, **kwargs)  # no such file: refused


@pytest.mark.parametrize("failure", [_raise_a_bug, _refused_by_the_database])
def test_a_file_failing_after_its_first_writes_is_rolled_back_alone_and_told(
    engine, tmp_path, monkeypatch, failure
):
    """The file's run, details and original were written (or waiting to be sent with its
    end, on PostgreSQL) when it failed: none of it stays, the files around it are stored."""
    monkeypatch.setattr(importing, "link_source", _failing_on("4801048867.fit", failure))
    folder = _three_files(tmp_path)
    summary = import_sources(engine, sources_of_paths([folder]), athlete_id=local_athlete(engine))
    outcomes = {Path(f.name).name: f.outcome for f in summary.files}
    assert outcomes == {
        "4078723797.fit": Outcome.IMPORTED,
        "4801048867.fit": Outcome.FAILED,
        "3173437224.tcx": Outcome.IMPORTED,
    }
    failed = next(f for f in summary.files if f.name.endswith("4801048867.fit"))
    told = "a bug after the file's first writes" if failure is _raise_a_bug else "Integrity"
    assert told in (failed.reason or "")
    assert _count(engine, runs) == 2 and _count(engine, source_files) == 2
    assert _count(engine, streams) == 2 and _count(engine, run_sources) == 2
    with engine.connect() as conn:
        names = conn.execute(select(source_files.c.name)).scalars().all()
    assert not any(name.endswith("4801048867.fit") for name in names)
    monkeypatch.undo()
    again = import_sources(engine, sources_of_paths([folder]), athlete_id=local_athlete(engine))
    assert again.count(Outcome.IMPORTED) == 1 and again.count(Outcome.ALREADY_THERE) == 2


def test_gz_and_nested_zips_are_read(engine, tmp_path):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as archive:
        archive.writestr("deep/4801048867.fit", (SWEATPY / "4801048867.fit").read_bytes())
    outer = tmp_path / "outer.zip"
    with zipfile.ZipFile(outer, "w") as archive:
        archive.writestr("inner.zip", inner.getvalue())
        archive.writestr(
            "a.fit.gz", gzip.compress((SWEATPY / "6449921903_ACTIVITY.fit").read_bytes())
        )
    summary = import_sources(engine, sources_of_paths([outer]), athlete_id=local_athlete(engine))
    assert summary.count(Outcome.IMPORTED) == 2
    assert {f.name for f in summary.files} == {
        f"{outer}!a.fit.gz",
        f"{outer}!inner.zip!deep/4801048867.fit",
    }


def test_a_zip_bomb_member_is_refused_and_the_others_imported(engine, tmp_path):
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.gpx", b"\0" * (8 * 1024 * 1024))
        archive.writestr("run.fit", (SWEATPY / "6449921903_ACTIVITY.fit").read_bytes())
    summary = import_sources(
        engine,
        sources_of_paths([bomb]),
        limits=Limits(file_bytes=1024 * 1024),
        athlete_id=local_athlete(engine),
    )
    outcomes = _outcomes(summary)
    assert outcomes == {"zeros.gpx": Outcome.FAILED, "run.fit": Outcome.IMPORTED}
    refused = next(f for f in summary.files if f.name.endswith("zeros.gpx"))
    assert "zip bomb" in (refused.reason or "")


def test_an_archive_that_expands_past_its_total_bound_stops_reading(engine, tmp_path):
    bomb = tmp_path / "many.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for i in range(4):
            archive.writestr(f"{i}.gpx", b"\0" * (600 * 1024))
    limits = Limits(file_bytes=1024 * 1024, decompressed_bytes=1024 * 1024, expansion=1)
    summary = import_sources(
        engine, sources_of_paths([bomb]), limits=limits, athlete_id=local_athlete(engine)
    )
    assert any("expands past" in (f.reason or "") for f in summary.files)


def test_a_richer_file_keeps_what_the_runner_set_on_the_run(engine):
    from runcoach.domain.run.runs import WorkoutType
    from runcoach.services.runs import RunEdit, edit_run, show_run
    from runcoach.services.shoes import NewShoe, add_pair

    me = local_athlete(engine)
    [run_id] = (
        import_sources(engine, sources_of_paths([SWEATPY / "4078723797_strava.gpx"]), athlete_id=me)
        .files[0]
        .run_ids
    )
    add_pair(engine, NewShoe("Trainer"), date(2024, 1, 1), athlete_id=me)
    edit_run(engine, run_id, RunEdit(name="Hot ride", shoes="Trainer", rpe=7,
                                     workout_type=WorkoutType.LONG), athlete_id=me,
             settings=Settings(home=Path(), database_url=str(engine.url)))  # fmt: skip
    import_sources(engine, sources_of_paths([SWEATPY / "4078723797.fit"]), athlete_id=me)
    detail = show_run(engine, run_id, athlete_id=me)
    assert detail.run.source == "fit"
    assert (detail.run.name, detail.shoe_name, detail.run.rpe) == ("Hot ride", "Trainer", 7)
    assert detail.run.workout_type is WorkoutType.LONG
    assert detail.tags_inferred["workout_type"] is False
    assert detail.run.device is not None  # the FIT's numbers now


def test_reading_in_worker_processes_gives_the_same_log_as_reading_in_one(engine, tmp_path):
    from runcoach.store.db import open_engine

    folder = ACTIVITIES / "python-fitparse"  # 48 files: enough for the pool of readers
    pooled = import_sources(
        engine, sources_of_paths([folder]), workers=2, athlete_id=local_athlete(engine)
    )
    alone_engine = open_engine(f"sqlite:///{tmp_path / 'alone.db'}")
    alone = import_sources(
        alone_engine, sources_of_paths([folder]), workers=1, athlete_id=local_athlete(alone_engine)
    )
    assert [(f.name, f.outcome, f.reason) for f in pooled.files] == [
        (f.name, f.outcome, f.reason) for f in alone.files
    ]
    assert _count(engine, runs) == _count(alone_engine, runs)
    alone_engine.dispose()
