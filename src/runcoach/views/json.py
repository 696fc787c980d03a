"""Service results as plain JSON values: the one conversion of ``--json`` and the API."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

# A date or an instant written as ISO 8601 text; the schema says so (``format``).
IsoDate = Annotated[str, "date"]
IsoDateTime = Annotated[str, "date-time"]

# A dataclass field whose metadata holds this is left out of the JSON when None: a key only
# some answers have (``domain.progress.report.OMIT_WHEN_NONE``; not imported here, for the
# command line's start-up).
OMIT_WHEN_NONE = {"json": "omit when None"}
_PLAIN = frozenset({str, int, float, bool, type(None)})  # what json writes as it is


def to_jsonable(value: Any) -> Any:
    """Turn dataclasses, enums, dates and paths into plain JSON values."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    names = _dataclass_fields(kind)
    if names is not None:  # field by field: asdict() would deep-copy everything first
        data = {name: to_jsonable(getattr(value, name)) for name in names}
        for name in _OMITTED[kind]:  # a field only some answers have (Report.summary)
            if data[name] is None:
                del data[name]
        return data
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_jsonable(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    if hasattr(value, "tolist"):  # numpy scalars and arrays
        return value.tolist()
    return value


_FIELDS: dict[type, tuple[str, ...] | None] = {}
_OMITTED: dict[type, tuple[str, ...]] = {}  # fields left out when None (``omitted_when_none``)


def _dataclass_fields(kind: type) -> tuple[str, ...] | None:
    """The field names of a dataclass type, None for any other type (looked up once a type)."""
    if kind not in _FIELDS:
        _FIELDS[kind] = tuple(f.name for f in fields(kind)) if is_dataclass(kind) else None
        _OMITTED[kind] = omitted_when_none(kind) if is_dataclass(kind) else ()
    return _FIELDS[kind]


def omitted_when_none(kind: type) -> tuple[str, ...]:
    """The fields of a dataclass that the JSON leaves out when None (marked with
    ``OMIT_WHEN_NONE``): a key that only some answers have, not in the schema's required."""
    mark = OMIT_WHEN_NONE["json"]
    return tuple(f.name for f in fields(kind) if f.metadata.get("json") == mark)
