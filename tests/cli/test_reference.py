from __future__ import annotations

from pathlib import Path

from runcoach.cli.reference import render

DOCS_CLI = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def test_the_cli_reference_in_docs_matches_the_commands_help():
    assert DOCS_CLI.read_text(encoding="utf-8") == render(), (
        "docs/cli.md is stale: run  python -m runcoach.cli.reference > docs/cli.md"
    )
