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
