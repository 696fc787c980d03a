"""The OpenAPI document served at /api/v1/openapi.json is the one published in docs/."""

from __future__ import annotations

import json
from pathlib import Path

from runcoach.web.openapi_doc import openapi_document, published_text

PUBLISHED = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"


def test_docs_openapi_json_is_what_runcoach_serves():
    served = published_text(openapi_document())
    assert PUBLISHED.read_text(encoding="utf-8") == served, (
        "the API changed: python -m runcoach.web.openapi_doc > docs/openapi.json"
    )


def test_every_api_path_is_documented_with_a_summary():
    document = json.loads(PUBLISHED.read_text(encoding="utf-8"))
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            assert operation.get("summary"), f"{method.upper()} {path} has no summary"


def test_the_served_document_is_reachable_without_logging_in(app):
    from fastapi.testclient import TestClient

    answer = TestClient(app).get("/api/v1/openapi.json")
    assert answer.status_code == 200 and "/api/v1/runs" in answer.json()["paths"]


def test_the_answers_are_documented_with_the_view_layers_schema():
    document = json.loads(PUBLISHED.read_text(encoding="utf-8"))

    def answer(method: str, path: str) -> dict:
        response = document["paths"][path][method]["responses"]["200"]
        return response["content"]["application/json"]["schema"]

    assert answer("get", "/api/v1/warnings")["items"] == {
        "$ref": "#/components/schemas/views.Warning"
    }
    assert answer("get", "/api/v1/runs/{run_id}")["$ref"] == "#/components/schemas/views.RunDetail"
    warning = document["components"]["schemas"]["views.Warning"]
    assert warning["additionalProperties"] is False and "instead" in warning["required"]


def _resolved(schema, lookup, seen=()):
    """``schema`` with every reference replaced by what it names (a type holding itself is
    left as a reference by its short name)."""
    if isinstance(schema, list):
        return [_resolved(s, lookup, seen) for s in schema]
    if not isinstance(schema, dict):
        return schema
    ref = schema.get("$ref")
    if ref is not None:
        short = ref.rsplit("/", 1)[-1].rsplit(".", 1)[-1]
        rest = {k: _resolved(v, lookup, seen) for k, v in schema.items() if k != "$ref"}
        if ref in seen:
            return {**rest, "$ref": short}
        return {**rest, **_resolved(lookup(ref), lookup, (*seen, ref))}
    return {k: _resolved(v, lookup, seen) for k, v in schema.items()}


def test_each_answer_in_the_document_is_its_shapes_schema_in_full():
    """Two shapes may hold different types of one name (the domain's ``Pace`` and the paces
    view's): each operation's answer, its references followed, is its shape's schema."""
    from runcoach.views.schema import SHAPES, schema_of
    from runcoach.web.openapi_views import _PARAM, ANSWERS

    document = json.loads(PUBLISHED.read_text(encoding="utf-8"))
    components = document["components"]["schemas"]
    paths = {_PARAM.sub("{}", path): path for path in document["paths"]}

    def component(ref: str) -> dict:
        return components[ref.removeprefix("#/components/schemas/")]

    for shape in SHAPES:
        schema = schema_of(shape)
        defs = schema.pop("$defs")
        expected = _resolved(
            {k: v for k, v in schema.items() if k not in ("$schema", "$id")},
            lambda ref, defs=defs: defs[ref.removeprefix("#/$defs/")],
        )
        for door in shape.doors:
            method, _, path = door.partition(" ")
            found = paths.get(_PARAM.sub("{}", path))
            if not method.isupper() or found is None:
                continue
            operation = document["paths"][found][method.lower()]
            for status, response in operation["responses"].items():
                if status in ANSWERS:
                    answer = response["content"]["application/json"]["schema"]
                    assert _resolved(answer, component) == expected, f"{door} ({shape.name})"
