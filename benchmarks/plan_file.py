"""The plan file benchmark: what checking a plan file against the document's types costs.

    python -m benchmarks.plan_file [--repeat 21]

The 30-week marathon plan of ``benchmarks.plan_build``, exported as ``plan export --json``
writes it, is read back the old way (``json.loads`` + ``plan_from_dict``) and the new way
(``json.loads`` + ``plan_from_file``: ``document_check`` first), alternating A/B in one
process; CPU time (``time.process_time``), median of --repeat pairs; prints JSON for
docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from collections.abc import Callable
from typing import Any

from benchmarks.plan_build import TODAY, marathon_profile
from runcoach.domain.plans.codec import plan_document, plan_from_dict, plan_from_file
from runcoach.domain.plans.generator import generate
from runcoach.domain.plans.paces import DANIELS
from runcoach.domain.plans.profile import profile_from_dict


def _cpu(read: Callable[[Any], object], text: str) -> float:
    start = time.process_time()
    read(json.loads(text))
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=21)
    args = parser.parse_args()
    plan = generate(profile_from_dict(marathon_profile()), TODAY, DANIELS)
    text = json.dumps(plan_document(plan), ensure_ascii=False, indent=1)
    old: list[float] = []
    new: list[float] = []
    for _ in range(args.repeat):
        old.append(_cpu(plan_from_dict, text))
        new.append(_cpu(plan_from_file, text))
    result = {
        "weeks": len(plan.weeks),
        "workouts": sum(len(d.workouts) for d in plan.days()),
        "file_bytes": len(text.encode("utf-8")),
        "read_old_cpu_s": round(statistics.median(old), 4),
        "read_checked_cpu_s": round(statistics.median(new), 4),
        "load_average": os.getloadavg(),
        "python": platform.python_version(),
    }
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
