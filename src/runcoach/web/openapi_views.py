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
    """``document`` with the views' schemas on their operations' 200/201/202 answers."""
    components = document.setdefault("components", {}).setdefault("schemas", {})
    paths = {_PARAM.sub("{}", path): path for path in document.get("paths", {})}
    for shape in SHAPES:
        schema = schema_of(shape)
        defs = schema.pop("$defs")
        names = _component_names(defs, components, shape.name)
        for name, body in defs.items():
            components[names[name]] = _refs(body, names)
        answer = _refs({k: v for k, v in schema.items() if k not in ("$schema", "$id")}, names)
        for door in shape.doors:
            method, _, path = door.partition(" ")
            found = paths.get(_PARAM.sub("{}", path))
            if method.isupper() and found is not None:
                operation = document["paths"][found][method.lower()]
                for status, response in operation.get("responses", {}).items():
                    if status in ANSWERS:
                        response["content"]["application/json"]["schema"] = answer
    return document


def _component_names(
    defs: dict[str, Any], components: dict[str, Any], shape: str
) -> dict[str, str]:
    """Each of a shape's types' component name: ``views.X``, or the name an earlier shape gave
    the same type, or ``views.<shape>.X`` when another shape's ``X`` is another type (the
    domain's ``Pace`` and the paces view's ``PaceJson``). A type holding a renamed one is
    compared again with its new references, until every name settles."""
    names = {name: PREFIX + name for name in defs}
    for _ in range(2 * len(defs) + 2):
        settled = {name: _component_name(name, _refs(body, names), components, shape)
                   for name, body in defs.items()}  # fmt: skip
        if settled == names:
            return names
        names = settled
    raise AssertionError(f"the component names of {shape} do not settle")


def _component_name(name: str, written: Any, components: dict[str, Any], shape: str) -> str:
    if components.get(PREFIX + name, written) == written:
        return PREFIX + name
    return _same_type(name, written, components) or f"{PREFIX}{shape}.{name}"


def _same_type(name: str, written: Any, components: dict[str, Any]) -> str | None:
    """The component an earlier shape gave this very type, under a name of its own."""
    found = (
        key
        for key, body in components.items()
        if key.startswith(PREFIX) and key.endswith("." + name) and body == written
    )
    return next(found, None)


_DEF = re.compile(r'"#/\$defs/([^"]+)"')


def _refs(schema: Any, names: dict[str, str]) -> Any:
    """``#/$defs/X`` becomes ``#/components/schemas/`` and X's component name."""
    text = _DEF.sub(lambda m: f'"#/components/schemas/{names[m.group(1)]}"', json.dumps(schema))
    return json.loads(text)


def file_answer(*media_types: str, description: str) -> dict[str, Any]:
    """A route's arguments when it answers with a file (iCalendar, GPX, a zip), not JSON: its
    media types in the document instead of FastAPI's JSON answer."""
    content = {m: {"schema": {"type": "string", "format": "binary"}} for m in media_types}
    return {
        "response_class": Response,
        "responses": {200: {"description": description, "content": content}},
    }
