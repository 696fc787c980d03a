"""The one place the CLI prints results: human text on a terminal, or JSON with --json."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

import click

from runcoach.cli.hints import phrase_result
from runcoach.cli.safe_text import UNSAFE_IN_JSON, printable
from runcoach.views.json import to_jsonable

F = TypeVar("F", bound=Callable[..., Any])


def json_option(func: F) -> F:
    """Add ``--json`` to a command: print only machine-readable JSON on stdout."""
    return click.option(
        "--json", "as_json", is_flag=True, help="Print only machine-readable JSON on stdout."
    )(func)


def emit(as_json: bool, data: Any, render: Callable[[], str] | None = None) -> None:
    """Print ``data`` as JSON, or the text ``render()`` makes for a person; the pointers
    inside it (``domain.hints.Pointer``) in the command line's words, both ways."""
    phrase_result(data)  # in place: ``render`` usually holds the same dict
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
    text = json.dumps(phrase_result(to_jsonable(data)), ensure_ascii=False, indent=None)
    return UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def warn(message: str) -> None:
    """A warning for the person at the terminal; always on stderr, so JSON stays clean."""
    click.echo(f"warning: {printable(message)}", err=True)
