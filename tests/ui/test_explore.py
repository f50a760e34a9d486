"""Explore in Chromium: log in, search and add, expand, shortest path, filter by date, save a
chart and reopen it; nothing leaves 127.0.0.1 while a page loads."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlparse

import phonenumbers
from playwright.sync_api import Browser, Page, expect

from .conftest import PASSWORD, UiServer, log_in, shot

AGENCY = "Servicios Laborales"
AGENCY_ID = "RecruitmentAgency:gt-pnc:A-0001"
CASE_ID = "Case:gt-pnc:PNC-0001"


def node_count(page: Page) -> int:
    """The chart's node count, once the chart has been drawn."""
    expect(page.locator("#explore-counts")).to_have_text(re.compile(r"^\d+ nodes"))
    text = page.inner_text("#explore-counts")
    match = re.match(r"(\d+) nodes", text)
    assert match, text
    return int(match.group(1))


def search_and_add(page: Page, text: str, option: str) -> None:
    page.click("#explore-search")
    page.locator("input.dash-dropdown-search").fill(text)  # one input event, one search
    page.get_by_role("option", name=re.compile(option)).first.click(timeout=30_000)
    page.click("#explore-add")


def test_login_refuses_a_wrong_password_then_logs_in(browser: Browser,
                                                     ui_server: UiServer) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(ui_server.url + "/")
    page.fill("#login-user", "ui-analyst")
    page.fill("#login-password", "wrong password")
    page.click("#login-button")
    expect(page.locator("#login-message")).to_contain_text("password", timeout=30_000)
    shot(page, "login")
    page.fill("#login-password", PASSWORD)
    page.click("#login-button")
    expect(page.locator("#nav")).to_contain_text("ui-analyst (analyst", timeout=30_000)
    context.close()


def test_search_add_expand_and_details(analyst: Page) -> None:
    search_and_add(analyst, AGENCY, AGENCY)
    expect(analyst.locator("#explore-counts")).to_contain_text("1 nodes", timeout=30_000)
    expect(analyst.locator("#explore-details")).to_contain_text("license_number",
                                                                timeout=30_000)
    details = analyst.locator("#explore-details")
    expect(details).to_contain_text("reliability")
    expect(details).not_to_contain_text("name_folded")  # the matching form stays internal
    # grades say what they mean; times read as times, not as ISO strings with nanoseconds
    expect(details).to_contain_text(re.compile(r"[A-F] \((completely|usually|fairly) reliable"))
    expect(details).to_contain_text(re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC"))
    analyst.click("#explore-expand")
    expect(analyst.locator("#explore-message")).to_contain_text("expanded", timeout=40_000)
    assert node_count(analyst) > 3
    # a relationship's details name both ends as the chart does, with its provenance
    analyst.evaluate("window.cy.edges()[0].emit('tap')")
    edge = analyst.locator("#explore-details h4").first
    expect(edge).to_contain_text(AGENCY, timeout=30_000)
    expect(edge).to_contain_text(" → ")
    expect(analyst.locator("#explore-details")).to_contain_text("Provenance and grading")
    expect(analyst.locator("#explore-details")).to_contain_text("record_id")
    expect(analyst.locator("#legend")).to_contain_text("RecruitmentAgency")
    analyst.wait_for_timeout(800)
    shot(analyst, "explore")
    before = node_count(analyst)
    analyst.click("#explore-undo")
    expect(analyst.locator("#explore-counts")).to_contain_text("1 nodes", timeout=10_000)
    assert before > 1


def test_the_search_list_shows_the_search_hits_as_typed(analyst: Page,
                                                        ui_server: UiServer) -> None:
    """Hits the dropdown would hide if it kept only options holding each typed word: a name
    typed without its accents, a phone number written as people write it."""
    (row,) = ui_server.graph.read(
        "MATCH (:RecruitmentAgency {uid: 'gt-pnc:A-0001'})-[:USES]->(p:Phone) "
        "RETURN p.e164 AS e164 LIMIT 1")
    number = phonenumbers.parse(row["e164"])
    digits = str(number.national_number)
    written = f"({number.country_code}) {digits[:4]}-{digits[4:]}"  # (502) 4000-0901
    (accented,) = ui_server.graph.read(
        "MATCH (a:RecruitmentAgency) WHERE a.name CONTAINS 'á' "
        "RETURN a.name AS name ORDER BY a.name LIMIT 1")
    plain = unicodedata.normalize("NFKD", accented["name"]).encode("ascii", "ignore").decode()
    analyst.click("#explore-search")
    for typed, shown in ((plain.lower(), f"{re.escape(accented['name'])} · RecruitmentAgency"),
                         (written, re.escape(f"{row['e164']} · Phone"))):
        analyst.locator("input.dash-dropdown-search").fill(typed)
        expect(analyst.get_by_role("option", name=re.compile(shown)).first).to_be_visible(
            timeout=30_000)


def test_shortest_path_between_two_nodes(analyst: Page, ui_server: UiServer) -> None:
    analyst.goto(f"{ui_server.url}/explore?node={CASE_ID}")
    expect(analyst.locator("#explore-counts")).to_contain_text("1 nodes", timeout=30_000)
    search_and_add(analyst, AGENCY, AGENCY)
    expect(analyst.locator("#explore-counts")).to_contain_text("2 nodes", timeout=30_000)
    analyst.click("#explore-path-from")
    analyst.get_by_role("option", name=re.compile("Agriculture workers")).first.click()
    analyst.click("#explore-path-to")
    analyst.get_by_role("option", name=re.compile(f"^{AGENCY}")).first.click()
    analyst.click("#explore-path")
    expect(analyst.locator("#explore-message")).to_contain_text("shortest path",
                                                                timeout=40_000)
    assert node_count(analyst) > 2  # the nodes between them were added
    analyst.wait_for_timeout(800)
    shot(analyst, "explore-path")


def test_filter_by_date_dims_what_is_outside(analyst: Page, ui_server: UiServer) -> None:
    analyst.goto(f"{ui_server.url}/explore?case={CASE_ID.split(':', 1)[1]}")
    expect(analyst.locator("#explore-message")).to_contain_text("opened case",
                                                                timeout=40_000)
    expect(analyst.locator("#explore-counts")).to_contain_text("0 dimmed")
    analyst.evaluate(f"window.cy.getElementById('{CASE_ID}').emit('tap')")
    indicators = analyst.locator("#explore-details tr:has(th:text-is('indicators')) td")
    expect(indicators).to_contain_text(" ", timeout=30_000)  # words, not codes
    assert "_" not in indicators.inner_text()
    analyst.fill("#explore-date-from", "2030-01-01")
    expect(analyst.locator("#explore-counts")).not_to_contain_text(" 0 dimmed",
                                                                   timeout=10_000)
    analyst.check("input[value=hide]")
    expect(analyst.locator("#explore-counts")).to_contain_text("0 dimmed", timeout=10_000)
    expect(analyst.locator("#explore-counts")).not_to_contain_text(" 0 hidden")


def test_save_a_chart_and_reopen_it(analyst: Page, ui_server: UiServer) -> None:
    analyst.goto(f"{ui_server.url}/explore?node={AGENCY_ID}")
    expect(analyst.locator("#explore-counts")).to_contain_text("1 nodes", timeout=30_000)
    analyst.click("#explore-expand")
    expect(analyst.locator("#explore-message")).to_contain_text("expanded", timeout=40_000)
    count = node_count(analyst)
    analyst.click("text=Save chart")
    analyst.fill("#explore-save-name", "Agency web")
    analyst.fill("#explore-save-description", "the agency and its neighbours")
    analyst.click("#explore-save")
    expect(analyst.locator("#explore-save-message")).to_contain_text("saved as",
                                                                     timeout=30_000)
    analyst.click("#nav-saved")
    expect(analyst.locator("#saved-table input").first).to_have_value("Agency web",
                                                                      timeout=30_000)
    shot(analyst, "saved")
    analyst.locator("a:has-text('Open')").first.click()
    expect(analyst.locator("#explore-message")).to_contain_text("Agency web", timeout=30_000)
    assert node_count(analyst) == count


def test_page_loads_stay_on_this_server(browser: Browser, ui_server: UiServer) -> None:
    """Air-gapped: every script, style, font and map outline comes from the app itself, also
    on the API's docs page; and the pages work under their Content-Security-Policy (which
    keeps them out of other sites' frames)."""
    context = browser.new_context()
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    refused: list[str] = []  # what the browser blocked under the policy, as it says in the console
    page.on("console", lambda m: refused.append(m.text)
            if "Content Security Policy" in m.text else None)
    log_in(page, ui_server.url, "ui-analyst")
    # the map fetches its outline from here after drawing
    with page.expect_request(lambda r: r.url.endswith("/assets/topojson/world_110m.json"),
                             timeout=60_000):
        page.goto(f"{ui_server.url}/explore?case={CASE_ID.split(':', 1)[1]}")
        expect(page.locator("#explore-message")).to_contain_text("opened case", timeout=40_000)
    for path in ("/networks", "/cases", "/review", "/queries", "/saved", "/teams", "/ingest",
                 "/account"):
        page.goto(ui_server.url + path)
        page.wait_for_load_state("networkidle")
    # the API's try-it page renders its operations with a Swagger UI served from here too
    page.goto(ui_server.url + "/api/docs")
    expect(page.locator(".swagger-ui")).to_contain_text("/api/audit", timeout=30_000)
    outside = [u for u in requested
               if urlparse(u).scheme in ("http", "https", "ws", "wss")
               and urlparse(u).hostname != "127.0.0.1"]
    assert outside == []
    assert refused == []
    headers = page.request.get(ui_server.url + "/explore").headers
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY"
    context.close()
