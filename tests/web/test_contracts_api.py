"""Commitment contracts and coaches through the HTTP API (SQLite, and PostgreSQL when
configured): a contract judged over four weeks of imported runs with a sick week excused, a
referee overturning a period, and a coach editing an athlete's plan."""

from __future__ import annotations

import dataclasses
import io
import json
import zipfile
from datetime import UTC, date, datetime, time, timedelta

import time_machine
from fastapi import FastAPI
from sqlalchemy import func, select

from runcoach.services import notifications
from runcoach.services.contract_judging import judge_all_due
from runcoach.store.people import athlete_by_email
from runcoach.store.tables import contract_periods
from tests.web.conftest import Runner, sign_up
from tests.web.test_api import SHIFT_PROFILE, STARTS_TODAY, script, wait_for

KM_PER_RUN = 5.0


def gpx_run(day: date, km: float = KM_PER_RUN) -> bytes:
    """A GPX track of a steady run at 6:00/km starting at 07:00 UTC on ``day``."""
    start = datetime.combine(day, time(7, 0), tzinfo=UTC)
    steps = int(km * 1000 / 25)  # a point every 25 m, every 9 s
    points = "".join(
        f'<trkpt lat="{46.05 + i * 25 / 111_195:.7f}" lon="14.5"><ele>300</ele>'
        f"<time>{(start + timedelta(seconds=9 * i)).strftime('%Y-%m-%dT%H:%M:%SZ')}</time></trkpt>"
        for i in range(steps + 1)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><gpx version="1.1" creator="test" '
        'xmlns="http://www.topografix.com/GPX/1/1"><trk><name>run</name><type>running</type>'
        f"<trkseg>{points}</trkseg></trk></gpx>"
    ).encode()


def this_monday() -> date:
    today = date.today()
    return today - timedelta(days=today.weekday())


def import_runs(app: FastAPI, runner: Runner, days: list[date]) -> None:
    phone = script(app, runner.token("write"))
    files = [("files", (f"run-{d.isoformat()}.gpx", gpx_run(d))) for d in days]
    job = wait_for(phone, phone.post("/api/v1/uploads", files=files).json())
    assert job["files_done"] == len(days), job


def sign_contract(ann: Runner, start: date, referee: str | None) -> dict:
    body = {
        "goal": {"kind": "run-days", "run_days": 3},
        "start": start.isoformat(),
        "weeks": 4,
        "stake": {
            "amount": 20,
            "currency": "EUR",
            "receiver": "anti-charity",
            "receiver_name": "the other club",
        },
        "max_excused": 1,
        "referee_days": 7,
        "referee": referee,
    }
    # signed the day before it starts (the contract may not be over before it is signed)
    with time_machine.travel(datetime.combine(start - timedelta(days=1), time(12), UTC)):
        answer = ann.client.post("/api/v1/contracts", json=body, headers=ann.headers())
    assert answer.status_code == 201, answer.text
    return answer.json()


def accept_role(bob: Runner, contract: dict, start: date) -> None:
    """Bob accepts to referee the contract (the day before it starts, as it was signed)."""
    with time_machine.travel(datetime.combine(start - timedelta(days=1), time(13), UTC)):
        answer = bob.client.post(
            f"/api/v1/contracts/{contract['id']}/referee/accept", headers=bob.headers()
        )
    assert answer.status_code == 200, answer.text
    assert answer.json()["referee_state"] == "accepted"


def four_weeks(app: FastAPI, ann: Runner, bob: Runner) -> tuple[dict, list[date]]:
    """Ann's contract of 3 run days a week for the 4 weeks before last week, refereed by Bob:
    week 1 kept, week 2 sick (excused), week 3 short of runs, week 4 kept. Her sick days are
    told in check-ins, then her runs imported: the import judges the weeks that are over."""
    start = this_monday() - timedelta(days=35)
    contract = sign_contract(ann, start, bob.email)
    accept_role(bob, contract, start)
    week = [start + timedelta(days=7 * n) for n in range(4)]
    runs = [
        week[0],
        week[0] + timedelta(2),
        week[0] + timedelta(5),
        week[1] + timedelta(1),
        week[2],
        week[2] + timedelta(3),
        week[3] + timedelta(1),
        week[3] + timedelta(3),
        week[3] + timedelta(6),
    ]
    for sick in (week[1] + timedelta(2), week[1] + timedelta(3), week[1] + timedelta(4)):
        told = ann.client.post(
            "/api/v1/checkins",
            json={"date": sick.isoformat(), "feel": "sick", "symptoms": "below-neck"},
            headers=ann.headers(),
        )
        assert told.status_code < 300, told.text
    import_runs(app, ann, runs)
    return contract, runs


def test_a_contract_is_judged_over_four_weeks_of_imported_runs_with_a_sick_week_excused(
    app, ann, bob
):
    contract, _ = four_weeks(app, ann, bob)
    shown = ann.client.get(f"/api/v1/contracts/{contract['id']}").json()
    outcomes = [p["outcome"] for p in shown["periods"]]
    assert outcomes == ["kept", "excused", "missed", "kept"], shown["periods"]
    first, sick, short, _ = shown["periods"]
    assert len(first["run_ids"]) == 3 and "3 run days" in first["seen"]
    assert "excuse 1 of 1" in sick["rule"] and len(sick["unwell_days"]) == 3
    assert "2 run days" in short["seen"] and "3 run days needed" in short["rule"]
    assert shown["tally"] == {"kept": 2, "missed": 1, "excused": 1, "open": 0, "owed": "20.00 EUR"}
    assert all(p["review"] == "awaiting" for p in shown["periods"])
    assert shown["status"] == "over" and shown["role"] == "runner"
    # the runner's data export carries the contract and its judged weeks
    export = zipfile.ZipFile(io.BytesIO(ann.client.get("/api/v1/account/export").content))
    kept = json.loads(export.read("contracts.json"))
    assert [p["final"] for p in kept[0]["periods"]] == ["kept", "excused", "missed", "kept"]
    # the referee sees the same contract
    assert bob.client.get(f"/api/v1/contracts/{contract['id']}").json()["role"] == "referee"


def test_a_referee_overturns_a_period_and_the_runner_cannot(app, ann, bob):
    contract, _ = four_weeks(app, ann, bob)
    url = f"/api/v1/contracts/{contract['id']}/periods/3"
    mine = ann.client.post(f"{url}/review", json={"decision": "overturn"}, headers=ann.headers())
    assert mine.status_code == 403  # nobody referees their own contract
    disputed = ann.client.post(
        f"{url}/dispute", json={"note": "ran on the treadmill, no watch"}, headers=ann.headers()
    )
    assert disputed.status_code == 200, disputed.text
    assert disputed.json()["periods"][2]["review"] == "disputed"
    answer = bob.client.post(
        f"{url}/review",
        json={"decision": "overturn", "note": "I saw her on the treadmill"},
        headers=bob.headers(),
    )
    assert answer.status_code == 200, answer.text
    period = answer.json()["periods"][2]
    assert (period["automatic"], period["outcome"], period["review"]) == (
        "missed",
        "kept",
        "overturned",
    )
    assert period["decision"]["note"] == "I saw her on the treadmill"
    again = bob.client.post(f"{url}/review", json={"decision": "confirm"}, headers=bob.headers())
    assert again.status_code == 422  # decided once
    confirmed = bob.client.post(
        f"/api/v1/contracts/{contract['id']}/periods/1/review",
        json={"decision": "confirm"},
        headers=bob.headers(),
    )
    assert confirmed.json()["periods"][0]["review"] == "confirmed"
    shown = ann.client.get(f"/api/v1/contracts/{contract['id']}").json()
    assert shown["tally"]["missed"] == 0 and shown["tally"]["owed"] == "0.00 EUR"


def test_after_the_referees_time_the_automatic_verdict_stands(app, ann, bob):
    contract, _ = four_weeks(app, ann, bob)
    with time_machine.travel(datetime.now(UTC) + timedelta(days=8)):
        late = bob.client.post(
            f"/api/v1/contracts/{contract['id']}/periods/3/review",
            json={"decision": "overturn"},
            headers=bob.headers(),
        )
        assert late.status_code == 422 and "automatic verdict stands" in late.text
        shown = ann.client.get(f"/api/v1/contracts/{contract['id']}").json()
    assert [p["review"] for p in shown["periods"]] == ["lapsed"] * 4
    assert shown["periods"][2]["review_note"].startswith("the referee did not decide in time")


def test_a_signed_contract_is_made_harder_never_easier_and_ending_it_is_recorded(app, ann, bob):
    start = this_monday() + timedelta(days=7)
    contract = sign_contract(ann, start, bob.email)
    url = f"/api/v1/contracts/{contract['id']}"
    terms = {
        "goal": {"kind": "run-days", "run_days": 2},
        "start": start.isoformat(),
        "weeks": 4,
        "stake": {
            "amount": 5,
            "currency": "EUR",
            "receiver": "anti-charity",
            "receiver_name": "the other club",
        },
        "max_excused": 1,
    }
    easier = ann.client.put(url, json=terms, headers=ann.headers())
    assert easier.status_code == 409
    assert "fewer run days" in easier.text and "smaller stake" in easier.text
    harder = {
        **terms,
        "goal": {"kind": "run-days", "run_days": 4},
        "weeks": 6,
        "stake": {**terms["stake"], "amount": 25},
    }
    answer = ann.client.put(url, json=harder, headers=ann.headers())
    assert answer.status_code == 200, answer.text
    assert answer.json()["terms"]["goal"]["run_days"] == 4 and len(answer.json()["history"]) == 1
    assert bob.client.put(url, json=harder, headers=bob.headers()).status_code == 403
    ended = ann.client.post(f"{url}/end", json={"reason": "moved abroad"}, headers=ann.headers())
    assert ended.json()["status"] == "ended" and ended.json()["ended"]["reason"] == "moved abroad"
    assert ann.client.put(url, json=harder, headers=ann.headers()).status_code == 409


def test_a_referee_must_have_an_account_and_may_not_be_the_runner(app, ann, bob):
    start = this_monday() + timedelta(days=7)
    body = {
        "goal": {"kind": "weekly-distance", "distance": "30k"},
        "start": start.isoformat(),
        "weeks": 2,
        "stake": {"amount": 10, "currency": "usd", "receiver": "friend", "receiver_name": "Bob"},
    }
    for referee, status in (("nobody@example.com", 404), (ann.email, 422)):
        answer = ann.client.post(
            "/api/v1/contracts", json={**body, "referee": referee}, headers=ann.headers()
        )
        assert answer.status_code == status, answer.text
    no_referee = ann.client.post("/api/v1/contracts", json=body, headers=ann.headers())
    assert no_referee.status_code == 201, no_referee.text
    assert no_referee.json()["terms"]["stake"]["currency"] == "USD"


def periods_stored(app: FastAPI) -> int:
    with app.state.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(contract_periods)).scalar_one())


def test_a_read_only_tokens_get_stores_nothing_the_judging_job_does(app, ann):
    start = this_monday() - timedelta(days=14)
    contract = sign_contract(ann, start, None)
    for day in (start, start + timedelta(days=2), start + timedelta(days=4)):
        typed = {"date": day.isoformat(), "distance": "5k", "duration": "30:00"}
        assert ann.client.post("/api/v1/runs", json=typed, headers=ann.headers()).is_success
    told = len(told_to(app, ann))
    reader = script(app, ann.token("read"))
    shown = reader.get(f"/api/v1/contracts/{contract['id']}").json()
    assert [p["outcome"] for p in shown["periods"]][:2] == ["kept", "missed"]  # as the log says
    assert reader.get("/api/v1/contracts").status_code == 200
    assert ann.client.get(f"/contracts/{contract['id']}").status_code == 200  # the page too
    assert periods_stored(app) == 0 and len(told_to(app, ann)) == told
    assert reader.post("/api/v1/contracts/judge").status_code == 403
    judged = ann.client.post("/api/v1/contracts/judge", headers=ann.headers())
    assert judged.json() == {"judged": 2} and periods_stored(app) == 2
    assert judge_all_due(app.state.engine) == 0  # the job's round finds nothing more


def test_the_referee_accepts_refuses_and_steps_down_through_the_api(app, ann, bob):
    start = this_monday() + timedelta(days=7)
    contract = sign_contract(ann, start, bob.email)
    url = f"/api/v1/contracts/{contract['id']}"
    assert contract["status"] == "awaiting-referee" and contract["referee_state"] == "asked"
    refused = bob.client.post(f"{url}/referee/refuse", json={"note": "busy"}, headers=bob.headers())
    assert refused.status_code == 204, refused.text
    assert bob.client.get(url).status_code == 404
    again = ann.client.put(f"{url}/referee", json={"referee": bob.email}, headers=ann.headers())
    assert again.json()["referee_state"] == "asked", again.text
    accepted = bob.client.post(f"{url}/referee/accept", headers=bob.headers()).json()
    assert accepted["status"] == "active" and accepted["referee_state"] == "accepted"
    replace = ann.client.put(f"{url}/referee", json={"referee": None}, headers=ann.headers())
    assert replace.status_code == 409  # an accepted referee steps down; nobody removes them
    down = bob.client.post(
        f"{url}/referee/step-down", json={"note": "moving"}, headers=bob.headers()
    )
    assert down.status_code == 204
    shown = ann.client.get(url).json()
    assert (shown["referee"], shown["referee_state"], shown["referee_note"]) == (
        None,
        "stepped-down",
        "moving",
    )
    assert "stepped down" in told_to(app, ann)[0]["subject"]


# ---- the coach ------------------------------------------------------------------------------


def coached(app: FastAPI, ann: Runner, access: str = "read-write") -> Runner:
    """Carl, a coach, accepts Ann's invitation."""
    carl = sign_up(app, "carl@example.com")
    link = ann.client.post(
        "/api/v1/coaching/invitations", json={"access": access}, headers=ann.headers()
    ).json()["link"]
    accepted = carl.client.post(
        "/api/v1/coach/invitations/accept",
        json={"code": link.rsplit("/", 1)[1]},
        headers=carl.headers(),
    )
    assert accepted.status_code == 201, accepted.text
    return carl


def _days(plan: dict) -> list[dict]:
    return [
        d
        for w in plan["weeks"]
        for d in w["days"]
        if date.fromisoformat(d["date"]) > date.today() + timedelta(days=1)
    ]


def test_a_coach_edits_an_athletes_plan_the_rules_are_checked_and_the_athlete_sees_why(app, ann):
    assert ann.client.post("/api/v1/plans", json=SHIFT_PROFILE, headers=ann.headers()).is_success
    carl = coached(app, ann)
    team = carl.client.get("/api/v1/coach/athletes").json()
    assert [a["email"] for a in team] == ["ann@example.com"] and len(team[0]["days"]) == 7
    me = team[0]["athlete_id"]
    view = carl.client.get(f"/api/v1/coach/athletes/{me}").json()
    days = _days(view["plan"])
    quality = next(
        d
        for d in days
        if any(w["kind"] in ("tempo", "intervals", "hills", "progression") for w in d["workouts"])
    )
    day_after = (date.fromisoformat(quality["date"]) + timedelta(days=1)).isoformat()
    url = f"/api/v1/coach/athletes/{me}/plan/days"
    refused = carl.client.put(
        f"{url}/{day_after}",
        json={"workout": "6x800m@5k", "note": "more speed"},
        headers=carl.headers(),
    )
    assert refused.status_code == 422 and "breaks" in refused.text, refused.text
    assert ann.client.get("/api/v1/plans/active").json()["plan"] == view["plan"]  # unchanged
    easy = next(d for d in days if any(w["kind"] == "easy" for w in d["workouts"]))
    saved = carl.client.put(
        f"{url}/{easy['date']}",
        json={"workout": "easy 30min", "note": "your knee: keep it short"},
        headers=carl.headers(),
    )
    assert saved.status_code == 200, saved.text
    changes = ann.client.get("/api/v1/coaching/plan-changes").json()
    assert changes[0]["note"] == "your knee: keep it short" and "->" in changes[0]["change"]
    assert changes[0]["by"].startswith("carl") and changes[0]["day"] == easy["date"]
    after = ann.client.get("/api/v1/plans/active").json()["plan"]
    edited = next(d for w in after["weeks"] for d in w["days"] if d["date"] == easy["date"])
    assert (
        edited["workouts"][0]["title"]
        != next(w["title"] for w in easy["workouts"] if w["kind"] == "easy")
        or edited["note"]
    )


def test_a_read_only_coach_cannot_edit_and_a_revoked_coach_sees_nothing_at_once(app, ann):
    assert ann.client.post("/api/v1/plans", json=SHIFT_PROFILE, headers=ann.headers()).is_success
    carl = coached(app, ann, access="read")
    me = carl.client.get("/api/v1/coach/athletes").json()[0]["athlete_id"]
    day = _days(carl.client.get(f"/api/v1/coach/athletes/{me}").json()["plan"])[0]["date"]
    edit = carl.client.put(
        f"/api/v1/coach/athletes/{me}/plan/days/{day}",
        json={"workout": "easy 30min", "note": "x"},
        headers=carl.headers(),
    )
    assert edit.status_code == 403
    grant = ann.client.get("/api/v1/coaching/coaches").json()[0]
    assert grant["state"] == "live" and grant["coach"]["email"] == "carl@example.com"
    assert (
        ann.client.delete(
            f"/api/v1/coaching/coaches/{grant['id']}", headers=ann.headers()
        ).status_code
        == 204
    )
    assert carl.client.get(f"/api/v1/coach/athletes/{me}").status_code == 404
    assert carl.client.get("/api/v1/coach/athletes").json() == []
    assert (
        carl.client.post(
            "/api/v1/coach/predictions", json={"to": "10k"}, headers=carl.headers()
        ).json()
        == []
    )


def test_a_coach_predicts_the_team_from_each_athletes_own_log(app, ann):
    carl = coached(app, ann)
    dan = sign_up(app, "dan@example.com")
    link = dan.client.post(
        "/api/v1/coaching/invitations", json={"access": "read"}, headers=dan.headers()
    ).json()["link"]
    carl.client.post(
        "/api/v1/coach/invitations/accept",
        json={"code": link.rsplit("/", 1)[1]},
        headers=carl.headers(),
    )
    race = {
        "date": (date.today() - timedelta(days=20)).isoformat(),
        "distance": "10k",
        "duration": "50:00",
        "type": "race",
    }
    made = ann.client.post("/api/v1/runs", json=race, headers=ann.headers())
    assert made.status_code == 201, made.text
    ann.client.patch(
        f"/api/v1/runs/{made.json()['id']}",
        json={"is_race": True, "official_time": "50:00"},
        headers=ann.headers(),
    )
    lines = carl.client.post(
        "/api/v1/coach/predictions", json={"to": "half"}, headers=carl.headers()
    ).json()
    by_email = {line["athlete"].split("(")[1].rstrip(")"): line for line in lines}
    assert set(by_email) == {"ann@example.com", "dan@example.com"}
    assert 100 * 60 < by_email["ann@example.com"]["seconds"] < 125 * 60, by_email
    assert "error" in by_email["dan@example.com"]  # nothing in Dan's log to predict from


def told_to(app: FastAPI, runner: Runner) -> list[dict]:
    """The runner's in-app notifications, newest first (services/notifications.py)."""
    with app.state.engine.connect() as conn:
        athlete = athlete_by_email(conn, runner.email)
    assert athlete is not None
    found = notifications.list_notifications(app.state.engine, athlete_id=athlete)
    return [dataclasses.asdict(n) for n in found]


def test_the_referee_is_asked_and_the_runner_told_in_their_notifications(app, ann, bob):
    contract, _ = four_weeks(app, ann, bob)
    bobs = told_to(app, bob)
    asks = [n for n in bobs if n["kind"] == "referee_request"]
    assert len(asks) == 5  # the request to referee, then one per judged week
    assert any("Week 3" in n["subject"] and "missed" in n["subject"] for n in asks)
    anns = [n for n in told_to(app, ann) if n["kind"] == "contract"]
    assert len([n for n in anns if n["subject"].startswith("Week ")]) == 4
    assert any("accepted to referee your contract" in n["subject"] for n in anns)
    bob.client.post(
        f"/api/v1/contracts/{contract['id']}/periods/3/review",
        json={"decision": "overturn", "note": "seen"},
        headers=bob.headers(),
    )
    told = told_to(app, ann)[0]
    assert told["kind"] == "contract" and "overturned week 3" in told["subject"]


def test_a_coach_comments_on_an_athletes_run_and_the_athlete_is_told(app, ann):
    carl = coached(app, ann, access="read")
    run = ann.client.post(
        "/api/v1/runs",
        json={"date": date.today().isoformat(), "distance": "8k", "duration": "44:00"},
        headers=ann.headers(),
    ).json()
    me = carl.client.get("/api/v1/coach/athletes").json()[0]["athlete_id"]
    said = carl.client.post(
        f"/api/v1/coach/athletes/{me}/runs/{run['id']}/comments",
        json={"body": "Good steady one"},
        headers=carl.headers(),
    )
    assert said.status_code == 201, said.text
    told = told_to(app, ann)
    assert any(n["kind"] == "comment" and "Good steady one" in n["body"] for n in told)
    assert any(n["kind"] == "coach" for n in told)  # the coach accepted the invitation
    grant = ann.client.get("/api/v1/coaching/coaches").json()[0]
    ann.client.delete(f"/api/v1/coaching/coaches/{grant['id']}", headers=ann.headers())
    again = carl.client.post(
        f"/api/v1/coach/athletes/{me}/runs/{run['id']}/comments",
        json={"body": "still here?"},
        headers=carl.headers(),
    )
    assert again.status_code == 404


def test_a_coach_builds_an_athletes_plan_from_a_profile_and_records_a_shift_and_a_rota(app, ann):
    carl = coached(app, ann)
    me = carl.client.get("/api/v1/coach/athletes").json()[0]["athlete_id"]
    url = f"/api/v1/coach/athletes/{me}"
    built = carl.client.post(
        f"{url}/plans",
        json={"profile": STARTS_TODAY, "note": "built around your shifts"},
        headers=carl.headers(),
    )
    assert built.status_code == 201, built.text
    assert ann.client.get("/api/v1/plans/active").json()["plan"] == built.json()["plan"]
    day = (date.today() + timedelta(days=4)).isoformat()  # a "night": no run
    shifted = carl.client.post(
        f"{url}/plan/shifts",
        json={"day": day, "day_type": "off", "note": "you swapped that night"},
        headers=carl.headers(),
    )
    assert shifted.status_code == 200, shifted.text
    assert shifted.json()["shift"]["change"] == f"{day} becomes off"
    night = date.today() + timedelta(days=9)
    rota = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Night\r\n"
        f"DTSTART:{night:%Y%m%d}T190000\r\nDTEND:{night + timedelta(days=1):%Y%m%d}T070000\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()
    from_rota = carl.client.post(
        f"{url}/plan/rota",
        files={"file": ("rota.ics", rota)},
        data={"map": "night=none", "note": "your December rota", "accept_breaks": "true"},
        headers=carl.headers(),
    )
    assert from_rota.status_code == 200, from_rota.text
    changes = ann.client.get("/api/v1/coaching/plan-changes").json()
    assert [c["note"] for c in changes] == [
        "your December rota",
        "you swapped that night",
        "built around your shifts",
    ]
    assert changes[2]["change"].startswith("a new plan from a profile")
    assert changes[1]["change"].startswith(f"shift: {day} becomes off")
    shown = ann.client.get("/api/v1/plans/active").json()["plan"]
    types = {d["date"]: d["day_type"]["name"] for w in shown["weeks"] for d in w["days"]}
    assert types[day] == "off"
    told = [n["subject"] for n in told_to(app, ann) if n["kind"] == "coach"]
    assert sum("changed your plan" in s for s in told) == 3


def test_a_read_only_coach_builds_no_plan_and_records_no_shift(app, ann):
    carl = coached(app, ann, access="read")
    me = carl.client.get("/api/v1/coach/athletes").json()[0]["athlete_id"]
    url = f"/api/v1/coach/athletes/{me}"
    refused = carl.client.post(
        f"{url}/plans", json={"profile": STARTS_TODAY, "note": "x"}, headers=carl.headers()
    )
    assert refused.status_code == 403
    shift = {"day": date.today().isoformat(), "day_type": "off", "note": "x"}
    assert (
        carl.client.post(f"{url}/plan/shifts", json=shift, headers=carl.headers()).status_code
        == 403
    )
    assert ann.client.get("/api/v1/plans/active").status_code == 404  # nothing was built


def test_a_coach_builds_a_plan_and_records_a_shift_on_the_athletes_page(app, ann):
    carl = coached(app, ann)
    me = carl.client.get("/api/v1/coach/athletes").json()[0]["athlete_id"]
    page = carl.client.get(f"/coach/athletes/{me}")
    assert (
        page.status_code == 200 and 'id="build"' in page.text and 'name="cycle_days"' in page.text
    )
    form = {
        "csrf_token": carl.csrf, "goal_kind": "race", "race": "half",
        "race_date": (date.today() + timedelta(days=100)).isoformat(), "target": "1:55:00",
        "weekly_distance": "30km", "longest_run_30d": "14km", "run_days_per_week": "4",
        "long_run_day": "off", "availability": "cycle",
        "cycle_start": date.today().isoformat(), "cycle_days": "on, on, on, on, off, off, off",
        "type_name_0": "on", "type_kind_0": "short", "type_minutes_0": "35",
        "type_name_1": "off", "type_kind_1": "any", "note": "a half in spring, around your 4-on",
    }  # fmt: skip
    wrong = carl.client.post(f"/coach/athletes/{me}/plan", data={**form, "race": "200mi"})
    assert wrong.status_code == 200 and "Not built" in wrong.text and "200mi" in wrong.text
    assert ann.client.get("/api/v1/plans/active").status_code == 404  # nothing was built
    built = carl.client.post(f"/coach/athletes/{me}/plan", data=form)
    assert built.status_code == 200 and 'id="coach-shift"' in built.text, built.text[:500]
    plan = ann.client.get("/api/v1/plans/active").json()["plan"]
    assert {d["day_type"]["name"] for w in plan["weeks"] for d in w["days"]} == {"on", "off"}
    day = (date.today() + timedelta(days=8)).isoformat()
    shifted = carl.client.post(
        f"/coach/athletes/{me}/plan/shifts",
        data={"csrf_token": carl.csrf, "day": day, "day_type": "off", "note": "swapped",
              "accept_breaks": "true"},
    )  # fmt: skip
    assert shifted.status_code == 200 and "Not saved" not in shifted.text
    mine = ann.client.get("/coaching").text
    assert "a half in spring, around your 4-on" in mine and "swapped" in mine
