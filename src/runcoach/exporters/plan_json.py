"""A plan as the JSON document of docs/plan-format.md, and back."""

from __future__ import annotations

import json

from runcoach.domain.errors import InvalidInput
from runcoach.domain.plans.codec import plan_from_dict, plan_to_dict
from runcoach.domain.plans.model import Plan


def plan_to_json(plan: Plan) -> str:
    return json.dumps(plan_to_dict(plan), ensure_ascii=False, indent=1) + "\n"


def plan_from_json(text: str) -> Plan:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInput(
            f"the plan file is not valid JSON: line {error.lineno}, column {error.colno}: "
            f"{error.msg}",
            hint="export one with: runcoach plan export --json plan.json",
        ) from error
    return plan_from_dict(data)
