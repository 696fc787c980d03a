"""The ``runcoach`` command: global options, the command groups, and error mapping."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from runcoach import __version__
from runcoach.cli.context import AppContext
from runcoach.config import load_settings
from runcoach.domain.errors import (
    Conflict,
    ImportProblem,
    InvalidInput,
    NotFound,
    PermissionDenied,
    RuncoachError,
)

# Exit codes, the one place they are decided (2 is click's usage error).
EXIT_CODES: dict[type[RuncoachError], int] = {
    InvalidInput: 2,
    NotFound: 3,
    Conflict: 4,
    PermissionDenied: 5,
    ImportProblem: 6,
}
EXIT_OTHER_ERROR = 1


def exit_code_for(error: RuncoachError) -> int:
    for cls in type(error).__mro__:
        if cls in EXIT_CODES:
            return EXIT_CODES[cls]
    return EXIT_OTHER_ERROR


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="runcoach")
@click.option(
    "--home",
    type=click.Path(path_type=Path, file_okay=False),
    help="runcoach's folder (default: $RUNCOACH_HOME, else your user data folder).",
)
@click.option("--database-url", help="A database URL; default the SQLite file in the home folder.")
@click.option("--units", type=click.Choice(["metric", "imperial"]), help="Show km or miles.")
@click.pass_context
def cli(ctx: click.Context, home: Path | None, database_url: str | None, units: str | None) -> None:
    """runcoach: a self-hosted running coach and training log."""
    settings = load_settings({"home": home, "database_url": database_url, "units": units})
    ctx.obj = AppContext(settings=settings)


def _register_commands() -> None:
    """Each noun lives in its own module and adds itself here."""
    from runcoach.cli import (
        goals,
        imports,
        info,
        paces,
        plans,
        predict,
        report,
        runs,
        shoes,
        today,
    )

    for module in (info, imports, runs, shoes, predict, paces, goals, plans, today, report):
        for command in module.COMMANDS:
            cli.add_command(command)


_register_commands()


def main() -> None:
    """Entry point: run the CLI and turn runcoach's errors into messages and exit codes."""
    try:
        cli.main(standalone_mode=False)
    except RuncoachError as error:
        click.echo(f"error: {error}", err=True)
        sys.exit(exit_code_for(error))
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
