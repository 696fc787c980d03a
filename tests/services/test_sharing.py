"""Privacy, comments, kudos and notifications between runners in one store (SQLite, and
PostgreSQL when RUNCOACH_TEST_DATABASE_URL is set): nothing is seen until it is granted, a
shared track never shows a point inside a privacy zone, and emails reach a real SMTP server."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email import message_from_bytes
from email.message import Message
from pathlib import Path

import numpy as np
import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import Engine, insert

from runcoach.config import Settings
from runcoach.domain.accountability import Audience, PrivacyZone, SharedPart
from runcoach.domain.accountability.zones import metres_between
from runcoach.domain.errors import InvalidInput, NotFound, PermissionDenied
from runcoach.services import comments, notifications, sharing
from runcoach.services.accounts import sign_up
from runcoach.services.import_sources import sources_of_paths
from runcoach.services.importing import import_sources
from runcoach.services.runs import ManualRun, add_manual_run
from runcoach.store.tables import group_members, partnerships, running_groups
from tests.conftest import ACTIVITIES, needs_shared_data

GPS_FILE = ACTIVITIES / "sweatpy" / "4078723797.fit"
PASSWORD = "correct horse battery staple"
NOW = datetime.now(UTC)
SUMMARY, MAP, HEART = SharedPart.SUMMARY, SharedPart.MAP, SharedPart.HEART_RATE


@dataclass
class Four:
    engine: Engine
    ann: int
    bo: int  # Ann's partner
    cy: int  # in a group with Ann
    dee: int  # a stranger
    run: int  # Ann's typed run


def _athlete(engine: Engine, email: str) -> int:
    return sign_up(engine, email, PASSWORD, NOW).athlete_id


@pytest.fixture
def four(engine: Engine) -> Four:
    ann, bo, cy, dee = (_athlete(engine, f"{n}@example.com") for n in ("ann", "bo", "cy", "dee"))
    with engine.begin() as conn:
        conn.execute(insert(partnerships).values(
            inviter_id=ann, invitee_id=bo, status="active", created_at=NOW,
            expires_at=NOW + timedelta(days=14), accepted_at=NOW))  # fmt: skip
        group = conn.execute(insert(running_groups).values(
            name="Tuesday club", kind="club", created_by=ann, created_at=NOW
        )).inserted_primary_key[0]  # fmt: skip
        for who, role in ((ann, "member"), (cy, "admin")):
            conn.execute(insert(group_members).values(
                group_id=group, athlete_id=who, role=role, joined_at=NOW))  # fmt: skip
    run = add_manual_run(engine, ManualRun(date(2026, 11, 2), 8000, 2640), athlete_id=ann).run_id
    return Four(engine, ann, bo, cy, dee, run)


def _parts(f: Four, viewer: int, run: int | None = None) -> frozenset[SharedPart]:
    return sharing.visible_parts(f.engine, viewer_athlete_id=viewer, athlete_id=f.ann, run_id=run)


def test_nobody_but_the_runner_sees_anything_by_default(four):
    assert _parts(four, four.ann, four.run) == {SUMMARY, MAP, HEART}
    for viewer in (four.bo, four.cy, four.dee):
        assert _parts(four, viewer) == set() and _parts(four, viewer, four.run) == set()


def test_partners_group_members_and_strangers_see_what_their_audience_admits(four):
    sharing.set_privacy_defaults(four.engine, athlete_id=four.ann, defaults={
        SUMMARY: Audience.GROUP, MAP: Audience.PARTNERS, HEART: Audience.PRIVATE})  # fmt: skip
    assert _parts(four, four.bo, four.run) == {SUMMARY, MAP}
    assert _parts(four, four.cy, four.run) == {SUMMARY}
    assert _parts(four, four.dee, four.run) == set()


def test_a_runs_own_visibility_overrides_the_runners_defaults(four):
    sharing.set_privacy_defaults(
        four.engine, athlete_id=four.ann, defaults={SUMMARY: Audience.PUBLIC}
    )
    sharing.set_run_sharing(four.engine, four.run, {SUMMARY: Audience.PRIVATE}, athlete_id=four.ann)
    assert _parts(four, four.dee) == {SUMMARY}  # the runner's defaults
    assert _parts(four, four.bo, four.run) == set()
    sharing.set_run_sharing(four.engine, four.run, {SUMMARY: None}, athlete_id=four.ann)
    assert _parts(four, four.dee, four.run) == {SUMMARY}


def test_nobody_sets_the_visibility_of_another_runners_run(four):
    with pytest.raises(NotFound):
        sharing.set_run_sharing(four.engine, four.run, {SUMMARY: Audience.PUBLIC},
                                athlete_id=four.bo)  # fmt: skip


def test_a_run_asked_for_under_the_wrong_runner_shows_nothing(four):
    bo_run = add_manual_run(
        four.engine, ManualRun(date(2026, 11, 3), 5000, 1700), athlete_id=four.bo
    ).run_id
    sharing.set_privacy_defaults(
        four.engine, athlete_id=four.ann, defaults={SUMMARY: Audience.PUBLIC}
    )
    assert _parts(four, four.dee, bo_run) == set()


@needs_shared_data()
def test_a_shared_track_never_shows_a_point_inside_a_privacy_zone(four):
    summary = import_sources(
        four.engine, sources_of_paths([GPS_FILE]), athlete_id=four.ann, workers=1
    )
    run_id = summary.files[0].run_ids[0]
    whole = sharing.shared_streams(four.engine, viewer_athlete_id=four.ann, athlete_id=four.ann,
                                   run_id=run_id)  # fmt: skip
    assert whole is not None and whole.latitude is not None
    known = np.flatnonzero(np.isfinite(whole.latitude))
    middle = known[len(known) // 2]
    zone = PrivacyZone("home", float(whole.latitude[middle]), float(whole.longitude[middle]), 300)
    sharing.add_privacy_zone(four.engine, zone, athlete_id=four.ann)
    sharing.set_privacy_defaults(four.engine, athlete_id=four.ann, defaults={
        SUMMARY: Audience.PARTNERS, MAP: Audience.PARTNERS})  # fmt: skip
    seen = sharing.shared_streams(four.engine, viewer_athlete_id=four.bo, athlete_id=four.ann,
                                  run_id=run_id)  # fmt: skip
    assert seen is not None and seen.latitude is not None and seen.heart_rate is None
    shown = np.isfinite(seen.latitude)
    assert shown.any()
    near = metres_between(
        seen.latitude[shown], seen.longitude[shown], zone.latitude, zone.longitude
    )
    assert (near > zone.radius_m).all()
    start = (float(whole.latitude[known[0]]), float(whole.longitude[known[0]]))
    assert (metres_between(seen.latitude[shown], seen.longitude[shown], *start) > 100).all()
    track = sharing.shared_track(four.engine, viewer_athlete_id=four.bo, athlete_id=four.ann,
                                 run_id=run_id)  # fmt: skip
    assert track is not None and np.isfinite(track.latitude).all()
    assert len(track) == shown.sum()
    mine = sharing.shared_track(four.engine, viewer_athlete_id=four.ann, athlete_id=four.ann,
                                run_id=run_id)  # fmt: skip
    assert mine is not None and len(mine) == len(track)  # made for someone else: trimmed too
    with pytest.raises(NotFound):  # Cy, in a group with Ann, may not even see the run
        sharing.shared_track(four.engine, viewer_athlete_id=four.cy, athlete_id=four.ann,
                             run_id=run_id)  # fmt: skip
    sharing.set_run_sharing(four.engine, run_id, {MAP: Audience.PRIVATE}, athlete_id=four.ann)
    assert sharing.shared_track(four.engine, viewer_athlete_id=four.bo, athlete_id=four.ann,
                                run_id=run_id) is None  # fmt: skip


def test_only_who_may_see_a_run_comments_and_the_owner_is_told(four):
    with pytest.raises(NotFound):
        comments.add_comment(four.engine, four.run, "nice", athlete_id=four.bo)
    sharing.set_privacy_defaults(
        four.engine, athlete_id=four.ann, defaults={SUMMARY: Audience.PARTNERS}
    )
    comments.add_comment(four.engine, four.run, "Strong finish!", athlete_id=four.bo)
    comments.give_kudos(four.engine, four.run, athlete_id=four.bo)
    comments.give_kudos(four.engine, four.run, athlete_id=four.bo)  # once only
    with pytest.raises(NotFound):
        comments.give_kudos(four.engine, four.run, athlete_id=four.dee)
    with pytest.raises(InvalidInput):
        comments.give_kudos(four.engine, four.run, athlete_id=four.ann)
    social = comments.run_social(four.engine, four.run, athlete_id=four.ann)
    assert [c.body for c in social.comments] == ["Strong finish!"]
    assert [k.name for k in social.kudos] == ["bo"]
    told = notifications.list_notifications(four.engine, athlete_id=four.ann)
    assert sorted(n.kind for n in told) == ["comment", "kudos"]
    assert notifications.unread_count(four.engine, athlete_id=four.ann) == 2


def test_the_owner_or_a_group_admin_hides_a_comment_and_nobody_else(four):
    sharing.set_privacy_defaults(
        four.engine, athlete_id=four.ann, defaults={SUMMARY: Audience.GROUP}
    )
    first = comments.add_comment(four.engine, four.run, "spam spam", athlete_id=four.bo)
    with pytest.raises(PermissionDenied):
        comments.hide_comment(four.engine, first, athlete_id=four.bo)
    comments.hide_comment(four.engine, first, athlete_id=four.cy)  # Cy is the group's admin
    assert comments.run_social(four.engine, four.run, athlete_id=four.bo).comments == ()
    seen_by_owner = comments.run_social(four.engine, four.run, athlete_id=four.ann).comments
    assert [c.hidden for c in seen_by_owner] == [True]
    comments.hide_comment(four.engine, first, athlete_id=four.ann, hidden=False)
    assert len(comments.run_social(four.engine, four.run, athlete_id=four.bo).comments) == 1


def test_a_kind_switched_off_in_the_app_and_by_email_is_not_stored(four):
    notifications.switch(four.engine, athlete_id=four.ann, kind="kudos", in_app=False, email=False)
    notifications.notify(four.engine, athlete_id=four.ann, kind="kudos", subject="x", body="y")
    notifications.notify(four.engine, athlete_id=four.ann, kind="comment", subject="c", body="d",
                         link="/runs/1")  # fmt: skip
    assert [n.kind for n in notifications.list_notifications(four.engine, athlete_id=four.ann)] == [
        "comment"]  # fmt: skip
    assert notifications.mark_read(four.engine, athlete_id=four.ann) == 1
    assert notifications.unread_count(four.engine, athlete_id=four.ann) == 0


def test_a_weekly_digest_is_stored_once_per_key(four):
    for _ in range(2):
        notifications.notify(four.engine, athlete_id=four.bo, kind="weekly_digest", subject="s",
                             body="b", dedupe_key="digest:2026-W48")  # fmt: skip
    assert len(notifications.list_notifications(four.engine, athlete_id=four.bo)) == 1


class Inbox:
    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's hook name
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox, port = Inbox(), _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


def _mail_settings(engine: Engine, tmp_path: Path, port: int) -> Settings:
    return Settings(
        home=tmp_path, database_url=str(engine.url), smtp_host="127.0.0.1", smtp_port=port,
        smtp_security="none", base_url="https://run.example",
    )  # fmt: skip


def test_an_email_with_an_unsubscribe_link_that_works_without_logging_in(four, smtp, tmp_path):
    inbox, port = smtp
    settings = _mail_settings(four.engine, tmp_path, port)
    notifications.notify(four.engine, athlete_id=four.bo, kind="comment", subject="Ann replied",
                         body="See you Tuesday", link="/runs/7")  # fmt: skip
    assert notifications.deliver_emails(four.engine, settings) == 1
    assert notifications.deliver_emails(four.engine, settings) == 0  # sent once
    mail = inbox.messages[0]
    assert mail["To"] == "bo@example.com" and mail["Subject"] == "Ann replied"
    text = mail.get_payload(decode=True).decode()
    assert "See you Tuesday" in text and "https://run.example/runs/7" in text
    link = "".join(mail["List-Unsubscribe"].split()).strip("<>")  # unfolded
    assert link in text and link.startswith("https://run.example/unsubscribe/")
    token = link.rsplit("/", 1)[1]
    assert notifications.unsubscribe(four.engine, token).email is False
    notifications.notify(four.engine, athlete_id=four.bo, kind="comment", subject="again", body="b")
    assert notifications.deliver_emails(four.engine, settings) == 0
    assert len(notifications.list_notifications(four.engine, athlete_id=four.bo)) == 2  # in app
    with pytest.raises(InvalidInput):
        notifications.unsubscribe(four.engine, token[:-2] + "xx")
    with pytest.raises(InvalidInput):
        notifications.unsubscribe(four.engine, token.replace(f"{four.bo}.", f"{four.ann}.", 1))


def test_without_an_smtp_server_nothing_is_sent_and_the_app_still_notifies(four, tmp_path):
    settings = Settings(home=tmp_path, database_url=str(four.engine.url))
    notifications.notify(four.engine, athlete_id=four.bo, kind="comment", subject="s", body="b")
    assert notifications.deliver_emails(four.engine, settings) == 0
    assert notifications.unread_count(four.engine, athlete_id=four.bo) == 1


def test_an_invitation_goes_with_its_calendar_file(four, smtp, tmp_path):
    inbox, port = smtp
    invite = notifications.Attachment("invite.ics", "text/calendar; method=REQUEST",
                                      "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")  # fmt: skip
    notifications.notify(four.engine, athlete_id=four.bo, kind="partner_session",
                         subject="Intervals?", body="Tuesday", attachment=invite)  # fmt: skip
    notifications.deliver_emails(four.engine, _mail_settings(four.engine, tmp_path, port))
    parts = [p for p in inbox.messages[0].walk() if p.get_filename() == "invite.ics"]
    assert parts and parts[0].get_content_type() == "text/calendar"
    assert parts[0].get_param("method") == "REQUEST"
