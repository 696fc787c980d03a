"""The API's answers in its OpenAPI document: the view layer's schemas (docs/json-schema.md).

FastAPI knows the request bodies (pydantic models) but not the answers: the views return
plain dicts, so FastAPI would document each as "an object". ``with_view_schemas`` puts each
shape of ``views.schema.SHAPES`` on the operations that return it, so the OpenAPI document,
``--json`` and docs/schema/ describe one shape from one source.
"""

from __future__ import annotations

import json
import re
from typing import Any

from fastapi import Response

from runcoach.views.schema import SHAPES, schema_of

ANSWERS = ("200", "201", "202")  # the statuses whose JSON answer is a view's shape
_PARAM = re.compile(r"\{[^}]*\}")
PREFIX = "views."  # beside the request bodies' models: views.Run, views.Warning...


def with_view_schemas(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` with the views' schemas on their operations' 200/201 answers."""
    components = document.setdefault("components", {}).setdefault("schemas", {})
    paths = {_PARAM.sub("{}", path): path for path in document.get("paths", {})}
    for shape in SHAPES:
        schema = schema_of(shape)
        for name, body in schema.pop("$defs").items():
            components[PREFIX + name] = _refs(body)  # the same name is the same view type
        answer = _refs({k: v for k, v in schema.items() if k not in ("$schema", "$id")})
        for door in shape.doors:
            method, _, path = door.partition(" ")
            found = paths.get(_PARAM.sub("{}", path))
            if method.isupper() and found is not None:
                operation = document["paths"][found][method.lower()]
                for status, response in operation.get("responses", {}).items():
                    if status in ANSWERS:
                        response["content"]["application/json"]["schema"] = answer
    return document


def _refs(schema: Any) -> Any:
    """``#/$defs/X`` becomes ``#/components/schemas/views.X``."""
    text = json.dumps(schema).replace('"#/$defs/', f'"#/components/schemas/{PREFIX}')
    return json.loads(text)


def file_answer(*media_types: str, description: str) -> dict[str, Any]:
    """A route's arguments when it answers with a file (iCalendar, GPX, a zip), not JSON: its
    media types in the document instead of FastAPI's JSON answer."""
    content = {m: {"schema": {"type": "string", "format": "binary"}} for m in media_types}
    return {
        "response_class": Response,
        "responses": {200: {"description": description, "content": content}},
    }
