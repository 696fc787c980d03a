"""The page cache (services/page_cache.py) keeps answers under the athlete's data version,
which the triggers of 0012_web_speed raise on writes to runs, plans, check-ins, today's
answers, shoes and the athlete's settings. The accountability tables (sharing, partners,
groups, comments, kudos, notifications, contracts, coach grants) raise nothing: these tests
prove that no kept answer reads them, so no kept answer can go stale when they change."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import event

from runcoach.config import Settings
from runcoach.domain.progress.report import PeriodKind
from runcoach.services import dashboard as board
from runcoach.services.calendar import calendar_page
from runcoach.services.log import LogQuery, log
from runcoach.services.page_cache import answers
from runcoach.services.reports import period_report, recent_wins
from runcoach.services.run_files import run_samples
from runcoach.services.shoes import list_pairs
from runcoach.services.today import progress_for
from tests.web.conftest import Runner
from tests.web.test_api import STARTS_TODAY, script

SRC = Path(__file__).resolve().parents[2] / "src" / "runcoach"
# Every module that keeps answers in the page cache: a new one must be checked here too.
CACHING_MODULES = {
    "services/calendar.py", "services/dashboard.py", "services/log.py", "services/reports.py",
    "services/run_files.py", "services/shoes.py", "services/today.py",
    "web/templating.py",  # rendered fragments of those answers (log rows, samples): no reads
}  # fmt: skip
NOT_VERSIONED = (
    "sharing_settings", "privacy_zones", "run_visibility", "partnerships", "partner_sessions",
    "running_groups", "group_members", "challenges", "comments", "kudos", "notifications",
    "notification_settings", "contracts", "contract_periods", "coach_grants",
)  # fmt: skip


def test_only_the_checked_modules_keep_answers_in_the_page_cache():
    keeping = {
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if path.name != "page_cache.py" and "page_cache import" in path.read_text("utf-8")
    }
    assert keeping == CACHING_MODULES


def test_no_kept_answer_reads_a_table_that_does_not_raise_the_data_version(app, ann: Runner):
    engine = app.state.engine
    phone = script(app, ann.token("write"))
    assert phone.post("/api/v1/plans", json=STARTS_TODAY).status_code == 201
    run = {"date": "2026-11-03", "distance": "10k", "duration": "50:00"}
    made = phone.post("/api/v1/runs", json=run)
    assert made.status_code == 201
    run_id = made.json()["id"]
    today = date.today()
    settings = Settings(home=Path("unused"), database_url=str(engine.url))
    statements: list[str] = []

    def seen(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    answers.clear()
    event.listen(engine, "before_cursor_execute", seen)
    try:
        board.dashboard(engine, settings, settings, athlete_id=1)
        for kind in (PeriodKind.WEEK, PeriodKind.MONTH, PeriodKind.YEAR):
            period_report(engine, settings, kind, athlete_id=1)
        recent_wins(engine, settings, None, athlete_id=1)
        progress_for(engine, settings, athlete_id=1)
        calendar_page(engine, settings, today - timedelta(days=14), today, athlete_id=1)
        log(engine, settings, LogQuery(), athlete_id=1)
        run_samples(engine, run_id, athlete_id=1)
        list_pairs(engine, settings, include_retired=True, athlete_id=1)
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert statements, "the answers were computed, not taken from the cache"
    for statement in statements:
        named = set(re.findall(r"\b[a-z_]+\b", statement.lower()))
        assert not named & set(NOT_VERSIONED), statement
