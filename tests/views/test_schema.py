"""The public JSON schema (docs/schema/) is written from the view layer and tells the truth.

The committed files are what ``python -m runcoach.views.schema`` writes today, and every
golden file of ``tests/golden`` (what the command line really prints with ``--json``)
validates against the schema of its shape: a key the view adds, drops or retypes fails here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from runcoach.views.schema import SHAPES, dumps, schema_of

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
        engine, runs.ManualRun(day=today - timedelta(days=1), distance_m=8000.0, duration_s=2700.0),
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
