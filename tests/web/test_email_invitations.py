"""An invitation by email to someone with no account here (a local SMTP server, aiosmtpd):
the email carries the link; its address signs up with it even though sign-ups are closed,
lands on the invitation and accepts; the link admits no other address."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from fastapi import FastAPI
from fastapi.testclient import TestClient

from runcoach.config import Settings
from runcoach.services.accounts import SIGNUPS_OPEN
from runcoach.services.notifications import deliver_emails
from runcoach.store.accounts import set_site_setting
from tests.services.test_sharing import Inbox
from tests.services.test_sharing import smtp as smtp  # the fixture
from tests.web.conftest import PASSWORD, Runner, csrf_of
from tests.web.test_sharing_api import post

BASE = "https://run.example"


def _mail(app: FastAPI, tmp_path: Path, port: int) -> Settings:
    return Settings(home=tmp_path, database_url=str(app.state.engine.url), smtp_host="127.0.0.1",
                    smtp_port=port, smtp_security="none", base_url=BASE)  # fmt: skip


def _close_signups(app: FastAPI) -> None:
    with app.state.engine.begin() as conn:  # as the admin's switch in Settings does
        set_site_setting(conn, SIGNUPS_OPEN, "false")


def _sign_up_by(app: FastAPI, path: str, email: str) -> tuple[TestClient, object]:
    client = TestClient(app)
    form = client.get(path)
    assert form.status_code == 200
    query = parse_qs(urlsplit(path).query)
    answer = client.post("/signup", data={
        "email": email, "password": PASSWORD, "csrf_token": csrf_of(form.text),
        "invitation": query["invitation"][0], "next": query["next"][0]})  # fmt: skip
    return client, answer


def _link_in(inbox: Inbox, to: str) -> str:
    mail = next(m for m in inbox.messages if m["To"] == to)
    body = mail.get_payload(decode=True).decode()
    line = next(w for w in body.split() if w.startswith(f"{BASE}/signup?"))
    return line.removeprefix(BASE)


def test_a_partner_invitation_by_email_signs_up_and_lands_on_the_invitation(
    app: FastAPI,
    ann: Runner,
    smtp,
    tmp_path,
):
    inbox, port = smtp
    _close_signups(app)
    made = post(ann, "/api/v1/partners/invitations", {"email": "zoe@example.com"})
    assert made.status_code == 201
    assert deliver_emails(app.state.engine, _mail(app, tmp_path, port)) == 1
    assert deliver_emails(app.state.engine, _mail(app, tmp_path, port)) == 0  # once
    mail = inbox.messages[0]
    assert mail["Subject"] == "ann invites you to be training partners"
    path = _link_in(inbox, "zoe@example.com")
    _, refused = _sign_up_by(app, path, "mallory@example.com")  # the link is for Zoe's address
    assert refused.status_code == 403
    zoe, answer = _sign_up_by(app, path, "zoe@example.com")
    assert answer.status_code == 200 and answer.url.path.startswith("/partners/join/")
    assert "ann invites you" in answer.text
    zoe.post(answer.url.path, data={"csrf_token": csrf_of(answer.text)})
    partners = ann.client.get("/api/v1/partners").json()
    assert [p["name"] for p in partners] == ["zoe"] and partners[0]["status"] == "active"
    zoe.close()


def test_a_group_invitation_by_email_signs_up_and_joins(
    app: FastAPI,
    ann: Runner,
    smtp,
    tmp_path,
):
    inbox, port = smtp
    _close_signups(app)
    group = post(ann, "/api/v1/groups", {"name": "Dawn patrol", "is_open": False}).json()["id"]
    made = post(ann, f"/api/v1/groups/{group}/invitations", {"email": "zoe@example.com"})
    assert made.status_code == 201 and made.json()["told_athlete_id"] is None
    assert deliver_emails(app.state.engine, _mail(app, tmp_path, port)) == 1
    assert inbox.messages[0]["Subject"] == "ann invites you to Dawn patrol on runcoach"
    zoe, answer = _sign_up_by(app, _link_in(inbox, "zoe@example.com"), "zoe@example.com")
    assert answer.url.path.startswith("/groups/join/") and "Join Dawn patrol" in answer.text
    joined = zoe.post(answer.url.path, data={"csrf_token": csrf_of(answer.text)})
    assert joined.url.path == f"/groups/{group}"
    zoe.close()
