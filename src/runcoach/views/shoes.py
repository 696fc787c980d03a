"""Shoes as JSON (``--json`` and the API)."""

from __future__ import annotations

from typing import Any

from runcoach.services.shoes import ShoeReport


def shoe_json(pair: ShoeReport) -> dict[str, Any]:
    return {
        "id": pair.id, "name": pair.name, "brand": pair.brand, "model": pair.model,
        "added_on": pair.added_on, "retired_on": pair.retired_on,
        "distance_m": pair.distance_m, "runs": pair.run_count, "last_run": pair.last_run,
        "retirement_m": pair.retirement_m, "worn_out": pair.worn_out,
    }  # fmt: skip
