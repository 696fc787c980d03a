"""The one place the CLI prints results: human text on a terminal, or JSON with --json."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def json_option(func: F) -> F:
    """Add ``--json`` to a command: print only machine-readable JSON on stdout."""
    return click.option(
        "--json", "as_json", is_flag=True, help="Print only machine-readable JSON on stdout."
    )(func)


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


def emit(as_json: bool, data: Any, render: Callable[[], str] | None = None) -> None:
    """Print ``data`` as JSON, or the text ``render()`` makes for a person."""
    if as_json or render is None:
        click.echo(json.dumps(to_jsonable(data), ensure_ascii=False, indent=None))
        return
    text = render()
    if text:
        click.echo(text)


def warn(message: str) -> None:
    """A warning for the person at the terminal; always on stderr, so JSON stays clean."""
    click.echo(f"warning: {message}", err=True)
