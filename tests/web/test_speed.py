"""What the web app's speed work must not change (docs/benchmarks.md, issue 13 "Speed"):
reads take no write lock, a page viewed again writes nothing and is served from the answer
kept for the athlete's data version (and only while nothing changed), the shoe filter in SQL
keeps what the filter in Python kept, a long run's chart data keeps every peak."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import OperationalError

from runcoach.services import runs as run_service
from runcoach.services.page_cache import answers
from runcoach.services.run_files import CHART_POINTS, chart_indices
from runcoach.store.athletes import data_version
from runcoach.store.db import make_engine, migrate, read_only
from runcoach.store.tables import plan_adjustments
from tests.web.conftest import Runner
from tests.web.test_api import STARTS_TODAY, script, wait_for


def test_a_read_on_sqlite_does_not_hold_up_a_write_nor_see_it_halfway(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'runcoach.db'}")
    migrate(engine)
    wrote = threading.Event()

    def write() -> None:
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO athletes (name) VALUES ('writer')"))
        wrote.set()

    with read_only(engine) as reader:
        before = reader.execute(text("SELECT count(*) FROM athletes")).scalar_one()
        writer = threading.Thread(target=write)
        started = time.perf_counter()
        writer.start()
        assert wrote.wait(5), "the write waited for the read to end"
        assert time.perf_counter() - started < 5
        # the read still sees the moment it started at
        assert reader.execute(text("SELECT count(*) FROM athletes")).scalar_one() == before
    writer.join()
    with read_only(engine) as reader:
        assert reader.execute(text("SELECT count(*) FROM athletes")).scalar_one() == before + 1
    engine.dispose()


def test_two_reads_on_sqlite_go_side_by_side_and_a_write_through_a_read_fails(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'runcoach.db'}")
    migrate(engine)
    with read_only(engine) as one, read_only(engine) as two:
        assert one.execute(text("SELECT count(*) FROM athletes")).scalar_one() >= 0
        assert two.execute(text("SELECT count(*) FROM athletes")).scalar_one() >= 0
    with pytest.raises(OperationalError, match="readonly"), read_only(engine) as conn:
        conn.execute(text("INSERT INTO athletes (name) VALUES ('sneaky')"))
    with engine.begin() as conn:  # the same pooled connection writes again afterwards
        conn.execute(text("INSERT INTO athletes (name) VALUES ('writer')"))
    engine.dispose()


def _adjustments(engine) -> int:
    with read_only(engine) as conn:
        return int(conn.execute(select(func.count()).select_from(plan_adjustments)).scalar_one())


def test_the_dashboard_writes_nothing_on_a_second_view_and_follows_every_change(app, ann: Runner):
    engine = app.state.engine
    phone = script(app, ann.token("write"))
    assert phone.post("/api/v1/plans", json=STARTS_TODAY).status_code == 201
    first = ann.client.get("/")
    assert first.status_code == 200
    kept = _adjustments(engine)
    assert kept == 1  # today's answer, kept once
    with read_only(engine) as conn:
        version = data_version(conn, 1)
    again = ann.client.get("/")
    assert again.text.count("Tired") == first.text.count("Tired")
    assert _adjustments(engine) == kept  # a second view writes nothing
    hits = answers.hits
    assert ann.client.get("/").text == again.text
    assert answers.hits > hits  # the third is the answer kept for this data version
    assert _adjustments(engine) == kept
    with read_only(engine) as conn:
        assert data_version(conn, 1) == version
    # a change anywhere (here: a tap on "tired") is seen at once
    ann.client.post("/today/feel", data={"feel": "tired", "csrf_token": ann.csrf})
    after = ann.client.get("/")
    assert _adjustments(engine) == kept + 1
    assert "mini" in after.text.lower() or after.text != first.text


def test_every_write_the_pages_read_raises_the_data_version(app, ann: Runner):
    engine = app.state.engine
    phone = script(app, ann.token("write"))

    def version() -> int:
        with read_only(engine) as conn:
            return data_version(conn, 1)

    steps = [
        lambda: phone.post(
            "/api/v1/runs", json={"date": "2026-11-03", "distance": "10k", "duration": "50:00"}
        ),
        lambda: phone.post("/api/v1/shoes", json={"name": "Pegasus"}),
        lambda: phone.post("/api/v1/plans", json=STARTS_TODAY),
        lambda: phone.put("/api/v1/account/settings", json={"name": "Ann", "units": "imperial"}),
    ]
    for step in steps:
        before = version()
        answer = step()
        assert answer.status_code < 300, answer.text
        assert version() > before, answer.request.url
    run_id = phone.get("/api/v1/runs").json()[0]["id"]
    before = version()
    assert phone.delete(f"/api/v1/runs/{run_id}").status_code < 300
    assert version() > before


def test_a_report_kept_for_a_version_is_not_served_after_a_new_run(app, ann: Runner):
    phone = script(app, ann.token("write"))
    empty = phone.get("/api/v1/reports?period=year").json()
    phone.post("/api/v1/runs", json={"date": _today(), "distance": "10k", "duration": "50:00"})
    after = phone.get("/api/v1/reports?period=year").json()
    assert after["totals"]["runs"] == empty["totals"]["runs"] + 1


def _today() -> str:
    from datetime import date

    return date.today().isoformat()


def test_the_shoe_filter_in_sql_keeps_what_the_python_filter_kept(app, ann: Runner):
    engine = app.state.engine
    phone = script(app, ann.token("write"))
    for n in range(12):
        shoes = ("Pegasus", "Clifton", None)[n % 3]
        entry = {"date": f"2026-10-{n + 1:02d}", "distance": f"{5 + n}k", "duration": "40:00"}
        phone.post("/api/v1/runs", json={**entry, **({"shoes": shoes} if shoes else {})})
    everything = run_service.list_runs(engine, athlete_id=1)
    for shoe in {r.shoe_id for r in everything if r.shoe_id is not None}:
        in_python = [r.id for r in everything if r.shoe_id == shoe]
        in_sql = [r.id for r in run_service.list_runs(engine, athlete_id=1, shoe_id=shoe)]
        assert in_sql == in_python and len(in_sql) == 4
        page = ann.client.get(f"/log?shoe={shoe}&everything=true").text
        assert all(f"/runs/{i}" in page for i in in_python)
        others = [r.id for r in everything if r.shoe_id != shoe]
        assert not any(f'href="/runs/{i}"' in page for i in others)


def test_chart_data_keeps_every_series_highs_and_lows_within_the_budget():
    rng = np.random.default_rng(7)
    count = 3600  # one hour, every second
    heart = 140 + np.cumsum(rng.normal(0, 0.5, count))
    heart[1234] = 199.0  # one beat's spike
    altitude = np.sin(np.linspace(0, 9, count)) * 30 + rng.normal(0, 0.2, count)
    altitude[2900] = -80.0
    cadence = rng.normal(172, 3, count)
    cadence[100:140] = np.nan  # a gap the device left
    keep = chart_indices(count, [heart, altitude, cadence])
    assert len(keep) <= CHART_POINTS and keep[0] == 0 and keep[-1] == count - 1
    for series in (heart, altitude, cadence):
        assert np.nanargmax(series) in keep and np.nanargmin(series) in keep
        assert np.nanmax(series[keep]) == np.nanmax(series)
        assert np.nanmin(series[keep]) == np.nanmin(series)
    assert 1234 in keep and 2900 in keep
    assert list(chart_indices(500, [heart[:500]])) == list(range(500))  # short: every sample


def test_the_log_page_kept_per_version_shows_a_new_run_and_a_new_pair_at_once(app, ann: Runner):
    phone = script(app, ann.token("write"))
    phone.post("/api/v1/runs", json={"date": "2026-10-01", "distance": "10k", "duration": "50:00"})
    first = ann.client.get("/log").text
    assert first == ann.client.get("/log").text  # kept: the same page again
    assert phone.post("/api/v1/shoes", json={"name": "Kinvara"}).status_code == 201
    added = phone.post(
        "/api/v1/runs",
        json={"date": "2026-10-02", "distance": "12k", "duration": "60:00", "shoes": "Kinvara"},
    ).json()
    after = ann.client.get("/log").text
    assert f'href="/runs/{added["id"]}"' in after and f'href="/runs/{added["id"]}"' not in first
    assert "Kinvara" in after and "Kinvara" not in first  # the shoe filter's list too


def test_chart_data_is_kept_per_version_and_answers_its_published_schema(app, ann: Runner):
    jsonschema = pytest.importorskip("jsonschema")
    from runcoach.views.schema import SHAPES, schema_of

    shape = next(s for s in SHAPES if s.name == "run-samples")
    validator = jsonschema.Draft202012Validator(schema_of(shape))
    phone = script(app, ann.token("write"))
    track = "".join(
        f'<trkpt lat="46.{i:04d}" lon="14.5"><time>2026-10-01T07:{i // 60:02d}:{i % 60:02d}Z'
        "</time></trkpt>"
        for i in range(0, 1800, 5)
    )
    gpx = (
        '<?xml version="1.0"?><gpx version="1.1" creator="t" '
        f'xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>{track}</trkseg></trk></gpx>'
    )
    job = wait_for(phone, phone.post("/api/v1/uploads", files={"files": ("a.gpx", gpx)}).json())
    run_id = job["outcomes"][0]["run_ids"][0]
    typed = phone.post(
        "/api/v1/runs", json={"date": "2026-10-02", "distance": "5k", "duration": "25:00"}
    ).json()["id"]
    answer = ann.client.get(f"/api/v1/runs/{run_id}/samples")
    assert answer.text == ann.client.get(f"/api/v1/runs/{run_id}/samples").text
    samples = answer.json()
    assert samples["points"] == samples["recorded"] == 360 and samples["method"] == "all"
    assert len(samples["latitude"]) == 360 and samples["heart_rate"] is None  # not recorded
    empty = ann.client.get(f"/api/v1/runs/{typed}/samples").json()
    assert empty["points"] == 0 and empty["time_s"] is None  # typed in: no samples
    for shown in (samples, empty, ann.client.get(f"/api/v1/runs/{run_id}/samples?full=1").json()):
        assert not list(validator.iter_errors(shown))
    phone.delete(f"/api/v1/runs/{run_id}")
    assert ann.client.get(f"/api/v1/runs/{run_id}/samples").status_code == 404  # not kept


def test_a_worker_compiles_every_template_before_it_serves_its_first_page(app, monkeypatch):
    from runcoach.web.app import warm_up
    from runcoach.web.templating import templates

    templates.env.cache.clear()
    warm_up(app.state.engine, app.state.settings)

    def load_again(*_args, **_kwargs):
        raise AssertionError("a template was compiled on a page view")

    monkeypatch.setattr(templates.env.loader, "load", load_again)
    for name in templates.env.list_templates(extensions=["html"]):
        assert templates.env.get_template(name) is not None
