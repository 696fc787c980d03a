"""Plan inputs: a runner's profile (YAML or JSON), a plan file (docs/plan-format.md) and a
workout written as JSON, from a file the runner named or from text a web form sent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from runcoach.domain.errors import InvalidInput
from runcoach.domain.plans.codec import plan_from_file, workout_from_file
from runcoach.domain.plans.model import Plan
from runcoach.domain.plans.profile import Profile, profile_from_dict
from runcoach.domain.plans.workouts import Workout
from runcoach.inputs.documents import (
    PLAN_FILE,
    PROFILE,
    load_document,
    read_document,
    read_limited,
)


def read_profile(path: Path) -> Profile:
    """Read a YAML or JSON profile file within the limits of ``documents.PROFILE`` (size,
    nesting, aliases, numbers, dates); errors name the file."""
    data: Any = read_document(path, PROFILE, "profile")
    return _profile(data, path.name)


def profile_from_text(text: str, name: str, *, is_json: bool, shown: str | None = None) -> Profile:
    """A profile from YAML or JSON text; errors name ``name`` (``shown`` for a syntax error)."""
    raw = text.encode("utf-8", "surrogateescape")
    return _profile(load_document(raw, shown or name, PROFILE, as_json=is_json), name)


def _profile(data: Any, name: str) -> Profile:
    try:
        return profile_from_dict(data)
    except InvalidInput as error:
        raise InvalidInput(f"{name}: {error.message}", hint=error.hint) from error


def read_plan_file(path: Path) -> Plan:
    """A plan file (docs/plan-format.md), read within ``documents.PLAN_FILE``; errors name
    the file."""
    raw = read_limited(path, PLAN_FILE.max_bytes, "plan")
    return _plan(load_document(raw, path.name, PLAN_FILE, as_json=True), path.name)


def plan_from_json(text: str) -> Plan:
    """A plan from the JSON document of docs/plan-format.md."""
    return plan_from_text(text, "the plan file")


def plan_from_text(text: str, name: str) -> Plan:
    """A plan from the JSON text of a plan file; errors name ``name``."""
    raw = text.encode("utf-8", "surrogateescape")
    return _plan(load_document(raw, name, PLAN_FILE, as_json=True), name)


def _plan(data: Any, name: str) -> Plan:
    try:
        return plan_from_file(data)
    except InvalidInput as error:  # the file, then the JSON path of what is wrong in it
        raise InvalidInput(f"{name}: {error.message}", hint=error.hint) from None
    except (TypeError, KeyError, ValueError, AttributeError) as error:  # a field's wrong shape
        raise InvalidInput(
            f"{name}: not a runcoach plan ({type(error).__name__}: {str(error)[:160]})",
            hint="export one with: runcoach plan export --json plan.json",
        ) from None


def read_workout_file(path: Path) -> Workout:
    """A workout of docs/plan-format.md as JSON, for a coach's hand edit."""
    raw = read_limited(path, PLAN_FILE.max_bytes, "workout")
    data = load_document(raw, path.name, PLAN_FILE, as_json=True)
    try:
        return workout_from_file(data)
    except InvalidInput:
        raise
    except (TypeError, KeyError, ValueError, AttributeError) as error:
        raise InvalidInput(
            f"{path.name}: not a workout ({type(error).__name__}: {str(error)[:160]})"
        ) from None
