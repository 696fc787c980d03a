"""docs/plans.md's "A coach's reading of six plans" shows what the generator writes today
(issue 15): each table is rebuilt from its profile in docs/examples and compared."""

from __future__ import annotations

import pytest

from benchmarks.plan_readings import (
    DOC,
    EXAMPLES,
    READINGS,
    Reading,
    plan_of,
    profile_of,
    table,
    table_in_doc,
)
from runcoach.domain.plans.rules import check
from tests.domain.plans import coach


@pytest.mark.parametrize("reading", READINGS, ids=lambda r: r.profile)
def test_each_reading_in_the_docs_is_the_table_the_generator_writes(reading: Reading):
    written = table_in_doc(DOC.read_text(encoding="utf-8"), reading.title)
    assert written == table(plan_of(reading)), (
        f"docs/plans.md's table for '{reading.title}' is stale: "
        "run  python -m benchmarks.plan_readings --write  and read the prose under it again"
    )


@pytest.mark.parametrize("reading", READINGS, ids=lambda r: r.profile)
def test_each_reading_is_a_plan_that_keeps_the_rules_and_passes_the_coach(reading: Reading):
    plan = plan_of(reading)
    assert [v for v in check(plan) if v.accepted is None] == []
    assert coach.everything(plan, profile_of(reading)) == []
    assert (EXAMPLES / reading.profile).is_file()


def test_the_doc_names_the_command_and_the_profile_of_each_reading():
    text = DOC.read_text(encoding="utf-8")
    assert "python -m benchmarks.plan_readings" in text
    for reading in READINGS:
        section = text[text.index(f"### {reading.title}\n") :]
        assert f"docs/examples/{reading.profile}" in section.split("\n### ")[0]
