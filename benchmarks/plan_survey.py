"""Issue 15's coach's questions over random lives: how many plans still draw a complaint.

    python -m benchmarks.plan_survey --seed 11 --lives 120 --kind rota
    python -m benchmarks.plan_survey --seed 11 --lives 150 --kind any --save failing.json
    python -m benchmarks.plan_survey --frozen failing.json

Draws lives with the property tests' strategies (tests/domain/plans/strategies.py: rotating
rotas with nights, or any profile), builds each plan as `runcoach plan create` does and asks it
the growth questions and "no long run over half its week" of tests/domain/plans/coach.py;
prints how many lives complain, by kind. Hypothesis draws other lives when the code changes
(a profile check moves its draws), so compare two versions of the generator on the same lives:
`--save` the failing lives of one, `--frozen` them on the other.
"""

from __future__ import annotations

import argparse
import collections
import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, seed, settings

from runcoach.domain.errors import InvalidInput
from runcoach.domain.plans.generator import generate
from runcoach.domain.plans.paces import DANIELS
from runcoach.domain.plans.profile import profile_from_dict
from tests.domain.plans import coach
from tests.domain.plans.strategies import TODAY, profiles, shift_lives

KINDS = (
    ("long run in a", "long run over half its week"),
    ("runs now", "a week under the runner's volume now"),
    ("quality session", "a build week without a session"),
    ("does not grow", "the long run does not grow"),
    ("peak weeks", "the peak block does not build"),
)


def complaints(doc: dict[str, Any]) -> list[str] | None:
    """The coach's complaints of the plan for ``doc``; None when the profile is refused."""
    try:
        plan = generate(profile_from_dict(doc), TODAY, DANIELS)
    except InvalidInput:
        return None
    return coach.growth(plan) + coach.long_run_at_most_half(plan)


def drawn(kind: str, at: int, lives: int) -> list[dict[str, Any]]:
    """``lives`` profiles drawn with hypothesis seed ``at``."""
    found: list[dict[str, Any]] = []

    @seed(at)
    @settings(max_examples=lives, deadline=None, phases=[Phase.generate], database=None,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(shift_lives() if kind == "rota" else profiles())
    def collect(doc: dict[str, Any]) -> None:
        found.append(doc)

    collect()
    return found


def survey(
    docs: list[dict[str, Any]],
) -> tuple[int, list[dict[str, Any]], collections.Counter[str]]:
    """(plans built, the failing lives with their complaints, lives by kind of complaint)."""
    built, failing, kinds = 0, [], collections.Counter[str]()
    for doc in docs:
        said = complaints(doc)
        if said is None:
            continue
        built += 1
        if said:
            failing.append({"life": doc, "complaints": said})
            kinds.update({name for key, name in KINDS if any(key in c for c in said)})
    return built, failing, kinds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kind", choices=["rota", "any"], default="rota")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--lives", type=int, default=120)
    parser.add_argument("--frozen", type=Path, help="re-ask the lives a --save wrote")
    parser.add_argument("--save", type=Path, help="write the failing lives (JSON)")
    args = parser.parse_args()
    if args.frozen:
        docs = [e["life"] for e in json.loads(args.frozen.read_text("utf-8"))]
        what = f"{args.frozen}"
    else:
        docs = drawn(args.kind, args.seed, args.lives)
        what = f"seed {args.seed}, {args.lives} {args.kind} draws"
    built, failing, kinds = survey(docs)
    print(f"{what}: {len(failing)} of {built} plans draw a complaint")
    for name, n in kinds.most_common():
        print(f"  {n:4d}  {name}")
    if args.save:
        args.save.write_text(json.dumps(failing, indent=1, default=str), "utf-8")


if __name__ == "__main__":
    main()
