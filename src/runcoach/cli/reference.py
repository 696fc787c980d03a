"""Write the CLI reference (docs/cli.md) from the commands' own ``--help``.

    python -m runcoach.cli.reference > docs/cli.md

A test compares docs/cli.md with this output, so the reference never drifts from the code.
"""

from __future__ import annotations

from collections.abc import Iterator

import click

from runcoach.cli.main import cli

HEADER = (
    "# runcoach command reference\n\n"
    "Generated from each command's `--help` by `python -m runcoach.cli.reference > docs/cli.md`;"
    " a test fails when this file and the code disagree.\n"
)


def _commands(
    command: click.Command, name: str, parent: click.Context | None
) -> Iterator[click.Context]:
    settings = {"terminal_width": 100, **command.context_settings}
    ctx = click.Context(command, info_name=name, parent=parent, **settings)
    yield ctx
    if isinstance(command, click.Group):
        for sub_name in sorted(command.list_commands(ctx)):
            sub = command.get_command(ctx, sub_name)
            if sub is not None and not sub.hidden:
                yield from _commands(sub, sub_name, ctx)


def render() -> str:
    sections = [HEADER]
    for ctx in _commands(cli, "runcoach", None):
        help_text = ctx.command.get_help(ctx)
        sections.append(f"\n## `{ctx.command_path}`\n\n```text\n{help_text}\n```\n")
    return "".join(sections)


if __name__ == "__main__":
    click.echo(render(), nl=False)
