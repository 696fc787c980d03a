"""Issue 17, point 6 (and 5 for batch lines): hostile profiles, plan files and batch lines end
in a clear message naming what is wrong, never a traceback, a hang or exhausted memory."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from runcoach.domain.errors import InvalidInput
from runcoach.inputs.documents import (
    BATCH_LINE,
    PROFILE,
    DocumentLimits,
    bounded_lines,
    load_document,
)
from runcoach.services.fitness import predict_batch
from runcoach.views.fitness import batch_answer_json
from tests.hostile.bounded import MiB, cli_cases, run_bounded

GOOD_PROFILE = "goal: {race: half, date: 2027-04-18}\nweekly_distance: 30km\n"
ALIAS_BOMB = (  # 400 bytes, 10^9 values once expanded ("billion laughs" in YAML)
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
    "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
    "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
    "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n"
    "goal: {race: half, date: 2027-04-18}\n"
    "shoes: *i\n"
)

# Each hostile profile of the issue, and what the message must say.
HOSTILE_PROFILES: dict[str, tuple[bytes, str]] = {
    "alias-bomb.yaml": (ALIAS_BOMB.encode(), "aliases"),
    "wide-alias-bomb.yaml": (
        (
            "x: &x [" + ",".join(["1"] * 90) + "]\ny: [" + ",".join(["*x"] * 100) + "]\n"
            "z: [*y, *y, *y]\n"
        ).encode(),
        "aliases",
    ),
    "deep.yaml": (b"goal: " + b"[" * 5000 + b"]" * 5000 + b"\n", "deeper than"),
    "deep-mapping.yaml": (
        b"goal:\n" + b"".join(b"  " * i + b"a:\n" for i in range(1, 60)),
        "deeper than",
    ),
    "deep.json": (b"[" * 100_000 + b"]" * 100_000, "deeper than"),
    "latin1.yaml": ("name: Jürgen\n".encode("latin-1") + GOOD_PROFILE.encode(), "not UTF-8"),
    "huge-number.yaml": (GOOD_PROFILE.replace("30km", "1" + "0" * 400).encode(), "digits"),
    "huge-number.json": (
        b'{"goal": {"race": "half", "date": "2027-04-18"}, "years_running": 1' + b"0" * 400 + b"}",
        "digits",
    ),
    "infinite.yaml": (GOOD_PROFILE.encode() + b"years_running: .inf\n", "not a number"),
    "goal-9999.yaml": (b"goal: {race: marathon, date: 9999-12-31}\n", "not a date runcoach"),
    "goal-9999-quoted.yaml": (b"goal: {race: marathon, date: '9999-12-31'}\n", "weeks"),
    "start-9999.yaml": (
        b"goal: {race: marathon, date: 2199-01-01}\nstart: 2198-12-31\n",
        "less than a week",
    ),
    "tune-up-9999.yaml": (
        GOOD_PROFILE.encode() + b"tune_up_races: [{date: 9999-01-01, distance: 10k}]\n",
        "not a date runcoach",
    ),
    "big.yaml": (b"# " + b"x" * (PROFILE.max_bytes + 10) + b"\n", "larger than"),
    "not-a-mapping.yaml": (b"- just\n- a list\n", "mapping"),
    "binary.yaml": (bytes(range(256)) * 4, "not UTF-8"),
}


@pytest.fixture(scope="module")
def hostile_answers(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    folder = tmp_path_factory.mktemp("profiles")
    cases = []
    for name, (data, _) in HOSTILE_PROFILES.items():
        (folder / name).write_bytes(data)
        cases.append(["plan", "create", "--profile", str(folder / name), "--today", "2026-12-01"])
    (folder / "fifo.yaml").unlink(missing_ok=True)
    result = run_bounded(cli_cases(cases, folder / "home"), memory_bytes=1024 * MiB, seconds=90)
    assert result.outcome == "ok", (result.outcome, result.detail, result.stderr[-3000:])
    assert result.peak_bytes < 400 * MiB
    answers = json.loads(result.stdout.splitlines()[-1])
    return dict(zip(HOSTILE_PROFILES, answers, strict=True))


@pytest.mark.parametrize("name", sorted(HOSTILE_PROFILES))
def test_a_hostile_profile_is_refused_with_a_clear_message(hostile_answers, name: str) -> None:
    answer = hostile_answers[name]
    assert answer["code"] != 0
    assert answer["err"].startswith("error: ")
    assert HOSTILE_PROFILES[name][1] in answer["err"]
    assert "Traceback" not in answer["err"]


def test_a_goal_further_than_the_longest_plan_says_how_to_start_later(hostile_answers) -> None:
    assert "set start:" in hostile_answers["goal-9999-quoted.yaml"]["err"]


def test_an_alias_used_a_few_times_is_fine() -> None:
    text = b"base: &day {short: 30}\nweekdays: {monday: *day, friday: *day}\n"
    assert load_document(text, "p.yaml", PROFILE, as_json=False)["weekdays"]["friday"] == {
        "short": 30
    }


def test_limits_can_be_tightened_per_kind_of_document() -> None:
    with pytest.raises(InvalidInput, match="deeper than 2"):
        load_document(
            b"a: {b: {c: 1}}", "x.yaml", DocumentLimits(max_bytes=100, max_depth=2), as_json=False
        )


def _lines(*lines: bytes) -> list[dict]:
    stream = io.BytesIO(b"\n".join(lines) + b"\n")
    return [
        batch_answer_json(a) for a in predict_batch(bounded_lines(stream, BATCH_LINE.max_bytes))
    ]


GOOD_LINE = b'{"results": [{"distance": "half", "time": "1:32:05"}], "to": "marathon"}'


def test_a_deep_json_batch_line_answers_its_error_and_the_next_lines_are_answered() -> None:
    answers = _lines(GOOD_LINE, b"[" * 50_000, GOOD_LINE)
    assert [a["line"] for a in answers] == [1, 2, 3]
    assert "deeper than" in answers[1]["error"]
    assert "seconds" in answers[0] and "seconds" in answers[2]


def test_a_non_utf8_batch_line_answers_its_error_alone() -> None:
    answers = _lines(GOOD_LINE, b'{"to": "marathon \xff\xfe"}', GOOD_LINE)
    assert "not UTF-8" in answers[1]["error"]
    assert "seconds" in answers[2]


def test_an_overlong_batch_line_is_refused_without_being_held_whole() -> None:
    answers = _lines(b" " * (5 * MiB) + GOOD_LINE, GOOD_LINE)
    assert "larger than 64 KiB" in answers[0]["error"]
    assert answers[1]["line"] == 2 and "seconds" in answers[1]


def test_predict_batch_from_a_file_with_hostile_lines_exits_cleanly(tmp_path: Path) -> None:
    batch = tmp_path / "runners.jsonl"
    batch.write_bytes(b"\n".join([GOOD_LINE, b"[" * 50_000, b"\xff\xfe", b"1e400", GOOD_LINE]))
    result = run_bounded(
        cli_cases([["predict", "--batch", str(batch)]], tmp_path / "home"), seconds=60
    )
    assert result.outcome == "ok", result.detail
    [answer] = json.loads(result.stdout.splitlines()[-1])
    assert answer["code"] == 0
    lines = [json.loads(line) for line in answer["out"].splitlines()]
    assert [("error" in x) for x in lines] == [False, True, True, True, False]


def test_a_hostile_plan_file_is_refused_clearly(tmp_path: Path) -> None:
    files = {
        "deep.json": b"[" * 50_000,
        "latin1.json": '{"format": "runcoach-plan", "title": "L\xe4uft"}'.encode("latin-1"),
        "shape.json": b'{"format": "runcoach-plan", "goal": {}, "baseline": {"x": 1}}',
        "limits.json": b'{"format": "runcoach-plan", "limitations": [1]}',
        "huge.json": b'{"format": "runcoach-plan", "vdot": 1' + b"0" * 5000 + b"}",
    }
    cases = []
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        cases.append(["plan", "check", str(tmp_path / name)])
        cases.append(["plan", "import", str(tmp_path / name)])
    result = run_bounded(cli_cases(cases, tmp_path / "home"), seconds=60)
    assert result.outcome == "ok", result.detail
    for answer in json.loads(result.stdout.splitlines()[-1]):
        assert answer["code"] != 0 and answer["err"].startswith("error: "), answer
