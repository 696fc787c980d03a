"""Invite-only groups through the API and the pages: an admin's link, an invitation to an
account by email, a request to join approved on the board; who may do what."""

from __future__ import annotations

from fastapi import FastAPI

from tests.web.conftest import Runner, csrf_of, sign_up
from tests.web.test_sharing_api import athlete_of, post, put


def test_the_api_invites_by_link_and_email_and_answers_requests(app: FastAPI, ann, bob):
    group = post(ann, "/api/v1/groups", {"name": "Sub-3 squad", "is_open": False}).json()["id"]
    assert post(bob, f"/api/v1/groups/{group}/join").status_code == 403
    assert post(bob, f"/api/v1/groups/{group}/invitations").status_code == 403  # admins only
    link = post(ann, f"/api/v1/groups/{group}/invitations", {"email": "bob@example.com"})
    assert link.status_code == 201 and link.json()["url"].startswith("/groups/join/")
    assert link.json()["told_athlete_id"] == athlete_of(bob)
    code = link.json()["code"]
    assert bob.client.get(f"/api/v1/group-invitations/{code}").json()["group"] == "Sub-3 squad"
    assert post(bob, f"/api/v1/group-invitations/{code}/accept").json() == {"group_id": group}
    assert post(bob, f"/api/v1/group-invitations/{code}/accept").status_code == 404  # once
    cy = sign_up(app, "cy@example.com")
    assert post(cy, f"/api/v1/groups/{group}/requests").status_code == 204
    assert post(cy, f"/api/v1/groups/{group}/requests").status_code == 409
    assert bob.client.get(f"/api/v1/groups/{group}/requests").status_code == 403
    waiting = ann.client.get(f"/api/v1/groups/{group}/requests").json()
    assert [r["name"] for r in waiting] == ["cy"]
    cy_id = waiting[0]["athlete_id"]
    answer = post(ann, f"/api/v1/groups/{group}/requests/{cy_id}", {"approve": True})
    assert answer.status_code == 204
    assert cy.client.get(f"/api/v1/groups/{group}/board").status_code == 200
    assert put(bob, f"/api/v1/groups/{group}/open", {"is_open": True}).status_code == 403
    assert put(ann, f"/api/v1/groups/{group}/open", {"is_open": True}).status_code == 204
    cy.client.close()


def test_the_pages_invite_ask_and_approve(app: FastAPI, ann: Runner, bob: Runner):
    made = ann.client.post("/groups", data={"name": "Dawn patrol", "invite_only": "yes",
                                            "csrf_token": ann.csrf})  # fmt: skip
    group = int(made.url.path.rsplit("/", 1)[1])
    assert "invite-only" in made.text and 'id="make-group-link"' in made.text
    listed = bob.client.get("/groups").text
    assert f'id="ask-{group}"' in listed and f'id="join-{group}"' not in listed
    asked = bob.client.post(f"/groups/{group}/ask", data={"csrf_token": bob.csrf})
    assert "asked to join" in asked.text
    board = ann.client.get(f"/groups/{group}").text
    bob_id = athlete_of(bob)
    assert f'id="approve-{bob_id}"' in board
    ann.client.post(f"/groups/{group}/requests/{bob_id}", data={"approve": "yes",
                                                               "csrf_token": ann.csrf})  # fmt: skip
    assert bob.client.get(f"/groups/{group}").status_code == 200
    shown = ann.client.post(f"/groups/{group}/invite", data={"csrf_token": ann.csrf})
    link = shown.text.split('id="group-link">')[1].split("<")[0]
    cy = sign_up(app, "cy@example.com")
    page = cy.client.get(link)
    assert "ann invites you to Dawn patrol" in page.text
    joined = cy.client.post(link, data={"csrf_token": csrf_of(page.text)})
    assert joined.url.path == f"/groups/{group}"
    cy.client.close()
