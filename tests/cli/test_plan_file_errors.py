"""``plan export --json`` writes a file the plan document's schema accepts, and ``plan import``
refuses a file that breaks it, naming the file and the JSON path (docs/plan-format.md)."""

from __future__ import annotations

import json

from tests.views.test_plan_document import EXAMPLES, TODAY, _errors, _workout


def test_the_cli_refuses_a_broken_plan_file_with_the_path_and_imports_an_exported_one(
    log_cli, tmp_path
):
    created = log_cli("plan", "create", "--profile", str(EXAMPLES / "first-half.yaml"),
                      "--today", TODAY.isoformat(), "--json")  # fmt: skip
    assert created.exit_code == 0, created.stderr
    exported = tmp_path / "plan.json"
    assert log_cli("plan", "export", "--json", str(exported)).exit_code == 0
    document = json.loads(exported.read_text(encoding="utf-8"))
    assert _errors("plan-document", document) == []
    imported = log_cli("plan", "import", str(exported), "--json")
    assert imported.exit_code == 0, imported.stderr
    _workout(document)["blocks"][0]["duraton_s"] = 600
    exported.write_text(json.dumps(document), encoding="utf-8")
    refused = log_cli("plan", "import", str(exported))
    assert refused.exit_code != 0
    assert "plan.json: weeks[0].days[" in refused.stderr
    assert "blocks[0]: unknown key 'duraton_s'" in refused.stderr


MINIMAL = {  # what a coach writes by hand: every key the reader can default left out
    "format": "runcoach-plan", "version": 1, "created": "2026-12-01",
    "goal": {"kind": "base"},
    "baseline": {"weekly_distance_m": 20000, "longest_run_m": 8000},
    "weeks": [{"index": 1, "phase": "base", "days": [
        {"date": "2026-12-07", "workouts": [{
            "kind": "easy", "title": "Easy 30 min",
            "blocks": [{"step": "work", "duration_s": 1800, "effort": "easy"}]}]},
        {"date": "2026-12-08"},
    ]}],
}  # fmt: skip


def test_a_hand_written_plan_need_not_spell_out_what_is_empty(log_cli, tmp_path):
    """No notes, limitations, waivers, paces, week notes, recovery flag, day type or a rest
    day's workouts: the schema and the reader agree that those default (docs/plan-format.md)."""
    assert _errors("plan-document", MINIMAL) == []
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(MINIMAL), encoding="utf-8")
    imported = log_cli("plan", "import", str(path))
    assert imported.exit_code == 0, imported.stderr
    shown = log_cli("plan", "show")
    assert "Easy 30 min" in shown.stdout and "Tue 08 Dec  rest" in shown.stdout
    broken = {**MINIMAL, "baseline": {"weekly_distance_m": 20000}}  # required stays required
    path.write_text(json.dumps(broken), encoding="utf-8")
    refused = log_cli("plan", "import", str(path))
    assert refused.exit_code != 0 and "longest_run_m" in refused.stderr
