"""``runcoach contracts`` and ``runcoach coach`` at the command line (the local athlete)."""

from __future__ import annotations

from datetime import date, timedelta


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
