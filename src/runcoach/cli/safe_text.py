"""Text from files and people, made safe for the terminal (no imports: ``main`` uses it for
its error messages without loading any command)."""

from __future__ import annotations

import re


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
UNSAFE_IN_JSON = re.compile(f"[\x7f-\x9f{_BIDI}]")
