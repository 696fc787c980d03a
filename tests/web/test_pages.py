"""The pages: each answers for a runner, everything they load is served by runcoach itself."""

from __future__ import annotations

import re

import pytest

from tests.web.conftest import Runner

PAGES = ["/", "/log", "/runs/new", "/upload", "/calendar", "/calendar?view=week", "/plan",
         "/plan?edit=true", "/goal", "/reports", "/reports?period=year", "/settings"]  # fmt: skip
ASSET = re.compile(r'<(?:script|link|img)[^>]+(?:src|href)="([^"]+)"')


@pytest.mark.parametrize("path", PAGES)
def test_every_page_answers_and_loads_nothing_from_elsewhere(ann: Runner, path: str):
    answer = ann.client.get(path)
    assert answer.status_code == 200, answer.text[:500]
    for asset in ASSET.findall(answer.text):
        assert asset.startswith("/static/"), f"{path} loads {asset}"
    policy = answer.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert answer.headers["x-frame-options"] == "DENY"


def test_the_vendored_files_are_served_with_their_licences(ann: Runner):
    for name in ("htmx", "uplot", "leaflet"):
        assert ann.client.get(f"/static/vendor/{name}/LICENSE").status_code == 200
    assert ann.client.get("/static/vendor/leaflet/leaflet.js").status_code == 200


def test_a_run_added_on_the_form_shows_on_its_page(ann: Runner):
    answer = ann.client.post("/runs/new", data={
        "csrf_token": ann.csrf, "day": "2026-11-03", "distance": "10k", "duration": "50:00",
        "kind": "tempo", "name": "Treadmill tempo"})  # fmt: skip
    assert answer.url.path.startswith("/runs/")
    assert "Treadmill tempo" in answer.text and "5:00/km" in answer.text
    assert "Treadmill tempo" in ann.client.get("/log").text


def test_the_log_lists_the_runs_runs_list_lists(ann: Runner):
    """The web log's default is the command line's (``runs list``): every running sport, a
    trail run and a treadmill run too, but no ride and no watch started by mistake (under a
    minute); "other sports and short recordings too" shows them all."""
    for name, sport, duration in (("Ridge trail", "trail_running", "1:10:00"),
                                  ("Mill intervals", "treadmill", "40:00"),
                                  ("Commute ride", "cycling", "30:00"),
                                  ("Pocket start", "running", "0:20")):  # fmt: skip
        answer = ann.client.post("/runs/new", data={
            "csrf_token": ann.csrf, "day": "2026-11-03", "distance": "0.1km" if duration == "0:20"
            else "10k", "duration": duration, "sport": sport, "name": name})  # fmt: skip
        assert answer.url.path.startswith("/runs/"), answer.text[:300]
    shown = ann.client.get("/log").text
    assert "Ridge trail" in shown and "Mill intervals" in shown
    assert "Commute ride" not in shown and "Pocket start" not in shown
    everything = ann.client.get("/log?everything=true").text
    assert all(n in everything for n in ("Ridge trail", "Commute ride", "Pocket start"))


def test_a_form_page_without_its_csrf_token_is_refused(ann: Runner):
    answer = ann.client.post(
        "/runs/new", data={"day": "2026-11-03", "distance": "10k"}, headers={"accept": "text/html"}
    )
    assert answer.status_code == 403 and "reload" in answer.text


def test_the_plan_form_builds_a_rotating_cycle_plan(ann: Runner):
    from datetime import date, timedelta

    form = {
        "csrf_token": ann.csrf, "goal_kind": "race", "race": "half",
        "race_date": (date.today() + timedelta(days=100)).isoformat(), "target": "1:55:00",
        "weekly_distance": "30km", "longest_run_30d": "14km", "run_days_per_week": "4",
        "long_run_day": "off", "availability": "cycle",
        "cycle_start": date.today().isoformat(), "cycle_days": "on, on, on, on, off, off, off",
        "type_name_0": "on", "type_kind_0": "short", "type_minutes_0": "35",
        "type_name_1": "off", "type_kind_1": "any",
    }  # fmt: skip
    answer = ann.client.post("/plan", data=form)
    assert answer.status_code == 200 and 'id="week-1"' in answer.text
    plan = ann.client.get("/api/v1/plans/active").json()["plan"]
    kinds = {d["day_type"]["name"] for w in plan["weeks"] for d in w["days"]}
    assert kinds == {"on", "off"}


def test_a_wrong_plan_form_says_what_is_wrong_and_keeps_what_was_typed(ann: Runner):
    answer = ann.client.post(
        "/plan",
        data={
            "csrf_token": ann.csrf,
            "goal_kind": "race",
            "race": "200mi",
            "race_date": "2027-05-01",
        },
    )
    assert answer.status_code == 422 and "200mi" in answer.text


def test_the_plan_form_says_age_history_equipment_and_a_beginners_range_of_run_days(
    ann: Runner,
):
    """Issue 15: what the profile can say, the web form can say too."""
    from datetime import date, timedelta

    form = {
        "csrf_token": ann.csrf, "goal_kind": "race", "race": "10k",
        "race_date": (date.today() + timedelta(days=100)).isoformat(),
        "weekly_distance": "20km", "longest_run_ever": "21km", "age": "56",
        "run_days_per_week": "3-4", "has_hills": "1", "availability": "weekdays",
        "venue": "track",
    }  # fmt: skip
    answer = ann.client.post("/plan", data=form)
    assert answer.status_code == 200 and 'id="week-1"' in answer.text, answer.text[-2000:]
    plan = ann.client.get("/api/v1/plans/active").json()["plan"]
    assert any("At 56" in n for n in plan["notes"])
    assert any("longest run ever" in n for n in plan["notes"])
    assert plan["max_run_days"] == 4
    race = next(w for wk in plan["weeks"] for d in wk["days"] for w in d["workouts"]
                if w["kind"] == "race")  # fmt: skip
    assert race["surface"] == "track" and "25 laps" in race["notes"][0]
    intervals = [w for wk in plan["weeks"] for d in wk["days"] for w in d["workouts"]
                 if w["kind"] == "intervals"]  # fmt: skip
    assert intervals and all(any("No track" in n for n in w.get("notes", [])) for w in intervals)
    wrong = ann.client.post("/plan", data={**form, "age": "7"})
    assert wrong.status_code == 422 and "age" in wrong.text


def test_the_plan_form_says_where_in_the_rotation_today_falls_and_runs_after_nights(ann: Runner):
    from datetime import date, timedelta

    form = {
        "csrf_token": ann.csrf, "goal_kind": "race", "race": "10k",
        "race_date": (date.today() + timedelta(days=100)).isoformat(),
        "weekly_distance": "25km", "longest_run_30d": "10km", "run_days_per_week": "5",
        "long_run_day": "off", "availability": "cycle", "cycle_today_is": "2",
        "cycle_days": "night, night, off, off", "night_runs": "after",
        "type_name_0": "night", "type_kind_0": "none", "type_name_1": "off", "type_kind_1": "any",
    }  # fmt: skip
    answer = ann.client.post("/plan", data=form)
    assert answer.status_code == 200 and 'id="week-1"' in answer.text, answer.text[-1500:]
    plan = ann.client.get("/api/v1/plans/active").json()["plan"]
    types = {d["date"]: d["day_type"] for w in plan["weeks"] for d in w["days"]}
    today = date.today()
    for offset in range(0, 28):  # today is day 2: the second night, run after the first
        day = (today + timedelta(days=offset)).isoformat()
        if day in types:
            want = ["night", "night (run after the last)", "off", "off"][(offset + 1) % 4]
            assert types[day]["name"] == want, (day, types[day], want)


def test_every_answer_carries_the_security_headers_and_pages_are_not_stored(app, ann):
    for answer in (ann.client.get("/log"), ann.client.get("/api/v1/runs"), ann.client.get("/x")):
        headers = answer.headers
        assert headers["content-security-policy"].startswith("default-src 'self'")
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "same-origin"
        assert headers["cache-control"] == "no-store"
    script = ann.client.get("/static/app.js")
    assert script.status_code == 200 and script.headers["x-frame-options"] == "DENY"
    assert "no-store" not in script.headers.get("cache-control", "")


def test_the_plan_form_says_a_double_and_the_minutes_around_a_night(ann: Runner):
    """Issue 15: races on consecutive days as one goal, and how long a run before or after a
    night shift may be, can be said on the form as in a profile file."""
    from datetime import date, timedelta

    race_day = date.today() + timedelta(days=120)
    form = {
        "csrf_token": ann.csrf, "goal_kind": "race", "race": "marathon",
        "race_date": race_day.isoformat(), "also_distance": "marathon",
        "also_date": (race_day - timedelta(days=1)).isoformat(),
        "weekly_distance": "60km", "longest_run_30d": "28km", "years_running": "6",
        "run_days_per_week": "5", "long_run_day": "off", "availability": "cycle",
        "cycle_today_is": "1", "cycle_days": "day, night, night, off, off, off, off",
        "night_runs": "before", "night_minutes": "20",
        "type_name_0": "day", "type_kind_0": "short", "type_minutes_0": "45",
        "type_name_1": "night", "type_kind_1": "none", "type_name_2": "off", "type_kind_2": "any",
    }  # fmt: skip
    answer = ann.client.post("/plan", data=form)
    assert answer.status_code == 200 and 'id="week-1"' in answer.text, answer.text[-1500:]
    plan = ann.client.get("/api/v1/plans/active").json()["plan"]
    races = [(d["date"], w["title"]) for wk in plan["weeks"] for d in wk["days"]
             for w in d["workouts"] if w["kind"] == "race"]  # fmt: skip
    assert [day for day, _ in races] == [form["also_date"], form["race_date"]]
    assert all(title.startswith("Goal race") for _, title in races)
    nights = [d["day_type"] for wk in plan["weeks"] for d in wk["days"]
              if d["day_type"]["name"].startswith("night")]  # fmt: skip
    assert nights and all(t["max_minutes"] == 20 for t in nights)


def test_the_report_of_more_than_a_year_counts_its_wins_and_runs(ann: Runner):
    for day in ("2024-03-05", "2026-11-03"):
        ann.client.post("/runs/new", data={"csrf_token": ann.csrf, "day": day,
                                            "distance": "10k", "duration": "50:00"})  # fmt: skip
    long = ann.client.get("/reports?period=custom&from=2024-01-01&to=2026-11-30").text
    assert "Wins and runs of the period" in long
    assert (
        "runs: 2 in all, 2 shown" in long
        and "/api/v1/wins?from=2024-01-01" in long
        and "--from" not in long
    )
    year = ann.client.get("/reports?period=custom&from=2026-01-01&to=2026-11-30").text
    assert "Wins and runs of the period" not in year
