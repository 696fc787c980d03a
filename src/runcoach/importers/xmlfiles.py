"""Safe XML for GPX and TCX: no DTDs, no entities (no XML bombs), no network, bounded size.

lxml (BSD) parses: several times faster here than defusedxml, whose guard runs expat through a
pure-Python parser. A document declaring a DTD (the only place entities can be declared) is
refused before parsing; the parser itself resolves no entities, loads no DTD and fetches
nothing, as a second guard.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from lxml import etree

from runcoach.domain.errors import CorruptFile, UnsupportedFile

Element = Any  # lxml elements (the lxml package ships no type information)

EARLIEST_VALID_TIME_S = 631065600  # 1990-01-01 (FIT epoch): earlier is an unset device clock
MAX_XML_BYTES = 512 * 1024 * 1024  # bytes; a 24-hour run sampled each second is ~40 MB of GPX


def parse(data: bytes, format_name: str) -> Element:
    """The document's root element, or a ``CorruptFile``/``UnsupportedFile`` saying why not."""
    if not data.strip():
        raise CorruptFile(f"empty {format_name} file", hint=f"a {format_name} file is XML text")
    if len(data) > MAX_XML_BYTES:
        raise UnsupportedFile(f"{format_name} file of {len(data)} bytes is too large to read")
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise CorruptFile(
            f"{format_name} file declares a DTD or entities, which activity files never need: "
            "refused as unsafe (XML bomb or external entity)"
        )
    try:
        root: Element = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as error:
        raise CorruptFile(
            f"broken {format_name} XML at line {error.lineno}, column {error.offset}: {error.msg}",
            hint="the file may be cut short or not be XML at all",
        ) from None
    if root is None:
        raise CorruptFile(f"empty {format_name} file", hint=f"a {format_name} file is XML text")
    return root


def _parser() -> Any:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=False
    )


def local(tag: object) -> str:
    """A tag without its namespace: '{http://...}trkpt' -> 'trkpt'; '' for comments."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def children(element: Element, name: str) -> Iterator[Element]:
    return (child for child in element if local(child.tag) == name)


def child(element: Element, *path: str) -> Element | None:
    """The first descendant along ``path`` (local names), or None."""
    current: Element | None = element
    for name in path:
        if current is None:
            return None
        current = next(children(current, name), None)
    return current


def text(element: Element, *path: str) -> str | None:
    found = child(element, *path)
    if found is None or found.text is None:
        return None
    return found.text.strip() or None


def number(value: str | None) -> float:
    """A float from text, NaN when missing or not a number."""
    if value is None:
        return float("nan")
    try:
        return float(value)
    except ValueError:
        return float("nan")


def timestamp(value: str | None) -> float | None:
    """Unix seconds from an ISO 8601 time; a time without zone is taken as UTC (GPX says UTC).
    None when missing, unreadable, or before 1990 (a device whose clock was never set)."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("z", "Z"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    seconds = moment.timestamp()
    return seconds if seconds >= EARLIEST_VALID_TIME_S else None


class TagLookup:
    """Maps a full (namespaced) tag to a name by its local part, caching each tag once.

    The cache is bounded, so a hostile file with endless distinct tags does not grow it.
    """

    MAX_CACHED = 1024

    def __init__(self, names_by_local_tag: dict[str, str]) -> None:
        self._names = names_by_local_tag
        self._seen: dict[object, str | None] = {}

    def __call__(self, tag: object) -> str | None:
        if tag in self._seen:
            return self._seen[tag]
        name = self._names.get(local(tag).lower())
        if len(self._seen) < self.MAX_CACHED:
            self._seen[tag] = name
        return name
