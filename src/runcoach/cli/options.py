"""Options and readings shared by the day-by-day commands (today, checkin, warnings, plan)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import click

from runcoach.domain.plans.model import Plan
from runcoach.inputs.plans import read_plan_file

FEELS = ["great", "good", "normal", "tired", "sore", "sick", "injured"]

SYMPTOMS = ["above-neck", "below-neck", "fever"]

date_option = click.option(
    "--date", "day", type=click.DateTime(["%Y-%m-%d"]), help="The day (YYYY-MM-DD); default today."
)

plan_option = click.option(
    "--plan",
    "plan_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="A plan file (JSON, docs/plan-format.md) instead of the stored plan.",
)


def day_of(value: Any) -> date | None:
    """The day a ``--date`` option gave (None: today, decided by the service)."""
    return value.date() if value is not None else None


def plan_of(plan_file: Path | None) -> Plan | None:
    """The plan of a ``--plan FILE`` option (None: the stored plan)."""
    return None if plan_file is None else read_plan_file(plan_file)


def checkin_options(func: Any) -> Any:
    func = click.option("--note", default="", help="Free text: where it hurts, what you have.")(
        func
    )
    func = click.option(
        "--symptoms",
        type=click.Choice(SYMPTOMS),
        help="Where a cold sits (the neck check), or a fever.",
    )(func)
    return click.option("--feel", type=click.Choice(FEELS), help="How you feel today.")(func)
