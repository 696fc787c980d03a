"""Two runners become partners and one gives the other kudos, in a real headless Chromium
(Playwright driving Debian's chromium), on a desktop and on a 360-px phone: Ann shares her
runs with partners and draws a privacy zone on the map, invites Bob by link, Bob accepts,
sees Ann's week and her run, and gives kudos; Ann's bell shows it. Screenshots of the
pages go to test-artifacts/screenshots/."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from fastapi import FastAPI

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

pytestmark = [needs_chromium(), pytest.mark.slow]
playwright = pytest.importorskip("playwright.sync_api")


@pytest.fixture
def app(tmp_path: Path) -> FastAPI:
    return sqlite_app(tmp_path)


def sign_up(page, base: str, name: str) -> None:
    page.goto(base + "/signup")
    page.fill("input[name=email]", f"{name}@example.com")
    page.fill("input[name=password]", PASSWORD)
    page.click("form button[type=submit]")
    page.wait_for_url(base + "/")


def share_with_partners_and_draw_a_zone(page, base: str, shot: str) -> None:
    page.goto(base + "/privacy")
    page.select_option("#audience-summary", "partners")
    page.select_option("#audience-map", "partners")
    page.click("#save-privacy")
    page.wait_for_selector("#zone-map[data-drawn=zones]")
    page.click("#zone-map", position={"x": 120, "y": 100})  # a click places the zone
    assert page.input_value("#zone-lat") and page.input_value("#zone-lon")
    page.fill("#zone-form input[name=name]", "home")
    page.click("#zone-form button[type=submit]")
    page.wait_for_selector("#zones td >> text=home")
    assert page.input_value("#audience-summary") == "partners"
    page.screenshot(path=screenshot_path(f"{shot}-privacy"), full_page=True)


def log_a_run(page, base: str) -> None:
    page.goto(base + "/runs/new")
    page.fill("input[name=day]", date.today().isoformat())
    page.fill("input[name=distance]", "8k")
    page.fill("input[name=duration]", "42:00")
    page.fill("input[name=name]", "Tuesday tempo")
    page.click("form.form button[type=submit], form button[type=submit] >> nth=-1")
    page.wait_for_url("**/runs/*")


def invite_a_partner(page, base: str) -> str:
    page.goto(base + "/partners")
    page.click("#invite")
    link = page.inner_text("#invite-link")
    assert "/partners/join/" in link
    return link


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
def test_two_runners_become_partners_and_one_gives_kudos(app: FastAPI, viewport: str):
    with live_server(app) as base, playwright.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            errors: list[str] = []
            ann, bob = (browser.new_context(viewport=VIEWPORTS[viewport]).new_page() for _ in "ab")
            for page in (ann, bob):
                page.on("pageerror", lambda e: errors.append(str(e)))
                page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            sign_up(ann, base, "ann")
            sign_up(bob, base, "bob")
            share_with_partners_and_draw_a_zone(ann, base, viewport)
            log_a_run(ann, base)
            link = invite_a_partner(ann, base)
            bob.goto(link)
            assert "ann invites you" in bob.inner_text("h1")
            bob.click("#accept-partner")
            bob.wait_for_url("**/partners")
            bob.click(".partners a >> text=ann")
            bob.wait_for_selector("#week a >> text=Tuesday tempo")
            bob.screenshot(path=screenshot_path(f"{viewport}-partner-week"), full_page=True)
            bob.click("#week a >> text=Tuesday tempo")
            bob.wait_for_selector("#run[data-loaded=yes]")
            bob.click("#give-kudos")
            bob.wait_for_selector(".kudos >> text=bob")
            bob.fill("#comments input[name=body]", "Strong run!")
            bob.click("#comments button >> text=Post")
            bob.wait_for_selector("#comments li >> text=Strong run!")
            bob.screenshot(path=screenshot_path(f"{viewport}-shared-run"), full_page=True)
            ann.goto(base + "/partners")
            assert "bob" in ann.inner_text("#partners")
            assert ann.inner_text("#bell .count") == "3"  # accepted, kudos, comment
            ann.click("#bell")
            ann.wait_for_selector(".notifications >> text=bob gave kudos to your run")
            ann.screenshot(path=screenshot_path(f"{viewport}-notifications"), full_page=True)
            assert errors == []  # no script error, nothing blocked by the CSP
            for page in (ann, bob):
                width = page.evaluate("document.documentElement.scrollWidth")
                assert width <= VIEWPORTS[viewport]["width"] + 1  # no sideways scrolling
        finally:
            browser.close()


GPS_FILES = [ACTIVITIES / "sweatpy" / "4078723797.fit"]


@needs_shared_data()
def test_the_zones_map_draws_my_tracks_without_tiles_and_a_click_places_a_zone(app: FastAPI):
    """No tile server: the map draws the runner's own tracks on a plain background and the
    places runs start and end; a click on one puts the new zone's centre there."""
    with live_server(app) as base, playwright.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            errors: list[str] = []
            page = browser.new_context(viewport=VIEWPORTS["desktop"]).new_page()
            page.on("pageerror", lambda e: errors.append(str(e)))
            sign_up(page, base, "ann")
            page.goto(base + "/upload")
            page.set_input_files("#files", [str(p) for p in GPS_FILES])
            page.click("#upload-form button[type=submit]")
            page.wait_for_selector("#job[data-status=done]", timeout=180_000)
            page.goto(base + "/privacy")
            page.wait_for_selector("#zone-map[data-drawn=tracks]")
            assert page.locator("#zone-map path").count() >= 2  # a track and its end places
            assert page.locator("#zone-map img").count() == 0  # no tiles were asked for
            places = page.locator("#zone-map .run-end")
            assert places.count() >= 1
            places.first.click(force=True)
            lat, lon = page.input_value("#zone-lat"), page.input_value("#zone-lon")
            assert lat and lon
            assert page.locator("#zone-map path[stroke-dasharray]").count() == 1  # the circle
            page.fill("#zone-radius", "2000")  # large enough to see at this zoom
            page.screenshot(path=screenshot_path("desktop-zones-map-without-tiles"), full_page=True)
            page.fill("#zone-form input[name=name]", "home")
            page.click("#zone-form button[type=submit]")
            page.wait_for_selector("#zones td >> text=home")
            assert errors == []
        finally:
            browser.close()
