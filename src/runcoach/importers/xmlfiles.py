"""Safe XML for GPX and TCX: no DTDs, no entities (no XML bombs), no network, bounded size.

lxml (BSD) parses: several times faster here than defusedxml, whose guard runs expat through a
pure-Python parser. A document declaring a DTD (the only place entities can be declared) is
refused before parsing; the parser itself resolves no entities, loads no DTD and fetches
nothing, as a second guard.

Track points are read as the parser meets them (``parse_points``): each point's numbers go
into a flat array of floats and its element is dropped at once, so a file's tree never holds
its points. A whole tree of a 50 MB TCX took 500 MB; read this way it takes about its own
size again (docs/importers.md, "Memory").
"""

from __future__ import annotations

import io
from array import array
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

import numpy as np
from lxml import etree

from runcoach.domain.errors import CorruptFile, UnsupportedFile

Element = Any  # lxml elements (the lxml package ships no type information)

EARLIEST_VALID_TIME_S = 631065600  # 1990-01-01 (FIT epoch): earlier is an unset device clock
MAX_XML_BYTES = 512 * 1024 * 1024  # bytes; a 24-hour run sampled each second is ~40 MB of GPX


def parse(data: bytes, format_name: str) -> Element:
    """The document's root element, or a ``CorruptFile``/``UnsupportedFile`` saying why not."""
    _check(data, format_name)
    try:
        root: Element = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as error:
        raise _broken(error, format_name) from None
    if root is None:
        raise CorruptFile(f"empty {format_name} file", hint=f"a {format_name} file is XML text")
    return root


ReadPoint = Callable[[Element], Iterable[float]]


class Points:
    """The numbers of the track points read, a flat row of ``width`` floats per point, kept by
    the element that held them (a GPX ``trkseg``, a TCX ``Track``)."""

    def __init__(self, width: int) -> None:
        self.width = width
        self._rows: dict[Element, array[float]] = {}

    def add(self, parent: Element, values: Iterable[float]) -> None:
        rows = self._rows.get(parent)
        if rows is None:
            rows = self._rows[parent] = array("d")
        rows.extend(values)

    def under(self, parents: Iterable[Element]) -> np.ndarray:
        """The rows held by ``parents``, in document order: shape (points, width)."""
        flat = array("d")
        for parent in parents:
            flat.extend(self._rows.get(parent, array("d")))
        return np.frombuffer(flat, dtype=np.float64).reshape(-1, self.width).copy()


def parse_points(
    data: bytes, format_name: str, point_name: str, read_point: ReadPoint, width: int
) -> tuple[Element, Points]:
    """The document's root without its ``point_name`` elements, and their numbers."""
    _check(data, format_name)
    points = Points(width)
    # Only the points' ends come back to Python ("{*}": in any namespace or none); the
    # other elements are parsed in C, untouched (a loop over every element's end was most
    # of a TCX file's reading).
    events = etree.iterparse(io.BytesIO(data), events=("end",), tag=f"{{*}}{point_name}", **_SAFE)
    try:
        for _event, element in events:
            _take(element, points, read_point)
        root: Element | None = events.root
    except etree.XMLSyntaxError as error:
        raise _broken(error, format_name) from None
    if root is None:
        raise CorruptFile(f"empty {format_name} file", hint=f"a {format_name} file is XML text")
    return root, points


def _take(element: Element, points: Points, read_point: ReadPoint) -> None:
    """Keep a point's numbers, then drop it and the points before it from the tree (lxml's
    advice for iterparse: the element just ended is cleared, earlier siblings removed)."""
    parent = element.getparent()
    if parent is None:  # a document that is one point: refused by its reader
        return
    points.add(parent, read_point(element))
    element.clear(keep_tail=False)
    name = local(element.tag)
    while (before := element.getprevious()) is not None and local(before.tag) == name:
        parent.remove(before)


def _check(data: bytes, format_name: str) -> None:
    if not data.strip():
        raise CorruptFile(f"empty {format_name} file", hint=f"a {format_name} file is XML text")
    if len(data) > MAX_XML_BYTES:
        raise UnsupportedFile(f"{format_name} file of {len(data)} bytes is too large to read")
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise CorruptFile(
            f"{format_name} file declares a DTD or entities, which activity files never need: "
            "refused as unsafe (XML bomb or external entity)"
        )


def _broken(error: Any, format_name: str) -> CorruptFile:
    return CorruptFile(
        f"broken {format_name} XML at line {error.lineno}, column {error.offset}: {error.msg}",
        hint="the file may be cut short or not be XML at all",
    )


_SAFE: dict[str, Any] = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "huge_tree": False,
    "recover": False,
}


def _parser() -> Any:
    return etree.XMLParser(**_SAFE)


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


Found = TypeVar("Found")


class TagLookup(Generic[Found]):
    """Maps a full (namespaced) tag to a value by its local part, caching each tag once.

    The cache is bounded, so a hostile file with endless distinct tags does not grow it.
    """

    MAX_CACHED = 1024

    def __init__(self, by_local_tag: dict[str, Found]) -> None:
        self._names = by_local_tag
        self.seen: dict[object, Found | None] = {}  # a reader's loop over a point's elements
        # looks a tag up here first (a dict lookup, no call: most of a point's reading time)

    def __call__(self, tag: object) -> Found | None:
        if tag in self.seen:
            return self.seen[tag]
        name = self._names.get(local(tag).lower())
        if len(self.seen) < self.MAX_CACHED:
            self.seen[tag] = name
        return name
