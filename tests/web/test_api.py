"""The HTTP API end to end: uploads with a token, the log, plans, the calendar feed, reports."""

from __future__ import annotations

import time
from datetime import date, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from icalendar import Calendar

from tests.conftest import ACTIVITIES, needs_shared_data
from tests.web.conftest import Runner

FIT = ACTIVITIES / "python-fitparse" / "developer-types-sample.fit"
SHIFT_PROFILE = {
    "goal": {"race": "10k", "date": (date.today() + timedelta(days=120)).isoformat(),
             "target": "49:00"},
    "recent_results": [{"date": (date.today() - timedelta(days=30)).isoformat(),
                        "distance": "10k", "time": "52:10"}],
    "weekly_distance": "28km", "longest_run_30d": "12km", "run_days_per_week": 5,
    "availability": {"cycle": {
        "start": (date.today() - timedelta(days=3)).isoformat(),
        "days": ["day", "day", "day", "off", "off", "night", "night", "night", "recover",
                 "off", "off", "day", "day", "off"],
        "types": {"day": "short 30", "night": "none", "recover": "short 40", "off": "any"}}},
    "long_run_day": "off",
}  # fmt: skip


def script(app: FastAPI, token: str) -> TestClient:
    return TestClient(app, headers={"Authorization": f"Bearer {token}"})


def wait_for(client: TestClient, job: dict) -> dict:
    for _ in range(600):
        if job["finished"]:
            return job
        time.sleep(0.1)
        job = client.get(f"/api/v1/uploads/{job['id']}").json()
    raise AssertionError(f"upload {job['id']} did not finish: {job}")


@needs_shared_data()
def test_a_script_uploads_a_fit_file_with_a_token_and_the_run_is_in_the_log(app, ann: Runner):
    phone = script(app, ann.token("write"))
    answer = phone.post("/api/v1/uploads", files={"files": (FIT.name, FIT.read_bytes())})
    assert answer.status_code == 202
    job = wait_for(phone, answer.json())
    assert job["status"] == "done" and job["outcomes"][0]["outcome"] == "imported"
    run_id = job["outcomes"][0]["run_ids"][0]
    shown = phone.get(f"/api/v1/runs/{run_id}").json()
    assert shown["distance_m"] > 1000 and shown["sources"][0]["format"] == "fit"
    assert shown["sources"][0]["name"] == FIT.name  # as uploaded, not the job's folder
    original = phone.get(f"/api/v1/runs/{run_id}/file")
    assert original.content == FIT.read_bytes()  # byte for byte
    samples = phone.get(f"/api/v1/runs/{run_id}/samples").json()
    assert 0 < samples["points"] <= 1200 and samples["heart_rate"] is not None
    again = wait_for(
        phone, phone.post("/api/v1/uploads", files={"files": (FIT.name, FIT.read_bytes())}).json()
    )
    assert again["outcomes"][0]["outcome"] == "already_there"  # never twice


def test_a_broken_file_gets_its_reason_and_the_rest_is_imported(app, ann: Runner):
    phone = script(app, ann.token("write"))
    good = (
        b'<?xml version="1.0"?><gpx version="1.1" creator="t" '
        b'xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>'
        + b"".join(
            f'<trkpt lat="46.{i:04d}" lon="14.5"><time>2026-10-01T07:{i // 60:02d}:{i % 60:02d}Z'
            f"</time></trkpt>".encode()
            for i in range(0, 1800, 5)
        )
        + b"</trkseg></trk></gpx>"
    )
    files = [("files", ("broken.fit", b"not a fit file")), ("files", ("morning.gpx", good))]
    job = wait_for(phone, phone.post("/api/v1/uploads", files=files).json())
    outcomes = {o["name"]: o for o in job["outcomes"]}
    assert outcomes["broken.fit"]["outcome"] in ("failed", "not_activity")
    assert outcomes["broken.fit"]["reason"]
    assert outcomes["morning.gpx"]["outcome"] == "imported"


def test_runs_are_added_edited_listed_and_deleted(app, ann: Runner):
    phone = script(app, ann.token("write"))
    added = phone.post(
        "/api/v1/runs",
        json={"date": "2026-11-02", "distance": "8k", "duration": "44:00", "type": "easy"},
    )
    run_id = added.json()["id"]
    phone.post("/api/v1/shoes", json={"name": "Kinvara"})
    edited = phone.patch(f"/api/v1/runs/{run_id}", json={"type": "tempo", "shoes": "Kinvara"})
    assert edited.json()["workout_type"] == "tempo" and edited.json()["shoes"] == "Kinvara"
    listed = phone.get("/api/v1/runs", params={"type": "tempo"}).json()
    assert [r["id"] for r in listed] == [run_id]
    assert phone.get(f"/api/v1/runs/{run_id}/file").status_code == 404  # typed in: no file
    assert phone.delete(f"/api/v1/runs/{run_id}").status_code == 204
    assert phone.get(f"/api/v1/runs/{run_id}").status_code == 404


def test_a_write_through_the_api_says_which_pairs_are_worn_out_as_the_cli_warns(app, ann: Runner):
    phone = script(app, ann.token("write"))
    phone.post("/api/v1/shoes", json={"name": "Kinvara", "retire_at": "15km"})
    entry = {"date": "2026-11-02", "distance": "12k", "duration": "1:06:00", "shoes": "Kinvara"}
    first = phone.post("/api/v1/runs", json=entry)
    assert first.status_code == 201 and first.json()["worn_out"] == []
    second = phone.post(
        "/api/v1/runs", json={"date": "2026-11-03", "distance": "6k", "duration": "33:00"}
    )
    assert second.json()["worn_out"] == []
    edited = phone.patch(f"/api/v1/runs/{second.json()['id']}", json={"shoes": "Kinvara"})
    assert edited.json()["shoes"] == "Kinvara"
    [worn] = edited.json()["worn_out"]
    assert worn["name"] == "Kinvara" and worn["distance_m"] == pytest.approx(18_000)
    assert worn["warning"] == "'Kinvara' has run 18 km, past its 15 km: time for a new pair"
    job = wait_for(phone, phone.post("/api/v1/uploads", files=[("files", ("x.fit", b"no"))]).json())
    assert job["status"] == "done" and [p["name"] for p in job["worn_out"]] == ["Kinvara"]


def test_errors_are_json_with_the_runners_message_and_a_status(app, ann: Runner):
    phone = script(app, ann.token("write"))
    answer = phone.post(
        "/api/v1/runs", json={"date": "2026-11-02", "distance": "500k", "duration": "30:00"}
    )
    assert answer.status_code == 422
    assert "world record" in answer.json()["error"]["message"]


def test_a_plan_is_built_from_a_profile_moved_and_subscribed_as_a_calendar(app, ann: Runner):
    phone = script(app, ann.token("write"))
    built = phone.post("/api/v1/plans", json=SHIFT_PROFILE)
    assert built.status_code == 201, built.text
    plan = built.json()["plan"]
    days = [
        d for w in plan["weeks"] for d in w["days"] if date.fromisoformat(d["date"]) > date.today()
    ]
    run_day = next(d["date"] for d in days if any(w["kind"] == "long" for w in d["workouts"]))
    other = next(d["date"] for d in days if d["date"] != run_day)
    preview = phone.post(
        "/api/v1/plans/active/moves/preview", json={"from_day": run_day, "to_day": other}
    ).json()
    assert "->" in preview["change"] and isinstance(preview["new_violations"], list)
    phone.post("/api/v1/plans/active/moves", json={"from_day": run_day, "to_day": other})
    after = phone.get("/api/v1/plans/active").json()["plan"]
    moved = next(d for w in after["weeks"] for d in w["days"] if d["date"] == other)
    assert any(w["kind"] == "long" for w in moved["workouts"])
    feed = ann.client.post("/api/v1/account/feed", headers=ann.headers()).json()["url"]
    calendar = Calendar.from_ical(TestClient(app).get(feed).content)  # no login: the URL is it
    events = [e for e in calendar.walk("VEVENT")]
    assert any(str(e["dtstart"].dt) == other and "Long" in str(e["summary"]) for e in events)
    new_feed = ann.client.post("/api/v1/account/feed", headers=ann.headers()).json()["url"]
    assert TestClient(app).get(feed).status_code == 404  # the old address stops
    assert TestClient(app).get(new_feed).status_code == 200


STARTS_TODAY = {
    **SHIFT_PROFILE,
    "goal": {"race": "10k", "date": (date.today() + timedelta(days=16 * 7 - 1)).isoformat()},
    "availability": {
        "cycle": {
            "start": date.today().isoformat(),
            "days": ["off", "day", "day", "off", "night", "night", "recover", "off"],
            "types": {"day": "short 30", "night": "none", "recover": "short 40", "off": "any"},
        }
    },
}  # fmt: skip (the plan's weeks end on race day: it starts today, on an "off" day)


def test_today_tired_gets_a_shorter_session_and_did_it_logs_the_run(app, ann: Runner):
    phone = script(app, ann.token("write"))
    phone.post("/api/v1/plans", json=STARTS_TODAY)
    planned = phone.get("/api/v1/today").json()
    assert planned["workouts"], planned
    answer = phone.post("/api/v1/today", json={"feel": "tired"}).json()
    assert answer["health"]["feel"] == "tired" and answer["workouts"] != planned["workouts"]
    assert any("tired" in r["text"] for r in answer["reasons"])
    logged = phone.post("/api/v1/today/done")
    assert logged.status_code == 201
    run = phone.get(f"/api/v1/runs/{logged.json()['id']}").json()
    assert run["date"] == date.today().isoformat() and run["source"] == "manual"
    assert phone.get("/api/v1/warnings").status_code == 200
    assert phone.get("/api/v1/progress").status_code == 200


def test_a_shift_change_re_flows_the_coming_days(app, ann: Runner):
    phone = script(app, ann.token("write"))
    phone.post("/api/v1/plans", json=STARTS_TODAY)
    day = (date.today() + timedelta(days=4)).isoformat()  # a "night": no run
    changed = phone.post("/api/v1/plans/active/shifts", json={"day": day, "day_type": "off"})
    assert changed.status_code == 200, changed.text
    assert changed.json()["change"] == f"{day} becomes off" and changed.json()["saved"]
    shown = phone.get("/api/v1/plans/active").json()["plan"]
    types = {d["date"]: d["day_type"]["name"] for w in shown["weeks"] for d in w["days"]}
    assert types[day] == "off"
    history = phone.get("/api/v1/plans/active/history").json()["changes"]
    assert history[0]["change"].startswith(f"shift: {day} becomes off")
    assert phone.post("/api/v1/plans/active/undo").json()["changes_left"] == 0
    shown = phone.get("/api/v1/plans/active").json()["plan"]
    types = {d["date"]: d["day_type"]["name"] for w in shown["weeks"] for d in w["days"]}
    assert types[day] != "off"


def test_a_rota_file_is_previewed_then_saved_and_a_change_breaking_rules_needs_acceptance(
    app, ann: Runner
):
    phone = script(app, ann.token("write"))
    phone.post("/api/v1/plans", json=STARTS_TODAY)
    night = date.today() + timedelta(days=9)
    rota = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Night\r\n"
        f"DTSTART:{night:%Y%m%d}T190000\r\nDTEND:{night + timedelta(days=1):%Y%m%d}T070000\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()
    seen = phone.post("/api/v1/plans/active/rota", files={"file": ("rota.ics", rota)},
                      data={"dry_run": "true", "map": "night=none"})  # fmt: skip
    assert seen.status_code == 200, seen.text
    assert seen.json()["saved"] is False and "1 night" in seen.json()["change"]
    broken = phone.post("/api/v1/plans/active/rota", files={"file": ("x.ics", b"not a rota")})
    assert broken.status_code == 422 and "x.ics" in broken.text


def test_goal_check_prediction_and_paces_answer_from_results(app, ann: Runner):
    phone = script(app, ann.token("read"))
    verdict = phone.post(
        "/api/v1/goal-check",
        json={
            "goal": "marathon=3:59:59",
            "date": (date.today() + timedelta(days=150)).isoformat(),
            "results": ["half=1:55:00"],
            "weekly_distance": "45km",
        },
    ).json()
    assert verdict["verdict"] in ("within reach", "a stretch", "not realistic this time")
    predicted = phone.post("/api/v1/predictions", json={"to": "10k", "results": ["5k=21:00"]})
    assert 40 * 60 < predicted.json()["seconds"] < 48 * 60
    paces = phone.post("/api/v1/paces", json={"results": ["5k=21:00"]}).json()
    assert paces["vdot"] > 40


@pytest.mark.parametrize("period", ["week", "month", "year"])
def test_reports_and_wins_answer_for_a_period(app, ann: Runner, period):
    phone = script(app, ann.token("read"))
    report = phone.get("/api/v1/reports", params={"period": period})
    assert report.status_code == 200 and report.json()["period"]["kind"] == period
    assert phone.get("/api/v1/wins").status_code == 200


def test_settings_change_units_and_heart_rate_profile(app, ann: Runner):
    body = {
        "name": "Ann",
        "units": "imperial",
        "timezone": "Europe/Ljubljana",
        "max_hr": 186,
        "resting_hr": 52,
    }
    changed = ann.client.put("/api/v1/account/settings", json=body, headers=ann.headers())
    assert changed.json()["units"] == "imperial" and changed.json()["max_hr"] == 186
    wrong = ann.client.put(
        "/api/v1/account/settings", json={**body, "timezone": "Mars/Base"}, headers=ann.headers()
    )
    assert wrong.status_code == 422


def test_the_account_export_holds_the_log_and_the_original_files(app, ann: Runner):
    import io
    import zipfile

    phone = script(app, ann.token("write"))
    phone.post("/api/v1/runs", json={"date": "2026-11-02", "distance": "8k", "duration": "44:00"})
    archive = zipfile.ZipFile(io.BytesIO(phone.get("/api/v1/account/export").content))
    assert {"manifest.json", "runs.json", "plans.json", "checkins.json"} <= set(archive.namelist())


def test_a_plan_reads_in_miles_for_a_runner_whose_units_are_miles(app, ann: Runner):
    """Issue 15: notes and long runs follow the runner's units (the API's display fields and
    the plan page)."""
    body = {"name": "Ann", "units": "imperial", "timezone": "Europe/Ljubljana"}
    ann.client.put("/api/v1/account/settings", json=body, headers=ann.headers())
    phone = script(app, ann.token("write"))
    profile = {**STARTS_TODAY, "weekly_distance": "25km", "longest_run_30d": None}
    assert phone.post("/api/v1/plans", json=profile).status_code == 201
    display = phone.get("/api/v1/plans/active").json()["display"]
    assert display["units"] == "imperial"
    assert any(" mi" in n for n in display["notes"]) and not any(
        " km" in n for n in display["notes"]
    )
    titles = [r["title"] for w in display["weeks"] for r in w["long_runs"]]
    assert titles and not any("km" in t for t in titles)
    page = ann.client.get("/plan", headers={"accept": "text/html"})
    assert page.status_code == 200 and "Long run" in page.text
    assert not [line for line in page.text.splitlines() if "Long run" in line and " km" in line]


RUNS = {"easy", "long", "tempo", "progression", "intervals", "hills", "race", "recovery", "strides"}


def test_the_api_takes_a_profile_that_says_everything_issue_15_asks_and_the_plan_follows(
    app, ann: Runner
):
    """Issue 15, what the profile must be able to say: a range of run days, age, a history
    without a log, where in the rotation today falls, runs after nights, a double on
    consecutive days on a track, the equipment; each changes the plan the API builds."""
    race_day = date.today() + timedelta(days=140)
    profile = {
        "goal": {"race": "10k", "date": race_day.isoformat(), "venue": "track",
                 "also": [{"date": (race_day - timedelta(days=1)).isoformat()}]},
        "run_days_per_week": "3-4", "age": 58, "years_running": 0.5,
        "weekly_distance": "20km", "longest_run_ever": "21km",
        "availability": {"cycle": {
            "today_is": 2, "days": ["night", "night", "off", "off", "off", "off"],
            "types": {"night": "none", "off": "any"}}},
        "night_shifts": {"run": "after"}, "long_run_day": "off", "facilities": ["hills"],
    }  # fmt: skip
    phone = script(app, ann.token("write"))
    built = phone.post("/api/v1/plans", json=profile)
    assert built.status_code == 201, built.text
    plan = built.json()["plan"]
    assert plan["max_run_days"] == 4 and plan["min_run_days"] == 3
    run_days = [sum(1 for d in w["days"] if any(x["kind"] in RUNS for x in d["workouts"]))
                for w in plan["weeks"]]  # fmt: skip
    assert min(run_days) >= 3 and max(run_days) == 4  # a week of 2 nights: 4 days needed
    notes = " ".join(plan["notes"])
    assert "At 58" in notes and "3-4 run days" in notes and "longest run ever" in notes
    days = {d["date"]: d for w in plan["weeks"] for d in w["days"]}
    names = ["night", "night (run after the last)", "off", "off", "off", "off"]
    for day, seen in days.items():  # today is day 2: the second night, a run after it
        position = (date.fromisoformat(day) - date.today()).days + 1
        assert seen["day_type"]["name"] == names[position % 6], day
    races = [w for d in days.values() for w in d["workouts"] if w["kind"] == "race"]
    assert len(races) == 2 and all(r["surface"] == "track" for r in races)
    titles = [w["title"] for d in days.values() for w in d["workouts"]]
    assert not any("treadmill" in t for t in titles)


def test_the_dashboard_reads_in_miles_for_a_runner_whose_units_are_miles(app, ann: Runner):
    """Today's card (titles, the plan's day, the reasons), the week and the warnings said km
    to a runner in miles: each is text written in km, put in the runner's units."""
    from datetime import UTC, datetime
    from datetime import time as clock

    import time_machine

    body = {"name": "Ann", "units": "imperial", "timezone": "Europe/Ljubljana"}
    ann.client.put("/api/v1/account/settings", json=body, headers=ann.headers())
    phone = script(app, ann.token("write"))
    today = date.today()
    monday = today + timedelta(days=7 - today.weekday())  # its week and runs on the page
    race = monday + timedelta(days=15 * 7 - 1)
    profile = {"goal": {"race": "half", "date": race.isoformat()}, "weekly_distance": "25km",
               "longest_run_30d": "9km", "start": monday.isoformat()}  # fmt: skip
    assert phone.post("/api/v1/plans", json=profile).status_code == 201
    for day in range(7):
        with time_machine.travel(datetime.combine(monday + timedelta(days=day), clock(9), UTC)):
            page = ann.client.get("/", headers={"accept": "text/html"})
        assert page.status_code == 200 and "This week" in page.text
        assert " mi" in page.text and " km" not in page.text, day
