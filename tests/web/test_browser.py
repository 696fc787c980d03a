"""A runner's first day in a real headless Chromium (Playwright driving Debian's chromium):
sign up, upload the sample files, see a run with its map and charts, build a plan from the
form for a rotating-shift worker, move a session on the calendar, mark "tired" and get the
mini version, subscribe the calendar feed, log out. On a desktop and on a 360-px phone.
Screenshots of the main pages go to test-artifacts/screenshots/."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from icalendar import Calendar

from tests.conftest import ACTIVITIES, needs_shared_data
from tests.web.browser import (
    CHROMIUM,
    VIEWPORTS,
    live_server,
    needs_chromium,
    screenshot_path,
    sqlite_app,
)
from tests.web.conftest import PASSWORD

pytestmark = [needs_chromium(), needs_shared_data(), pytest.mark.slow]
playwright = pytest.importorskip("playwright.sync_api")

UPLOADED = [
    ACTIVITIES / "python-fitparse" / "sample_mulitple_header.fit",  # a run with GPS and HR
    ACTIVITIES / "python-fitparse" / "developer-types-sample.fit",
    ACTIVITIES / "gpxpy" / "cerknicko-jezero.gpx",
    ACTIVITIES / "sweatpy" / "activity_4801048867.tcx",
    ACTIVITIES / "python-fitparse" / "activity-settings-corruptheader.fit",  # broken
]
QUALITY = ("tempo", "progression", "intervals", "hills")
WEEKS = 16


@pytest.fixture
def app(tmp_path: Path) -> FastAPI:
    return sqlite_app(tmp_path)


def sign_up(page, base: str, name: str) -> None:
    page.goto(base + "/")
    assert "/signup" in page.url
    page.fill("input[name=email]", f"{name}@example.com")
    page.fill("input[name=password]", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url(base + "/")


def upload_samples(page, base: str, name: str) -> None:
    page.goto(base + "/upload")
    page.set_input_files("#files", [str(p) for p in UPLOADED])
    page.click("#upload-form button[type=submit]")
    page.wait_for_selector("#job[data-status=done]", timeout=180_000)
    text = page.inner_text("#job")
    assert "activity-settings-corruptheader.fit" in text  # named, with its reason
    page.screenshot(path=screenshot_path(f"{name}-upload"), full_page=True)


def see_a_run(page, base: str, name: str) -> None:
    page.click("#job a >> nth=0")  # the first imported file's run
    page.goto(base + "/log")
    page.click("table.runs a >> text=/\\d{4}-\\d\\d-\\d\\d/ >> nth=0")
    page.wait_for_selector("#run[data-loaded=yes]", timeout=60_000)
    assert page.get_attribute("#map", "data-drawn") == "track"
    assert page.locator(".chart[data-drawn=chart]").count() >= 2  # pace and heart rate
    page.screenshot(path=screenshot_path(f"{name}-run"), full_page=True)


def build_shift_plan(page, base: str, name: str) -> None:
    today = date.today()
    race = today + timedelta(days=7 * WEEKS - 1)  # the plan's weeks end on race day
    page.goto(base + "/plan")
    page.fill("input[name=race]", "10k")
    page.fill("input[name=race_date]", race.isoformat())
    page.fill("input[name=target]", "49:00")
    page.fill("input[name=weekly_distance]", "28km")
    page.fill("input[name=longest_run_30d]", "12km")
    page.fill("input[name=run_days_per_week]", "5")
    page.fill("input[name=long_run_day]", "off")
    page.check("#availability-cycle")
    page.fill("input[name=cycle_start]", today.isoformat())
    page.fill(
        "input[name=cycle_days]",
        "off, day, day, day, off, night, night, night, recover, off, off, day, day, off",
    )
    for i, (kind, allows, minutes) in enumerate(
        [
            ("day", "short", "30"),
            ("night", "none", ""),
            ("recover", "short", "40"),
            ("off", "any", ""),
        ]
    ):
        page.fill(f"input[name=type_name_{i}]", kind)
        page.select_option(f"select[name=type_kind_{i}]", allows)
        page.fill(f"input[name=type_minutes_{i}]", minutes)
    page.click("#build-plan")
    page.wait_for_selector("#week-1", timeout=60_000)
    assert "Rule check" in page.inner_text("main")
    page.screenshot(path=screenshot_path(f"{name}-plan"))


def move_a_quality_session_to_today(page, base: str, name: str) -> None:
    today = date.today().isoformat()
    page.goto(base + "/calendar")
    sessions = page.locator(".session[draggable=true]")
    assert sessions.count() > 0
    chosen = next(
        (sessions.nth(i) for i in range(sessions.count())
         if any(f"kind-{k}" in (sessions.nth(i).get_attribute("class") or "") for k in QUALITY)),
        sessions.nth(0),
    )  # fmt: skip
    source = chosen.get_attribute("data-from")
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    target = tomorrow if source == today else today  # already today: move it to tomorrow
    chosen.drag_to(page.locator(f'.cal .day[data-day="{target}"]'))
    page.wait_for_selector("#move-result", timeout=30_000)
    assert "->" in page.inner_text("#move-result")  # the move and its rule check, before saving
    page.screenshot(path=screenshot_path(f"{name}-calendar-move"), full_page=True)
    page.click("#move-save")
    page.wait_for_url("**/calendar?on=*")
    moved = page.locator(f'.cal .day[data-day="{target}"] .session')
    assert moved.count() >= 1
    page.screenshot(path=screenshot_path(f"{name}-calendar"), full_page=True)


def tired_gets_the_mini_version(page, base: str, name: str) -> None:
    page.goto(base + "/")
    page.wait_for_selector("#today")
    before = page.inner_text("#today")
    with page.expect_response("**/today/feel"):
        page.click("button[data-feel=tired]")
    page.wait_for_function("t => document.querySelector('#today').innerText !== t", arg=before)
    after = page.inner_text("#today")
    assert "tired today" in after  # the reason, from the rules of a tired day
    assert any(w in after.lower() for w in ("mini", "shorten", "easy"))
    page.screenshot(path=screenshot_path(f"{name}-dashboard"), full_page=True)


def subscribe_the_feed(page, base: str) -> None:
    page.goto(base + "/settings")
    page.click("#make-feed")
    url = page.inner_text("#feed-url").strip()
    calendar = Calendar.from_ical(httpx.get(url, timeout=30).content)  # as a calendar app
    assert len(list(calendar.walk("VEVENT"))) > 10


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_a_new_runner_goes_through_their_first_day(app: FastAPI, viewport: str):
    with live_server(app) as base, playwright.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport=VIEWPORTS[viewport])
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            sign_up(page, base, viewport)
            upload_samples(page, base, viewport)
            see_a_run(page, base, viewport)
            build_shift_plan(page, base, viewport)
            move_a_quality_session_to_today(page, base, viewport)
            tired_gets_the_mini_version(page, base, viewport)
            subscribe_the_feed(page, base)
            page.goto(base + "/reports")
            page.wait_for_selector("[data-report-chart=weeks][data-drawn=chart]", timeout=30_000)
            page.screenshot(path=screenshot_path(f"{viewport}-reports"), full_page=True)
            page.click("#logout")
            page.wait_for_url("**/login")
            assert errors == []  # no script error, nothing blocked by the CSP
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= VIEWPORTS[viewport]["width"] + 1  # no sideways scrolling
        finally:
            browser.close()


def rota_ics(first: date) -> bytes:
    """Three nights from ``first`` + 9 days, then a day off: the rota an employer exports."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//ward 4//EN"]
    for i in range(3):
        night = first + timedelta(days=9 + i)
        morning = night + timedelta(days=1)
        lines += ["BEGIN:VEVENT", f"UID:n{i}@ward4", "SUMMARY:Night shift",
                  f"DTSTART:{night:%Y%m%d}T190000", f"DTEND:{morning:%Y%m%d}T073000",
                  "END:VEVENT"]  # fmt: skip
    return ("\r\n".join([*lines, "END:VCALENDAR"]) + "\r\n").encode()


def change_a_shift_then_a_rota_and_undo(page, base: str, name: str, tmp_path: Path) -> None:
    page.goto(base + "/calendar")
    day = (date.today() + timedelta(days=2)).isoformat()
    page.fill("#shift-day", day)
    page.select_option("#shift-type", "night")
    page.click("#shift-check")
    page.wait_for_selector("#shift-result", timeout=30_000)
    assert f"{day} becomes night" in page.inner_text("#shift-result")
    page.screenshot(path=screenshot_path(f"{name}-shift-preview"), full_page=True)
    if page.locator("#shift-accept").count():
        page.check("#shift-accept")
    page.click("#shift-save")
    page.wait_for_url("**/calendar?on=*")
    assert "night" in page.inner_text(f'.cal .day[data-day="{day}"] .date')
    rota = tmp_path / "rota.ics"
    rota.write_bytes(rota_ics(date.today()))
    page.set_input_files("#rota-file", str(rota))
    page.fill("#rota-map", "night=night, after-night=recover")
    page.click("#rota-check")
    page.wait_for_selector("#shift-result", timeout=30_000)
    assert "3 night" in page.inner_text("#shift-result")
    page.screenshot(path=screenshot_path(f"{name}-rota-preview"), full_page=True)
    if page.locator("#shift-accept").count():
        page.check("#shift-accept")
    page.click("#shift-save")
    page.wait_for_url("**/calendar")
    history = page.inner_text("ol.history")
    assert "rota" in history and "becomes night" in history
    page.screenshot(path=screenshot_path(f"{name}-plan-history"), full_page=True)
    page.click("#undo")
    page.wait_for_url("**/calendar")
    assert "rota" not in page.inner_text("ol.history")


def test_a_shift_worker_changes_one_shift_imports_the_rota_and_undoes_it(
    app: FastAPI, tmp_path: Path
):
    with live_server(app) as base, playwright.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport=VIEWPORTS["desktop"])
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            sign_up(page, base, "nurse")
            build_shift_plan(page, base, "nurse")
            change_a_shift_then_a_rota_and_undo(page, base, "nurse", tmp_path)
            assert errors == []
        finally:
            browser.close()
