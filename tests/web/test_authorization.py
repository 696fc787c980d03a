"""The authorization matrix: every API endpoint, called as another runner, as a logged-out
visitor and with a read-only token, is refused, and nothing of the runner leaks."""

from __future__ import annotations

import re
import time
from datetime import date, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from runcoach.store.people import athlete_by_email
from tests.web.conftest import Runner, sign_up
from tests.web.test_api import SHIFT_PROFILE

SECRET = "ANN-PRIVATE-7f3a"  # in Ann's run name, shoe, notes: must never reach anyone else
# POSTs that only compute (nothing stored): a read-only token may send them.
COMPUTING = {"/api/v1/goal-check", "/api/v1/predictions", "/api/v1/paces",
             "/api/v1/plans/active/moves/preview", "/api/v1/coach/predictions",
             "/api/v1/plans/active/shifts/preview"}  # fmt: skip
PUBLIC = {"/api/v1/feed/{token}.ics"}  # the secret in the URL is the credential
# Another runner asking for one of these of Ann's learns nothing: 404, as for a thing that is not.
OTHERS_NOT_FOUND = ("run_id", "job_id", "name", "contract_id", "grant_id")
SESSION_ONLY = {"/api/v1/tokens", "/api/v1/tokens/{token_id}", "/api/v1/account/password",
                "/api/v1/account/delete", "/api/v1/account/feed", "/api/v1/admin/signups",
                "/api/v1/admin/invitations"}  # fmt: skip


def api_routes(app: FastAPI) -> list[tuple[str, str]]:
    """Every (method, path) of the API, read from its OpenAPI document: FastAPI 0.165 keeps
    an included router's routes inside it (``app.routes`` no longer lists them)."""
    found = []
    for path, operations in app.openapi()["paths"].items():
        if path.startswith("/api/v1"):
            found += [(method.upper(), path) for method in sorted(operations)]
    """Every /api/v1 endpoint, read from the app's OpenAPI document: FastAPI 0.165 lists
    included routers as ``_IncludedRouter`` objects in ``app.routes``, so walking it for
    ``APIRoute``s found none and the matrix below tested nothing."""
    found = []
    for path, methods in app.openapi()["paths"].items():
        if path.startswith("/api/v1"):
            found += [(method.upper(), path) for method in sorted(methods) if method != "head"]
    assert len(found) > 50, "the matrix must see the API's endpoints"
    return found


def test_the_matrix_sees_every_endpoint(app):
    paths = {path for _, path in api_routes(app)}
    assert {"/api/v1/runs", "/api/v1/contracts/{contract_id}", "/api/v1/coach/athletes"} <= paths
    assert len(paths) > 40


@pytest.fixture
def anns_things(app: FastAPI, ann: Runner) -> dict[str, str]:
    """Ann's run, upload, shoes, plan and token: the ids another runner will try."""
    headers = ann.headers()
    ann.client.post("/api/v1/shoes", json={"name": f"{SECRET} shoes"}, headers=headers)
    run = ann.client.post("/api/v1/runs", json={
        "date": (date.today() - timedelta(days=2)).isoformat(), "distance": "8k",
        "duration": "44:00", "name": f"{SECRET} run", "notes": SECRET,
        "shoes": f"{SECRET} shoes"}, headers=headers).json()  # fmt: skip
    job = ann.client.post(
        "/api/v1/uploads", files={"files": ("x.gpx", b"<gpx/>")}, headers=headers
    ).json()
    ann.client.post("/api/v1/plans", json=SHIFT_PROFILE, headers=headers)
    token = ann.client.post(
        "/api/v1/tokens", json={"name": SECRET, "scope": "write"}, headers=headers
    ).json()
    secret_stake = {**BODIES["/api/v1/contracts"]["stake"], "receiver_name": f"{SECRET} club"}
    contract = ann.client.post(
        "/api/v1/contracts",
        json={**BODIES["/api/v1/contracts"], "stake": secret_stake},
        headers=headers,
    ).json()
    ann.client.post("/api/v1/coaching/invitations", json={"access": "read-write"}, headers=headers)
    grant = ann.client.get("/api/v1/coaching/coaches").json()[0]
    with app.state.engine.connect() as conn:
        athlete = athlete_by_email(conn, ann.email)
    time.sleep(0.5)  # the upload job runs beside
    day = (date.today() + timedelta(days=5)).isoformat()
    return {
        "contract_id": str(contract["id"]),
        "number": "1",
        "grant_id": str(grant["id"]),
        "athlete_id": str(athlete),
        "run_id": str(run["id"]),
        "job_id": str(job["id"]),
        "token_id": str(token["id"]),
        "name": f"{SECRET} shoes",
        "day": day,
        "token": "not-a-feed-token",
        # issue 14's sharing: ids of things another runner may not touch
        "zone_id": "1", "comment_id": "1", "partnership_id": "1", "session_id": "1",
        "group_id": "1", "member_id": "1", "code": "not-a-code",
        "kind": "comment",
    }  # fmt: skip


def _path(template: str, values: dict[str, str]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], template)


BODIES = {
    "/api/v1/runs": {"date": "2026-11-01", "distance": "5k", "duration": "30:00"},
    "/api/v1/runs/{run_id}": {"name": "changed"},
    "/api/v1/plans/active/days/{day}": {"workout": "easy 30min"},
    "/api/v1/plans/active/moves": {"from_day": "2027-01-04", "to_day": "2027-01-05"},
    "/api/v1/plans/active/moves/preview": {"from_day": "2027-01-04", "to_day": "2027-01-05"},
    "/api/v1/goal-check": {"goal": "10k=50:00", "date": "2027-05-01"},
    "/api/v1/predictions": {"to": "10k"},
    "/api/v1/paces": {},
    "/api/v1/shoes": {"name": "new"},
    "/api/v1/shoes/{name}/retire": {},
    "/api/v1/account/settings": {"name": "x", "units": "metric"},
    "/api/v1/account/password": {"current": "x", "new": "yyyyyyyyyyyyyyy"},
    "/api/v1/account/delete": {"password": "correct horse battery staple"},
    "/api/v1/tokens": {"name": "x", "scope": "write"},
    "/api/v1/admin/signups": {"open": False},
    "/api/v1/admin/invitations": {},
    "/api/v1/today": {"feel": "tired"},
    "/api/v1/plans/active/shifts": {"day": "2027-01-05", "day_type": "off"},
    "/api/v1/plans/active/shifts/preview": {"day": "2027-01-05", "day_type": "off"},
    "/api/v1/checkins": {"feel": "tired"},
    "/api/v1/contracts": {
        "goal": {"kind": "run-days", "run_days": 4},
        "weeks": 2,
        "start": (date.today() + timedelta(days=7 - date.today().weekday())).isoformat(),
        "stake": {
            "amount": 20,
            "currency": "EUR",
            "receiver": "charity",
            "receiver_name": "a charity",
        },
    },
    "/api/v1/contracts/{contract_id}": {
        "goal": {"kind": "run-days", "run_days": 5},
        "weeks": 3,
        "start": (date.today() + timedelta(days=7 - date.today().weekday())).isoformat(),
        "stake": {
            "amount": 30,
            "currency": "EUR",
            "receiver": "charity",
            "receiver_name": "a charity",
        },
    },
    "/api/v1/contracts/{contract_id}/end": {"reason": "changed"},
    "/api/v1/contracts/{contract_id}/referee": {"referee": "bob@example.com"},
    "/api/v1/contracts/{contract_id}/referee/refuse": {"note": "no"},
    "/api/v1/contracts/{contract_id}/referee/step-down": {"note": "no"},
    "/api/v1/contracts/{contract_id}/periods/{number}/review": {"decision": "overturn"},
    "/api/v1/coaching/invitations": {"access": "read"},
    "/api/v1/coaching/coaches/{grant_id}": {"access": "read"},
    "/api/v1/coach/invitations/accept": {"code": "not-a-code"},
    "/api/v1/coach/athletes/{athlete_id}/plan/days/{day}": {"workout": "easy 30min", "note": "x"},
    "/api/v1/coach/predictions": {"to": "10k"},
    "/api/v1/coach/athletes/{athlete_id}/plans": {"profile": SHIFT_PROFILE, "note": "x"},
    "/api/v1/coach/athletes/{athlete_id}/plan/shifts": {
        "day": "2027-01-05",
        "day_type": "off",
        "note": "x",
    },
    "/api/v1/coach/athletes/{athlete_id}/runs/{run_id}/comments": {"body": "nice run"},
    "/api/v1/privacy": {"summary": "public"},
    "/api/v1/privacy/zones": {"name": "home", "latitude": 46.0, "longitude": 14.5},
    "/api/v1/runs/{run_id}/sharing": {"summary": "public"},
    "/api/v1/runs/{run_id}/comments": {"body": "hello"},
    "/api/v1/comments/{comment_id}/hide": {"hidden": True},
    "/api/v1/partners/invitations": {},
    "/api/v1/partners/skipped": {"kinds": ["intervals"]},
    "/api/v1/partner-sessions": {"partner_id": 1, "day": "2027-01-05"},
    "/api/v1/partner-sessions/{session_id}/answer": {"answer": "accept"},
    "/api/v1/groups": {"name": "club"},
    "/api/v1/groups/{group_id}/members/{member_id}/role": {"role": "admin"},
    "/api/v1/groups/{group_id}/challenges": {
        "name": "c",
        "measure": "run_days",
        "starts_on": "2027-01-04",
        "ends_on": "2027-01-31",
    },
    "/api/v1/notifications/read": {},
    "/api/v1/notifications/settings/{kind}": {"email": False},
    "/api/v1/notifications/reminder": {"time": "06:30"},
}


ROTA = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Night\r\n"
    b"DTSTART:20270105T190000\r\nDTEND:20270106T070000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def call(client: TestClient, method: str, template: str, values: dict[str, str], **kw: object):
    path = _path(template, values)
    if template == "/api/v1/uploads" and method == "POST":
        return client.post(path, files={"files": ("y.gpx", b"<gpx/>")}, **kw)
    if template == "/api/v1/plans/active/rota":
        return client.post(path, files={"file": ("rota.ics", ROTA)}, **kw)
    if template == "/api/v1/coach/athletes/{athlete_id}/plan/rota":
        return client.post(path, files={"file": ("rota.ics", ROTA)}, data={"note": "x"}, **kw)
    if template == "/api/v1/calendar":
        return client.get(path, params={"from": "2027-01-04", "to": "2027-01-10"}, **kw)
    body = BODIES.get(template)
    if method in ("POST", "PUT", "PATCH"):
        return client.request(method, path, json=body if body is not None else {}, **kw)
    return client.request(method, path, **kw)


def _unechoed(text: str, template: str, values: dict[str, str]) -> str:
    """The answer without the shoes' name the asker typed in the URL (a "there is no pair
    named ..." repeats what they asked for, the same whether Ann has such a pair or not)."""
    return text.replace(values["name"], "<asked>") if "{name}" in template else text


def test_a_logged_out_visitor_gets_401_from_every_endpoint(app, ann, anns_things):
    visitor = TestClient(app)
    for method, template in api_routes(app):
        if template in PUBLIC:
            continue
        answer = call(visitor, method, template, anns_things)
        assert answer.status_code == 401, (method, template, answer.text)
        assert SECRET not in answer.text


def test_a_read_only_token_changes_nothing_anywhere(app, ann, anns_things):
    reader = TestClient(app, headers={"Authorization": f"Bearer {ann.token('read')}"})
    for method, template in api_routes(app):
        if method == "GET" or template in COMPUTING or template in PUBLIC:
            continue
        answer = call(reader, method, template, anns_things)
        assert answer.status_code == 403, (method, template, answer.text)
    assert SECRET in reader.get(f"/api/v1/runs/{anns_things['run_id']}").text  # reads work


def test_another_runner_reaches_nothing_of_anns_with_a_token_or_a_session(
    app, ann, bob, anns_things
):
    token = TestClient(app, headers={"Authorization": f"Bearer {bob.token('write')}"})
    for client, headers in ((token, {}), (bob.client, bob.headers())):
        for method, template in api_routes(app):
            if template in ("/api/v1/account/delete", "/api/v1/account/password"):
                continue  # Bob's own account: covered in test_accounts
            answer = call(client, method, template, anns_things, headers=headers)
            echoed = SECRET in _path(template, anns_things)  # Bob typed the name himself
            assert echoed or SECRET not in answer.text, (method, template)
            if any(f"{{{key}}}" in template for key in OTHERS_NOT_FOUND) or template.startswith(
                "/api/v1/coach/athletes/{athlete_id}"
            ):
                assert answer.status_code == 404, (method, template, answer.status_code)
            if "{token_id}" in template:
                assert answer.status_code in (403, 404), (method, template)
    ann_view = ann.client.get(f"/api/v1/runs/{anns_things['run_id']}").json()
    assert ann_view["name"] == f"{SECRET} run"  # Bob's tries changed nothing of Ann's
    assert ann.client.get("/api/v1/shoes").json()[0]["retired_on"] is None
    assert ann.client.get("/api/v1/account").json()["email"] == "ann@example.com"
    assert [t["revoked"] for t in ann.client.get("/api/v1/tokens").json()] == [False]


def test_a_page_of_another_runners_run_is_not_found(app, ann, bob, anns_things):
    answer = bob.client.get(f"/runs/{anns_things['run_id']}", headers={"accept": "text/html"})
    assert answer.status_code == 404 and SECRET not in answer.text
    edit = bob.client.post(
        f"/runs/{anns_things['run_id']}/edit", data={"name": "mine now", "csrf_token": bob.csrf}
    )
    assert edit.status_code == 404


def test_a_coach_whose_access_was_revoked_reaches_nothing_of_anns(app, ann, anns_things):
    carl = sign_up(app, "carl@example.com")
    link = ann.client.post(
        "/api/v1/coaching/invitations", json={"access": "read-write"}, headers=ann.headers()
    ).json()["link"]
    carl.client.post(
        "/api/v1/coach/invitations/accept",
        json={"code": link.rsplit("/", 1)[1]},
        headers=carl.headers(),
    )
    assert [a["email"] for a in carl.client.get("/api/v1/coach/athletes").json()] == [ann.email]
    grant = next(g for g in ann.client.get("/api/v1/coaching/coaches").json() if g["coach"])
    ann.client.delete(f"/api/v1/coaching/coaches/{grant['id']}", headers=ann.headers())
    coach_routes = [
        (m, t) for m, t in api_routes(app) if t.startswith("/api/v1/coach/athletes/{athlete_id}")
    ]
    assert coach_routes
    for method, template in coach_routes:
        answer = call(carl.client, method, template, anns_things, headers=carl.headers())
        assert answer.status_code == 404, (method, template, answer.text)
        assert SECRET not in answer.text
    assert carl.client.get("/api/v1/coach/athletes").json() == []


def _contract_routes(app: FastAPI) -> list[tuple[str, str]]:
    return [(m, t) for m, t in api_routes(app) if t.startswith("/api/v1/contracts/{contract_id}")]


def test_a_referee_who_stepped_down_reaches_nothing_of_the_contract(app, ann, bob, anns_things):
    body = {**BODIES["/api/v1/contracts"], "referee": bob.email}
    made = ann.client.post("/api/v1/contracts", json=body, headers=ann.headers()).json()
    values = {**anns_things, "contract_id": str(made["id"])}
    url = f"/api/v1/contracts/{made['id']}"
    assert bob.client.get(url).json()["role"] == "referee"  # asked: Bob sees what he is asked
    accepted = bob.client.post(f"{url}/referee/accept", headers=bob.headers())
    assert accepted.status_code == 200, accepted.text
    gone = bob.client.post(f"{url}/referee/step-down", json={}, headers=bob.headers())
    assert gone.status_code == 204, gone.text
    routes = _contract_routes(app)
    assert len(routes) >= 8
    for method, template in routes:
        answer = call(bob.client, method, template, values, headers=bob.headers())
        assert answer.status_code == 404, (method, template, answer.text)
        assert SECRET not in answer.text
    assert [c["id"] for c in bob.client.get("/api/v1/contracts").json()] == []
    shown = ann.client.get(url).json()
    assert shown["referee"] is None and shown["referee_state"] == "stepped-down"


def test_a_coach_whose_access_was_revoked_reaches_no_contract_of_anns(app, ann, anns_things):
    carl = sign_up(app, "carl@example.com")
    link = ann.client.post(
        "/api/v1/coaching/invitations", json={"access": "read-write"}, headers=ann.headers()
    ).json()["link"]
    carl.client.post(
        "/api/v1/coach/invitations/accept",
        json={"code": link.rsplit("/", 1)[1]},
        headers=carl.headers(),
    )
    grant = next(g for g in ann.client.get("/api/v1/coaching/coaches").json() if g["coach"])
    ann.client.delete(f"/api/v1/coaching/coaches/{grant['id']}", headers=ann.headers())
    for method, template in _contract_routes(app):
        answer = call(carl.client, method, template, anns_things, headers=carl.headers())
        assert answer.status_code == 404, (method, template, answer.text)
        assert SECRET not in answer.text
