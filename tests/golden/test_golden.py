"""Every command's ``--json`` output, exit code and stderr stay what they were (issue 12).

The story of ``scenario.py`` runs once on the real device files; each step is compared with
its golden file in ``expected/``: stdout byte for byte (after the documented normalisation),
and the exit code and stderr from ``expected/exits.json``. A deliberate change of output
is recorded again with ``RUNCOACH_GOLDEN_RECORD=1 python -m pytest tests/golden`` and the
diff reviewed like code.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator

import pytest

from tests.conftest import needs_shared_data
from tests.golden.scenario import GOLDEN, NOW, Outcome, run_story, step_names

EXPECTED = GOLDEN / "expected"
EXITS = EXPECTED / "exits.json"
RECORD = bool(os.environ.get("RUNCOACH_GOLDEN_RECORD"))

pytestmark = [needs_shared_data(), pytest.mark.slow]


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Outcome]]:
    time_machine = pytest.importorskip("time_machine")
    home = tmp_path_factory.mktemp("golden") / "home"
    with pytest.MonkeyPatch.context() as patch:
        for name in list(os.environ):
            if name.startswith("RUNCOACH_") and not name.startswith("RUNCOACH_TEST_"):
                patch.delenv(name)
        with time_machine.travel(NOW, tick=True):
            outcomes = run_story(home)
    if RECORD:
        _record(outcomes)
    yield outcomes


def _record(outcomes: dict[str, Outcome]) -> None:
    EXPECTED.mkdir(exist_ok=True)
    for stale in EXPECTED.glob("*.json"):
        stale.unlink()
    for name, outcome in outcomes.items():
        if outcome.stdout:
            (EXPECTED / f"{name}.json").write_text(outcome.stdout, encoding="utf-8")
    exits = {n: {"exit_code": o.exit_code, "stderr": o.stderr} for n, o in outcomes.items()}
    EXITS.write_text(json.dumps(exits, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def _expected_stdout(name: str) -> str:
    path = EXPECTED / f"{name}.json"
    return path.read_text(encoding="utf-8") if path.exists() else ""


@pytest.mark.parametrize("name", step_names())
def test_a_commands_json_output_is_what_it_was_before_the_refactor(
    story: dict[str, Outcome], name: str
) -> None:
    got = story[name]
    expected = _expected_stdout(name)
    if got.stdout != expected and got.stdout.strip() and expected.strip():
        assert json.loads(got.stdout) == json.loads(expected)  # the readable diff first
    assert got.stdout == expected


@pytest.mark.parametrize("name", step_names())
def test_a_commands_exit_code_and_messages_are_what_they_were(
    story: dict[str, Outcome], name: str
) -> None:
    expected = json.loads(EXITS.read_text(encoding="utf-8"))[name]
    assert (story[name].exit_code, story[name].stderr) == (
        expected["exit_code"],
        expected["stderr"],
    )


def test_every_golden_file_belongs_to_a_step_of_the_story() -> None:
    names = set(step_names())
    files = {p.stem for p in EXPECTED.glob("*.json")} - {"exits"}
    assert files <= names
    assert set(json.loads(EXITS.read_text(encoding="utf-8"))) == names


def test_the_story_covers_every_command_that_takes_json() -> None:
    from tests.golden.scenario import commands_told

    assert commands_told() >= _commands_with_json()


def _commands_with_json() -> set[str]:
    import click

    from runcoach.cli.main import cli

    found: set[str] = set()

    def walk(command: click.Command, path: tuple[str, ...]) -> None:
        if isinstance(command, click.Group):
            ctx = click.Context(command)
            for sub in command.list_commands(ctx):
                child = command.get_command(ctx, sub)
                assert child is not None
                walk(child, (*path, sub))
        elif any(o.name == "as_json" for o in command.params if isinstance(o, click.Option)):
            found.add(" ".join(path))

    walk(cli, ())
    return found
