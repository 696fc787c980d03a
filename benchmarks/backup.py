"""How long a backup and a restore of a decade of training take, and how big the backup is.

    python -m benchmarks.backup [--repeat 3] [--home DIR]

Builds and imports the replayed decade of ``benchmarks/decade.py`` (not timed; or reuses a
home folder that holds it, ``--home``), then times the whole commands a runner types:
``runcoach backup FILE`` and ``runcoach --home NEW restore FILE`` into a new SQLite home
(median of --repeat runs each), and compares the backup's size with the store's. Results
are printed as JSON and belong in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
from pathlib import Path

from benchmarks.decade import build_history, folder_size, run_runcoach


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--home", type=Path, help="a home folder that already holds the decade")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="runcoach-backup-"))
    home = args.home
    if home is None:
        home = work / "home"
        build_history(work / "history", 10, 6)
        run_runcoach(home, "import", str(work / "history"), "--json")
        shutil.rmtree(work / "history")
    backup_s, restore_s = [], []
    for attempt in range(args.repeat):
        path = work / f"backup{attempt}.zip"
        backup_s.append(run_runcoach(home, "backup", str(path), "--json")[0])
        seconds, out = run_runcoach(work / f"restored{attempt}", "restore", str(path), "--json")
        restore_s.append(seconds)
        rows = json.loads(out)["rows"]
        shutil.rmtree(work / f"restored{attempt}")
    store = (home / "runcoach.db").stat().st_size
    size = (work / "backup0.zip").stat().st_size
    result = {
        "runs": rows["runs"],
        "rows": sum(rows.values()),
        "store_bytes": store,
        "store_folder_bytes": folder_size(home),
        "backup_bytes": size,
        "backup_vs_store": round(size / store, 3),
        "backup_s_median": round(statistics.median(backup_s), 2),
        "backup_s_all": [round(t, 2) for t in backup_s],
        "restore_s_median": round(statistics.median(restore_s), 2),
        "restore_s_all": [round(t, 2) for t in restore_s],
    }
    print(json.dumps(result, indent=2))
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
