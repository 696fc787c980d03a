"""Plan inputs: a runner's profile (YAML or JSON), a plan file (docs/plan-format.md) and a
workout written as JSON, from a file the runner named or from text a web form sent."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from runcoach.domain.errors import InvalidInput
from runcoach.domain.plans.codec import plan_from_dict, workout_from_dict
from runcoach.domain.plans.model import Plan
from runcoach.domain.plans.profile import Profile, profile_from_dict
from runcoach.domain.workouts import Workout


def read_profile(path: Path) -> Profile:
    """Read a YAML or JSON profile file; errors name the file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise InvalidInput(f"cannot read the profile {path}: {error.strerror}") from error
    return profile_from_text(text, path.name, is_json=path.suffix == ".json", shown=str(path))


def profile_from_text(text: str, name: str, *, is_json: bool, shown: str | None = None) -> Profile:
    """A profile from YAML or JSON text; errors name ``name`` (``shown`` for a syntax error)."""
    try:
        data: Any = json.loads(text) if is_json else yaml.safe_load(text)
    except (yaml.YAMLError, json.JSONDecodeError) as error:
        raise InvalidInput(f"{shown or name} is not valid YAML/JSON: {error}") from error
    try:
        return profile_from_dict(data)
    except InvalidInput as error:
        raise InvalidInput(f"{name}: {error.message}", hint=error.hint) from error


def read_plan_file(path: Path) -> Plan:
    """A plan file (docs/plan-format.md); errors name the file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise InvalidInput(f"cannot read the plan {path}: {error.strerror}") from error
    return plan_from_text(text, path.name)


def plan_from_json(text: str) -> Plan:
    """A plan from the JSON document of docs/plan-format.md."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInput(
            f"the plan file is not valid JSON: line {error.lineno}, column {error.colno}: "
            f"{error.msg}",
            hint="export one with: runcoach plan export --json plan.json",
        ) from error
    return plan_from_dict(data)


def plan_from_text(text: str, name: str) -> Plan:
    try:
        return plan_from_json(text)
    except InvalidInput as error:
        raise InvalidInput(f"{name}: {error.message}", hint=error.hint) from error


def read_workout_file(path: Path) -> Workout:
    """A workout of docs/plan-format.md as JSON, for a coach's hand edit."""
    try:
        return workout_from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, json.JSONDecodeError) as error:
        raise InvalidInput(f"cannot read the workout {path}: {error}") from error
