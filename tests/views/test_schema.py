"""The public JSON schema (docs/schema/) is written from the view layer and tells the truth.

The committed files are what ``python -m runcoach.views.schema`` writes today, and every
golden file of ``tests/golden`` (what the command line really prints with ``--json``)
validates against the schema of its shape: a key the view adds, drops or retypes fails here.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from runcoach.views.schema import SHAPES, dumps, schema_of
from tests.conftest import needs_shared_data

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "schema"
GOLDEN = ROOT / "tests" / "golden" / "expected"


@pytest.mark.parametrize("shape", SHAPES, ids=lambda s: s.name)
def test_the_committed_schema_is_the_view_layers(shape):
    committed = DOCS / f"{shape.name}.json"
    assert committed.exists(), "write it: python -m runcoach.views.schema"
    assert committed.read_text(encoding="utf-8") == dumps(schema_of(shape)), (
        "the views changed: python -m runcoach.views.schema"
    )


def test_no_stale_schema_file_is_left():
    names = {f"{shape.name}.json" for shape in SHAPES}
    assert {p.name for p in DOCS.glob("*.json")} == names


def test_every_shape_is_in_the_guide():
    guide = (ROOT / "docs" / "json-schema.md").read_text(encoding="utf-8")
    for shape in SHAPES:
        assert f"schema/{shape.name}.json" in guide, f"docs/json-schema.md: {shape.name}"


@pytest.mark.parametrize(
    ("shape", "step"),
    [(shape, step) for shape in SHAPES for step in shape.golden],
    ids=lambda v: v if isinstance(v, str) else v.name,
)
def test_what_the_cli_prints_validates_against_its_schema(shape, step):
    jsonschema = pytest.importorskip("jsonschema")
    text = (GOLDEN / f"{step}.json").read_text(encoding="utf-8")
    # the story's wall-clock stamps and sizes are normalised (tests/golden/scenario.py): an
    # instant and a size of the same type stand in for them
    text = text.replace('"$STAMP"', '"2026-11-20T07:30:00.000000+00:00"')
    text = text.replace('"$SIZE"', "0")
    printed = (
        [json.loads(line) for line in text.splitlines()] if shape.lines else [json.loads(text)]
    )
    validator = jsonschema.Draft202012Validator(
        schema_of(shape), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = [
        f"{list(e.absolute_path)}: {e.message}" for p in printed for e in validator.iter_errors(p)
    ]
    assert not errors, "\n".join(errors[:10])


def test_the_schema_catches_a_key_the_view_did_not_declare():
    jsonschema = pytest.importorskip("jsonschema")
    shape = next(s for s in SHAPES if s.name == "warnings")
    printed = json.loads((GOLDEN / "warnings.json").read_text(encoding="utf-8"))
    assert printed, "the golden story has warnings"
    printed[0]["undeclared"] = 1
    assert not jsonschema.Draft202012Validator(schema_of(shape)).is_valid(printed)


def test_a_real_backups_answer_validates_against_its_schema(engine, tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    from datetime import UTC, datetime

    from runcoach.services.backup import write_backup
    from runcoach.views.json import to_jsonable

    summary = write_backup(engine, tmp_path / "b.zip", datetime(2026, 11, 20, tzinfo=UTC))
    shape = next(s for s in SHAPES if s.name == "backup")
    printed = json.loads(json.dumps(to_jsonable(summary)))
    assert jsonschema.Draft202012Validator(schema_of(shape)).is_valid(printed)
    assert printed["size_bytes"] > 0 and printed["rows"]["runs"] == 0


def test_a_coachs_team_predictions_validate_against_their_schema():
    """The golden story's coach has no athletes (coach-predict is []): a prediction and an
    athlete without one, made by the view itself, are checked here."""
    jsonschema = pytest.importorskip("jsonschema")
    from runcoach.domain.fitness.own_model import Result, predict
    from runcoach.services.coaching import TeamPrediction
    from runcoach.store.people import Person
    from runcoach.views.coaching import prediction_line

    made = predict([Result(21097.5, 5525.0, 10.0)], 42195.0, 60000.0)
    lines = [
        prediction_line(TeamPrediction(Person(2, "Ana", "ana@example.org"), made, None)),
        prediction_line(TeamPrediction(Person(3, "Bo", None), None, "no race in the last year")),
    ]
    shape = next(s for s in SHAPES if s.name == "coach-predict")
    printed = json.loads(json.dumps(lines))
    validator = jsonschema.Draft202012Validator(schema_of(shape))
    assert [e.message for e in validator.iter_errors(printed)] == []
    assert printed[0]["athlete"] == "Ana (ana@example.org)" and "error" in printed[1]


def test_a_coachs_answers_about_a_read_write_athlete_validate_against_their_schemas(
    engine, tmp_path
):
    """The golden story's coach has no read-write athlete: a real one is coached here, and what
    ``coach show|edit|plan|shift|changes`` print is checked against their shapes."""
    jsonschema = pytest.importorskip("jsonschema")
    from datetime import UTC, date, datetime, timedelta

    from sqlalchemy import insert

    from runcoach.config import Settings
    from runcoach.domain.accountability.coaching import Access
    from runcoach.inputs.plans import read_profile
    from runcoach.services import coach_plans, coaching, plans
    from runcoach.services.plan_changes import ShiftRequest
    from runcoach.store.tables import athletes
    from runcoach.views.coaching import athlete_json, coach_change_json, edit_json
    from tests.conftest import local_athlete

    now = datetime(2026, 11, 20, 18, tzinfo=UTC)
    ann = local_athlete(engine)
    with engine.begin() as conn:
        coach = int(conn.execute(insert(athletes).values(name="Coach")).inserted_primary_key[0])
    profile = read_profile(ROOT / "docs" / "examples" / "first-half.yaml")
    plans.build_plan(engine, profile, now.date(), athlete_id=ann)
    code = coaching.invite_coach(engine, Access.READ_WRITE, now, athlete_id=ann)
    coaching.accept_invitation(engine, code, now, athlete_id=coach)
    settings = Settings(home=tmp_path, database_url=str(engine.url))
    day = next(
        d.day
        for d in plans.active_plan(engine, athlete_id=ann).plan.weeks[1].days
        if any(w.kind.value == "easy" for w in d.workouts)
    )

    def check(name: str, printed: object) -> None:
        shape = next(s for s in SHAPES if s.name == name)
        validator = jsonschema.Draft202012Validator(schema_of(shape))
        as_printed = json.loads(json.dumps(printed))
        assert [e.message for e in validator.iter_errors(as_printed)] == [], name

    edited = coaching.edit_athlete_plan(engine, ann, day, "easy 25min", "legs first", now,
                                        athlete_id=coach)  # fmt: skip
    check("coach-edit", edit_json(edited))
    shifted = coach_plans.shift(engine, ann, ShiftRequest(day=day + timedelta(days=1),
                                day_type="any"), "swapped shift", True, now,
                                athlete_id=coach)  # fmt: skip
    check("coach-change", coach_change_json(shifted))
    built = coach_plans.build_plan(engine, ann, profile, "a fresh start", now, athlete_id=coach)
    check("coach-change", coach_change_json(built))
    seen = athlete_json(coaching.athlete(engine, settings, ann, now, athlete_id=coach))
    check("coach-athlete", seen)
    changes = coaching.plan_changes(engine, athlete_id=ann)
    check("coach-changes", changes)
    assert len(changes) == 3 and seen["changes"] == changes
    assert date.fromisoformat(edited["day"]) == day


def test_a_real_calendar_validates_against_its_schema(engine, tmp_path):
    """``GET /api/v1/calendar`` has no command-line twin: a calendar over a real plan (every
    kind of day of a rota) with a run logged on a planned day is checked against its shape."""
    jsonschema = pytest.importorskip("jsonschema")
    from datetime import date, timedelta

    from runcoach.config import Settings
    from runcoach.inputs.plans import read_profile
    from runcoach.services import calendar, plans, runs
    from tests.conftest import local_athlete

    ann = local_athlete(engine)
    today = date.today()
    profile = read_profile(ROOT / "docs" / "examples" / "shift-worker.yaml")
    built = plans.build_plan(engine, profile, today - timedelta(days=20), athlete_id=ann)
    first = built.plan.weeks[0].days[0].day
    runs.add_manual_run(
        engine,
        runs.ManualRun(day=today - timedelta(days=1), distance_m=8000.0, duration_s=2700.0),
        athlete_id=ann,
    )
    settings = Settings(home=tmp_path, database_url=str(engine.url))
    answer = calendar.calendar(engine, settings, first, first + timedelta(days=41), athlete_id=ann)
    shape = next(s for s in SHAPES if s.name == "calendar")
    printed = json.loads(json.dumps(answer))
    validator = jsonschema.Draft202012Validator(schema_of(shape))
    assert [e.message for e in validator.iter_errors(printed)] == []
    assert len(printed["days"]) == 42 and any(d["runs"] for d in printed["days"])
    assert {s["status"] for d in printed["days"] for s in d["sessions"]} >= {"coming"}


# ---- the API's own answers: through the web app, as a client reads them --------------------


def _api_check(name: str, answer, status: int = 200) -> dict:
    """``answer`` (an HTTP answer of the test client) has ``status`` and validates against the
    shape ``name``; its JSON."""
    jsonschema = pytest.importorskip("jsonschema")
    assert answer.status_code == status, answer.text[:500]
    shape = next(s for s in SHAPES if s.name == name)
    validator = jsonschema.Draft202012Validator(
        schema_of(shape), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    printed = answer.json()
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(printed)]
    assert not errors, f"{name}: " + "\n".join(errors[:10])
    return printed


@pytest.fixture
def web_app(engine, tmp_path):
    from runcoach.config import Settings
    from runcoach.web.app import create_app
    from runcoach.web.jobs import InProcessQueue

    settings = Settings(home=tmp_path / "home", database_url=str(engine.url))
    return create_app(settings, engine, jobs=InProcessQueue(engine))


def test_the_accounts_answers_validate_against_their_schemas(web_app):
    """The account, its settings, feed URL, tokens and the admin's sign-ups: real answers of a
    logged-in runner (the first account: the admin)."""
    from tests.web.conftest import sign_up

    ann = sign_up(web_app, "ann@example.com")
    api, headers = ann.client, ann.headers()
    account = _api_check("account", api.get("/api/v1/account"))
    assert account["email"] == "ann@example.com" and account["is_admin"]
    settings = {"name": "Ann", "units": "imperial", "timezone": "Europe/Ljubljana", "max_hr": 190}
    changed = _api_check(
        "account-settings", api.put("/api/v1/account/settings", json=settings, headers=headers)
    )
    assert changed["units"] == "imperial" and changed["max_hr"] == 190
    _api_check("calendar-feed", api.post("/api/v1/account/feed", headers=headers))
    created = _api_check(
        "token-created",
        api.post("/api/v1/tokens", json={"name": "phone", "scope": "read"}, headers=headers),
        201,
    )
    tokens = _api_check("tokens", api.get("/api/v1/tokens"))
    assert tokens[0]["id"] == created["id"] and "token" not in tokens[0]
    assert _api_check(
        "signups", api.put("/api/v1/admin/signups", json={"open": False}, headers=headers)
    ) == {"open": False}
    _api_check(
        "signup-invitation",
        api.post("/api/v1/admin/invitations", json={"email": "cy@example.com"}, headers=headers),
        201,
    )
    ann.client.close()


@needs_shared_data()
def test_an_uploads_answers_validate_against_their_schema(web_app):
    from tests.web.conftest import sign_up
    from tests.web.test_api import FIT, script, wait_for

    ann = sign_up(web_app, "ann@example.com")
    phone = script(web_app, ann.token("write"))
    queued = _api_check(
        "upload", phone.post("/api/v1/uploads", files={"files": (FIT.name, FIT.read_bytes())}), 202
    )
    done = wait_for(phone, queued)
    job = _api_check("upload", phone.get(f"/api/v1/uploads/{done['id']}"))
    assert job["status"] == "done" and job["outcomes"][0]["outcome"] == "imported"
    ann.client.close()


def test_partners_sharing_comments_and_notifications_validate_against_their_schemas(web_app):
    """Two partners: the invitation and its acceptance, a shared run read by the partner,
    commented and given kudos, a session together, the kinds skipped, the notifications."""
    from tests.web.conftest import sign_up

    ann, bob = sign_up(web_app, "ann@example.com"), sign_up(web_app, "bob@example.com")

    def post(who, path, body=None):
        return who.client.post(path, json=body, headers=who.headers())

    def put(who, path, body):
        return who.client.put(path, json=body, headers=who.headers())

    ann_id = ann.client.get("/api/v1/account").json()["athlete_id"]
    bob_id = bob.client.get("/api/v1/account").json()["athlete_id"]
    code = post(ann, "/api/v1/partners/invitations", {"email": bob.email}).json()["code"]
    inviter = _api_check("partner-inviter", bob.client.get(f"/api/v1/partners/invitations/{code}"))
    assert inviter["athlete_id"] == ann_id
    _api_check("partnership", post(bob, f"/api/v1/partners/invitations/{code}/accept"))
    put(
        ann, "/api/v1/privacy", {"summary": "partners", "map": "partners", "heart_rate": "partners"}
    )
    day = (date.today() - timedelta(days=1)).isoformat()
    run_id = post(ann, "/api/v1/runs", {"date": day, "distance": "8k", "duration": "45:00",
                                        "type": "easy"}).json()["id"]  # fmt: skip
    theirs = _api_check("shared-runs", bob.client.get(f"/api/v1/athletes/{ann_id}/runs"))
    assert [r["id"] for r in theirs] == [run_id]
    _api_check("shared-run", bob.client.get(f"/api/v1/athletes/{ann_id}/runs/{run_id}"))
    commented = _api_check(
        "run-social", post(bob, f"/api/v1/runs/{run_id}/comments", {"body": "Nice!"}), 201
    )
    assert isinstance(commented["id"], int)
    _api_check("run-social", post(bob, f"/api/v1/runs/{run_id}/kudos"))
    _api_check("run-social", bob.client.delete(f"/api/v1/runs/{run_id}/kudos",
                                               headers=bob.headers()))  # fmt: skip
    marked = put(bob, "/api/v1/partners/skipped", {"kinds": ["intervals"]})
    assert _api_check("partners-skipped", marked)["marked"] == ["intervals"]  # as the CLI's
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    session = post(
        ann,
        "/api/v1/partner-sessions",
        {"partner_id": bob_id, "day": tomorrow, "workout_kind": "intervals"},
    ).json()["id"]
    answered = _api_check(
        "partner-session",
        post(bob, f"/api/v1/partner-sessions/{session}/answer", {"answer": "accept"}),
    )
    assert answered["status"] == "accepted"
    assert _api_check("partner-sessions", bob.client.get("/api/v1/partner-sessions"))
    told = _api_check("notifications-page", ann.client.get("/api/v1/notifications"))
    assert told["unread"] >= 1 and told["notifications"]
    _api_check("notifications-read", post(ann, "/api/v1/notifications/read", {"ids": None}))
    _api_check("notification-reminder", put(ann, "/api/v1/notifications/reminder",
                                            {"time": "06:30"}))  # fmt: skip
    kinds = _api_check("notification-settings", ann.client.get("/api/v1/notifications/settings"))
    assert kinds["reminder_time"] == "06:30" and kinds["kinds"]
    ann.client.close()
    bob.client.close()


def test_groups_coaching_and_the_plans_answers_validate_against_their_schemas(web_app):
    """A group invitation read and accepted, a coach's comment, a plan's session moved, the
    partner suggestions and today's session logged."""
    from tests.web.conftest import sign_up
    from tests.web.test_api import STARTS_TODAY

    ann, bob = sign_up(web_app, "ann@example.com"), sign_up(web_app, "bob@example.com")

    def post(who, path, body=None):
        return who.client.post(path, json=body, headers=who.headers())

    ann_id = ann.client.get("/api/v1/account").json()["athlete_id"]
    group = post(ann, "/api/v1/groups", {"name": "Club", "is_open": False}).json()["id"]
    code = post(ann, f"/api/v1/groups/{group}/invitations", {}).json()["code"]
    seen = _api_check("group-invitation-info", bob.client.get(f"/api/v1/group-invitations/{code}"))
    assert seen["group_id"] == group and not seen["already_member"]
    joined = _api_check("group-joined", post(bob, f"/api/v1/group-invitations/{code}/accept"))
    assert joined == {"group_id": group}
    coach_code = post(ann, "/api/v1/coaching/invitations", {"access": "read"}).json()["code"]
    assert post(bob, "/api/v1/coach/invitations/accept", {"code": coach_code}).status_code == 201
    day = (date.today() - timedelta(days=1)).isoformat()
    run_id = post(ann, "/api/v1/runs", {"date": day, "distance": "8k",
                                        "duration": "45:00"}).json()["id"]  # fmt: skip
    _api_check(
        "coach-comment",
        post(bob, f"/api/v1/coach/athletes/{ann_id}/runs/{run_id}/comments", {"body": "Even!"}),
        201,
    )
    plan = post(ann, "/api/v1/plans", STARTS_TODAY).json()["plan"]
    days = [d["date"] for w in plan["weeks"] for d in w["days"]
            if d["workouts"] and d["date"] > date.today().isoformat()]  # fmt: skip
    move = {"from_day": days[0], "to_day": days[1]}
    _api_check("plan-move", post(ann, "/api/v1/plans/active/moves/preview", move))
    assert "->" in _api_check("plan-move", post(ann, "/api/v1/plans/active/moves", move))["change"]
    ann.client.put("/api/v1/partners/skipped", json={"kinds": ["easy", "long", "intervals"]},
                   headers=ann.headers())  # fmt: skip
    race = {"goal_distance": "10k", "goal_date": STARTS_TODAY["goal"]["date"], "is_open": True}
    post(bob, "/api/v1/groups", {"name": "10k crew", **race})
    alike = _api_check("group-suggestions", ann.client.get("/api/v1/groups/suggestions"))
    assert [g["name"] for g in alike] == ["10k crew"]
    found = _api_check("partner-suggestions", ann.client.get("/api/v1/partners/suggestions"))
    assert found and {"day", "kind", "title"} == set(found[0])
    _api_check("run-id", post(ann, "/api/v1/today/done"), 201)
    ann.client.close()
    bob.client.close()


def test_no_json_answer_of_the_api_is_a_bare_object():
    """Every JSON answer of docs/openapi.json names its shape (a view's schema); an answer that
    is a file (iCalendar, GPX, a zip, a device file, a plan file) says its media type, and a
    write with nothing to say answers 204: none is documented as "any object" (or nothing)."""
    document = json.loads((ROOT / "docs" / "openapi.json").read_text(encoding="utf-8"))
    bare = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for status, response in operation.get("responses", {}).items():
                if not status.startswith("2") or status == "204":
                    continue
                content = response.get("content", {})
                schemas = {media: body.get("schema", {}) for media, body in content.items()}
                named = all(
                    "$ref" in json.dumps(s) or s == {"type": "string", "format": "binary"}
                    for s in schemas.values()
                )
                if not schemas or not named:
                    bare.append(f"{method.upper()} {path} {status}")
    assert bare == []
