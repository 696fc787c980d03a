"""``runcoach shoes``: the pairs, the distance in each, and retiring a worn pair."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

import click

from runcoach.cli.context import AppContext, pass_app
from runcoach.cli.output import emit, json_option, warn
from runcoach.domain.units import UnitSystem, format_distance, parse_distance
from runcoach.services.shoes import (
    NewShoe,
    ShoeReport,
    add_pair,
    list_pairs,
    retire_pair,
)
from runcoach.views.shoes import shoe_added_json, shoe_json, shoe_retired_json, worn_message

DATE = click.DateTime(formats=["%Y-%m-%d"])


@click.group("shoes")
def shoes_group() -> None:
    """Your shoes: distance per pair and a warning when a pair is worn out."""


@shoes_group.command("add")
@click.argument("name")
@click.option("--brand")
@click.option("--model")
@click.option("--added", type=DATE, help="When the pair came into use (YYYY-MM-DD).")
@click.option("--retire-at", help="Retirement distance for this pair: 800km, 500mi.")
@click.option("--notes")
@json_option
@pass_app
def add_command(
    app: AppContext,
    name: str,
    brand: str | None,
    model: str | None,
    added: datetime | None,
    retire_at: str | None,
    notes: str | None,
    as_json: bool,
) -> None:
    """Add a pair of shoes."""
    shoe = NewShoe(
        name=name,
        brand=brand,
        model=model,
        added_on=added.date() if added else None,
        retirement_m=_distance(retire_at, app.settings.units),
        notes=notes,
    )
    shoe_id = add_pair(app.engine, shoe, date.today(), athlete_id=app.athlete_id)
    emit(as_json, shoe_added_json(shoe_id, name), lambda: f"added shoes {shoe_id}: {name}")


@shoes_group.command("list")
@click.option("--all", "include_retired", is_flag=True, help="Retired pairs too.")
@json_option
@pass_app
def list_command(app: AppContext, include_retired: bool, as_json: bool) -> None:
    """The pairs with the distance run in each, the most recent first."""
    pairs = list_pairs(
        app.engine, app.settings, include_retired=include_retired, athlete_id=app.athlete_id
    )
    units = app.settings.units
    emit(as_json, [shoe_json(pair) for pair in pairs], lambda: _render(pairs, units))
    warn_worn(pairs, units)


def warn_worn(pairs: Iterable[ShoeReport], units: UnitSystem) -> None:
    """The one place the command line warns of worn-out pairs: after ``shoes list`` and
    after a write whose result names the pairs it wore out (runs add and edit, import)."""
    for pair in pairs:
        if pair.worn_out:
            warn(worn_message(pair, units))


@shoes_group.command("retire")
@click.argument("name")
@click.option("--on", "day", type=DATE, help="The day it was retired; default today.")
@click.option("--undo", is_flag=True, help="Bring a retired pair back into use.")
@json_option
@pass_app
def retire_command(
    app: AppContext, name: str, day: datetime | None, undo: bool, as_json: bool
) -> None:
    """Retire a pair (it stays in the log with its distance)."""
    on = None if undo else (day.date() if day else date.today())
    shoe = retire_pair(app.engine, name, on, athlete_id=app.athlete_id)
    text = f"'{shoe}' back in use" if on is None else f"retired '{shoe}' on {on}"
    emit(as_json, shoe_retired_json(shoe, on), lambda: text)


def _render(pairs: list[ShoeReport], units: UnitSystem) -> str:
    if not pairs:
        return 'no shoes yet: runcoach shoes add "Pegasus 40"'
    lines = []
    for pair in pairs:
        state = f"retired {pair.retired_on}" if pair.retired_on else (
            "WORN OUT" if pair.worn_out else f"{format_distance(pair.left_m, units, 0)} left"
        )  # fmt: skip
        lines.append(
            f"{pair.id:>3}  {pair.name:24.24}  {format_distance(pair.distance_m, units, 1):>10}"
            f"  {pair.run_count:>4} runs  {state}"
        )
    return "\n".join(lines)


def _distance(text: str | None, units: UnitSystem) -> float | None:
    if text is None:
        return None
    cleaned = text.strip()
    if cleaned.replace(".", "", 1).isdigit():
        cleaned += "mi" if units is UnitSystem.IMPERIAL else "km"
    return parse_distance(cleaned)


COMMANDS = [shoes_group]
