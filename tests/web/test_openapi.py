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
