"""The one place the CLI prints results: human text on a terminal, or JSON with --json."""

from __future__ import annotations

import json
import re
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
        click.echo(json_text(data))
        return
    text = render()
    if text:
        click.echo(printable(text))


def json_text(data: Any) -> str:
    """``data`` as one line of JSON in which no character can act on a terminal: json escapes
    C0 controls itself; C1 controls (0x9b is a CSI escape to some terminals) and the bidi
    overrides are escaped here too, as JSON allows for any character."""
    text = json.dumps(to_jsonable(data), ensure_ascii=False, indent=None)
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def printable(text: str) -> str:
    """Text from files and people made safe to print: every control character but newline and
    tab (ESC, CR, BEL, DEL, C1) and every bidi override is shown as an escape (``\\x1b``,
    ``\\u202e``), so that a run named with terminal escape codes cannot recolour, retitle or
    rewrite the runner's terminal, nor reorder what it shows."""
    return _UNSAFE_IN_TEXT.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # marks, embeddings, overrides, isolates
_UNSAFE_IN_TEXT = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")
_UNSAFE_IN_JSON = re.compile(f"[\x7f-\x9f{_BIDI}]")


def warn(message: str) -> None:
    """A warning for the person at the terminal; always on stderr, so JSON stays clean."""
    click.echo(f"warning: {printable(message)}", err=True)
