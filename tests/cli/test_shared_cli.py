"""``runcoach shared`` and ``runcoach groups runs``: the runs shared with the local athlete,
a page at a time (the first account of the store is the command line's athlete)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from runcoach.domain.accountability import Audience, SharedPart
from runcoach.domain.accountability.groups import GroupKind
from runcoach.services import groups, partners, sharing
from runcoach.services.accounts import sign_up
from runcoach.services.runs import ManualRun, add_manual_run


def test_the_command_line_pages_the_runs_shared_with_me(log_cli, engine):
    now = datetime.now(UTC)
    me = sign_up(engine, "me@example.com", "correct horse battery staple", now).athlete_id
    bo = sign_up(engine, "bo@example.com", "correct horse battery staple", now).athlete_id
    code = partners.invite_partner(engine, athlete_id=me).code
    partners.accept_partner(engine, code, athlete_id=bo)
    sharing.set_privacy_defaults(engine, athlete_id=bo,
                                 defaults={SharedPart.SUMMARY: Audience.GROUP})  # fmt: skip
    for back in range(3):
        entry = ManualRun(date.today() - timedelta(days=back), 5000 + back, 1600)
        add_manual_run(engine, entry, athlete_id=bo)
    first = log_cli("shared", "--limit", "2")
    assert first.exit_code == 0, first.stderr
    assert first.stdout.count("bo:") == 2 and "older: --cursor" in first.stdout
    cursor = first.stdout.split("--cursor ")[1].split()[0]
    rest = log_cli("shared", "--cursor", cursor, "--json").json()
    assert len(rest["runs"]) == 1 and rest["next"] is None
    assert rest["runs"][0]["distance_m"] == 5002
    assert log_cli("shared", "--cursor", "nonsense").exit_code != 0
    group = groups.create_group(engine, "Tuesday club", GroupKind.CLUB, athlete_id=bo)
    groups.join_group(engine, group, athlete_id=me)
    board = log_cli("groups", "runs", str(group), "--json").json()
    assert len(board["runs"]) == 3


def test_an_invite_only_group_at_the_command_line(log_cli, engine):
    from runcoach.services import group_invitations

    now = datetime.now(UTC)
    sign_up(engine, "me@example.com", "correct horse battery staple", now)  # the CLI's athlete
    bo = sign_up(engine, "bo@example.com", "correct horse battery staple", now).athlete_id
    made = log_cli("groups", "create", "Dawn patrol", "--invite-only", "--json").json()
    group = made["id"]
    link = log_cli("groups", "invite", str(group), "--email", "bo@example.com", "--json").json()
    assert link["told_athlete_id"] == bo and link["url"] == f"/groups/join/{link['code']}"
    group_invitations.ask_to_join(engine, group, athlete_id=bo)
    assert "bo (asked" in log_cli("groups", "requests", str(group)).stdout
    assert log_cli("groups", "answer", str(group), str(bo), "approve").exit_code == 0
    assert [g.role for g in groups.list_groups(engine, athlete_id=bo) if g.id == group] == [
        "member"]  # fmt: skip
    assert "is open" in log_cli("groups", "open", str(group)).stdout
