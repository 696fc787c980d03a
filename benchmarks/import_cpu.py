"""The CPU of one import, split between its main process and its reader processes.

    python -m benchmarks.import_cpu TREE FOLDER [--db URL] [--keep HOME]

Imports FOLDER (e.g. a history kept by ``benchmarks.decade --out``) with the runcoach source
tree TREE (``TREE/src`` first on the path: the code of another branch, unpacked with
``git archive``) into a fresh home, and prints as JSON: wall time, CPU of the import process
(``main_cpu``) and of its children (``workers_cpu``, the readers), each one's peak RSS, the
load average at the start and end, and the import's counts. With ``--db URL`` the import goes
into that PostgreSQL database, whose ``public`` schema is DROPPED and made again first: give
a database of your own. On a loaded machine the CPU times, not the wall time, compare two
trees: run them alternately (docs/benchmarks.md, "Imports, fourth pass"). With ``--keep HOME``
the import goes into that new folder, kept afterwards, so two trees' stores can be compared.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

_WRAPPER = (
    "import json,resource,runpy,sys\n"
    "sys.argv=['runcoach','import',sys.argv[1],'--json']\n"
    "try:\n runpy.run_module('runcoach',run_name='__main__')\n"
    "except SystemExit:\n pass\n"
    "s=resource.getrusage(resource.RUSAGE_SELF);c=resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(json.dumps({'main_cpu':s.ru_utime+s.ru_stime,'workers_cpu':c.ru_utime+c.ru_stime,"
    "'main_rss_mb':s.ru_maxrss/1024,'worker_rss_mb':c.ru_maxrss/1024}),file=sys.stderr)\n"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("tree", help="a runcoach source tree (its src/ is imported)")
    parser.add_argument("folder", help="the files to import")
    parser.add_argument("--db", help="a PostgreSQL URL of your own database (schema dropped)")
    parser.add_argument(
        "--keep", help="import into this new folder and keep it (to compare stores)"
    )
    args = parser.parse_args()
    home = args.keep or tempfile.mkdtemp(prefix="runcoach-import-cpu-")
    if args.keep:
        os.makedirs(home)  # a new folder: never an existing home
    env = {**os.environ, "PYTHONPATH": os.path.join(args.tree, "src"), "RUNCOACH_HOME": home}
    env.pop("RUNCOACH_DATABASE_URL", None)
    if args.db:
        from benchmarks.stores import _admin

        _admin(args.db, "DROP SCHEMA public CASCADE")
        _admin(args.db, "CREATE SCHEMA public")
        env["RUNCOACH_DATABASE_URL"] = args.db
    load = os.getloadavg()[0]
    began = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _WRAPPER, args.folder], env=env, capture_output=True, text=True
    )
    wall = time.perf_counter() - began
    if not args.keep:
        shutil.rmtree(home, ignore_errors=True)
    if done.returncode != 0:
        raise SystemExit(done.stderr[-3000:])
    figures = json.loads(done.stderr.strip().splitlines()[-1])
    counts = {k: v for k, v in json.loads(done.stdout).items() if isinstance(v, int)}
    result = {"tree": args.tree, "wall_s": round(wall, 2)}
    result.update({k: round(v, 2) for k, v in figures.items()})
    result.update(load_start=round(load, 2), load_end=round(os.getloadavg()[0], 2), **counts)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
