"""Issue 14's sharing half over HTTP (SQLite, and PostgreSQL when configured): two runners
become partners, a partner session is invited and accepted, a group board with three members,
the authorization matrix of every new endpoint (strangers, ex-partners, ex-group members,
read-only tokens, logged-out visitors), and a hidden point that never leaves the server."""

from __future__ import annotations

from datetime import date, timedelta

import gpxpy
import numpy as np
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from icalendar import Calendar

from runcoach.domain.accountability.zones import metres_between
from tests.conftest import ACTIVITIES, needs_shared_data
from tests.web.conftest import Runner, sign_up
from tests.web.test_api import script, wait_for

SECRET = "ANN-SHARED-9c1e"
GPS_FILE = ACTIVITIES / "sweatpy" / "4078723797.fit"
SOON = (date.today() + timedelta(days=3)).isoformat()


def post(runner: Runner, path: str, body: dict | None = None):
    return runner.client.post(path, json=body or {}, headers=runner.headers())


def put(runner: Runner, path: str, body: dict):
    return runner.client.put(path, json=body, headers=runner.headers())


def become_partners(one: Runner, other: Runner) -> int:
    invitation = post(one, "/api/v1/partners/invitations", {"email": other.email})
    assert invitation.status_code == 201, invitation.text
    code = invitation.json()["code"]
    assert other.client.get(f"/api/v1/partners/invitations/{code}").json()["name"] == "ann"
    accepted = post(other, f"/api/v1/partners/invitations/{code}/accept")
    assert accepted.status_code == 200, accepted.text
    return int(accepted.json()["partnership_id"])


def athlete_of(runner: Runner) -> int:
    return int(runner.client.get("/api/v1/account").json()["athlete_id"])


@pytest.fixture
def cy(app: FastAPI, bob: Runner):
    runner = sign_up(app, "cy@example.com")
    yield runner
    runner.client.close()


def test_two_runners_become_partners_and_one_sees_the_others_week(app, ann, bob):
    invitation_told = post(ann, "/api/v1/partners/invitations", {"email": "bob@example.com"})
    code = invitation_told.json()["code"]
    bell = bob.client.get("/api/v1/notifications").json()
    assert bell["unread"] == 1 and bell["notifications"][0]["link"] == f"/partners/join/{code}"
    post(bob, f"/api/v1/partners/invitations/{code}/accept")
    ann_id = athlete_of(ann)
    assert [p["athlete_id"] for p in bob.client.get("/api/v1/partners").json()] == [ann_id]
    assert bob.client.get(f"/api/v1/partners/{ann_id}/week").status_code == 403  # not shared
    put(ann, "/api/v1/privacy", {"summary": "partners"})
    post(ann, "/api/v1/runs", {"date": date.today().isoformat(), "distance": "8k",
                               "duration": "40:00", "name": "tempo Tuesday"})  # fmt: skip
    week = bob.client.get(f"/api/v1/partners/{ann_id}/week").json()
    assert [r["name"] for d in week["days"] for r in d["runs"]] == ["tempo Tuesday"]
    assert post(bob, "/api/v1/notifications/read").json()["marked"] == 1


def test_a_partner_session_invited_and_accepted_with_its_calendar_invite(app, ann, bob):
    become_partners(ann, bob)
    bob_id = athlete_of(bob)
    put(ann, "/api/v1/partners/skipped", {"kinds": ["intervals"]})
    assert ann.client.get("/api/v1/partners/skipped").json()["marked"] == ["intervals"]
    made = post(ann, "/api/v1/partner-sessions", {"partner_id": bob_id, "day": SOON,
                "start_time": "18:30", "workout_kind": "intervals"})  # fmt: skip
    assert made.status_code == 201, made.text
    session = made.json()["id"]
    told = bob.client.get("/api/v1/notifications").json()["notifications"]
    assert any(n["kind"] == "partner_session" for n in told)
    invite = Calendar.from_ical(
        bob.client.get(f"/api/v1/partner-sessions/{session}/invite.ics").text
    )
    assert next(iter(invite.walk("VEVENT")))["SUMMARY"].startswith("Run with ann and bob")
    answer = post(bob, f"/api/v1/partner-sessions/{session}/answer", {"answer": "accept"})
    assert answer.json()["status"] == "accepted"
    listed = ann.client.get("/api/v1/partner-sessions").json()
    assert [(s["id"], s["status"]) for s in listed] == [(session, "accepted")]


def test_a_group_board_with_three_members(app, ann, bob, cy):
    group = post(ann, "/api/v1/groups", {"name": "First half this spring", "kind": "goal",
                 "goal_distance": "half", "goal_date": SOON}).json()["id"]  # fmt: skip
    for runner in (bob, cy):
        assert post(runner, f"/api/v1/groups/{group}/join").status_code == 204
    for runner, km in ((ann, "10k"), (bob, "6k"), (cy, "5k")):
        put(runner, "/api/v1/privacy", {"summary": "group"})
        post(runner, "/api/v1/runs", {"date": date.today().isoformat(), "distance": km,
                                      "duration": "40:00"})  # fmt: skip
    post(ann, f"/api/v1/groups/{group}/challenges", {"name": "Most run days", "measure":
         "run_days", "starts_on": date.today().isoformat(), "ends_on": SOON})  # fmt: skip
    board = cy.client.get(f"/api/v1/groups/{group}/board").json()
    assert sorted(m["name"] for m in board["members"]) == ["ann", "bob", "cy"]
    assert all(m["run_days"] == 1 and m["streak_weeks"] == 1 for m in board["members"])
    assert len(board["runs"]) == 3 and len(board["challenges"][0]["standings"]) == 3
    anns = next(r for r in board["runs"] if r["name"] == "ann")
    assert post(cy, f"/api/v1/runs/{anns['run_id']}/kudos").json()["kudos"][0]["name"] == "cy"
    comment = post(bob, f"/api/v1/runs/{anns['run_id']}/comments", {"body": "Nice one"})
    assert comment.status_code == 201
    assert post(cy, f"/api/v1/comments/{comment.json()['id']}/hide").status_code == 403
    assert post(ann, f"/api/v1/comments/{comment.json()['id']}/hide").status_code == 204


@pytest.fixture
def shared(app, ann, bob, cy):
    """Ann shares one run with her partners; Bob was her partner, Cy was in her group."""
    put(ann, "/api/v1/privacy", {"summary": "partners", "map": "partners"})
    run = post(ann, "/api/v1/runs", {"date": date.today().isoformat(), "distance": "8k",
                                     "duration": "40:00", "name": SECRET}).json()["id"]  # fmt: skip
    partnership = become_partners(ann, bob)
    group = post(ann, "/api/v1/groups", {"name": "club"}).json()["id"]
    post(cy, f"/api/v1/groups/{group}/join")
    comment = post(bob, f"/api/v1/runs/{run}/comments", {"body": SECRET}).json()["id"]
    zone = post(ann, "/api/v1/privacy/zones", {"name": SECRET, "latitude": 46.0,
                                               "longitude": 14.5}).json()["id"]  # fmt: skip
    session = post(ann, "/api/v1/partner-sessions", {"partner_id": athlete_of(bob),
                   "day": SOON, "description": SECRET}).json()["id"]  # fmt: skip
    return {"run_id": run, "partnership_id": partnership, "group_id": group,
            "comment_id": comment, "zone_id": zone, "session_id": session,
            "athlete_id": athlete_of(ann)}  # fmt: skip


def _calls(ids: dict) -> list[tuple[str, str, dict | None]]:
    """Every new endpoint that touches Ann's things, with a body where it takes one."""
    a, r = ids["athlete_id"], ids["run_id"]
    return [
        ("GET", f"/api/v1/athletes/{a}/runs/{r}", None),
        ("GET", f"/api/v1/athletes/{a}/runs/{r}/samples", None),
        ("GET", f"/api/v1/athletes/{a}/runs/{r}/track.gpx", None),
        ("GET", f"/api/v1/runs/{r}/social", None),
        ("POST", f"/api/v1/runs/{r}/comments", {"body": "hi"}),
        ("POST", f"/api/v1/runs/{r}/kudos", {}),
        ("GET", f"/api/v1/runs/{r}/sharing", None),
        ("PUT", f"/api/v1/runs/{r}/sharing", {"summary": "public"}),
        ("POST", f"/api/v1/comments/{ids['comment_id']}/hide", {}),
        ("DELETE", f"/api/v1/comments/{ids['comment_id']}", None),
        ("DELETE", f"/api/v1/privacy/zones/{ids['zone_id']}", None),
        ("GET", f"/api/v1/partners/{a}/week", None),
        ("DELETE", f"/api/v1/partners/{ids['partnership_id']}", None),
        ("GET", f"/api/v1/partner-sessions/{ids['session_id']}/invite.ics", None),
        ("POST", f"/api/v1/partner-sessions/{ids['session_id']}/answer", {"answer": "accept"}),
        ("GET", f"/api/v1/groups/{ids['group_id']}/board", None),
        ("GET", f"/api/v1/groups/{ids['group_id']}/runs", None),
        ("POST", f"/api/v1/groups/{ids['group_id']}/invitations", {}),
        ("GET", f"/api/v1/groups/{ids['group_id']}/requests", None),
        ("POST", f"/api/v1/groups/{ids['group_id']}/requests/{a}", {"approve": True}),
        ("PUT", f"/api/v1/groups/{ids['group_id']}/open", {"is_open": False}),
        ("DELETE", f"/api/v1/groups/{ids['group_id']}/members/{a}", None),
        ("PUT", f"/api/v1/groups/{ids['group_id']}/members/{a}/role", {"role": "member"}),
        (
            "POST",
            f"/api/v1/groups/{ids['group_id']}/challenges",
            {"name": "c", "measure": "distance", "starts_on": SOON, "ends_on": SOON},
        ),
    ]


def _refused(client: TestClient, ids: dict, headers: dict | None = None) -> None:
    for method, path, body in _calls(ids):
        answer = client.request(method, path, json=body, headers=headers or {})
        assert answer.status_code in (401, 403, 404, 409), (method, path, answer.status_code)
        assert SECRET not in answer.text, (method, path)


def test_a_stranger_reaches_nothing_of_anns(app, ann, shared):
    dee = sign_up(app, "dee@example.com")
    _refused(dee.client, shared, dee.headers())
    _refused(script(app, dee.token()), shared)
    assert dee.client.get("/api/v1/shared-runs").json() == {"runs": [], "next": None}


def test_an_ex_partner_and_an_ex_group_member_reach_nothing_any_more(app, ann, bob, cy, shared):
    assert SECRET in bob.client.get(f"/api/v1/athletes/{shared['athlete_id']}/runs").text
    assert SECRET in bob.client.get("/api/v1/shared-runs").text
    bob.client.delete(f"/api/v1/partners/{shared['partnership_id']}", headers=bob.headers())
    post(cy, f"/api/v1/groups/{shared['group_id']}/leave")
    for runner in (bob, cy):
        _refused(runner.client, shared, runner.headers())
        assert SECRET not in runner.client.get(f"/api/v1/athletes/{shared['athlete_id']}/runs").text
        assert SECRET not in runner.client.get("/api/v1/shared-runs").text
        assert SECRET not in runner.client.get("/shared").text


def test_a_logged_out_visitor_and_a_read_only_token_change_nothing(app, ann, shared):
    visitor = TestClient(app)
    for method, path, body in _calls(shared):
        assert visitor.request(method, path, json=body).status_code == 401, path
    reader = script(app, ann.token("read"))
    for method, path, body in _calls(shared):
        if method != "GET":
            assert reader.request(method, path, json=body).status_code == 403, path
    assert ann.client.get(f"/api/v1/runs/{shared['run_id']}/social").json()["comments"]


@needs_shared_data()
def test_a_point_in_a_privacy_zone_never_leaves_the_server(app, ann, bob):
    files = {"files": (GPS_FILE.name, GPS_FILE.read_bytes())}
    job = ann.client.post("/api/v1/uploads", headers=ann.headers(), files=files).json()
    run_id = wait_for(ann.client, job)["outcomes"][0]["run_ids"][0]
    mine = ann.client.get(f"/api/v1/runs/{run_id}/samples").json()
    lat, lon = np.array(mine["latitude"], dtype=float), np.array(mine["longitude"], dtype=float)
    middle = np.flatnonzero(np.isfinite(lat))[len(lat) // 2]
    home = (float(lat[middle]), float(lon[middle]))
    post(ann, "/api/v1/privacy/zones", {"name": "home", "latitude": home[0], "longitude": home[1],
                                        "radius_m": 250})  # fmt: skip
    put(ann, "/api/v1/privacy", {"summary": "partners", "map": "partners", "trim_m": 300})
    become_partners(ann, bob)
    ann_id = athlete_of(ann)
    base = f"/api/v1/athletes/{ann_id}/runs/{run_id}"
    seen = bob.client.get(f"{base}/samples").json()
    shown = [
        (a, o) for a, o in zip(seen["latitude"], seen["longitude"], strict=True) if a is not None
    ]
    assert shown and seen["heart_rate"] is None
    assert all(metres_between(a, o, *home) > 250 for a, o in shown)
    gpx = bob.client.get(f"{base}/track.gpx").text

    points = [p for t in gpxpy.parse(gpx).tracks for s in t.segments for p in s.points]
    assert points
    assert all(metres_between(p.latitude, p.longitude, *home) > 250 for p in points)
    detail = bob.client.get(base).json()
    assert "latitude" not in str(detail) and detail["avg_hr"] is None  # the run: no place, no HR
    mine = ann.client.get(f"/api/v1/runs/{run_id}/samples").json()
    inside = [(a, o) for a, o in zip(mine["latitude"], mine["longitude"], strict=True)
              if a is not None and metres_between(a, o, *home) <= 250]  # fmt: skip
    assert inside  # the owner's own track goes through the zone
