"""The plan document (docs/plan-format.md) has a schema (docs/schema/plan-document.json) that
tells the truth both ways: every plan runcoach writes validates against it, and a plan file
that breaks it is refused on import with the JSON path of what is wrong."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path

import pytest

from runcoach.domain.errors import InvalidInput
from runcoach.domain.plans.codec import plan_document, workout_to_dict
from runcoach.domain.plans.generator import generate
from runcoach.domain.plans.paces import DANIELS
from runcoach.inputs.plans import plan_from_text, read_profile, read_workout_file
from runcoach.views.schema import SHAPES, schema_of

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "docs" / "examples"
PROFILES = sorted(EXAMPLES.glob("*.yaml")) + sorted((EXAMPLES / "readings").glob("*.yaml"))
GOLDEN = ROOT / "tests" / "golden" / "expected"
TODAY = date(2026, 11, 20)


def _validator(name: str):
    jsonschema = pytest.importorskip("jsonschema")
    shape = next(s for s in SHAPES if s.name == name)
    return jsonschema.Draft202012Validator(
        schema_of(shape), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def _errors(name: str, document: object) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in _validator(name).iter_errors(document)]


def _exported(profile: Path) -> dict:
    """The plan of a profile as ``plan export --json`` writes it (JSON text, read back)."""
    return json.loads(json.dumps(plan_document(generate(read_profile(profile), TODAY, DANIELS))))


def test_there_are_example_profiles_to_check():
    """The profiles of docs/examples and the readings of docs/examples/readings."""
    assert len(PROFILES) >= 10 and any(p.parent.name == "readings" for p in PROFILES)


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: p.stem)
def test_the_plan_of_every_example_profile_validates_and_imports_as_it_was(profile):
    document = _exported(profile)
    assert _errors("plan-document", document) == []
    back = plan_from_text(json.dumps(document), profile.name)
    assert json.loads(json.dumps(plan_document(back))) == document


@pytest.mark.parametrize("profile", PROFILES, ids=lambda p: p.stem)
def test_every_workout_of_the_example_plans_validates_and_reads_as_a_workout_file(
    profile, tmp_path
):
    document = _exported(profile)
    workouts = [w for week in document["weeks"] for d in week["days"] for w in d["workouts"]]
    kinds = {w["kind"] for w in workouts}
    for workout in {w["kind"]: w for w in workouts}.values():  # one of each kind
        path = tmp_path / "workout.json"
        path.write_text(json.dumps(workout), encoding="utf-8")
        assert json.loads(json.dumps(workout_to_dict(read_workout_file(path)))) == workout
    assert {"easy", "long"} <= kinds


def _workout(doc: dict) -> dict:
    """The first workout with blocks of the first week (an easy or quality run)."""
    return next(w for d in doc["weeks"][0]["days"] for w in d["workouts"] if "blocks" in w)


def _first_day_with_routine(doc: dict) -> dict:
    return next(w for d in doc["weeks"][0]["days"] for w in d["workouts"] if "exercises" in w)


# (what breaks, the change, the path the error names)
BROKEN = [
    ("an unknown kind", lambda d: _workout(d).update(kind="jogging"), ".kind: 'jogging'"),
    ("no title", lambda d: _workout(d).pop("title"), ".title is missing"),
    ("a duration as text", lambda d: _workout(d)["blocks"][0].update(duration_s="ten"),
     ".blocks[0].duration_s: 'ten' must be a number"),
    ("a misspelt key", lambda d: _workout(d)["blocks"][0].update(duraton_s=600),
     ".blocks[0]: unknown key 'duraton_s'"),
    ("an unknown effort", lambda d: _workout(d)["blocks"][0].update(effort="medium"),
     ".blocks[0].effort: 'medium' is not one of"),
    ("half a pace band", lambda d: _workout(d)["blocks"][0]["pace"].pop("slow_s_per_km"),
     ".blocks[0].pace.slow_s_per_km is missing"),
    ("a repeat count as text", lambda d: _workout(d)["blocks"].append(
        {"repeat": "six", "steps": []}), ".repeat: 'six' must be a whole number"),
    ("a mini that is text", lambda d: _workout(d).update(mini="shorter"),
     ".mini must be an object"),
    ("an exercise without how", lambda d: _first_day_with_routine(d)["exercises"][0].pop("how"),
     ".exercises[0].how is missing"),
    ("a limitation without why", lambda d: d["limitations"].insert(0, {"rule": "x"}),
     "limitations[0].why is missing"),
    ("an unknown baseline key", lambda d: d["baseline"].update(x=1),
     "baseline: unknown key 'x'"),
    ("a week index as text", lambda d: d["weeks"][0].update(index="one"),
     "weeks[0].index: 'one' must be a whole number"),
    ("a recovery week as text", lambda d: d["weeks"][0].update(recovery="yes"),
     "weeks[0].recovery: 'yes' must be true or false"),
    ("a vdot as text", lambda d: d.update(vdot="high"), "vdot: 'high' must be a number"),
    ("a note that is a number", lambda d: d["notes"].append(3), "must be a text"),
    ("a note pointing nowhere", lambda d: d["notes"].append({"text": "x", "do": "dance"}),
     ".do: 'dance' is not one of"),
    ("another version", lambda d: d.update(version=2), "version: '2' must be 1"),
    ("a version that is true", lambda d: d.update(version=True), "version: 'true' must be 1"),
    ("a day that is no date", lambda d: d["weeks"][0]["days"][0].update(date="2026-13-01"),
     "weeks[0].days[0].date: '2026-13-01' is not a date"),
    ("an unknown allowance", lambda d: d["weeks"][0]["days"][0]["day_type"].update(
        allowance="maybe"), "weeks[0].days[0].day_type.allowance: 'maybe' is not one of"),
    ("an unknown goal", lambda d: d["goal"].update(kind="fun"), "goal.kind: 'fun'"),
    ("no weeks", lambda d: d.pop("weeks"), "weeks is missing"),
    ("a null shoe", lambda d: _workout(d).update(shoe=None),
     ".shoe: null is not a value here; leave the key out"),
]  # fmt: skip


@pytest.fixture(scope="module")
def first_half() -> dict:
    return _exported(EXAMPLES / "first-half.yaml")


@pytest.mark.parametrize(("what", "change", "said"), BROKEN, ids=[b[0] for b in BROKEN])
def test_a_plan_file_that_breaks_the_schema_is_refused_naming_the_place(
    first_half, what, change, said
):
    document = copy.deepcopy(first_half)
    change(document)
    assert _errors("plan-document", document), f"{what}: the schema should refuse it"
    with pytest.raises(InvalidInput) as refused:
        plan_from_text(json.dumps(document), "plan.json")
    assert refused.value.message.startswith("plan.json: "), refused.value.message
    assert said in refused.value.message, refused.value.message


def test_the_place_named_is_the_full_json_path(first_half):
    document = copy.deepcopy(first_half)
    day = next(i for i, d in enumerate(document["weeks"][1]["days"]) if d["workouts"])
    document["weeks"][1]["days"][day]["workouts"][0]["kind"] = "jogging"
    with pytest.raises(InvalidInput, match=rf"weeks\[1\]\.days\[{day}\]\.workouts\[0\]\.kind"):
        plan_from_text(json.dumps(document), "plan.json")


def test_a_plan_inside_an_answer_is_checked_against_the_plan_documents_schema():
    """plan-shown and plan-built hold the plan document: a wrong key deep inside the plan of
    a golden answer fails its shape's schema (it was ``"plan": {}`` before)."""
    for name, step in (("plan-shown", "plan-show"), ("plan-built", "plan-create")):
        printed = json.loads((GOLDEN / f"{step}.json").read_text(encoding="utf-8"))
        assert _errors(name, printed) == []
        workouts = next(d["workouts"] for d in printed["plan"]["weeks"][0]["days"]
                        if d["workouts"])  # fmt: skip
        workouts[0]["kind"] = "jogging"
        assert any("kind" in e for e in _errors(name, printed)), name


@pytest.fixture
def web_app(engine, tmp_path):
    from runcoach.config import Settings
    from runcoach.web.app import create_app
    from runcoach.web.jobs import InProcessQueue

    settings = Settings(home=tmp_path / "home", database_url=str(engine.url))
    return create_app(settings, engine, jobs=InProcessQueue(engine))


def test_the_apis_plan_json_is_a_plan_document(web_app):
    from tests.web.conftest import sign_up
    from tests.web.test_api import STARTS_TODAY

    ann = sign_up(web_app, "ann@example.com")
    built = ann.client.post("/api/v1/plans", json=STARTS_TODAY, headers=ann.headers())
    assert built.status_code in (200, 201), built.text[:300]
    answer = ann.client.get("/api/v1/plans/active/plan.json", headers=ann.headers())
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/json"
    document = json.loads(answer.content)
    assert _errors("plan-document", document) == []
    assert plan_from_text(answer.text, "plan.json").weeks
    ann.client.close()


def test_a_workout_file_that_breaks_the_schema_is_refused_naming_the_place(first_half, tmp_path):
    workout = copy.deepcopy(_workout(first_half))
    workout["blocks"][0]["effort"] = "medium"
    path = tmp_path / "workout.json"
    path.write_text(json.dumps(workout), encoding="utf-8")
    assert _errors("plan-document", {**first_half, "weeks": [{**first_half["weeks"][0],
        "days": [{**first_half["weeks"][0]["days"][0], "workouts": [workout]}]}]})  # fmt: skip
    with pytest.raises(InvalidInput, match=r"blocks\[0\]\.effort: 'medium' is not one of"):
        read_workout_file(path)
