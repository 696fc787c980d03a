"""Issue 17, point 7: records that cannot be are quarantined at import with a reason the
runner sees, count nowhere, and can be released."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from runcoach.cli.hints import said as cli_words
from runcoach.domain.run.plausibility import impossible
from runcoach.domain.run.runs import Run, Sport
from runcoach.services.import_sources import sources_of_paths
from runcoach.services.importing import Outcome, import_sources
from runcoach.services.quarantine import quarantined_files, release
from runcoach.store.athletes import default_athlete_id
from runcoach.store.tables import run_weeks, runs
from tests.conftest import local_athlete
from tests.hostile.files import gpx_run, tcx_run

NOW = datetime(2026, 12, 3, tzinfo=UTC)
DAY = datetime(2024, 5, 4, 7, 0, tzinfo=UTC)

# The damaged records the issue found stored with only a warning.
IMPOSSIBLE = {
    "42785-km.tcx": (tcx_run(distance_m=42_785_000.0, lap_seconds=20_000.0), "more than any race"),
    "1475-km-in-19-55.tcx": (
        tcx_run(distance_m=1_475_000.0, lap_seconds=71_700.0, points=2, step_s=71_700.0),
        "without a motor",
    ),
    "111-years.tcx": (
        tcx_run(start=datetime(1995, 1, 1, tzinfo=UTC), points=2, step_s=3.5e9),
        "longer than any activity",
    ),
    "in-2139.gpx": (gpx_run(start=datetime(2139, 6, 1, tzinfo=UTC)), "in the future"),
}


def _run(**values) -> Run:
    return Run(start=values.pop("start", DAY), sport=Sport.RUNNING, **values)


@pytest.mark.parametrize(
    ("run", "words"),
    [
        (_run(distance_m=42_785_000.0, elapsed_s=20_000.0), "more than any race"),
        (_run(distance_m=1_475_000.0, elapsed_s=71_700.0), "74 km/h"),
        (_run(distance_m=5_000.0, elapsed_s=3.5e9), "40,509 days"),
        (_run(start=datetime(2139, 1, 1, tzinfo=UTC), distance_m=5_000.0), "in the future"),
        (_run(start=datetime(1989, 12, 31, tzinfo=UTC), distance_m=5_000.0), "never set"),
        (_run(distance_m=float("nan")), "not a measurement"),
        (_run(distance_m=-3.0), "not a measurement"),
    ],
)
def test_a_record_that_cannot_be_is_named_with_its_reason(run: Run, words: str) -> None:
    assert words in " ".join(impossible(run, NOW))


@pytest.mark.parametrize(
    "run",
    [
        _run(distance_m=1_036_800.0, elapsed_s=6 * 86_400.0),  # Kouros' six days, 1984
        _run(distance_m=4_800_000.0, elapsed_s=8 * 86_400.0 + 3600),  # Race Across America
        _run(distance_m=56_792.0, elapsed_s=3_600.0),  # the cycling hour record
        _run(distance_m=100.0, elapsed_s=1.0),  # a GPS jump in a tiny recording: a glitch
        _run(distance_m=42_195.0, elapsed_s=7_235.0),  # Kiptum's marathon
        _run(start=datetime(2026, 12, 3, 20, tzinfo=UTC), distance_m=5_000.0),  # ahead in UTC
    ],
)
def test_the_longest_and_fastest_real_activities_are_not_held_back(run: Run) -> None:
    assert impossible(run, NOW) == []


def _count(engine, table) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_impossible_records_are_quarantined_with_their_reason_and_count_nowhere(engine, tmp_path):
    for name, (data, _) in IMPOSSIBLE.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "real.gpx").write_bytes(gpx_run())
    summary = import_sources(engine, sources_of_paths([tmp_path]), athlete_id=local_athlete(engine))
    outcomes = {f.name.rsplit("/", 1)[-1]: f for f in summary.files}
    assert outcomes["real.gpx"].outcome is Outcome.IMPORTED
    for name, (_, words) in IMPOSSIBLE.items():
        assert outcomes[name].outcome is Outcome.QUARANTINED, (name, outcomes[name])
        assert words in (outcomes[name].reason or "")
    assert _count(engine, runs) == 1
    with engine.connect() as conn:
        total = conn.execute(select(func.sum(run_weeks.c.distance_m))).scalar_one()
        athlete = default_athlete_id(conn)
    assert total < 1_000  # the real run only
    held = quarantined_files(engine, athlete_id=athlete)
    assert sorted(h.name.rsplit("/", 1)[-1] for h in held) == sorted(IMPOSSIBLE)


def test_a_quarantined_file_imported_again_is_recognised_and_says_how_to_release(engine, tmp_path):
    path = tmp_path / "42785-km.tcx"
    path.write_bytes(IMPOSSIBLE["42785-km.tcx"][0])
    import_sources(engine, sources_of_paths([path]), athlete_id=local_athlete(engine))
    [again] = import_sources(
        engine, sources_of_paths([path]), athlete_id=local_athlete(engine)
    ).files
    assert again.outcome is Outcome.ALREADY_THERE
    held = quarantined_files(engine, athlete_id=local_athlete(engine))
    assert cli_words(again.reason) == (
        f"the same file as {held[0].name}, in quarantine "
        f"(runcoach quarantine release {held[0].source_id} takes it in)"
    )
    assert again.reason == (  # the door-neutral words, as the web and the API show them
        f"the same file as {held[0].name}, in quarantine (releasing it from quarantine takes it in)"
    )


def test_a_released_file_takes_its_run_in_once(engine, tmp_path):
    path = tmp_path / "111-years.tcx"
    path.write_bytes(IMPOSSIBLE["111-years.tcx"][0])
    import_sources(engine, sources_of_paths([path]), athlete_id=local_athlete(engine))
    with engine.connect() as conn:
        athlete = default_athlete_id(conn)
    [held] = quarantined_files(engine, athlete_id=athlete)
    outcome = release(engine, held.source_id, athlete_id=athlete)
    assert outcome.outcome is Outcome.IMPORTED and len(outcome.run_ids) == 1
    assert _count(engine, runs) == 1
    assert quarantined_files(engine, athlete_id=athlete) == []
    with pytest.raises(Exception, match="not in quarantine"):
        release(engine, held.source_id, athlete_id=athlete)


def test_the_cli_lists_and_releases_quarantined_files(runcoach, tmp_path):
    path = tmp_path / "in-2139.gpx"
    path.write_bytes(IMPOSSIBLE["in-2139.gpx"][0])
    imported = runcoach("import", str(path))
    assert "1 quarantined" in imported.stdout and "in the future" in imported.stdout
    listed = runcoach("quarantine")
    assert "in-2139.gpx" in listed.stdout and "in the future" in listed.stdout
    [item] = runcoach("quarantine", "--json").json()
    released = runcoach("quarantine", "release", str(item["source_id"]))
    assert released.exit_code == 0 and "now in the log" in released.stdout
    assert runcoach("quarantine").stdout.strip() == "nothing in quarantine"
