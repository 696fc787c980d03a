"""A plan as the JSON document of docs/plan-format.md (read back by runcoach.inputs.plans)."""

from __future__ import annotations

import json

from runcoach.domain.plans.codec import plan_document
from runcoach.domain.plans.model import Plan


def plan_to_json(plan: Plan) -> str:
    return json.dumps(plan_document(plan), ensure_ascii=False, indent=1) + "\n"
