"""Secrets and invitation codes: a code is pasted at the command line (`runcoach coach
accept CODE`, `partners accept CODE`), where one starting with '-' read as an option: CI
met one (one code in 64 started so)."""

from __future__ import annotations

import secrets

from runcoach.services import accounts


def test_a_secret_never_starts_with_a_dash(monkeypatch):
    drawn = iter(["-HChGyNQRUF9L5xhP6xCg3asY5m32", "--second", "k9-third"])
    monkeypatch.setattr(secrets, "token_urlsafe", lambda nbytes: next(drawn))
    assert accounts.new_secret() == "k9-third"


def test_many_real_secrets_none_with_a_leading_dash():
    codes = [accounts.new_secret(16) for _ in range(2000)]
    assert not [c for c in codes if c.startswith("-")]
    assert len(set(codes)) == len(codes)


def test_a_coach_invitation_code_starting_with_a_dash_is_not_given(engine, monkeypatch):
    from datetime import UTC, datetime

    from runcoach.domain.accountability.coaching import Access
    from runcoach.services import coaching
    from tests.conftest import local_athlete

    drawn = iter(["-starts-with-a-dash", "plain-code"])
    monkeypatch.setattr(secrets, "token_urlsafe", lambda nbytes: next(drawn))
    ann = local_athlete(engine)
    assert coaching.invite_coach(engine, Access.READ_WRITE, datetime.now(UTC), athlete_id=ann) == (
        "plain-code"
    )
