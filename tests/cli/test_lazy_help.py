"""``runcoach --help`` lists the commands without importing them, and says the same as click."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest

from runcoach.cli.main import COMMAND_MODULES, COMMAND_SUMMARIES, cli


@pytest.mark.parametrize("name", sorted(COMMAND_MODULES))
def test_every_commands_summary_is_the_first_paragraph_of_its_help(name):
    command = cli.get_command(click.Context(cli), name)
    assert command is not None
    first = " ".join((command.help or "").split("\n\n")[0].split())
    assert COMMAND_SUMMARIES.get(name) == first


@pytest.mark.parametrize("limit", [30, 45, 80, 200])
def test_the_lazy_command_list_shortens_each_summary_as_click_would(limit):
    ctx = click.Context(cli)
    for name in COMMAND_MODULES:
        command = cli.get_command(ctx, name)
        assert command is not None
        assert cli._summary(ctx, name, limit) == command.get_short_help_str(limit)


def test_help_imports_no_command_module():
    code = (
        "import sys\n"
        "from runcoach.cli.main import cli\n"
        "try:\n"
        "    cli.main(['--help'], standalone_mode=False)\n"
        "finally:\n"
        "    loaded = sorted(m for m in sys.modules if m.startswith('runcoach.cli.')\n"
        "                    and m not in ('runcoach.cli.main', 'runcoach.cli.context'))\n"
        "    print('LOADED', loaded)\n"
        "    print('HEAVY', sorted({'sqlalchemy', 'numpy'} & set(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "Commands:" in done.stdout
    assert "LOADED []" in done.stdout
    assert "HEAVY []" in done.stdout
