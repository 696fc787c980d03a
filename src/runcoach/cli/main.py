"""The ``runcoach`` command: global options, the command groups, and error mapping."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import click

from runcoach import __version__
from runcoach.cli.context import AppContext
from runcoach.config import load_settings
from runcoach.domain.errors import RuncoachError
from runcoach.views.errors import meaning_of

# Each noun lives in its own module (its ``COMMANDS``); the module is imported only when its
# command runs, so ``runcoach runs list`` does not pay for charts, plans or the fitness model.
COMMAND_MODULES: dict[str, str] = {
    "info": "info",
    "backup": "backup",
    "restore": "backup",
    "import": "imports",
    "runs": "runs",
    "quarantine": "quarantine",
    "shoes": "shoes",
    "predict": "predict",
    "fitness": "fitness",
    "paces": "paces",
    "goal": "goals",
    "plan": "plans",
    "today": "today",
    "checkin": "checkins",
    "warnings": "warnings",
    "report": "report",
    "wins": "report",
    "serve": "serve",
    "verify": "backup",
    "contracts": "contracts",
    "coach": "coach",
    "privacy": "sharing",
    "partners": "sharing",
    "groups": "groups",
    "comments": "social",
    "notifications": "social",
    "shared": "social",
}


# What ``runcoach --help`` says of each command: the first paragraph of its help, kept here so
# that listing the commands imports none of them (tests/cli/test_lazy_help.py keeps the two
# equal). A command missing here is imported for its help, as click would.
COMMAND_SUMMARIES: dict[str, str] = {
    "backup": "Back up everything runcoach holds to one file "
    "(default: HOME/backups/runcoach-DATE.zip).",
    "coach": "Coaching: give a coach access; as a coach, see and adjust your athletes' plans.",
    "contracts": "Commitment contracts: a goal the log decides, a stake, a referee.",
    "checkin": "Say how you are today and the habits kept (kept; `today` adapts, `wins` counts).",
    "fitness": "Your current fitness (VDOT) from races and hard efforts in the log, "
    "and its history.",
    "goal": "Goals: judge a race goal against your fitness, time left and race-day conditions.",
    "import": "Import activity files: FIT, GPX, TCX (also .gz), folders and .zip account exports.",
    "info": "Show the home folder, the database and what the store holds.",
    "paces": "Easy, marathon, threshold, interval and repetition paces from your fitness (VDOT).",
    "plan": "Training plans: built from your profile, checked against the rules, exported.",
    "predict": "Predict a race time from your results "
    "(runcoach's own model, with an 80 % interval).",
    "quarantine": "Impossible records held back at import: listed here, or released.",
    "report": "Volume, run days, streaks, intensity, load, variety, wins, plan and predictions.",
    "restore": "Restore a backup into an empty database (never over existing data).",
    "runs": "The training log: list, show, add, edit and delete runs.",
    "shoes": "Your shoes: distance per pair and a warning when a pair is worn out.",
    "today": "What to run today: the planned session, or a better one, and why.",
    "verify": "Check a backup file as a restore would, without restoring it.",
    "warnings": "The three too's, watched: too far, too soon, too fast.",
    "wins": "The small wins found in your log, newest first.",
    "serve": "Start the web app and the HTTP API; the first visit creates the admin account.",
    "privacy": "Who sees your runs (private, partners, group, public) and your privacy zones.",
    "partners": "Training partners: invite, accept, end; sessions together; a partner's week.",
    "groups": "Groups: clubs, teams and goals; the board; challenges.",
    "comments": "Comments and kudos on a run you may see.",
    "shared": "The runs your partners and groups share with you, newest first, a page at a time.",
    "notifications": "Your notifications, and which kinds come in the app or by email.",
}  # fmt: skip


class LazyGroup(click.Group):
    """The top-level group: commands are found in ``COMMAND_MODULES`` on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMAND_MODULES)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list of ``--help``, as click writes it, without importing the commands."""
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = [(name, self._summary(ctx, name, limit)) for name in names]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def _summary(self, ctx: click.Context, name: str, limit: int) -> str:
        summary = COMMAND_SUMMARIES.get(name)
        if summary is None:
            command = self.get_command(ctx, name)
            return "" if command is None else command.get_short_help_str(limit)
        # click shortens it as it would the command's own help (no command module imported)
        return click.Command(name, help=summary).get_short_help_str(limit)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module_name = COMMAND_MODULES.get(cmd_name)
        if module_name is None:
            return None
        module = importlib.import_module(f"runcoach.cli.{module_name}")
        for command in module.COMMANDS:
            if command.name == cmd_name:
                return command  # type: ignore[no-any-return]
        raise LookupError(f"runcoach.cli.{module_name} has no command {cmd_name!r}")


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
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


def said(error: RuncoachError) -> str:
    """The error as the command line tells it: its hint in the CLI's words (cli/hints.py)."""
    from runcoach.cli.hints import phrase  # on errors only: `--help` imports no other cli module

    hint = phrase(error.hint)
    return f"{error.message} ({hint})" if hint else error.message


def main() -> None:
    """Entry point: run the CLI and turn runcoach's errors into messages and exit codes."""
    from runcoach.cli.safe_text import printable  # messages may quote hostile text

    try:
        cli.main(standalone_mode=False)
    except RuncoachError as error:  # exit codes are decided in runcoach.views.errors
        if not error.shown:
            click.echo(f"error: {printable(said(error))}", err=True)
        sys.exit(meaning_of(error).exit_code)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except OSError as error:  # a file the runner named cannot be read or written
        where = f"{error.filename}: " if error.filename else ""
        click.echo(f"error: {printable(where + str(error.strerror or error))}", err=True)
        sys.exit(1)
