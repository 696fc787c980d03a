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

_PLAIN = frozenset({str, int, float, bool, type(None)})  # what json writes as it is


def to_jsonable(value: Any) -> Any:
    """Turn dataclasses, enums, dates and paths into plain JSON values."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    names = _dataclass_fields(kind)
    if names is not None:  # field by field: asdict() would deep-copy everything first
        return {name: to_jsonable(getattr(value, name)) for name in names}
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


def _dataclass_fields(kind: type) -> tuple[str, ...] | None:
    """The field names of a dataclass type, None for any other type (looked up once a type)."""
    if kind not in _FIELDS:
        _FIELDS[kind] = tuple(f.name for f in fields(kind)) if is_dataclass(kind) else None
    return _FIELDS[kind]
