"""File bytes -> domain ``Run``: one module per format, one registry keyed by suffix.

``read_activity(name, data)`` is the single entry point: it picks the reader by the file's
suffix (after any ``.gz``) and returns the runs in the file (a multisport file gives one run
per leg). It raises ``NotAnActivity``, ``CorruptFile`` or ``UnsupportedFile`` with a message
that names what is wrong and where.
"""

from __future__ import annotations

from collections.abc import Callable

from runcoach.domain.errors import CorruptFile, RuncoachError, UnsupportedFile
from runcoach.domain.run.runs import Run, without_clock_glitches

Reader = Callable[[bytes], list[Run]]

_READERS: dict[str, Reader] = {}


def register(*suffixes: str) -> Callable[[Reader], Reader]:
    """Register a reader for file suffixes such as ``".fit"``."""

    def add(reader: Reader) -> Reader:
        for suffix in suffixes:
            _READERS[suffix.lower()] = reader
        return reader

    return add


def supported_suffixes() -> list[str]:
    _load_readers()
    return sorted(_READERS)


def format_of(name: str) -> str | None:
    """The activity format a file name says (".fit", ".gpx", ".tcx"), ignoring a ".gz"."""
    lowered = name.lower()
    if lowered.endswith(".gz"):
        lowered = lowered[:-3]
    _load_readers()
    for suffix in _READERS:
        if lowered.endswith(suffix):
            return suffix
    return None


def read_activity(name: str, data: bytes) -> list[Run]:
    """The runs in one file's bytes (already decompressed), read by its suffix."""
    suffix = format_of(name)
    if suffix is None:
        raise UnsupportedFile(
            f"{name}: not a file runcoach reads", hint=f"it reads {', '.join(supported_suffixes())}"
        )
    try:
        return [without_clock_glitches(run) for run in _READERS[suffix](data)]
    except RuncoachError:
        raise
    except Exception as error:  # a last net: the readers wrap every parser error they know
        raise CorruptFile(
            f"{name}: could not be read ({type(error).__name__}: {str(error)[:120]})",
            hint="the file may be damaged; if it opens elsewhere, please report it with the file",
        ) from error


def _load_readers() -> None:
    """Import the format modules so that they register themselves (importing one format's
    module directly must not hide the others, so this never trusts ``_READERS`` alone)."""
    from runcoach.importers import fit, gpx, tcx  # noqa: F401
