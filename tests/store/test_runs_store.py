from __future__ import annotations

from datetime import UTC, date, datetime

import numpy as np
from sqlalchemy import func, select

from runcoach.domain.run.efforts import analyse_run
from runcoach.domain.run.runs import Lap, Run, Streams
from runcoach.store import runs as run_store
from runcoach.store.athletes import default_athlete_id
from runcoach.store.streams_codec import decode_streams, encode_streams
from runcoach.store.tables import laps, runs


def _steady_run(start: datetime, seconds: int, speed_m_s: float) -> Run:
    time_s = np.arange(seconds, dtype=np.float64)
    hr = np.full(seconds, 150.0)
    hr[10:20] = np.nan  # the strap slipped
    streams = Streams(time_s=time_s, distance_m=time_s * speed_m_s, heart_rate=hr)
    return Run(
        start=start,
        elapsed_s=float(seconds),
        moving_s=float(seconds),
        distance_m=seconds * speed_m_s,
        streams=streams,
        laps=[Lap(start=start, elapsed_s=float(seconds), distance_m=seconds * speed_m_s)],
        source="fit",
    )


def test_streams_come_back_from_their_blob_with_missing_samples_still_missing():
    run = _steady_run(datetime(2024, 5, 1, 6, tzinfo=UTC), 600, 3.1)
    back = decode_streams(encode_streams(run.streams))
    assert np.allclose(back.distance_m, run.streams.distance_m, atol=0.01)
    assert np.isnan(back.heart_rate[10:20]).all()
    assert np.allclose(back.heart_rate[20:], 150.0)


def test_a_steady_hour_of_samples_compresses_to_a_few_kilobytes():
    run = _steady_run(datetime(2024, 5, 1, 6, tzinfo=UTC), 3600, 3.1)
    assert len(encode_streams(run.streams)) < 4000


def test_the_local_date_is_the_day_where_the_run_was_run():
    late = datetime(2024, 5, 1, 23, 30, tzinfo=UTC)
    assert run_store.local_date_of(late, "Europe/Ljubljana") == date(2024, 5, 2)
    assert run_store.local_date_of(late, "-05:00") == date(2024, 5, 1)
    assert run_store.local_date_of(late, None) == date(2024, 5, 1)


def test_the_fastest_5k_ever_is_one_query_over_the_efforts(engine):
    with engine.begin() as conn:
        athlete = default_athlete_id(conn)
        for day, speed in ((1, 3.0), (2, 3.5), (3, 3.2)):
            run = _steady_run(datetime(2024, 5, day, 6, tzinfo=UTC), 2000, speed)
            run_store.insert_run(conn, athlete, run, analyse_run(run))
        best = run_store.best_effort_ever(conn, athlete, 5000.0)
        assert best is not None
        assert abs(best.elapsed_s - 5000 / 3.5) < 1.5


def test_deleting_a_run_deletes_its_laps(engine):
    with engine.begin() as conn:
        athlete = default_athlete_id(conn)
        run = _steady_run(datetime(2024, 5, 1, 6, tzinfo=UTC), 100, 3.0)
        run_id = run_store.insert_run(conn, athlete, run)
        run_store.delete_run(conn, athlete, run_id)
        assert conn.execute(select(func.count()).select_from(laps)).scalar_one() == 0
        assert conn.execute(select(func.count()).select_from(runs)).scalar_one() == 0
