from __future__ import annotations

from pathlib import Path

from runcoach.cli.reference import render

DOCS_CLI = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def test_the_cli_reference_in_docs_matches_the_commands_help():
    assert DOCS_CLI.read_text(encoding="utf-8") == render(), (
        "docs/cli.md is stale: run  python -m runcoach.cli.reference > docs/cli.md"
    )


README = DOCS_CLI.parents[1] / "README.md"


def test_the_readmes_command_table_is_one_table_that_names_every_command():
    from runcoach.cli.main import COMMAND_MODULES

    lines = README.read_text(encoding="utf-8").splitlines()
    start = lines.index("| command | what it does |")
    table = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break  # a blank line ends a Markdown table: rows after it would show as text
        table.append(line)
    named = {row.split("`runcoach ")[1].split()[0].rstrip("`") for row in table[2:]}
    assert set(COMMAND_MODULES) <= named, (
        f"not in the README's table: {set(COMMAND_MODULES) - named}"
    )
