"""Accounts: the first is the admin, sign-ups and invitations, passwords, sessions, tokens."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from runcoach.store.athletes import default_athlete_id
from runcoach.store.tables import accounts, athletes, login_attempts, runs
from tests.web.conftest import PASSWORD, Runner, csrf_of, sign_up


def test_the_first_account_is_the_admin_and_takes_over_the_command_line_athlete(app, engine):
    with engine.begin() as conn:
        local = default_athlete_id(conn)  # a CLI install's runner, with their log
    ann = sign_up(app, "Ann@Example.com ")
    account = ann.client.get("/api/v1/account").json()
    assert account["email"] == "ann@example.com" and account["is_admin"] is True
    with engine.connect() as conn:
        assert conn.execute(select(accounts.c.athlete_id)).scalar_one() == local


def test_a_later_account_gets_an_athlete_of_its_own_and_is_no_admin(app, engine, ann):
    bob = sign_up(app, "bob@example.com")
    assert bob.client.get("/api/v1/account").json()["is_admin"] is False
    with engine.connect() as conn:
        assert len(conn.execute(select(athletes.c.id)).all()) == 2


def test_passwords_are_stored_as_argon2id_hashes_never_as_typed(engine, ann):
    with engine.connect() as conn:
        stored = conn.execute(select(accounts.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_a_short_password_is_refused_with_the_reason(app):
    client = TestClient(app)
    page = client.get("/signup")
    answer = client.post(
        "/signup",
        data={"email": "a@example.com", "password": "short", "csrf_token": csrf_of(page.text)},
    )
    assert answer.status_code == 422 and "at least 12 characters" in answer.text


def test_closed_sign_ups_need_an_invitation_for_that_email(app, ann: Runner):
    ann.client.put("/api/v1/admin/signups", json={"open": False}, headers=ann.headers())
    client = TestClient(app)
    data = {
        "email": "carl@example.com",
        "password": PASSWORD,
        "csrf_token": csrf_of(client.get("/signup").text),
    }
    assert client.post("/signup", data=data).status_code == 403
    code = ann.client.post(
        "/api/v1/admin/invitations", json={"email": "dora@example.com"}, headers=ann.headers()
    ).json()["code"]
    assert client.post("/signup", data={**data, "invitation": code}).status_code == 403
    dora = sign_up(app, "dora@example.com", invitation=code)
    assert dora.client.get("/api/v1/account").json()["email"] == "dora@example.com"
    again = {**data, "email": "dora2@example.com", "invitation": code}
    assert client.post("/signup", data=again).status_code == 403  # used once


def test_only_the_admin_closes_sign_ups(bob: Runner):
    answer = bob.client.put("/api/v1/admin/signups", json={"open": False}, headers=bob.headers())
    assert answer.status_code == 403


def _login(client: TestClient, email: str, password: str) -> int:
    csrf = csrf_of(client.get("/login").text)
    answer = client.post(
        "/login",
        data={"email": email, "password": password, "csrf_token": csrf},
        follow_redirects=False,
    )
    return answer.status_code


def test_logging_in_sets_an_httponly_samesite_session_cookie(app, ann):
    client = TestClient(app)
    csrf = csrf_of(client.get("/login").text)
    answer = client.post(
        "/login",
        data={"email": "ann@example.com", "password": PASSWORD, "csrf_token": csrf},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    cookie = next(
        v
        for k, v in answer.headers.multi_items()
        if k == "set-cookie" and v.startswith("runcoach_session=")
    )
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie


def test_behind_https_the_session_cookie_is_secure(app, ann):
    client = TestClient(app, base_url="https://testserver")
    csrf = csrf_of(client.get("/login").text)
    answer = client.post(
        "/login",
        data={"email": "ann@example.com", "password": PASSWORD, "csrf_token": csrf},
        follow_redirects=False,
    )
    assert "Secure" in answer.headers["set-cookie"]


def test_logins_are_throttled_per_account_after_five_failures(app, engine, ann):
    client = TestClient(app)
    assert [_login(client, "ann@example.com", "wrong password!") for _ in range(5)] == [403] * 5
    assert _login(client, "ann@example.com", PASSWORD) == 429  # even the right password waits
    assert _login(client, "bob@example.com", "another wrong one") == 403  # others are not
    with engine.connect() as conn:
        assert (
            len(conn.execute(select(login_attempts.c.id)).all()) == 6
        )  # the throttled one is not tried


def test_a_login_form_without_its_csrf_token_is_refused(app, ann):
    client = TestClient(app)
    client.get("/login")
    answer = client.post("/login", data={"email": "ann@example.com", "password": PASSWORD})
    assert answer.status_code == 403


def test_a_session_write_without_the_csrf_header_is_refused(ann: Runner):
    answer = ann.client.post("/api/v1/shoes", json={"name": "Pegasus"})
    assert answer.status_code == 403 and answer.json()["error"]["type"] == "CsrfRejected"
    ok = ann.client.post("/api/v1/shoes", json={"name": "Pegasus"}, headers=ann.headers())
    assert ok.status_code == 201


def test_logging_out_ends_the_session(ann: Runner):
    ann.client.post("/logout", data={"csrf_token": ann.csrf})
    assert ann.client.get("/api/v1/account").status_code == 401


def test_a_new_password_logs_out_every_other_session(app, ann: Runner):
    other = TestClient(app)
    assert _login(other, "ann@example.com", PASSWORD) == 303
    new = "a different long password"
    answer = ann.client.post(
        "/api/v1/account/password", json={"current": PASSWORD, "new": new}, headers=ann.headers()
    )
    assert answer.status_code == 204
    assert other.get("/api/v1/account").status_code == 401
    assert ann.client.get("/api/v1/account").status_code == 200
    assert _login(TestClient(app), "ann@example.com", new) == 303


def test_tokens_are_hashed_scoped_revocable_and_say_when_they_were_last_used(app, engine, ann):
    token = ann.token("read", "my phone")
    with engine.connect() as conn:
        assert token not in str(conn.execute(select(accounts)).all())
    script = TestClient(app, headers={"Authorization": f"Bearer {token}"})
    assert script.get("/api/v1/runs").status_code == 200
    assert script.post("/api/v1/shoes", json={"name": "X"}).status_code == 403  # read only
    listed = ann.client.get("/api/v1/tokens").json()
    assert listed[0]["name"] == "my phone" and listed[0]["last_used_at"] is not None
    assert "token" not in listed[0]
    ann.client.delete(f"/api/v1/tokens/{listed[0]['id']}", headers=ann.headers())
    assert script.get("/api/v1/runs").status_code == 401


def test_a_token_used_many_times_a_minute_records_its_use_once_a_minute(engine, ann):
    from datetime import UTC, datetime, timedelta

    from runcoach.services.accounts import TOKEN_USE_RECORDED_EVERY, token_actor
    from runcoach.store.tables import api_tokens

    def last_used() -> datetime:
        with engine.connect() as conn:
            found = conn.execute(select(api_tokens.c.last_used_at)).scalar_one()
        return found if found.tzinfo else found.replace(tzinfo=UTC)

    token = ann.token("read", "busy script")
    start = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)
    assert token_actor(engine, token, start) is not None
    assert last_used() == start
    for seconds in (1, 30, 59):  # within the minute: read, not written
        assert token_actor(engine, token, start + timedelta(seconds=seconds)) is not None
        assert last_used() == start
    later = start + TOKEN_USE_RECORDED_EVERY
    assert token_actor(engine, token, later) is not None
    assert last_used() == later


def test_a_token_cannot_make_tokens_or_change_the_password(app, ann: Runner):
    script = TestClient(app, headers={"Authorization": f"Bearer {ann.token('write')}"})
    assert script.post("/api/v1/tokens", json={"name": "x"}).status_code == 403
    body = {"current": PASSWORD, "new": "another long password"}
    assert script.post("/api/v1/account/password", json=body).status_code == 403


def test_deleting_the_account_deletes_every_run_and_file_of_it(app, engine, ann, bob):
    for runner in (ann, bob):
        runner.client.post(
            "/api/v1/runs",
            json={"date": "2026-11-01", "distance": "8k", "duration": "45:00"},
            headers=runner.headers(),
        )
    wrong = ann.client.post(
        "/api/v1/account/delete", json={"password": "nope"}, headers=ann.headers()
    )
    assert wrong.status_code == 403
    done = ann.client.post(
        "/api/v1/account/delete", json={"password": PASSWORD}, headers=ann.headers()
    )
    assert done.status_code == 204
    with engine.connect() as conn:
        assert len(conn.execute(select(runs.c.id)).all()) == 1  # Bob's only
        assert conn.execute(select(accounts.c.email)).scalars().all() == ["bob@example.com"]
    assert ann.client.get("/api/v1/account").status_code == 401


def test_the_pages_send_a_visitor_to_log_in(app: FastAPI, ann: Runner):
    answer = TestClient(app).get("/log", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"].startswith("/login")


def test_a_new_install_asks_for_the_first_account(app: FastAPI, engine: Engine):
    answer = TestClient(app).get("/")
    assert answer.url.path == "/signup" and "Create the first account" in answer.text
