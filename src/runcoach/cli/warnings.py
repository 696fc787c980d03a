"""``runcoach warnings``: the three too's, watched: too far, too soon, too fast."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from runcoach.cli.context import AppContext, pass_app
from runcoach.cli.options import date_option, day_of, plan_of, plan_option
from runcoach.cli.output import emit, json_option
from runcoach.domain.units import UnitSystem, distances_in
from runcoach.services import today as service
from runcoach.views.today import WarningJson, warning_json


@click.command("warnings")
@date_option
@plan_option
@json_option
@pass_app
def warnings_command(app: AppContext, day: Any, plan_file: Path | None, as_json: bool) -> None:
    """The three too's, watched: too far, too soon, too fast."""
    found = service.warnings_for(
        app.engine, app.settings, day_of(day), plan_of(plan_file), athlete_id=app.athlete_id
    )
    data = [warning_json(w) for w in found]
    units = app.settings.units
    emit(as_json, data, lambda: render_warnings(data, units) or "no warnings: carry on")


def render_warnings(warnings: list[WarningJson], units: UnitSystem) -> str:
    """The warnings, their distances in the runner's units (the JSON keeps metres' words)."""
    return "\n".join(
        f"{w['severity']}: {distances_in(w['seen'], units)}\n"
        f"  instead: {distances_in(w['instead'], units)}\n  source: {w['source']}"
        for w in warnings
    )


COMMANDS = [warnings_command]
