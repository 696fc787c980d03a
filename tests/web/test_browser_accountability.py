"""A coach's athletes page and a referee confirming and overturning a contract's weeks, in a
real headless Chromium (Playwright driving Debian's chromium), on a desktop and a 360-px phone.
Screenshots go to test-artifacts/screenshots/."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from fastapi import FastAPI

from tests.web.browser import (
    CHROMIUM,
    VIEWPORTS,
    live_server,
    needs_chromium,
    screenshot_path,
    sqlite_app,
)
from tests.web.conftest import PASSWORD, sign_up
from tests.web.test_api import SHIFT_PROFILE
from tests.web.test_contracts_api import (
    coached,
    four_weeks,
    sign_contract,
    this_monday,
    told_to,
)

pytestmark = [needs_chromium(), pytest.mark.slow]
playwright = pytest.importorskip("playwright.sync_api")


@pytest.fixture
def app(tmp_path: Path) -> FastAPI:
    return sqlite_app(tmp_path)


def log_in(page, base: str, email: str) -> None:
    page.context.clear_cookies()
    page.goto(base + "/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url(base + "/")


def fits_the_screen(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"] + 1, f"the page is {width} px wide"


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_a_coach_sees_the_athletes_and_a_referee_decides_a_week(app: FastAPI, viewport: str):
    ann = sign_up(app, "ann@example.com")
    bob = sign_up(app, "bob@example.com")
    assert ann.client.post("/api/v1/plans", json=SHIFT_PROFILE, headers=ann.headers()).is_success
    contract, _ = four_weeks(app, ann, bob)
    coached(app, ann)  # carl@example.com, read-write
    with live_server(app) as base, playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport=VIEWPORTS[viewport])
        log_in(page, base, "carl@example.com")
        page.click("nav.menu a[href='/coach']")
        page.wait_for_url(base + "/coach")
        row = page.locator("tr.athlete", has_text="ann@example.com")
        assert row.count() == 1 and row.locator(".mark").count() == 7
        page.screenshot(path=str(screenshot_path(f"coach-athletes-{viewport}")), full_page=True)
        fits_the_screen(page)
        row.locator("a").first.click()
        page.wait_for_selector("#edit-day")
        assert page.locator(".big-days .mark").count() == 7
        page.screenshot(path=str(screenshot_path(f"coach-athlete-{viewport}")), full_page=True)
        first_run = page.locator("form.comment-form").first
        first_run.locator("input[name=body]").fill("Even pacing, well done")
        first_run.locator("button").click()
        page.wait_for_url("**/coach/athletes/*")

        log_in(page, base, "bob@example.com")
        page.goto(f"{base}/contracts")
        page.click(f"a[href='/contracts/{contract['id']}']")
        week1 = page.locator("#period-1")
        week1.locator("button.confirm").click()
        page.wait_for_selector("#period-1 .review:has-text('confirmed')")
        week3 = page.locator("#period-3")
        assert "missed" in week3.locator("h3").inner_text()
        week3.locator("input[name=note]").fill("I ran with her that Saturday")
        week3.locator("button.overturn").click()
        page.wait_for_selector("#period-3 .review:has-text('overturned')")
        heading = page.locator("#period-3 h3").inner_text()
        assert "kept" in heading and "automatic: missed" in heading
        assert "I ran with her that Saturday" in page.locator("#period-3").inner_text()
        assert "0 missed" in page.locator("#contract .big").inner_text()
        page.screenshot(path=str(screenshot_path(f"contract-referee-{viewport}")), full_page=True)
        fits_the_screen(page)
        browser.close()
    told = told_to(app, ann)
    assert any(n["kind"] == "comment" and "Even pacing" in n["body"] for n in told)
    shown = ann.client.get(f"/api/v1/contracts/{contract['id']}").json()
    assert [p["review"] for p in shown["periods"]][:3] == ["confirmed", "awaiting", "overturned"]


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_a_referee_accepts_then_steps_down_and_the_runner_names_another(
    app: FastAPI, viewport: str
):
    ann = sign_up(app, "ann@example.com")
    sign_up(app, "bob@example.com")
    sign_up(app, "cy@example.com")
    start = this_monday() + timedelta(days=7)
    contract = sign_contract(ann, start, "bob@example.com")
    url = f"/contracts/{contract['id']}"
    with live_server(app) as base, playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport=VIEWPORTS[viewport])
        log_in(page, base, "ann@example.com")
        page.goto(base + url)
        assert "Waiting for" in page.locator("#referee").inner_text()
        assert "Not judged until the referee accepts" in page.locator("#periods").inner_text()

        log_in(page, base, "bob@example.com")
        page.goto(f"{base}/contracts")
        page.click(f"a[href='{url}']")
        page.locator("button.accept-role").click()
        page.wait_for_selector("#referee button.step-down")
        assert "active" in page.locator("#contract").inner_text()
        page.screenshot(
            path=str(screenshot_path(f"contract-referee-role-{viewport}")), full_page=True
        )
        fits_the_screen(page)
        page.locator("#referee input[name=note]").fill("moving abroad")
        page.locator("button.step-down").click()
        page.wait_for_url(base + "/contracts")

        log_in(page, base, "ann@example.com")
        page.goto(base + url)
        said = page.locator("#referee").inner_text()
        assert "stepped down" in said and "moving abroad" in said
        page.fill("#referee input[name=referee]", "cy@example.com")
        page.locator("form.name-referee button[value='']").click()
        page.wait_for_selector("#referee :text('Waiting for')")
        fits_the_screen(page)
        browser.close()
    shown = ann.client.get(f"/api/v1{url}").json()
    assert shown["referee"]["email"] == "cy@example.com" and shown["referee_state"] == "asked"
    assert shown["status"] == "active"  # judged all along since Bob accepted
    assert any("stepped down" in n["subject"] for n in told_to(app, ann))


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_a_coach_builds_an_athletes_plan_from_the_profile_form_and_records_a_shift(
    app: FastAPI, viewport: str
):
    ann = sign_up(app, "ann@example.com")
    coached(app, ann)  # carl@example.com, read-write
    with live_server(app) as base, playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport=VIEWPORTS[viewport])
        log_in(page, base, "carl@example.com")
        page.goto(base + "/coach")
        page.locator("tr.athlete", has_text="ann@example.com").locator("a").first.click()
        page.wait_for_selector("#build #plan-form")
        form = page.locator("#build #plan-form")
        form.locator("input[name=race]").fill("half")
        form.locator("input[name=race_date]").fill((date.today() + timedelta(days=100)).isoformat())
        form.locator("input[name=weekly_distance]").fill("30km")
        form.locator("input[name=longest_run_30d]").fill("14km")
        form.locator("#availability-cycle").check()
        form.locator("input[name=cycle_start]").fill(date.today().isoformat())
        form.locator("input[name=cycle_days]").fill("on, on, on, on, off, off, off")
        form.locator("input[name=type_name_0]").fill("on")
        form.locator("select[name=type_kind_0]").select_option("short")
        form.locator("input[name=type_minutes_0]").fill("35")
        form.locator("input[name=type_name_1]").fill("off")
        form.locator("input[name=long_run_day]").fill("off")
        form.locator("input[name=note]").fill("a spring half around your 4-on")
        form.locator("#build-plan").click()
        page.wait_for_selector("#coach-shift")
        assert "a new plan from a profile" in page.locator("#changes").inner_text()
        fits_the_screen(page)
        shift = page.locator("#coach-shift")
        shift.locator("input[name=day]").fill((date.today() + timedelta(days=8)).isoformat())
        shift.locator("select[name=day_type]").select_option("off")
        shift.locator("input[name=note]").fill("you swapped a shift")
        shift.locator("input[name=accept_breaks]").check()
        shift.locator("button").click()
        page.wait_for_selector("#changes :text('you swapped a shift')")
        shot = screenshot_path(f"coach-builds-plan-{viewport}")
        page.screenshot(path=str(shot), full_page=True)
        browser.close()
    changes = ann.client.get("/api/v1/coaching/plan-changes").json()
    assert [c["note"] for c in changes] == ["you swapped a shift", "a spring half around your 4-on"]
