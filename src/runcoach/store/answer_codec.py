"""Kept answers (a report, a dashboard, a page's data) as compressed JSON and back: what the
page cache shared by the web workers stores (``store.page_answers``).

No pickle: whoever can write the table must not be able to run code in the workers. The
JSON names the class of each dataclass and enum it holds; decoding makes only classes of
runcoach modules already imported by the process (``sys.modules``: decoding imports
nothing), and only dataclasses and enums among them, and sets their fields without calling
anything of theirs (no ``__init__``, no ``__post_init__``: the values were checked when the
answer was made). Anything else an answer holds (a set, bytes, a numpy array) is not
encodable: ``Unkeepable``, and the answer is simply not shared.

Encoding: ``None``, booleans, numbers, strings and lists as JSON; a tuple ``{"t": [...]}``,
a dict ``{"m": [[key, value], ...]}`` (its keys may be days or enums), a day ``{"d": ISO}``,
an instant ``{"i": ISO}`` (with its offset), an enum ``{"e": "module:Class", "v": value}``,
a dataclass ``{"c": "module:Class", "f": [[field, value], ...]}`` (every JSON object is one
of these: a field's name never reads as a tag).
"""

from __future__ import annotations

import dataclasses
import enum
import json
import sys
import zlib
from datetime import date, datetime
from typing import Any

PACKAGE = "runcoach."  # the only modules whose classes an answer may name
# zlib's level, 1-9: an answer is written once and read by every worker; 1 is the cheapest
COMPRESSION_LEVEL = 1


class Unkeepable(ValueError):
    """The answer holds a value the codec does not write, or the stored text is not one."""


def encode(answer: Any) -> bytes:
    """The answer as compressed JSON (``Unkeepable`` for what it cannot hold)."""
    text = json.dumps(_plain(answer), separators=(",", ":"), allow_nan=True)
    return zlib.compress(text.encode("utf-8"), COMPRESSION_LEVEL)


def decode(stored: bytes) -> Any:
    """The answer ``encode`` wrote (``Unkeepable`` for anything else)."""
    try:
        return json.loads(zlib.decompress(stored), object_hook=_object)
    except (ValueError, KeyError, TypeError, zlib.error) as error:
        raise Unkeepable(f"not a kept answer: {error}") from None


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value if not isinstance(value, enum.Enum) else _enum(value)
    if isinstance(value, enum.Enum):
        return _enum(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, tuple) and not hasattr(value, "_fields"):
        return {"t": [_plain(v) for v in value]}
    if isinstance(value, dict):
        return {"m": [[_plain(k), _plain(v)] for k, v in value.items()]}
    if isinstance(value, datetime):
        return {"i": value.isoformat()}
    if isinstance(value, date):
        return {"d": value.isoformat()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _dataclass(value)
    raise Unkeepable(f"a {type(value).__name__} cannot be kept in the shared page cache")


def _enum(value: enum.Enum) -> dict[str, Any]:
    return {"e": _name(type(value)), "v": _plain(value.value)}


def _dataclass(value: Any) -> dict[str, Any]:
    fields = [[f.name, _plain(getattr(value, f.name))] for f in dataclasses.fields(value)]
    return {"c": _name(type(value)), "f": fields}


def _name(cls: type) -> str:
    if not cls.__module__.startswith(PACKAGE) or "<locals>" in cls.__qualname__:
        raise Unkeepable(f"{cls.__module__}.{cls.__qualname__} is not a runcoach class")
    return f"{cls.__module__}:{cls.__qualname__}"


def _object(found: dict[str, Any]) -> Any:
    if "t" in found:
        return tuple(found["t"])
    if "m" in found:
        return {_hashable(k): v for k, v in found["m"]}
    if "d" in found:
        return date.fromisoformat(found["d"])
    if "i" in found:
        return datetime.fromisoformat(found["i"])
    if "e" in found:
        cls = _class(found["e"])
        if not issubclass(cls, enum.Enum):
            raise Unkeepable(f"{found['e']} is not an enum")
        return cls(found["v"])
    if "c" in found:
        return _made(_class(found["c"]), found["f"])
    raise Unkeepable(f"an object with the keys {sorted(found)}")


def _hashable(key: Any) -> Any:
    return tuple(_hashable(k) for k in key) if isinstance(key, list) else key


def _class(name: str) -> type:
    module_name, _, qualname = name.partition(":")
    module = sys.modules.get(module_name) if module_name.startswith(PACKAGE) else None
    found: Any = module
    for part in qualname.split("."):
        found = getattr(found, part, None)
    if not isinstance(found, type):
        raise Unkeepable(f"{name} is not a class this process knows")
    return found


def _made(cls: type, values: list[list[Any]]) -> Any:
    if not dataclasses.is_dataclass(cls):
        raise Unkeepable(f"{cls.__qualname__} is not a dataclass")
    names = [f.name for f in dataclasses.fields(cls)]
    if [name for name, _ in values] != names:
        raise Unkeepable(f"{cls.__qualname__} has the fields {names}")
    made = object.__new__(cls)
    for name, value in values:
        object.__setattr__(made, name, value)  # frozen dataclasses too, as their __init__ does
    return made
