"""Tell the golden story to whichever runcoach comes first on ``sys.path``; write what every
step printed to a JSON file.

A merge of main may change output on purpose (a new table in ``info``). To tell such a change
from a refactor's mistake, tell the story to main's code and to the branch's, and compare::

    git archive main src | tar -x -C /tmp/main-src
    PYTHONPATH=/tmp/main-src/src python -m tests.golden.story /tmp/main.json
    PYTHONPATH=src python -m tests.golden.story /tmp/branch.json

Identical files mean the refactor changed nothing; then the golden files are recorded again
(``RUNCOACH_GOLDEN_RECORD=1 python -m pytest tests/golden``).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path


def main() -> None:
    for name in list(os.environ):
        if name.startswith("RUNCOACH_") and not name.startswith("RUNCOACH_TEST_"):
            del os.environ[name]
    import time_machine

    from tests.golden.scenario import NOW, run_story

    home = Path(tempfile.mkdtemp(prefix="runcoach-golden-")) / "home"
    with time_machine.travel(NOW, tick=True):
        told = run_story(home)
    steps = {name: [o.exit_code, o.stdout, o.stderr] for name, o in told.items()}
    Path(sys.argv[1]).write_text(json.dumps(steps, indent=1, ensure_ascii=False), "utf-8")


if __name__ == "__main__":  # the import pool's worker processes import this module too
    main()
