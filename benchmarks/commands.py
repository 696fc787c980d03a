"""Whole-process latency of the commands a runner types most, on a decade's store.

    python -m benchmarks.commands [--home DIR] [--repeat 15]

Each command is run as a new process (``python -m runcoach ...``, process start, imports and
output included), round-robin so that a burst of load on a shared machine falls on every
command alike; the median wall time and the median CPU time (user + system, steadier on a
busy machine) of ``--repeat`` runs are printed as JSON, with a bare ``python -c pass`` as the
floor. runcoach's modules are compiled to bytecode first (``compileall``), as an installed
runcoach's are: with ``PYTHONDONTWRITEBYTECODE`` set and no ``__pycache__`` in the source
tree, every process would compile each module it imports again and time that too. Without
``--home`` the store is built first (not timed): the replayed decade of
``benchmarks.decade`` imported into a new home, and a plan made from
docs/examples/first-half.yaml so that ``today`` has a session to answer with.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.stores import Store, load_average, run_runcoach

ROOT = Path(__file__).resolve().parents[1]
PROFILE = ROOT / "docs" / "examples" / "first-half.yaml"
COMMANDS = {
    "python -c pass": ("-c", "pass"),
    "runcoach --help": ("-m", "runcoach", "--help"),
    "runcoach runs list": ("-m", "runcoach", "runs", "list"),
    "runcoach today": ("-m", "runcoach", "today"),
    "runcoach report --week": ("-m", "runcoach", "report", "--week"),
    "runcoach paces": ("-m", "runcoach", "paces"),
    "runcoach wins": ("-m", "runcoach", "wins"),
}


def build_store(work: Path) -> Path:
    from benchmarks.decade import build_history

    history = work / "history"
    build_history(history, years=10, runs_per_week=6)
    store = Store(work / "home", None)
    run_runcoach(store, "import", str(history), "--json")
    run_runcoach(store, "plan", "create", "--profile", str(PROFILE))
    return store.home


def time_once(args: tuple[str, ...], home: Path) -> tuple[float, float, int]:
    """(wall s, CPU s, exit code) of one process."""
    env = {**os.environ, "RUNCOACH_HOME": str(home)}
    env.pop("RUNCOACH_DATABASE_URL", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    done = subprocess.run([sys.executable, *args], env=env, capture_output=True)
    wall = time.perf_counter() - began
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.returncode


def compile_runcoach(home: Path) -> str:
    """Compile the runcoach that the timed processes import (the one on their path) to
    bytecode, as an install does; its folder."""
    env = {**os.environ, "RUNCOACH_HOME": str(home)}
    code = "import runcoach, pathlib; print(pathlib.Path(runcoach.__file__).parent)"
    where = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.strip()
    compileall.compile_dir(where, quiet=1)
    return where


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--home", type=Path, help="a runcoach home holding a decade's store")
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    home = args.home or build_store(Path(tempfile.mkdtemp(prefix="runcoach-commands-")))
    walls: dict[str, list[float]] = {name: [] for name in COMMANDS}
    cpus: dict[str, list[float]] = {name: [] for name in COMMANDS}
    codes: dict[str, set[int]] = {name: set() for name in COMMANDS}
    compiled = compile_runcoach(home)
    loads = [load_average()]
    for command in COMMANDS.values():  # warm the file cache, not timed
        time_once(command, home)
    for _ in range(args.repeat):
        for name, command in COMMANDS.items():
            wall, cpu, code = time_once(command, home)
            walls[name].append(wall)
            cpus[name].append(cpu)
            codes[name].add(code)
    loads.append(load_average())
    result = {
        "home": str(home),
        "runcoach": compiled,
        "repeat": args.repeat,
        "load_average": loads,
        "commands": {
            name: {
                "wall_ms_median": round(statistics.median(walls[name]) * 1000, 1),
                "wall_ms_min": round(min(walls[name]) * 1000, 1),
                "cpu_ms_median": round(statistics.median(cpus[name]) * 1000, 1),
                "exit_codes": sorted(codes[name]),
            }
            for name in COMMANDS
        },
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
