"""The one place the CLI prints results: human text on a terminal, or JSON with --json."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

import click

from runcoach.views.json import to_jsonable

F = TypeVar("F", bound=Callable[..., Any])


def json_option(func: F) -> F:
    """Add ``--json`` to a command: print only machine-readable JSON on stdout."""
    return click.option(
        "--json", "as_json", is_flag=True, help="Print only machine-readable JSON on stdout."
    )(func)


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
