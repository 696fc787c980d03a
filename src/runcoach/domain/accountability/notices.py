"""The kinds of notification runcoach sends, and what a runner may switch off.

A kind is a short name (``partner_invitation``); each can be switched off in the app and by
email separately. Kinds not listed here (a newer feature's) are accepted too, and are on
until the runner switches them off.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from runcoach.domain.errors import InvalidInput

KIND_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,31}$")
MAX_SUBJECT_CHARS = 300
MAX_BODY_CHARS = 20_000

KINDS: Mapping[str, str] = {
    "partner_invitation": "A runner invites you to be training partners",
    "partner_update": "A partnership was accepted or ended",
    "partner_session": "A partner session: invited, accepted, moved or declined",
    "comment": "A comment on one of your runs",
    "kudos": "Kudos on one of your runs",
    "weekly_digest": "Your partners' week: planned vs done, wins, the coming key session",
    "session_reminder": "A reminder of today's session, at the time you choose",
    "group": "Your groups: new members, challenges, moderation",
    "referee_request": "A runner asks you to referee a commitment contract",
    "contract": "A commitment contract's period was judged, confirmed or overturned",
    "coach": "Your coach: an invitation accepted, a change to your plan and why",
}


def check_kind(kind: str) -> str:
    if not KIND_PATTERN.match(kind):
        raise InvalidInput(
            f"'{kind}' is not a notification kind", hint="lower-case letters, digits and _"
        )
    return kind


def check_text(subject: str, body: str) -> None:
    if not subject.strip():
        raise InvalidInput("a notification needs a subject")
    if len(subject) > MAX_SUBJECT_CHARS or len(body) > MAX_BODY_CHARS:
        raise InvalidInput("a notification this long is not a notification")
