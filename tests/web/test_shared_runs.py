"""The runs shared with me through the doors: /api/v1/shared-runs and a group's runs paged
by cursor, the Shared page with its "Older runs" link, the group board's older runs, and
(``runcoach shared`` and ``groups runs``: tests/cli/test_shared_cli.py)."""

from __future__ import annotations

from datetime import date, timedelta

from tests.web.conftest import Runner
from tests.web.test_sharing_api import become_partners, post, put

DAYS = 25  # more than a page (20)


def _bob_runs(bob: Runner) -> list[int]:
    put(bob, "/api/v1/privacy", {"summary": "partners"})
    made = []
    for back in range(DAYS):
        day = (date.today() - timedelta(days=back)).isoformat()
        answer = post(bob, "/api/v1/runs", {"date": day, "distance": "5k", "duration": "27:00",
                                            "name": f"bob run {back}"})  # fmt: skip
        assert answer.status_code == 201, answer.text
        made.append(answer.json()["id"])
    return made


def test_the_api_pages_the_runs_shared_with_me(app, ann: Runner, bob: Runner):
    become_partners(ann, bob)
    made = _bob_runs(bob)
    first = ann.client.get("/api/v1/shared-runs").json()
    assert [r["run_id"] for r in first["runs"]] == made[:20] and first["next"]
    post(bob, "/api/v1/runs", {"date": date.today().isoformat(), "distance": "3k",
                               "duration": "18:00"})  # fmt: skip
    second = ann.client.get("/api/v1/shared-runs", params={"cursor": first["next"]}).json()
    assert [r["run_id"] for r in second["runs"]] == made[20:] and second["next"] is None
    small = ann.client.get("/api/v1/shared-runs", params={"limit": 5}).json()
    assert len(small["runs"]) == 5
    assert ann.client.get("/api/v1/shared-runs", params={"cursor": "x"}).status_code == 422
    assert ann.client.get("/api/v1/shared-runs", params={"limit": 1000}).status_code == 422


def test_the_shared_page_and_the_boards_older_runs(app, ann: Runner, bob: Runner):
    become_partners(ann, bob)
    made = _bob_runs(bob)
    page = ann.client.get("/shared")
    assert page.status_code == 200 and "bob run 0" in page.text and "bob run 24" not in page.text
    assert 'id="older-runs"' in page.text
    older = page.text.split('href="/shared?before=')[1].split('"')[0].replace("&#43;", "+")
    second = ann.client.get(f"/shared?before={older}")
    assert "bob run 24" in second.text and 'id="older-runs"' not in second.text
    put(bob, "/api/v1/privacy", {"summary": "group"})
    group = post(ann, "/api/v1/groups", {"name": "Tuesday club"}).json()["id"]
    post(bob, f"/api/v1/groups/{group}/join")
    board = ann.client.get(f"/api/v1/groups/{group}/board").json()
    assert [r["run_id"] for r in board["runs"]] == made[:20]
    rest = ann.client.get(f"/api/v1/groups/{group}/runs", params={"cursor": board["runs_next"]})
    assert [r["run_id"] for r in rest.json()["runs"]] == made[20:]
    shown = ann.client.get(f"/groups/{group}")
    assert 'id="older-runs"' in shown.text
    link = shown.text.split(f'href="/groups/{group}?before=')[1].split("#")[0]
    assert "bob run 24" in ann.client.get(f"/groups/{group}?before={link}").text
