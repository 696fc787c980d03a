"""The plain SQL reads (``store.sql``) answer the same through sqlite3 and through SQLAlchemy.

The command line reads a migrated SQLite store through the standard library's sqlite3 (no
SQLAlchemy imported, issue 18); the web app and PostgreSQL read through SQLAlchemy. Every
such read runs here both ways on one store of real runs (FIT, GPX and TCX files), races,
time trials, other sports and a watch started by mistake, and the answers must be equal;
and on both engines, against what the runs say.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from alembic import command

from runcoach.config import Settings
from runcoach.domain.plans.codec import plan_to_dict
from runcoach.domain.plans.generator import generate
from runcoach.domain.plans.paces import DANIELS
from runcoach.domain.plans.profile import profile_from_dict
from runcoach.domain.progress.habits import Habits
from runcoach.domain.progress.report import PeriodKind
from runcoach.domain.run.runs import Feel, RaceResult, Sport, WorkoutType
from runcoach.domain.today.health import CheckIn, Symptoms
from runcoach.services import page_cache
from runcoach.services import today as today_service
from runcoach.services.checkins import CheckInReport
from runcoach.services.day_reads import log_since, prescribed_between
from runcoach.services.fitness import gain_inputs_from_log, read_log_inputs
from runcoach.services.import_sources import sources_of_paths
from runcoach.services.importing import import_sources
from runcoach.services.reports import period_report, recent_wins
from runcoach.services.run_list import list_runs
from runcoach.services.runs import ManualRun, RunEdit, add_manual_run, edit_run
from runcoach.store import checkin_reads, log_reads, performances, plan_reads, today_reads
from runcoach.store import runs as run_store
from runcoach.store import shoes as shoe_store
from runcoach.store.athlete_reads import first_athlete_id
from runcoach.store.checkins import log_rows, save_adjustment, save_checkin
from runcoach.store.db import alembic_config, current_revision, open_engine, read_db
from runcoach.store.lite import open_reader, sqlite_file
from runcoach.store.plans import add_plan, get_plan
from runcoach.store.report_log import SqlRunLog
from runcoach.store.revision import HEAD_REVISION
from runcoach.store.run_list import RunFilter, list_summaries
from runcoach.store.shoes import add_shoe, retire_shoe
from runcoach.store.sql import reading, store_key
from tests.conftest import ACTIVITIES, local_athlete, needs_shared_data

TODAY = date(2026, 11, 20)
EVER = (date(1900, 1, 1), TODAY)


def _manual_runs(engine, athlete: int) -> dict[str, int]:
    """A 10k race, a time trial, a ride, a 30-second recording and an easy run, by hand."""
    written = {}
    for key, entry in {
        "race": ManualRun(date(2026, 10, 4), 10_000.0, 41 * 60.0, name="city 10k"),
        "trial": ManualRun(date(2026, 10, 18), 5_000.0, 20 * 60.0, workout_type=WorkoutType.RACE),
        "ride": ManualRun(date(2026, 10, 19), 40_000.0, 5400.0, sport=Sport.CYCLING),
        "blip": ManualRun(date(2026, 10, 20), 80.0, 30.0),
        "easy": ManualRun(date(2026, 11, 2), 8_000.0, 2700.0, workout_type=WorkoutType.EASY),
    }.items():
        written[key] = add_manual_run(engine, entry, athlete_id=athlete).run_id
    race = RaceResult(official_time_s=40 * 60 + 55.0, distance_m=10_000.0)
    edit_run(engine, written["race"], RunEdit(race=True, race_result=race), athlete_id=athlete)
    return written


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    """A SQLite store with the real sample files and the runs typed by hand."""
    needs_shared_data()
    if not ACTIVITIES.is_dir():
        pytest.skip(f"needs the sample files in {ACTIVITIES}")
    url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'runcoach.db'}"
    engine = open_engine(url)
    athlete = local_athlete(engine)
    import_sources(engine, sources_of_paths([ACTIVITIES]), athlete_id=athlete, workers=1)
    written = _manual_runs(engine, athlete)
    reader = open_reader(url)
    assert reader is not None
    yield engine, reader, athlete, written
    reader.close()
    engine.dispose()


def _filters(athlete: int) -> list[RunFilter]:
    return [
        RunFilter(athlete),
        RunFilter(athlete, runs_only=True),
        RunFilter(athlete, date(2019, 1, 1), date(2026, 10, 19), limit=7),
        RunFilter(athlete, workout_type=WorkoutType.EASY.value),
        RunFilter(athlete, sport=Sport.CYCLING.value),
        RunFilter(athlete + 1),  # nobody's runs
    ]


def test_every_plain_read_answers_the_same_through_sqlite3_and_sqlalchemy(store):
    engine, reader, athlete, _ = store
    answers = []
    for source in (reader, engine):
        with reading(source) as db:
            answers.append(
                (
                    first_athlete_id(db),
                    [list_summaries(db, where) for where in _filters(athlete)],
                    performances.race_rows(db, athlete, *EVER),
                    performances.effort_rows(db, athlete, *EVER, 1000.0),
                    performances.running_volume(db, athlete, date(2026, 10, 1), TODAY),
                    performances.first_run_date(db, athlete),
                )
            )
    through_sqlite3, through_sqlalchemy = answers
    assert through_sqlite3 == through_sqlalchemy
    assert len(through_sqlite3[1][0]) > 20  # the real files were read
    assert through_sqlite3[3]  # best efforts inside the real runs


def _log_reads(db, athlete: int, run_ids: list[int]) -> tuple:
    """Every read of store.log_reads (the reports' reads of the log) over a few windows."""
    tz = ZoneInfo("Europe/Paris")
    ever = datetime(1900, 1, 1, tzinfo=UTC)
    end = datetime(2026, 11, 20, 12, tzinfo=UTC)
    autumn = datetime(2026, 10, 1, tzinfo=UTC)
    return (
        log_reads.athlete_row(db, athlete),
        log_reads.athlete_row(db, athlete + 1),
        log_reads.data_version(db, athlete),
        log_reads.count_and_distance(db, athlete, end, date(2026, 11, 16)),
        log_reads.count_and_distance(db, athlete, autumn, date(2026, 9, 28)),
        sorted(log_reads.efforts(db, athlete, ever, end), key=repr),
        [log_reads.fastest_before(db, athlete, d, end) for d in (400.0, 1000.0, 5000.0, 1e6)],
        log_reads.fastest_between(db, athlete, ever, end),
        log_reads.fastest_between(db, athlete, autumn, end),
        log_reads.totals(db, athlete, date(2000, 1, 1), TODAY, tz),
        log_reads.totals(db, athlete, date(2026, 10, 1), date(2026, 10, 31), tz),
        sorted(log_reads.halves(db, athlete, run_ids), key=repr),
        log_reads.halves(db, athlete + 1, run_ids),
        log_reads.weeks_with_run_days(db, athlete),
        log_reads.run_days_between(db, athlete, date(2026, 10, 1), date(2026, 10, 31)),
        log_reads.runs_between(db, athlete, ever, end),
        log_reads.runs_between(db, athlete, autumn, end),
        sorted(log_reads.win_efforts(db, athlete, ever, end), key=repr),
        log_reads.kept_start_points(db, run_ids),
    )


def test_the_reports_reads_of_the_log_answer_the_same_both_ways(store):
    engine, reader, athlete, _ = store
    with reading(engine) as db:
        run_ids = [row[0] for row in list_summaries(db, RunFilter(athlete))]
    SqlRunLog(engine, athlete).start_points(run_ids[::2])  # half of them read and kept
    answers = []
    for source in (reader, engine):
        with reading(source) as db:
            answers.append(_log_reads(db, athlete, run_ids))
    through_sqlite3, through_sqlalchemy = answers
    assert through_sqlite3 == through_sqlalchemy
    assert through_sqlite3[0] is not None and through_sqlite3[1] is None
    assert through_sqlite3[3][0] > 20 and through_sqlite3[5]  # the real runs and efforts
    assert through_sqlite3[11] and not through_sqlite3[12]  # nobody else's halves
    assert any(run.laps for run in through_sqlite3[15]) and through_sqlite3[17]
    assert set(through_sqlite3[18]) == set(run_ids[::2])  # kept: read once from the samples


def test_the_reports_reads_of_the_log_say_what_the_runs_say_on_either_engine(engine):
    athlete = local_athlete(engine)
    written = _manual_runs(engine, athlete)
    end = datetime(2026, 11, 20, tzinfo=UTC)
    with read_db(engine) as db:
        count, metres = log_reads.count_and_distance(db, athlete, end, date(2026, 11, 16))
        october = log_reads.totals(db, athlete, date(2026, 10, 1), date(2026, 10, 31), UTC)
        days = log_reads.run_days_between(db, athlete, date(2026, 10, 1), date(2026, 10, 31))
        weeks = dict(log_reads.weeks_with_run_days(db, athlete))
    # running: the race, the trial, the blip and the easy run (not the ride)
    assert (count, metres) == (4, 23_080.0)
    assert (october.runs, october.run_days, october.distance_m) == (3, 3, 15_080.0)
    assert (october.longest_run_m, october.longest_run_id) == (10_000.0, written["race"])
    assert days == 3
    assert sum(weeks.values()) == 4


def test_the_services_answer_the_same_through_sqlite3_and_sqlalchemy(store):
    engine, reader, athlete, _ = store
    for kwargs in ({}, {"runs_only": True}, {"date_from": date(2026, 10, 1), "limit": 3}):
        assert list_runs(reader, athlete_id=athlete, **kwargs) == list_runs(
            engine, athlete_id=athlete, **kwargs
        )
    assert read_log_inputs(reader, TODAY, athlete_id=athlete) == read_log_inputs(
        engine, TODAY, athlete_id=athlete
    )
    assert gain_inputs_from_log(reader, TODAY, athlete_id=athlete) == gain_inputs_from_log(
        engine, TODAY, athlete_id=athlete
    )


def test_the_reads_say_what_the_runs_say_on_either_engine(engine):
    athlete = local_athlete(engine)
    written = _manual_runs(engine, athlete)
    everything = list_runs(engine, athlete_id=athlete)
    assert [r.id for r in everything] == [written[k] for k in
                                          ("easy", "blip", "ride", "trial", "race")]  # fmt: skip
    assert [r.local_date for r in everything][-1] == date(2026, 10, 4)
    assert everything[-1].is_race is True and everything[-1].pace_s_per_km == 246.0
    running = list_runs(engine, athlete_id=athlete, runs_only=True)
    assert [r.id for r in running] == [written["easy"], written["trial"], written["race"]]
    with read_db(engine) as db:
        races = performances.race_rows(db, athlete, *EVER)
        volume = performances.running_volume(db, athlete, date(2026, 10, 1), TODAY)
        first = performances.first_run_date(db, athlete)
    assert [(r.run_id, r.is_race, r.distance_m, r.time_s) for r in races] == [
        (written["race"], True, 10_000.0, 2455.0),
        (written["trial"], False, 5_000.0, 1200.0),
    ]
    assert volume == (23_080.0, 10_000.0, 4)  # the blip counts as running volume, not the ride
    assert first == date(2026, 10, 4)


def test_a_store_that_is_not_ready_is_left_to_sqlalchemy(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'runcoach.db'}"
    assert open_reader(url) is None  # no file yet: made and migrated by SQLAlchemy
    engine = open_engine(url)
    command.downgrade(alembic_config(engine), "0012_web_speed")
    assert open_reader(url) is None  # an older schema: migrated first
    engine.dispose()
    assert current_revision(open_engine(url)) == HEAD_REVISION
    reader = open_reader(url)
    assert reader is not None
    reader.close()
    (tmp_path / "junk.db").write_bytes(b"not a database at all" * 100)
    assert open_reader(f"sqlite:///{tmp_path / 'junk.db'}") is None
    assert sqlite_file("postgresql+psycopg://u@h/db") is None
    assert sqlite_file("sqlite:///:memory:") is None


def test_a_read_through_sqlite3_cannot_write(store):
    _, reader, athlete, _ = store
    with pytest.raises(sqlite3.OperationalError), reading(reader) as db:
        db.rows("DELETE FROM runs WHERE athlete_id = :a", {"a": athlete})
    with reading(reader) as db:
        assert list_summaries(db, RunFilter(athlete, limit=1))


def test_a_day_a_sqlite3_reader_compares_is_the_day_stored(store):
    _, reader, athlete, written = store
    day = date(2026, 10, 4)
    found = list_runs(reader, athlete_id=athlete, date_from=day, date_to=day)
    assert [r.id for r in found] == [written["race"]]
    before = list_runs(reader, athlete_id=athlete, date_to=day - timedelta(days=1))
    assert written["race"] not in {r.id for r in before}


def test_the_checkins_read_the_same_both_ways(store):
    engine, reader, athlete, _ = store
    told = [
        CheckIn(date(2026, 11, 1), Feel.GOOD, habits=Habits(strength=True, sleep_s=7.5 * 3600)),
        CheckIn(date(2026, 11, 2), Feel.SICK, Symptoms.ABOVE_NECK, "a cold", can_run=False),
        CheckIn(date(2026, 11, 3), note="better", can_run=True, habits=Habits(warm_up=False)),
        CheckIn(date(2026, 11, 4), habits=Habits(ate_well=True, weight_kg=61.2, resting_hr=48)),
    ]
    with engine.begin() as conn:
        for checkin in told:
            save_checkin(conn, athlete, checkin)
    for until, since in ((None, None), (date(2026, 11, 3), None), (None, date(2026, 11, 2)),
                         (date(2026, 11, 3), date(2026, 11, 2))):  # fmt: skip
        answers = []
        for source in (reader, engine):
            with reading(source) as db:
                answers.append(checkin_reads.checkins_between(db, athlete, until, since))
        assert answers[0] == answers[1]
        assert answers[0] == [
            c
            for c in told
            if (since is None or c.day >= since) and (until is None or c.day <= until)
        ]
    with reading(reader) as db:
        assert checkin_reads.checkins_between(db, athlete + 1) == []  # nobody else's


def _ten_k_plan():  # type: ignore[no-untyped-def]
    doc = {"goal": {"race": "10k", "date": "2027-02-28"}, "weekly_distance": "30km"}
    return generate(profile_from_dict(doc), date(2026, 11, 22), DANIELS)


def test_the_active_plan_reads_the_same_both_ways(store):
    engine, reader, athlete, _ = store

    def both() -> list:
        found = []
        for source in (reader, engine):
            with reading(source) as db:
                found.append(plan_reads.active_plan_of(db, athlete))
        return found

    assert both() == [None, None]  # no plan yet
    with engine.begin() as conn:
        add_plan(conn, athlete, _ten_k_plan())
        second = add_plan(conn, athlete, _ten_k_plan())  # archives the first
        stored = get_plan(conn, athlete)
    through_sqlite3, through_sqlalchemy = both()
    assert through_sqlite3 is not None and through_sqlalchemy is not None
    assert through_sqlite3[0] == through_sqlalchemy[0] == second == stored.id
    assert plan_to_dict(through_sqlite3[1]) == plan_to_dict(through_sqlalchemy[1])
    assert plan_to_dict(through_sqlite3[1]) == plan_to_dict(stored.plan)
    assert through_sqlite3[1] is not through_sqlalchemy[1]  # a new object each time
    with reading(reader) as db:
        assert plan_reads.active_plan_of(db, athlete + 1) is None  # nobody else's


def test_the_log_rows_of_the_day_by_day_rules_read_the_same_both_ways(store):
    engine, reader, athlete, written = store
    for since, until in ((None, None), (date(2026, 10, 1), None), (None, date(2019, 1, 1)),
                         (date(2026, 10, 4), date(2026, 10, 19))):  # fmt: skip
        answers = []
        for source in (reader, engine):
            with reading(source) as db:
                answers.append(checkin_reads.log_rows(db, athlete, since, until))
        assert answers[0] == answers[1]
        with engine.connect() as conn:  # the rows store.checkins hands the rules
            assert [tuple(r) for r in log_rows(conn, athlete, since, until)] == answers[0]
    with reading(reader) as db:
        october = checkin_reads.log_rows(db, athlete, date(2026, 10, 4), date(2026, 10, 19))
        assert checkin_reads.log_rows(db, athlete + 1) == []
    assert [r.id for r in october] == [written[k] for k in ("race", "trial", "ride")]
    race = october[0]
    assert race.local_date == date(2026, 10, 4) and race.is_race is True
    assert (race.race_official_time_s, race.duration_s) == (40 * 60 + 55.0, 41 * 60.0)


def test_todays_answers_read_the_same_both_ways(store):
    engine, reader, athlete, _ = store
    with engine.begin() as conn:
        kept = [
            save_adjustment(conn, athlete, date(2026, 11, 5), "today", ["as-planned"], {}),
            save_adjustment(conn, athlete, date(2026, 11, 6), "today", ["shortened", "easier"],
                            {"workouts": [], "why": "tired, é"}),
            save_adjustment(conn, athlete, date(2026, 11, 6), "today", [], {"workouts": []}),
        ]  # fmt: skip
    for first, last in ((None, None), (date(2026, 11, 6), None), (None, date(2026, 11, 5))):
        answers = []
        for source in (reader, engine):
            with reading(source) as db:
                answers.append(checkin_reads.adjustments_between(db, athlete, first, last))
        assert answers[0] == answers[1]
    with reading(reader) as db:
        found = checkin_reads.adjustments_between(db, athlete)
        assert checkin_reads.adjustments_between(db, athlete + 1) == []
    assert [a["id"] for a in found[-3:]] == kept
    assert found[-2]["day"] == date(2026, 11, 6)
    assert found[-2]["changes"] == ["shortened", "easier"] and found[-1]["changes"] == []
    assert found[-2]["detail"] == {"workouts": [], "why": "tired, é"}


def test_the_start_points_read_once_are_kept_through_sqlite3_as_through_sqlalchemy(store):
    """A report on the command line keeps the start points it read from the samples through
    sqlite3 (``BEGIN IMMEDIATE``), beside its own read transaction, as a write through
    SQLAlchemy does (derived from the samples: the data version, and the pages kept for it,
    stay as they were)."""
    engine, reader, athlete, _ = store
    with reading(engine) as db:
        run_ids = [row[0] for row in list_summaries(db, RunFilter(athlete))]
        before = log_reads.data_version(db, athlete)
    with reading(reader) as db:  # a read transaction open on the reader meanwhile
        through_sqlite3 = SqlRunLog(reader, athlete, db=db).start_points(run_ids[1::2])
        assert set(log_reads.kept_start_points(db, run_ids[1::2])) == set()  # its own moment
    with reading(engine) as db:
        kept = log_reads.kept_start_points(db, run_ids)
        assert log_reads.data_version(db, athlete) == before
    assert set(run_ids[1::2]) <= set(kept)  # written once, by sqlite3
    assert through_sqlite3 and through_sqlite3 == SqlRunLog(engine, athlete).start_points(
        run_ids[1::2]
    )
    assert SqlRunLog(reader, athlete).start_points(run_ids) == SqlRunLog(
        engine, athlete
    ).start_points(run_ids)


def test_the_nearest_run_day_reads_the_same_both_ways(store):
    engine, reader, athlete, _ = store
    for first, last in ((date(2026, 10, 5), date(2026, 10, 11)), (date(1990, 1, 1),
                        date(1990, 1, 7)), (date(2030, 1, 1), date(2030, 1, 7))):  # fmt: skip
        answers = []
        for source in (reader, engine):
            with reading(source) as db:
                answers.append(log_reads.nearest_run_day(db, athlete, first, last))
                assert log_reads.has_runs_table(db)
        assert answers[0] == answers[1]
        with engine.connect() as conn:
            assert run_store.nearest_run_day(conn, athlete, first, last) == answers[0]
    with reading(reader) as db:
        # the ride of 10-19 is not running: the last run before 10-20 is the trial
        assert log_reads.nearest_run_day(db, athlete, date(2026, 10, 19), date(2026, 10, 19)) == (
            date(2026, 10, 18)
        )
        assert log_reads.nearest_run_day(db, athlete + 1, EVER[0], EVER[1]) is None


def test_the_reports_and_wins_are_the_same_through_sqlite3_and_sqlalchemy(store):
    """``report`` and ``wins`` on the command line read through sqlite3: the same report,
    the same wins, with the plan matched against the log and today's answers."""
    engine, reader, athlete, _ = store
    with engine.begin() as conn:
        add_plan(conn, athlete, _ten_k_plan())
        assert get_plan(conn, athlete) is not None  # the active plan the report matches
    settings = Settings(home=Path(), database_url=str(engine.url))
    now = datetime(2026, 11, 20, 12, tzinfo=UTC)
    periods = [(PeriodKind.MONTH, None, None), (PeriodKind.YEAR, None, None),
               (PeriodKind.CUSTOM, date(2016, 1, 1), date(2026, 11, 20))]  # fmt: skip
    for kind, first, last in periods:
        made = []
        for source in (reader, engine):
            page_cache.answers.clear()  # both key the same store: each makes its own
            made.append(period_report(source, settings, kind, first, last, now, athlete_id=athlete))
        assert made[0] == made[1]
    wins = []
    for source in (reader, engine):
        page_cache.answers.clear()
        wins.append(recent_wins(source, settings, date(2016, 1, 1), now, athlete_id=athlete))
    assert wins[0] == wins[1] and wins[0]
    assert store_key(reader) == store_key(engine)  # one store, one key in the page cache


def test_the_plan_s_log_and_prescribed_days_read_the_same_as_today_s(store):
    """The report hooks read the plan's log and today's answers without SQLAlchemy
    (``services.day_reads``), as ``services.today`` reads them."""
    engine, reader, athlete, _ = store
    since, first, last = date(2026, 1, 1), date(2026, 11, 1), date(2026, 11, 30)
    with reading(reader) as db:
        log, prescribed = (
            log_since(db, athlete, since),
            prescribed_between(db, athlete, first, last),
        )
    with engine.connect() as conn:
        assert log == today_service.read_log(conn, athlete, since)
        assert prescribed == today_service.prescribed_days(conn, athlete, first, last)
    assert log and all(run.day >= since for run in log)


def test_todays_laps_shoes_and_time_zone_read_the_same_both_ways(store):
    """What ``today`` reads besides the plan and the log (``store.today_reads``): the laps
    since the plan was made, the shoes in use with their distance, the time zone."""
    engine, reader, athlete, written = store
    with engine.begin() as conn:
        worn = add_shoe(conn, athlete, {"name": "daily trainers", "added_on": date(2026, 1, 5)})
        add_shoe(conn, athlete, {"name": "racers", "added_on": date(2026, 2, 1),
                                 "retirement_m": 400_000.0})  # fmt: skip
        old = add_shoe(conn, athlete, {"name": "old pair", "added_on": date(2020, 1, 1)})
        retire_shoe(conn, old, date(2025, 12, 31))
    edit_run(engine, written["easy"], RunEdit(shoes="daily trainers"), athlete_id=athlete)
    edit_run(engine, written["trial"], RunEdit(shoes="daily trainers"), athlete_id=athlete)
    for since in (date(2000, 1, 1), date(2026, 10, 1), date(2030, 1, 1)):
        answers = []
        for source in (reader, engine):
            with reading(source) as db:
                answers.append(today_reads.laps_since(db, athlete, since))
        assert answers[0] == answers[1]
        with engine.connect() as conn:
            assert run_store.laps_since(conn, athlete, since) == answers[0]
    assert answers[0] == {}  # nothing run since 2030
    with reading(reader) as db:
        assert any(today_reads.laps_since(db, athlete, EVER[0]).values())  # the real files'
        assert today_reads.laps_since(db, athlete + 1, EVER[0]) == {}
    shoes, zones = [], []
    for source in (reader, engine):
        with reading(source) as db:
            shoes.append(today_reads.shoes_in_use(db, athlete))
            zones.append(today_reads.athlete_timezone(db, athlete))
            assert today_reads.shoes_in_use(db, athlete + 1) == []
    assert shoes[0] == shoes[1] and zones[0] == zones[1]
    with engine.connect() as conn:
        every = shoe_store.shoes_with_distance(conn, athlete)
        assert zones[0] == run_store.athlete_timezone(conn, athlete)
    in_use = [(r.id, r.name, float(r.distance_m), r.retirement_m) for r in every
              if r.retired_on is None]  # fmt: skip
    assert [tuple(s) for s in shoes[0]] == in_use
    assert [s.name for s in shoes[0]] == ["daily trainers", "racers"]
    assert shoes[0][0].id == worn and shoes[0][0].distance_m == 13_000.0  # the trial, the easy run
    assert shoes[0][1].distance_m == 0.0 and shoes[0][1].retirement_m == 400_000.0


def test_today_answers_the_same_through_sqlite3_and_keeps_a_new_answer_once(store):
    """``runcoach today`` on a ready SQLite store reads through sqlite3 and keeps a new
    answer with ``BEGIN IMMEDIATE``: the same answer as through the engine, kept once for
    the day (a second look writes nothing), the data version raised by the store's trigger."""
    engine, reader, athlete, _ = store
    plan = _ten_k_plan()
    with engine.begin() as conn:
        add_plan(conn, athlete, plan)
    settings = Settings(home=Path(), database_url=str(engine.url))
    day = plan.start + timedelta(days=9)

    def kept() -> list[dict]:
        with reading(engine) as db:
            return checkin_reads.adjustments_between(db, athlete, day, day)

    with reading(engine) as db:
        before = log_reads.data_version(db, athlete)
    through_sqlite3 = today_service.today(reader, settings, day, athlete_id=athlete)
    after = kept()
    assert len(after) == 1 and after[0]["kind"] == "today"
    with reading(engine) as db:
        assert log_reads.data_version(db, athlete) > before
    through_sqlalchemy = today_service.today(engine, settings, day, athlete_id=athlete)
    assert through_sqlite3 == through_sqlalchemy
    assert today_service.today(reader, settings, day, athlete_id=athlete) == through_sqlite3
    assert kept() == after  # the same answer again: nothing written, either way
    with engine.connect() as conn:
        inputs = today_service.gather(conn, athlete, settings, None, day)
    with reading(reader) as db:
        assert today_service.gather_from(db, athlete, settings, None, day) == inputs
    with pytest.raises(TypeError):  # a check-in is written through the engine only
        today_service.today(reader, settings, day, CheckInReport("good", None, ""),
                            athlete_id=athlete)  # fmt: skip


def test_an_import_of_real_files_marks_the_efforts_a_recount_finds(store):
    from runcoach.store.effort_records import marked_efforts, recounted_efforts

    engine, _reader, athlete, _ = store
    with engine.connect() as conn:
        marked = marked_efforts(conn, athlete)
        assert marked and marked == recounted_efforts(conn, athlete)
