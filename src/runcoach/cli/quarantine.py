"""``runcoach quarantine``: the records an import held back as impossible, and releasing one."""

from __future__ import annotations

import click

from runcoach.cli.context import AppContext, pass_app
from runcoach.cli.output import emit, json_option
from runcoach.services.quarantine import QuarantinedFile, quarantined_files, release
from runcoach.views.imports import file_outcome_json


@click.group("quarantine", invoke_without_command=True)
@json_option
@click.pass_context
def quarantine_group(ctx: click.Context, as_json: bool) -> None:
    """Impossible records held back at import: listed here, or released.

    A file whose run cannot be (a 42,785 km run, 1,475 km in 19:55, a start in 2139) is kept
    aside with the reason and counted nowhere. Without a subcommand: list them."""
    if ctx.invoked_subcommand is None:
        app = ctx.find_object(AppContext)
        assert app is not None
        held = quarantined_files(app.engine, athlete_id=app.athlete_id)
        emit(as_json, held, lambda: _render(held))


@quarantine_group.command("release")
@click.argument("file_id", type=int)
@json_option
@pass_app
def release_command(app: AppContext, file_id: int, as_json: bool) -> None:
    """Take a quarantined file's runs into the log as they are (you know they happened)."""
    outcome = release(app.engine, file_id, athlete_id=app.athlete_id)
    ids = ", ".join(map(str, outcome.run_ids))
    emit(
        as_json,
        file_outcome_json(outcome),
        lambda: f"released {outcome.name}: run {ids} now in the log",
    )


def _render(held: list[QuarantinedFile]) -> str:
    if not held:
        return "nothing in quarantine"
    lines = [f"{len(held)} file(s) held back: their records cannot be, and count nowhere"]
    for item in held:
        lines.append(f"  {item.source_id}  {item.name}  (imported {item.imported_at:%Y-%m-%d})")
        lines.append(f"      {item.reason}")
    lines.append("runcoach quarantine release ID takes a file's runs in as they are")
    return "\n".join(lines)


COMMANDS = [quarantine_group]
