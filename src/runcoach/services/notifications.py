"""Notifications: in the app (the bell in the header) and by email when an SMTP server is
configured. Each kind can be switched off, in the app and by email separately; every email
carries an unsubscribe link that works without logging in (a signed token, RFC 8058's
one-click ``List-Unsubscribe`` too).

``notify`` stores the notification and, when the runner gets that kind by email, puts it in
the outbox; ``deliver_emails`` (a job on the queue, web/jobs.py) sends the outbox, so a slow
or broken mail server never slows or breaks the request that notified.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import secrets
import smtplib
import ssl
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import make_msgid
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import IntegrityError

from runcoach.config import Settings
from runcoach.domain.accountability.notices import KINDS, check_kind, check_text
from runcoach.domain.accountability.partners import parse_time
from runcoach.domain.errors import InvalidInput
from runcoach.store import accounts as account_store
from runcoach.store import notifications as store
from runcoach.store import sharing as sharing_store
from runcoach.store.db import read_only
from runcoach.store.moments import aware

log = logging.getLogger("runcoach.mail")
SIGNING_KEY = "notification_signing_key"  # site_settings: the key of unsubscribe links
EMAIL_MAX_AGE = timedelta(days=2)  # an email not sent by then is stale (SMTP set up later)
BATCH = 100  # emails per delivery job
SMTP_TIMEOUT_S = 30


@dataclass(frozen=True)
class Attachment:
    """A file sent with the email (an iCalendar invite), kept with the notification."""

    name: str
    media_type: str  # e.g. "text/calendar; method=REQUEST"
    text: str


@dataclass(frozen=True)
class Notification:
    id: int
    kind: str
    subject: str
    body: str
    link: str | None
    created_at: datetime
    read: bool


@dataclass(frozen=True)
class KindSwitch:
    kind: str
    description: str
    in_app: bool
    email: bool


def notify(
    engine: Engine,
    *,
    athlete_id: int,
    kind: str,
    subject: str,
    body: str,
    link: str | None = None,
    dedupe_key: str | None = None,
    attachment: Attachment | None = None,
) -> None:
    """Tell a runner something: in the app, and by email (when mail is configured) unless
    they switched that kind off. ``link`` is a path of this runcoach (``/runs/12``).
    ``dedupe_key`` makes it once only (one weekly digest per week)."""
    check_kind(kind)
    check_text(subject, body)
    with engine.begin() as conn:
        notify_on(conn, athlete_id, kind, subject, body, link, dedupe_key, attachment)


def notify_on(
    conn: Connection,
    athlete_id: int,
    kind: str,
    subject: str,
    body: str,
    link: str | None = None,
    dedupe_key: str | None = None,
    attachment: Attachment | None = None,
) -> None:
    """``notify`` inside a transaction the caller holds (stored with what caused it)."""
    in_app, email = store.switches(conn, athlete_id).get(kind, (True, True))
    if not (in_app or email):
        return
    if dedupe_key is not None and store.has_key(conn, athlete_id, dedupe_key):
        return
    has_address = email and store.email_of(conn, athlete_id) is not None
    values: dict[str, Any] = {
        "athlete_id": athlete_id, "kind": kind, "subject": subject.strip(), "body": body,
        "link": link, "dedupe_key": dedupe_key, "in_app": in_app,
        "email_state": store.PENDING if has_address else store.NO_EMAIL,
        "created_at": datetime.now(UTC),
    }  # fmt: skip
    if attachment is not None:
        values |= {"attachment_name": attachment.name, "attachment_type": attachment.media_type,
                   "attachment": attachment.text}  # fmt: skip
    try:
        with conn.begin_nested():
            store.add(conn, values)
    except IntegrityError:  # the same dedupe_key stored meanwhile by another worker
        log.debug("notification %s for %s already there", dedupe_key, athlete_id)


def already_told(engine: Engine, *, athlete_id: int, dedupe_key: str) -> bool:
    """Whether a notification with this key was stored for the runner (a digest's week)."""
    with engine.connect() as conn:
        return store.has_key(conn, athlete_id, dedupe_key)


def list_notifications(
    engine: Engine, *, athlete_id: int, unread_only: bool = False, limit: int = 50
) -> list[Notification]:
    with engine.connect() as conn:
        rows = store.listed(conn, athlete_id, unread_only, limit)
    return [
        Notification(r.id, r.kind, r.subject, r.body, r.link, aware(r.created_at),
                     r.read_at is not None)
        for r in rows
    ]  # fmt: skip


def unread_count(engine: Engine, *, athlete_id: int) -> int:
    with read_only(engine) as conn:  # every page's bell: no write lock
        return store.unread(conn, athlete_id)


def mark_read(
    engine: Engine, *, athlete_id: int, notification_ids: Sequence[int] | None = None
) -> int:
    """Mark some (or, with None, all) of the runner's notifications read; how many were."""
    with engine.begin() as conn:
        return store.mark_read(conn, athlete_id, notification_ids, datetime.now(UTC))


def switches(engine: Engine, *, athlete_id: int) -> list[KindSwitch]:
    """Every kind with whether it is on in the app and by email (known kinds first)."""
    with engine.connect() as conn:
        chosen = store.switches(conn, athlete_id)
    kinds = list(KINDS) + sorted(set(chosen) - set(KINDS))
    return [
        KindSwitch(kind, KINDS.get(kind, kind), *chosen.get(kind, (True, True))) for kind in kinds
    ]


def switch(
    engine: Engine,
    *,
    athlete_id: int,
    kind: str,
    in_app: bool | None = None,
    email: bool | None = None,
) -> KindSwitch:
    """Switch a kind on or off, in the app and/or by email (a side not given stays)."""
    check_kind(kind)
    with engine.begin() as conn:
        now_in_app, now_email = store.switches(conn, athlete_id).get(kind, (True, True))
        new = (now_in_app if in_app is None else in_app, now_email if email is None else email)
        store.set_switch(conn, athlete_id, kind, *new)
    return KindSwitch(kind, KINDS.get(kind, kind), *new)


# --- unsubscribe links -------------------------------------------------------------------------


def _signing_key(conn: Connection) -> bytes:
    key = account_store.site_setting(conn, SIGNING_KEY)
    if key is None:
        key = secrets.token_hex(32)
        account_store.set_site_setting(conn, SIGNING_KEY, key)
    return key.encode()


def _signature(key: bytes, athlete_id: int, kind: str) -> str:
    mac = hmac.new(key, f"unsubscribe:{athlete_id}:{kind}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac[:18]).decode().rstrip("=")


def unsubscribe_token(engine: Engine, *, athlete_id: int, kind: str) -> str:
    """The token of a link that switches this kind's emails off for this runner."""
    with engine.begin() as conn:
        return _token(conn, athlete_id, kind)


def _token(conn: Connection, athlete_id: int, kind: str) -> str:
    return f"{athlete_id}.{kind}.{_signature(_signing_key(conn), athlete_id, kind)}"


def _verified(conn: Connection, token: str) -> tuple[int, str]:
    athlete, _, rest = token.partition(".")
    kind, _, signature = rest.partition(".")
    if athlete.isdigit() and kind and signature:
        expected = _signature(_signing_key(conn), int(athlete), kind)
        if hmac.compare_digest(expected, signature):
            return int(athlete), kind
    raise InvalidInput("this unsubscribe link is not valid", hint="copy the whole link")


def unsubscribe_kind(engine: Engine, token: str) -> KindSwitch:
    """What a link's token would switch off (the confirmation page shows it)."""
    with engine.begin() as conn:
        athlete_id, kind = _verified(conn, token)
        in_app, email = store.switches(conn, athlete_id).get(kind, (True, True))
    return KindSwitch(kind, KINDS.get(kind, kind), in_app, email)


def unsubscribe(engine: Engine, token: str) -> KindSwitch:
    """Switch off the emails of the kind the token names (no login: the token is signed)."""
    with engine.begin() as conn:
        athlete_id, kind = _verified(conn, token)
        in_app, _ = store.switches(conn, athlete_id).get(kind, (True, True))
        store.set_switch(conn, athlete_id, kind, in_app, False)
    return KindSwitch(kind, KINDS.get(kind, kind), in_app, False)


# --- the outbox --------------------------------------------------------------------------------


def deliver_emails(engine: Engine, settings: Settings) -> int:
    """Send the outbox's emails (store-wide: a job, not a request); how many were sent.
    Without an SMTP server nothing is sent; emails older than two days are dropped as stale."""
    if not settings.mail_configured:
        return 0
    now = datetime.now(UTC)
    with engine.begin() as conn:
        store.expire_pending(conn, now - EMAIL_MAX_AGE, now)
        store.expire_invitation_emails(conn, now - EMAIL_MAX_AGE, now)
        waiting = store.pending(conn, BATCH)
        messages: list[tuple[Marker, EmailMessage]] = [
            (_marker(store.set_email_state, row.id), _message(conn, row, settings))
            for row in waiting
        ]
        messages += [
            (_marker(store.set_invitation_email_state, row.id), _invitation_message(row, settings))
            for row in store.pending_invitation_emails(conn, BATCH)
        ]
    if not messages:
        return 0
    return _send_all(engine, settings, messages)


Marker = Callable[[Connection, str], None]  # records an email's state once tried


def _marker(set_state: Callable[[Connection, int, str, datetime], None], row_id: int) -> Marker:
    return lambda conn, state: set_state(conn, row_id, state, datetime.now(UTC))


def _send_all(
    engine: Engine, settings: Settings, messages: list[tuple[Marker, EmailMessage]]
) -> int:
    sent = 0
    try:
        with _smtp(settings) as smtp:
            for mark, message in messages:
                sent += _send_one(engine, smtp, mark, message)
    except (OSError, smtplib.SMTPException) as error:  # the server is down: try again later
        log.warning("cannot reach the SMTP server %s: %s", settings.smtp_host, error)
    return sent


def _send_one(engine: Engine, smtp: smtplib.SMTP, mark: Marker, message: EmailMessage) -> int:
    try:
        smtp.send_message(message)
        state = store.SENT
    except smtplib.SMTPRecipientsRefused:
        state = store.FAILED
    with engine.begin() as conn:
        mark(conn, state)
    return 1 if state == store.SENT else 0


def email_invitation(conn: Connection, address: str, subject: str, body: str, link: str) -> None:
    """An invitation to someone with no account here, by email (when mail is configured: the
    next round sends it): ``link`` is the path that signs them up and opens the invitation."""
    check_text(subject, body)
    store.add_invitation_email(conn, {"address": address, "subject": subject.strip(),
                                      "body": body, "link": link,
                                      "created_at": datetime.now(UTC)})  # fmt: skip


def signup_link(code: str, then: str) -> str:
    """The path that signs someone up by an invitation (even when sign-ups are closed: the
    invitation admits its address) and then opens it."""
    return f"/signup?{urlencode({'invitation': code, 'next': then})}"


def _invitation_message(row: Any, settings: Settings) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.mail_from
    message["To"] = row.address
    message["Subject"] = row.subject
    message["Message-ID"] = make_msgid(domain="runcoach")
    message.set_content("\n".join([
        row.body.rstrip(), "", f"{settings.base_url}{row.link}", "",
        "--", "You get this once, because a runner typed your address; runcoach keeps it only "
        "with the invitation and emails you nothing else unless you sign up.",
    ]))  # fmt: skip
    return message


def _smtp(settings: Settings) -> smtplib.SMTP:
    assert settings.smtp_host is not None
    if settings.smtp_security == "ssl":
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(
            settings.smtp_host, settings.smtp_port, timeout=SMTP_TIMEOUT_S,
            context=ssl.create_default_context(),
        )  # fmt: skip
    else:
        smtp = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=SMTP_TIMEOUT_S)
        if settings.smtp_security == "starttls":
            smtp.starttls(context=ssl.create_default_context())
    if settings.smtp_user:
        smtp.login(settings.smtp_user, settings.smtp_password or "")
    return smtp


def _message(conn: Connection, row: Any, settings: Settings) -> EmailMessage:
    unsubscribe_url = f"{settings.base_url}/unsubscribe/{_token(conn, row.athlete_id, row.kind)}"
    message = EmailMessage()
    message["From"] = settings.mail_from
    message["To"] = row.email
    message["Subject"] = row.subject
    message["Message-ID"] = make_msgid(domain="runcoach")
    message["List-Unsubscribe"] = f"<{unsubscribe_url}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"  # RFC 8058
    lines = [row.body.rstrip(), ""]
    if row.link:
        lines += [f"{settings.base_url}{row.link}", ""]
    lines += ["--", f"No more of these emails: {unsubscribe_url}"]
    message.set_content("\n".join(lines))
    if row.attachment is not None:
        _, _, subtype = (row.attachment_type or "text/plain").partition("/")
        subtype, _, params = subtype.partition(";")
        extra = dict(p.strip().split("=", 1) for p in params.split(";") if "=" in p)
        message.add_attachment(
            row.attachment, subtype=subtype.strip(), filename=row.attachment_name, params=extra
        )
    return message


# --- the daily reminder ------------------------------------------------------------------------


def reminder_time(engine: Engine, *, athlete_id: int) -> str | None:
    """The time of day ("06:30", the runner's time zone) of today's session reminder."""
    with engine.connect() as conn:
        row = sharing_store.settings_row(conn, athlete_id)
    return None if row is None else row.reminder_time


def set_reminder_time(engine: Engine, when: str | None, *, athlete_id: int) -> str | None:
    chosen = parse_time(when)
    with engine.begin() as conn:
        sharing_store.save_settings(conn, athlete_id, {"reminder_time": chosen})
    return chosen
