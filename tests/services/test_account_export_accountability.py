"""The account export (Settings → data export, ``GET /api/v1/account/export``) holds the
runner's accountability too: privacy settings and zones, each run's own audiences, partners
and partner sessions, groups, the comments they wrote, coach grants both ways and the
notification preferences; never another runner's own settings, never an invitation's code."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine

from runcoach.domain.accountability import Audience, SharedPart
from runcoach.domain.accountability.coaching import Access
from runcoach.domain.accountability.groups import GroupKind
from runcoach.domain.accountability.zones import PrivacyZone
from runcoach.services import coaching, comments, groups, notifications, partners, sharing
from runcoach.services.account_export import export_account
from runcoach.services.accounts import sign_up
from runcoach.services.runs import ManualRun, add_manual_run

NOW = datetime.now(UTC)
TODAY = NOW.date()


def _runner(engine: Engine, name: str) -> int:
    return sign_up(engine, f"{name}@example.com", "correct horse battery staple", NOW).athlete_id


def _read(engine: Engine, athlete_id: int) -> dict[str, object]:
    archive = zipfile.ZipFile(io.BytesIO(export_account(engine, athlete_id=athlete_id)))
    return {n: json.loads(archive.read(n)) for n in archive.namelist() if n.endswith(".json")}


def test_the_account_export_holds_the_runners_accountability(engine):
    ann, bo = _runner(engine, "ann"), _runner(engine, "bo")
    sharing.set_privacy_defaults(engine, athlete_id=ann, trim_m=500,
                                 defaults={SharedPart.SUMMARY: Audience.PARTNERS})  # fmt: skip
    sharing.add_privacy_zone(engine, PrivacyZone("home", 48.85, 2.35, 600), athlete_id=ann)
    sharing.add_privacy_zone(engine, PrivacyZone("bo's home", 40.0, -3.7), athlete_id=bo)
    run_id = add_manual_run(engine, ManualRun(TODAY, 8000, 2700), athlete_id=ann).run_id
    sharing.set_run_sharing(engine, run_id, {SharedPart.SUMMARY: Audience.PRIVATE}, athlete_id=ann)
    invitation = partners.invite_partner(engine, athlete_id=ann)
    partners.accept_partner(engine, invitation.code, athlete_id=bo)
    sharing.set_privacy_defaults(
        engine, athlete_id=bo, defaults={SharedPart.SUMMARY: Audience.PARTNERS}
    )
    yesterday = ManualRun(TODAY - timedelta(days=1), 5000, 1800)
    their_run = add_manual_run(engine, yesterday, athlete_id=bo).run_id
    comments.add_comment(engine, their_run, "Lovely easy run", athlete_id=ann)
    comments.add_comment(engine, their_run, "Thanks!", athlete_id=bo)
    group = groups.create_group(engine, "Tuesday club", GroupKind.CLUB, athlete_id=bo)
    groups.join_group(engine, group, athlete_id=ann)
    code = coaching.invite_coach(engine, Access.READ, NOW, athlete_id=ann)
    coaching.accept_invitation(engine, code, NOW, athlete_id=bo)
    notifications.switch(engine, kind="kudos", email=False, athlete_id=ann)
    notifications.set_reminder_time(engine, "06:30", athlete_id=ann)

    files = _read(engine, ann)
    privacy = files["privacy.json"]
    assert privacy["settings"]["summary_audience"] == "partners"
    assert privacy["settings"]["trim_m"] == 500
    assert [(z["name"], z["radius_m"]) for z in privacy["zones"]] == [("home", 600)]
    assert privacy["runs"] == [{"run_id": run_id, "part": "summary", "audience": "private"}]
    partnership = files["partners.json"]["partnerships"][0]
    assert (partnership["inviter"], partnership["invitee"], partnership["status"]) == (
        "ann", "bo", "active")  # fmt: skip
    assert [(g["name"], g["role"], g["created_by_me"]) for g in files["groups.json"]] == [
        ("Tuesday club", "member", False)]  # fmt: skip
    assert [(c["body"], c["run_owner"]) for c in files["comments.json"]] == [
        ("Lovely easy run", "bo")]  # fmt: skip
    grant = files["coach-grants.json"][0]
    assert (grant["athlete"], grant["coach"], grant["access"]) == ("ann", "bo", "read")
    told = files["notifications.json"]
    assert told["switches"] == [{"kind": "kudos", "in_app": True, "email": False}]
    assert told["reminder_time"] == "06:30"
    everything = json.dumps(files)
    assert "bo's home" not in everything and "code_hash" not in everything
    assert "Thanks!" not in everything  # Bo's comment is Bo's
    # Bo's export holds the same relationships from Bo's side
    theirs_files = _read(engine, bo)
    assert theirs_files["groups.json"][0]["created_by_me"] is True
    assert theirs_files["coach-grants.json"][0]["coach"] == "bo"
