"""Plans and the rules they break, as JSON (``--json`` and the API)."""

from __future__ import annotations

from typing import Any

from runcoach.domain.plans.rules import Violation


def violations_json(violations: list[Violation]) -> list[dict[str, Any]]:
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
