"""Plans and the rules they break, as JSON (``--json`` and the API)."""

from __future__ import annotations

from typing import TypedDict

from runcoach.domain.plans.rules import Violation
from runcoach.views.json import IsoDate


class ViolationJson(TypedDict):
    date: IsoDate
    rule: str
    seen: str
    source: str
    accepted: str | None  # why the plan breaks it on purpose (declared in the plan)


class CheckJson(TypedDict):
    violations: list[ViolationJson]


def violations_json(violations: list[Violation]) -> list[ViolationJson]:
    return [
        {
            "date": v.day.isoformat(),
            "rule": v.rule,
            "seen": v.seen,
            "source": v.source,
            "accepted": v.accepted,
        }
        for v in violations
    ]
