"""A run's laps, efforts and samples are written together (one round trip on PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pytest
from sqlalchemy import Engine, event, func, insert, select
from sqlalchemy.exc import IntegrityError

from runcoach.domain.run.efforts import analyse_run
from runcoach.domain.run.runs import Lap, Run, Streams
from runcoach.store import runs as run_store
from runcoach.store.athletes import default_athlete_id
from runcoach.store.pipeline import savepoint, write_all
from runcoach.store.tables import best_efforts, laps, runs, streams

START = datetime(2026, 3, 1, 7, 0, tzinfo=UTC)


def _run_with_everything() -> Run:
    time_s = np.arange(0.0, 1800.0)
    run = Run(
        start=START,
        distance_m=5400.0,
        elapsed_s=1800.0,
        moving_s=1800.0,
        streams=Streams(time_s=time_s, distance_m=time_s * 3.0, heart_rate=np.full(1800, 150.0)),
        laps=[Lap(start=START, elapsed_s=900.0, distance_m=2700.0)] * 2,
    )
    return run


def test_a_runs_laps_efforts_and_samples_are_all_stored(engine: Engine) -> None:
    run = _run_with_everything()
    with engine.begin() as conn:
        athlete_id = default_athlete_id(conn)
        run_id = run_store.insert_run(conn, athlete_id, run, analyse_run(run))
    with engine.connect() as conn:
        counted = {
            table.name: conn.execute(
                select(func.count()).select_from(table).where(table.c.run_id == run_id)
            ).scalar_one()
            for table in (laps, best_efforts, streams)
        }
    assert counted["laps"] == 2 and counted["streams"] == 1 and counted["best_efforts"] >= 2


def test_the_details_go_to_the_server_in_one_round_trip_on_postgresql(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite runs in this process: there is no round trip to save")
    run = _run_with_everything()
    sent: list[str] = []

    def through_sqlalchemy(*args: object) -> None:
        sent.append(str(args[2]))

    event.listen(engine, "before_cursor_execute", through_sqlalchemy)
    try:
        with engine.begin() as conn:
            run_store.insert_run(conn, default_athlete_id(conn), run, analyse_run(run), None)
    finally:
        event.remove(engine, "before_cursor_execute", through_sqlalchemy)
    assert any("INSERT INTO runs" in s for s in sent)  # the run itself: its id is read back
    assert not any("INSERT INTO laps" in s or "INSERT INTO streams" in s for s in sent)


def test_a_refused_write_is_sqlalchemys_integrity_error_and_rolls_back_alone(
    engine: Engine,
) -> None:
    orphan = {"run_id": 999_999, "codec": "x", "samples": 0, "columns": "", "data": b""}
    lap = {"run_id": 999_999, "number": 1, "start_utc": START, "elapsed_s": 1.0}
    with engine.begin() as conn:
        with pytest.raises(IntegrityError), conn.begin_nested():
            write_all(conn, [(insert(laps), [lap]), (insert(streams), orphan)])
        assert conn.execute(select(func.count()).select_from(laps)).scalar_one() == 0


def test_in_a_files_savepoint_a_read_sees_the_writes_still_waiting(engine: Engine) -> None:
    run = _run_with_everything()
    with engine.begin() as conn:
        athlete_id = default_athlete_id(conn)
        with savepoint(conn):
            run_id = run_store.insert_run(conn, athlete_id, run, analyse_run(run))
            assert run_store.lap_count(conn, run_id) == 2  # sent before the read
            assert run_store.stream_count(conn, run_id) == 3


def test_a_files_savepoint_rolls_back_its_writes_waiting_or_sent(engine: Engine) -> None:
    run = _run_with_everything()
    with engine.begin() as conn:
        athlete_id = default_athlete_id(conn)
        with pytest.raises(KeyboardInterrupt), savepoint(conn):
            run_store.insert_run(conn, athlete_id, run, analyse_run(run))
            raise KeyboardInterrupt  # the details are still waiting on PostgreSQL
        kept_id = run_store.insert_run(conn, athlete_id, run, analyse_run(run))
    with engine.connect() as conn:
        for table, rows in ((runs, 1), (laps, 2), (streams, 1)):
            found = conn.execute(select(func.count()).select_from(table)).scalar_one()
            assert found == rows, table.name
        assert run_store.lap_count(conn, kept_id) == 2
