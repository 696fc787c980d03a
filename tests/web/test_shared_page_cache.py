"""The page cache shared by the web workers on PostgreSQL (services/page_cache.py ``recall``
and ``keep``, store/page_answers.py, store/answer_codec.py): an answer made by one worker is
served by another, never after the athlete's data changed, never to another athlete; on
SQLite the one process keeps its answers in memory and the table stays empty."""

from __future__ import annotations

import json
import zlib
from dataclasses import fields, is_dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text

from runcoach.config import Settings
from runcoach.domain.progress.report import PeriodKind
from runcoach.services import dashboard as board
from runcoach.services.calendar import calendar_page
from runcoach.services.dashboard import rebuild_pages
from runcoach.services.log import LogQuery, log
from runcoach.services.page_cache import answers
from runcoach.services.reports import period_report, recent_wins
from runcoach.services.run_files import run_samples
from runcoach.services.runs import ManualRun, add_manual_run
from runcoach.services.today import progress_for
from runcoach.store.answer_codec import Unkeepable, decode, encode
from runcoach.store.athletes import data_version
from runcoach.store.db import make_engine, read_only
from runcoach.store.page_answers import KEPT_PER_ATHLETE, write_answer
from tests.web.conftest import Runner
from tests.web.test_api import STARTS_TODAY, script


def _settings(engine) -> Settings:
    return Settings(home=Path("unused"), database_url=str(engine.url))


def _kept_answers(engine, athlete_id: int, run_id: int) -> dict[str, Any]:
    """Every kind of answer the pages keep, as the services give them."""
    settings, today = _settings(engine), date.today()
    return {
        "dashboard": board.dashboard(engine, settings, settings, athlete_id=athlete_id),
        **{
            f"report {kind.value}": period_report(engine, settings, kind, athlete_id=athlete_id)[0]
            for kind in (PeriodKind.WEEK, PeriodKind.MONTH, PeriodKind.YEAR)
        },
        "wins": recent_wins(engine, settings, None, athlete_id=athlete_id),
        "progress": progress_for(engine, settings, athlete_id=athlete_id),
        "calendar": calendar_page(
            engine, settings, today - timedelta(days=14), today, athlete_id=athlete_id
        ),
        "log": log(engine, settings, LogQuery(), athlete_id=athlete_id),
        "chart samples": run_samples(engine, run_id, athlete_id=athlete_id),
    }


def _plain(value: Any) -> Any:
    """A value's fields all the way down (ChartSamples compares by identity)."""
    if is_dataclass(value) and not isinstance(value, type):
        return (type(value), [(f.name, _plain(getattr(value, f.name))) for f in fields(value)])
    if isinstance(value, (list, tuple)):
        return (type(value), [_plain(v) for v in value])
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _runner_with_a_plan_and_runs(app, runner: Runner, day: str = "2026-11-03") -> int:
    phone = script(app, runner.token("write"))
    assert phone.post("/api/v1/plans", json=STARTS_TODAY).status_code == 201
    made = phone.post("/api/v1/runs", json={"date": day, "distance": "10k", "duration": "50:00"})
    assert made.status_code == 201
    return int(made.json()["id"])


def _rows(engine) -> list[tuple[Any, ...]]:
    with engine.connect() as conn:
        return list(conn.execute(text("SELECT athlete_id, data_version FROM page_answers")))


def test_every_kept_answer_comes_back_from_the_codec_as_it_was(app, ann: Runner):
    engine = app.state.engine
    run_id = _runner_with_a_plan_and_runs(app, ann)
    answers.clear()
    for name, answer in _kept_answers(engine, 1, run_id).items():
        assert _plain(decode(encode(answer))) == _plain(answer), name


def test_a_second_worker_serves_the_answer_the_first_kept_without_computing_it(app, ann: Runner):
    engine = app.state.engine
    if engine.dialect.name != "postgresql":
        pytest.skip("one process on SQLite: its answers stay in memory")
    run_id = _runner_with_a_plan_and_runs(app, ann)
    answers.clear()
    board.dashboard(engine, _settings(engine), _settings(engine), athlete_id=1)  # today's answer
    first = _kept_answers(engine, 1, run_id)
    assert len(_rows(engine)) >= len(first)
    answers.clear()  # another worker: nothing in its memory
    statements: list[str] = []

    def seen(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", seen)
    try:
        second = _kept_answers(engine, 1, run_id)
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert {k: _plain(v) for k, v in second.items()} == {k: _plain(v) for k, v in first.items()}
    assert not [s for s in statements if "FROM runs" in s or "FROM plans" in s]
    assert any("FROM page_answers" in s for s in statements)


def test_a_run_written_by_another_worker_is_on_the_next_page_of_every_worker(app, ann: Runner):
    engine = app.state.engine
    _runner_with_a_plan_and_runs(app, ann)
    month = "/api/v1/reports?period=month"
    before = ann.client.get(month).json()["totals"]
    assert "12.34" not in ann.client.get("/log").text  # both kept now, here and shared
    other = make_engine(engine.url.render_as_string(hide_password=False))  # another process
    try:
        add_manual_run(other, _manual_run(), athlete_id=1)
    finally:
        other.dispose()
    for fresh_worker in (False, True):  # this worker, then one with nothing in memory
        if fresh_worker:
            answers.clear()
        assert "12.34" in ann.client.get("/log").text
        after = ann.client.get(month).json()["totals"]
        assert after["runs"] == before["runs"] + 1
        assert after["distance_m"] == pytest.approx(before["distance_m"] + 12_340)


def _manual_run() -> ManualRun:
    return ManualRun(day=date.today(), distance_m=12_340, duration_s=3_660)


def test_a_shared_answer_is_never_served_to_another_athlete(app, ann: Runner, bob: Runner):
    engine = app.state.engine
    _runner_with_a_plan_and_runs(app, ann)
    assert "10.00" in ann.client.get("/log").text or "10.0" in ann.client.get("/log").text
    answers.clear()
    bobs = bob.client.get("/log")
    assert bobs.status_code == 200
    assert "50:00" not in bobs.text  # ann's run: never in bob's log
    shared = {athlete for athlete, _ in _rows(engine)}
    if engine.dialect.name == "postgresql":
        assert shared == {1, 2}  # each kept under their own id
    else:
        assert shared == set()  # SQLite keeps its answers in memory


def test_keeping_an_answer_forgets_older_versions_and_keeps_a_bounded_number(engine):
    if engine.dialect.name != "postgresql":
        pytest.skip("the shared table is used on PostgreSQL")
    with engine.begin() as conn:
        athlete = conn.execute(text("INSERT INTO athletes (name) VALUES ('a') RETURNING id"))
        athlete_id = int(athlete.scalar_one())
    write_answer(engine, athlete_id, 1, "old", encode([1]))
    for number in range(KEPT_PER_ATHLETE + 5):
        write_answer(engine, athlete_id, 2, f"what {number}", encode([number]))
    rows = _rows(engine)
    assert {version for _, version in rows} == {2}
    assert len(rows) == KEPT_PER_ATHLETE


@pytest.mark.parametrize(
    "stored",
    [
        {"c": "os:system", "f": []},  # not a runcoach class
        {"c": "runcoach.config:load_settings", "f": []},  # not a class
        {"c": "runcoach.services.page_cache:AnswerCache", "f": []},  # not a dataclass
        {"e": "runcoach.config:Settings", "v": 1},  # not an enum
        {"c": "runcoach.config:Settings", "f": [["home", "x"]]},  # not its fields
        {"x": 1},
    ],
)
def test_the_codec_makes_only_runcoach_dataclasses_and_enums_with_their_own_fields(stored):
    import runcoach.config  # noqa: F401  (loaded: the refusal is not for want of the module)

    with pytest.raises(Unkeepable):
        decode(zlib.compress(json.dumps(stored).encode()))
    with pytest.raises(Unkeepable):
        decode(b"not zlib")


def test_the_codec_refuses_what_it_cannot_write():
    with pytest.raises(Unkeepable):
        encode({1, 2})
    with pytest.raises(Unkeepable):
        encode(Path("x"))


def test_the_dashboard_that_keeps_todays_answer_is_kept_under_the_version_its_write_raised(
    app, ann: Runner
):
    engine = app.state.engine
    _runner_with_a_plan_and_runs(app, ann)
    settings = _settings(engine)
    answers.clear()
    with read_only(engine) as conn:
        before = data_version(conn, 1)
    first = board.dashboard(engine, settings, settings, athlete_id=1)  # writes today's answer
    with read_only(engine) as conn:
        after = data_version(conn, 1)
    assert after > before
    hits = answers.hits
    assert board.dashboard(engine, settings, settings, athlete_id=1) is first
    assert answers.hits == hits + 1  # the second view: no computing, no write
    answers.clear()
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM page_answers"))
    made_anew = board.dashboard(engine, settings, settings, athlete_id=1)
    assert _plain(made_anew) == _plain(first)
    with read_only(engine) as conn:
        assert data_version(conn, 1) == after  # and the one made anew wrote nothing


def test_after_an_import_the_reports_stay_ready_through_the_first_dashboard(app, ann: Runner):
    engine = app.state.engine
    _runner_with_a_plan_and_runs(app, ann)
    rebuild_pages(engine, athlete_id=1)  # the upload job's last step
    if engine.dialect.name == "postgresql":
        answers.clear()  # the pages come to another worker than the job's
    with read_only(engine) as conn:
        ready = data_version(conn, 1)
    assert ann.client.get("/").status_code == 200
    statements: list[str] = []

    def seen(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", seen)
    try:
        assert ann.client.get("/api/v1/reports?period=month").status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    with read_only(engine) as conn:
        assert data_version(conn, 1) == ready  # the dashboard wrote nothing: its answer was kept
    assert not [s for s in statements if "FROM runs" in s], statements
