"""Where the benchmarks find the real device files and race results (../shared/data).

The repository may be checked out beside ``shared`` (``/work/main``) or deeper (a worktree
under ``/work/wt/``): the nearest ancestor that holds ``shared/data`` is used.
"""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve()


def shared_data() -> Path:
    """The ``shared/data`` folder nearest above this checkout (the first guess if none is)."""
    for folder in _HERE.parents:
        candidate = folder / "shared" / "data"
        if candidate.is_dir():
            return candidate
    return _HERE.parents[2] / "shared" / "data"


ACTIVITIES = shared_data() / "activities"
