"""Notifications a use case gives while its transaction is open, sent once it is committed
(a notification is written in a transaction of its own: on SQLite, one writer at a time)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine

from runcoach.services.notifications import notify


@dataclass(frozen=True)
class Notice:
    athlete_id: int  # who is told
    kind: str  # domain/accountability/notices.py: referee_request, contract, coach
    subject: str
    body: str
    link: str | None = None


@dataclass
class Outbox:
    """The notices of one use case, sent after it committed."""

    notices: list[Notice] = field(default_factory=list)

    def tell(
        self, athlete_id: int, kind: str, subject: str, body: str, link: str | None = None
    ) -> None:
        self.notices.append(Notice(athlete_id, kind, subject, body, link))

    def send(self, engine: Engine) -> None:
        """Hand each notice to the notifications service (in-app, and email when set up)."""
        for n in self.notices:
            _deliver(engine, n)
        self.notices.clear()


def _deliver(engine: Engine, n: Notice) -> None:
    notify(engine, athlete_id=n.athlete_id, kind=n.kind, subject=n.subject, body=n.body,
           link=n.link)  # fmt: skip
