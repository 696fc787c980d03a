"""Many runs' halves and start points are read by the range of their ids (a long period's
report asks for thousands): the answer is the one the list of ids gives, on either engine,
whoever else's runs lie between them and whichever ids are left out."""

from __future__ import annotations

from datetime import date

from sqlalchemy import insert, update

from runcoach.services.runs import ManualRun, add_manual_run
from runcoach.store import log_reads
from runcoach.store.accounts import add_athlete
from runcoach.store.db import read_db
from runcoach.store.tables import run_start_points, runs
from tests.conftest import local_athlete


def _interleaved_runs(engine, me: int, other: int) -> list[int]:
    """80 runs of mine with another athlete's between them; halves and start points kept
    for most (every third run of mine has neither)."""
    mine = []
    for i in range(80):
        day = date(2025, 1, 1 + i % 28)
        for who in (me, other) if i % 4 == 0 else (me,):
            entry = ManualRun(day.replace(month=1 + i // 28), 5000.0 + i, 1500.0 + i)
            run_id = add_manual_run(engine, entry, athlete_id=who).run_id
            if who == me:
                mine.append(run_id)
            if i % 3 == 0 and who == me:
                continue
            with engine.begin() as conn:
                conn.execute(update(runs).where(runs.c.id == run_id).values(
                    first_half_s_per_km=300.0 + i, second_half_s_per_km=290.0 + i))  # fmt: skip
                conn.execute(insert(run_start_points).values(
                    run_id=run_id, latitude=46.0 + i / 100, longitude=14.5))  # fmt: skip
    return mine


def test_halves_and_start_points_read_by_range_are_those_of_the_id_list(engine, monkeypatch):
    me = local_athlete(engine)
    with engine.begin() as conn:
        other = add_athlete(conn, "Bo")
    mine = _interleaved_runs(engine, me, other)
    asked = [mine, mine[::2], mine[5:70], mine[:3]]
    answers = {}
    for name, from_count in (("list", 10**9), ("range", 1)):
        monkeypatch.setattr(log_reads, "RANGE_FROM", from_count)
        with read_db(engine) as db:
            answers[name] = [
                (sorted(log_reads.halves(db, me, ids), key=repr),
                 log_reads.kept_start_points(db, ids))
                for ids in asked
            ]  # fmt: skip
    assert answers["range"] == answers["list"]
    every_halves, every_start = answers["list"][0]
    assert {h.run_id for h in every_halves} == {r for i, r in enumerate(mine) if i % 3}
    assert set(every_start) == {r for i, r in enumerate(mine) if i % 3}


def test_ids_far_apart_are_read_by_their_list():
    where, params = log_reads.by_ids("id", [1, 10_000] * 40)
    assert "IN" in where and len(params) == 80
    where, params = log_reads.by_ids("id", list(range(100, 300)))
    assert where == "id BETWEEN :low AND :high" and params == {"low": 100, "high": 299}
