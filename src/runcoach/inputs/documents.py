"""Documents a person hands runcoach (a profile, a plan file, a line of a batch): untrusted.

Every document is checked before and while it is parsed, so that a hostile one ends in a
clear message naming what is wrong, never in a traceback, a hang or exhausted memory: its
size, that it is UTF-8 text, how deep it nests, how many YAML aliases it uses and how large
they make it (a 400-byte "billion laughs" alias bomb expands to 10^9 nodes), and that its
numbers and dates are ones a runner could mean (10^400 is not a weekly distance, 9999 is not
a race date).
"""

from __future__ import annotations

import json
import math
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any

from runcoach.domain.errors import InvalidInput

KiB = 1024
MAX_DEPTH = 32  # levels of nesting; a profile uses 4, a plan file 7
MAX_ALIASES = 100  # YAML aliases (*name) in one document; a profile uses a handful at most
MAX_NODES = 200_000  # values in a document with its aliases expanded (a year's plan: ~20,000)
MAX_DIGITS = 15  # digits of a whole number (a float's precision; 10^15 m is 6,700 au)
EARLIEST_DATE = date(1900, 1, 1)  # dates a runner can mean: a birth date at the earliest
LATEST_DATE = date(2199, 12, 31)  # ... and well past any race a plan could be built for


@dataclass(frozen=True)
class DocumentLimits:
    max_bytes: int
    max_depth: int = MAX_DEPTH
    max_aliases: int = MAX_ALIASES
    max_nodes: int = MAX_NODES


PROFILE = DocumentLimits(max_bytes=256 * KiB)  # a profile is 1-3 KB
PLAN_FILE = DocumentLimits(max_bytes=16 * 1024 * KiB)  # a year's plan as JSON is ~1 MB
BATCH_LINE = DocumentLimits(max_bytes=64 * KiB)  # one runner's results


def bounded_lines(stream: IO[bytes], max_bytes: int) -> Iterator[bytes]:
    """The lines of ``stream``, never more than ``max_bytes + 1`` bytes of one in memory: an
    overlong line is given cut there (so that ``load_document`` refuses it by its size, with
    its line number) and its rest is skipped."""
    while line := stream.readline(max_bytes + 1):
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while (rest := stream.readline(max_bytes + 1)) and not rest.endswith(b"\n"):
                pass
        yield line


def read_document(path: Path, limits: DocumentLimits, what: str) -> Any:
    """The parsed YAML (or JSON, for ``.json``) document in ``path``."""
    data = read_limited(path, limits.max_bytes, what)
    return load_document(data, path.name, limits, as_json=path.suffix.lower() == ".json")


def read_limited(path: Path, max_bytes: int, what: str) -> bytes:
    """The bytes of a regular file of at most ``max_bytes`` (a FIFO or device is refused)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        raise InvalidInput(f"cannot read the {what} {path}: {error.strerror}") from error
    with os.fdopen(descriptor, "rb") as stream:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise InvalidInput(f"the {what} {path} is not a regular file")
        data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InvalidInput(
            f"the {what} {path} is larger than {max_bytes // KiB} KiB",
            hint=f"a {what} is a small text file; is this the right file?",
        )
    return data


def load_document(data: bytes, name: str, limits: DocumentLimits, *, as_json: bool) -> Any:
    """Parse ``data`` (YAML, or JSON when ``as_json``) within ``limits``; InvalidInput naming
    ``name`` and the place when it is not a document runcoach can take."""
    if len(data) > limits.max_bytes:
        raise InvalidInput(f"{name} is larger than {limits.max_bytes // KiB} KiB")
    text = _utf8(data, name)
    if as_json:
        document = _json(text, name)
    else:  # PyYAML is imported by the commands that read YAML only (a fifth of a start-up)
        from runcoach.inputs.yaml_documents import parse_yaml

        document = parse_yaml(text, name, limits)
    _check_values(document, name, limits)
    return document


def _utf8(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidInput(
            f"{name} is not UTF-8 text (byte {error.start} is {data[error.start]:#04x})",
            hint="save the file as UTF-8",
        ) from None


def _json(text: str, name: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInput(
            f"{name} is not JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from None
    except RecursionError:
        raise InvalidInput(f"{name} nests deeper than {MAX_DEPTH} levels") from None
    except ValueError as error:  # e.g. an integer of more than 4,300 digits
        raise InvalidInput(f"{name} is not JSON ({str(error)[:120]})") from None


def _check_values(document: Any, name: str, limits: DocumentLimits) -> None:
    """Walk the parsed document (without recursion) for depth, numbers and dates."""
    stack: list[tuple[Any, str, int]] = [(document, "", 0)]
    seen = 0
    while stack:
        value, where, depth = stack.pop()
        seen += 1
        if depth > limits.max_depth:
            raise InvalidInput(f"{name} nests deeper than {limits.max_depth} levels")
        if seen > limits.max_nodes:
            raise InvalidInput(f"{name} holds more than {limits.max_nodes:,} values")
        _check_scalar(value, f"{name}: {where or 'the document'}")
        stack.extend(_items(value, where, depth))


def _items(value: Any, where: str, depth: int) -> list[tuple[Any, str, int]]:
    if isinstance(value, dict):
        return [(v, f"{where}.{k}" if where else str(k), depth + 1) for k, v in value.items()]
    if isinstance(value, list):
        return [(v, f"{where}[{i}]", depth + 1) for i, v in enumerate(value)]
    return []


def _check_scalar(value: Any, where: str) -> None:
    if isinstance(value, bool):
        return
    if isinstance(value, int) and len(str(abs(value))) > MAX_DIGITS:
        raise InvalidInput(f"{where}: a number of more than {MAX_DIGITS} digits is not plausible")
    if isinstance(value, float) and not math.isfinite(value):
        raise InvalidInput(f"{where}: {value} is not a number runcoach can use")
    if isinstance(value, date) and not EARLIEST_DATE <= _day(value) <= LATEST_DATE:
        raise InvalidInput(
            f"{where}: {value} is not a date runcoach plans for "
            f"({EARLIEST_DATE.year} to {LATEST_DATE.year})"
        )


def _day(value: date) -> date:
    return value.date() if hasattr(value, "date") and callable(value.date) else value
