"""A plan file checked against the plan document's types before it is read.

A coach writes a plan file by hand (docs/plan-format.md); ``check_document`` walks it along the
``TypedDict``s of ``document`` (the same types ``views.schema`` publishes as
docs/schema/plan-document.json), so a file the schema refuses is refused here too, with the
JSON path of the first thing wrong: ``weeks[3].days[1].workouts[0].kind: 'jogging' is not one
of easy, long, ...``, ``weeks[0].days[2].workouts[1].blocks[0]: unknown key 'duraton_s'``.
"""

from __future__ import annotations

import json
import re
import types
import typing
from datetime import date
from enum import Enum
from functools import cache
from typing import Annotated, Any, Literal, NotRequired, get_args, get_origin, get_type_hints

from runcoach.domain.errors import InvalidInput

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_PLAIN = {str: "a text", bool: "true or false", int: "a whole number", float: "a number"}


def check_document(value: Any, kind: Any, what: str) -> None:
    """Raise ``InvalidInput`` naming the JSON path of the first value of ``value`` that is not
    of the document type ``kind``; ``what`` names the whole (``the plan``)."""
    problem = _problem(value, kind, "")
    if problem is not None:
        if problem.startswith((":", " ")):  # the whole document is wrong
            problem = what + problem
        raise InvalidInput(problem, hint="docs/plan-format.md, docs/schema/plan-document.json")


def _problem(value: Any, hint: Any, where: str) -> str | None:
    origin, args = _parts(hint)
    if hint is Any:
        return None
    if hint is type(None):
        return None if value is None else f"{where}: '{_shown(value)}' must be null"
    if hint in _PLAIN:
        return None if _is(value, hint) else f"{where}: '{_shown(value)}' must be {_PLAIN[hint]}"
    if origin is Annotated:
        return _annotated(value, args, where)
    if origin is Literal:
        wanted = ", ".join(str(a) for a in args)
        same = value in args and not isinstance(value, bool)  # true is not 1 in JSON
        return None if same else f"{where}: '{_shown(value)}' must be {wanted}"
    if origin in (typing.Union, types.UnionType):
        return _union(value, args, where)
    if origin is list:
        if not isinstance(value, list):
            return f"{where} must be a list"
        return _first(_problem(item, args[0], f"{where}[{i}]") for i, item in enumerate(value))
    if origin is dict:
        if not isinstance(value, dict):
            return f"{where} must be an object (a mapping of names to values)"
        return _first(_problem(item, args[1], _key(where, k)) for k, item in value.items())
    if typing.is_typeddict(hint):
        return _object(value, hint, where)
    raise TypeError(f"no check for {hint!r}")  # a type the document does not use


def _is(value: Any, kind: type) -> bool:
    if isinstance(value, bool):
        return kind is bool
    if kind is float:
        return isinstance(value, int | float)
    if kind is int:  # JSON Schema's integer: 4.0 is one
        return isinstance(value, int) or (isinstance(value, float) and value.is_integer())
    return isinstance(value, kind)


def _annotated(value: Any, args: tuple[Any, ...], where: str) -> str | None:
    problem = _problem(value, args[0], where)
    if problem is not None:
        return problem
    for extra in args[1:]:
        if isinstance(extra, type) and issubclass(extra, Enum):
            choices = _values(extra)
            if value not in choices:
                return f"{where}: '{_shown(value)}' is not one of {', '.join(choices)}"
        if extra == "date" and not _is_date(value):
            return f"{where}: '{_shown(value)}' is not a date (write YYYY-MM-DD, e.g. 2027-04-18)"
    return None


def _is_date(value: str) -> bool:
    try:
        return bool(_DATE.fullmatch(value)) and isinstance(date.fromisoformat(value), date)
    except ValueError:
        return False


def _union(value: Any, options: tuple[Any, ...], where: str) -> str | None:
    """The first option's problem, trying first the object whose keys ``value`` has most of
    (a step or a repeat; a text or a note that points somewhere)."""
    first = None
    for option in sorted(options, key=_fit(value)):
        problem = _problem(value, option, where)
        if problem is None:
            return None
        first = first or problem
    return first


def _fit(value: Any) -> Any:
    def misfit(option: Any) -> int:
        if isinstance(value, dict) and typing.is_typeddict(option):
            return -len(set(value) & set(_fields(option)))
        return 0 if _problem(value, option, "") is None else 1

    return misfit


def _object(value: Any, kind: Any, where: str) -> str | None:
    if not isinstance(value, dict):
        return f"{where} must be an object (a mapping of names to values)"
    fields = _fields(kind)
    unknown = [key for key in value if key not in fields]
    if unknown:
        return f"{where}: unknown key '{unknown[0]}' (the keys are {', '.join(fields)})"
    missing = [key for key, (_, required) in fields.items() if required and key not in value]
    if missing:
        return f"{_key(where, missing[0])} is missing"
    return _first(_field(value[key], hint, required, _key(where, key))
                  for key, (hint, required) in fields.items() if key in value)  # fmt: skip


def _field(value: Any, hint: Any, required: bool, where: str) -> str | None:
    problem = _problem(value, hint, where)
    if problem is not None and value is None and not required:
        return f"{where}: null is not a value here; leave the key out"
    return problem


@cache
def _parts(hint: Any) -> tuple[Any, tuple[Any, ...]]:
    """A type's origin and arguments (read once: a plan file has thousands of values)."""
    return get_origin(hint), get_args(hint)


@cache
def _values(kind: type[Enum]) -> tuple[str, ...]:
    return tuple(str(m.value) for m in kind)


@cache
def _fields(kind: Any) -> dict[str, tuple[Any, bool]]:
    """Each key of a document type: its type and whether it is required."""
    hints = get_type_hints(kind, include_extras=True)
    return {
        key: (get_args(hint)[0], False) if get_origin(hint) is NotRequired else (hint, True)
        for key, hint in hints.items()
    }


def _key(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _first(problems: typing.Iterable[str | None]) -> str | None:
    return next((p for p in problems if p is not None), None)


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
    return text if len(text) <= 40 else text[:37] + "..."
