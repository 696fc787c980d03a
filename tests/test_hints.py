"""No string shown by the lower layers names a command line flag or command (issue 12).

Domain, services and store say what the runner can do next as a ``domain.hints.Hint``; each
door phrases it (``cli/hints.py``, ``web/hints.py``). A string literal in those layers that
names a flag (``--max-hr``) or a command (``runcoach checkin``) would be shown on the web as
command line words. Docstrings are for developers and are not scanned.
"""

from __future__ import annotations

import ast
import json
import pickle
import re
from datetime import date
from pathlib import Path

import pytest

from runcoach.cli.hints import CLI, phrase
from runcoach.cli.hints import said as cli_said
from runcoach.cli.main import cli
from runcoach.cli.output import json_text
from runcoach.domain.hints import Do, Hint, Pointer, note
from runcoach.domain.plans.codec import plan_document, plan_from_dict, plan_to_dict
from runcoach.domain.plans.model import Baseline, Goal, GoalKind, Plan
from runcoach.web.hints import phrase as web_phrase
from runcoach.web.hints import say

SRC = Path(__file__).resolve().parents[1] / "src" / "runcoach"
LOWER = ("domain", "services", "store")
FLAG = re.compile(r"(?<![\w-])--[a-z][a-z-]+")


def _commands() -> re.Pattern[str]:
    names = "|".join(sorted(cli.list_commands(None)))  # type: ignore[arg-type]
    return re.compile(rf"(?<!\ba )(?<!\ban )(?<!\bthe )\bruncoach ({names})\b")


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _cli_words() -> list[str]:
    command = _commands()
    found = []
    for layer in LOWER:
        for path in sorted((SRC / layer).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            skip = _docstrings(tree)
            for node in ast.walk(tree):
                if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                        and id(node) not in skip):  # fmt: skip
                    text = node.value
                    if FLAG.search(text) or command.search(text):
                        where = path.relative_to(SRC)
                        found.append(f"{where}:{node.lineno}: {text.strip()}")
    return found


# Still to phrase: text inside a result that ``--json`` prints (the golden files hold it), so
# it needs a structured reason that the view phrases per door. Each entry is (module, words);
# the list may only shrink: an entry no longer found fails too.
STILL_IN_RESULTS: set[tuple[str, str]] = set()


def test_no_string_of_the_lower_layers_names_a_cli_flag_or_command():
    found = _cli_words()
    known = [w for w in found if any(w.startswith(m) and s in w for m, s in STILL_IN_RESULTS)]
    new = [w for w in found if w not in known]
    assert not new, "phrase it as a domain.hints.Hint:\n" + "\n".join(new)
    stale = [
        e for e in STILL_IN_RESULTS if not any(w.startswith(e[0]) and e[1] in w for w in found)
    ]
    assert not stale, f"phrased now: take them out of STILL_IN_RESULTS: {stale}"


def test_the_scan_finds_cli_words():
    assert FLAG.search("e.g. --max-hr 186") and _commands().search("runcoach checkin --can-run")
    assert not FLAG.search("2026-11-20 -- a dash") and not FLAG.search("well-known")


@pytest.mark.parametrize("do", list(Do))
def test_every_action_reads_well_at_each_door(do):
    other = Hint(Do.GIVE_RESULT, "for example 10k in 41:30")
    values = {"after": "2026-11-20", "example": "2027-03-14", "or": other, "note": "A note.",
              "before": "as in ", "id": 49, "kind": "night", "types": "day shift, off",
              "from": "2024-01-01", "to": "2026-11-20"}  # fmt: skip
    hint = Hint(do, "plain words", values)
    said = phrase(hint)
    assert said and "{" not in said
    web = web_phrase(hint)
    assert web and "{" not in web and not FLAG.search(web), "the web's words name no CLI flag"


def test_a_refused_plan_change_says_how_to_preview_accept_or_map_at_each_door():
    """Issue 15: the refusals lost their flags when hints replaced strings."""
    refused = Hint(Do.PREVIEW_OR_ACCEPT_BREAKS, "preview; accept")
    assert "--dry-run" in phrase(refused) and "--accept-breaks" in phrase(refused)
    assert "I accept the broken rules" in web_phrase(refused)
    unknown = Hint(Do.MAP_SHIFT_KIND, "say", {"kind": "night", "types": "day shift, off"})
    assert "--map night=" in phrase(unknown) and "day shift, off" in phrase(unknown)
    assert "night=none" in web_phrase(unknown) and "Kinds" in web_phrase(unknown)


def test_the_cli_keeps_its_words_for_the_hints_it_had():
    assert CLI[Do.LIST_RUNS] == "runcoach runs list shows the run ids"
    assert phrase(
        Hint(Do.GIVE_RACE_DATE, "x", {"after": "2026-11-20", "example": "2027-03-14"})
    ) == ("give a race date after 2026-11-20, e.g. --date 2027-03-14")


def _pointer() -> Pointer:
    return note(Do.SEE_GOAL_NUMBERS, "The plan trains for 52:10.", "The goal's verdict has them.")


def test_a_pointer_is_its_plain_words_wherever_a_string_goes():
    said = _pointer()
    assert said == "The plan trains for 52:10. The goal's verdict has them."
    assert json.dumps([said]) == '["The plan trains for 52:10. The goal\'s verdict has them."]'
    again = pickle.loads(pickle.dumps(said))
    assert isinstance(again, Pointer) and again.hint == said.hint


def test_each_door_phrases_a_pointer_in_its_own_words():
    said = _pointer()
    assert cli_said(said) == "The plan trains for 52:10. See `runcoach goal check` for the numbers."
    assert web_phrase(said) == "The plan trains for 52:10. The Goal page has the numbers."
    page = str(say(said))
    assert page.endswith('<a class="hint-link" href="/goal">Goal</a>') and "runcoach" not in page
    assert str(say("<b>plain</b>")) == "&lt;b&gt;plain&lt;/b&gt;"


def test_the_command_lines_json_phrases_the_pointers_inside_a_result():
    data = {"notes": [_pointer(), "plain"], "nested": [{"tip": _pointer()}]}
    printed = json.loads(json_text(data))
    assert printed["notes"][0].endswith("See `runcoach goal check` for the numbers.")
    assert printed["notes"][1] == "plain" and "runcoach goal check" in printed["nested"][0]["tip"]


def test_a_stored_plan_keeps_its_notes_pointers_for_every_door():
    plan = Plan(Goal(GoalKind.BASE), date(2026, 11, 20), Baseline(30_000.0, 10_000.0), [],
                notes=[_pointer(), "plain"])  # fmt: skip
    document = json.loads(json.dumps(plan_document(plan)))
    assert document["notes"][0]["do"] == "see-goal-numbers"
    back = plan_from_dict(document)
    assert back.notes == plan.notes and isinstance(back.notes[0], Pointer)
    assert back.notes[0].hint == plan.notes[0].hint
    assert plan_to_dict(back)["notes"][0] == plan.notes[0]
