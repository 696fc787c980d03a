"""``runcoach contracts`` and ``runcoach coach`` at the command line (the local athlete)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from runcoach.domain.accountability.coaching import Access
from runcoach.domain.accountability.contracts import (
    Goal,
    GoalKind,
    Receiver,
    Stake,
    Terms,
    weeks_from,
)
from runcoach.services import coaching, contracts
from runcoach.store.accounts import add_account, add_athlete
from tests.conftest import local_athlete


def next_monday() -> str:
    today = date.today()
    return (today + timedelta(days=7 - today.weekday())).isoformat()


def test_a_contract_is_signed_shown_refused_easier_terms_and_ended(runcoach):
    terms = [
        "--goal",
        "run-days=4",
        "--start",
        next_monday(),
        "--weeks",
        "8",
        "--stake",
        "20EUR",
        "--to",
        "charity:Red Cross",
    ]
    signed = runcoach("contracts", "sign", *terms, "--json")
    assert signed.exit_code == 0, signed.stderr
    contract = signed.json()
    assert contract["terms"]["goal"]["text"] == "at least 4 run days every week"
    assert contract["terms"]["stake"]["amount"] == 20 and contract["referee"] is None
    cid = str(contract["id"])
    easier = runcoach(
        "contracts", "harder", cid, *[t.replace("run-days=4", "run-days=3") for t in terms]
    )
    assert easier.exit_code == 4 and "fewer run days" in easier.stderr
    harder = runcoach(
        "contracts", "harder", cid, *[t.replace("20EUR", "30EUR") for t in terms], "--json"
    )
    assert harder.json()["terms"]["stake"]["amount"] == 30
    shown = runcoach("contracts", "show", cid)
    assert "30.00 EUR to Red Cross" in shown.stdout
    ended = runcoach("contracts", "end", cid, "--reason", "injured for months", "--json")
    assert ended.json()["status"] == "ended"
    assert "injured for months" in runcoach("contracts", "show", cid).stdout


def test_a_bad_goal_says_what_is_wrong(runcoach):
    answer = runcoach(
        "contracts",
        "sign",
        "--goal",
        "run-often",
        "--start",
        next_monday(),
        "--weeks",
        "2",
        "--stake",
        "5EUR",
        "--to",
        "friend:Ana",
    )
    assert answer.exit_code == 2 and "is not a contract goal" in answer.stderr


def test_an_athlete_invites_a_coach_and_revokes_the_invitation(runcoach):
    code = runcoach("coach", "invite", "--access", "read-write", "--json").json()["code"]
    assert runcoach("coach", "accept", code).exit_code == 2  # not oneself
    listed = runcoach("coach", "coaches", "--json").json()
    assert listed[0]["state"] == "invited" and listed[0]["access"] == "read-write"
    assert runcoach("coach", "revoke", str(listed[0]["id"])).exit_code == 0
    assert runcoach("coach", "coaches", "--json").json()[0]["state"] == "revoked"
    assert runcoach("coach", "athletes").stdout.strip() == "no athletes yet"


PROFILES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def test_a_coach_builds_an_athletes_plan_and_records_a_shift_and_a_rota(log_cli, engine, tmp_path):
    coach = local_athlete(engine)
    with engine.begin() as conn:
        dan = add_athlete(conn, "Dan")
    code = coaching.invite_coach(engine, Access.READ_WRITE, datetime.now(UTC), athlete_id=dan)
    assert log_cli("coach", "accept", code).exit_code == 0
    built = log_cli("coach", "plan", str(dan), "--profile", str(PROFILES / "shift-worker.yaml"),
                    "--note", "around your nights", "--json")  # fmt: skip
    assert built.exit_code == 0, built.stderr
    assert built.json()["change"].startswith("a new plan from a profile")
    day = (date.today() + timedelta(days=10)).isoformat()
    shifted = log_cli("coach", "shift", str(dan), "--date", day, "--day-type", "off",
                      "--note", "swapped a shift", "--accept-breaks")  # fmt: skip
    assert shifted.exit_code == 0, shifted.stderr
    assert f"shift: {day} becomes off" in shifted.stdout
    night = date.today() + timedelta(days=12)
    rota = tmp_path / "rota.ics"
    rota.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Night\r\n"
        f"DTSTART:{night:%Y%m%d}T190000\r\nDTEND:{night + timedelta(days=1):%Y%m%d}T070000\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    from_rota = log_cli("coach", "rota", str(dan), str(rota), "--map", "night=none",
                        "--note", "December rota", "--accept-breaks", "--json")  # fmt: skip
    assert from_rota.exit_code == 0, from_rota.stderr
    told = [c["note"] for c in coaching.plan_changes(engine, athlete_id=dan)]
    assert told == ["December rota", "swapped a shift", "around your nights"]
    assert coaching.plan_changes(engine, athlete_id=coach) == []
    stranger = log_cli("coach", "plan", str(dan + 1), "--profile",
                       str(PROFILES / "shift-worker.yaml"), "--note", "x")  # fmt: skip
    assert stranger.exit_code != 0 and "not one of your athletes" in stranger.stderr


def test_a_referee_accepts_at_the_command_line_and_contracts_are_judged_by_command(log_cli, engine):
    me = local_athlete(engine)
    with engine.begin() as conn:
        ann = add_athlete(conn, "Ann")
        add_account(conn, me, "me@example.com", "x", is_admin=True)
    monday = date.today() - timedelta(days=date.today().weekday() + 14)
    terms = Terms(Goal(GoalKind.RUN_DAYS, run_days=1), monday, weeks_from(monday, 2),
                  Stake(500, "EUR", Receiver.CHARITY, "Red Cross"))  # fmt: skip
    signed = datetime.combine(monday, datetime.min.time(), UTC)
    cid = contracts.sign(engine, terms, "me@example.com", signed, athlete_id=ann)
    shown = log_cli("contracts", "show", str(cid), "--json").json()
    assert shown["status"] == "awaiting-referee" and shown["role"] == "referee"
    assert log_cli("contracts", "accept", str(cid)).exit_code == 0
    judged = log_cli("contracts", "judge", "--json")  # my own contracts: none
    assert judged.json() == {"judged": 0}
    assert len(contracts.show(engine, cid, datetime.now(UTC), athlete_id=ann).periods) == 2
    down = log_cli("contracts", "step-down", str(cid), "--note", "moving")
    assert down.exit_code == 0 and "stepped down" in down.stdout
    assert log_cli("contracts", "show", str(cid)).exit_code != 0  # no longer mine to see
