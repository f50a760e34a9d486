"""The Saved page in Chromium: save a chart from Explore, rename it (a new version), see the
versions and what changed, share it with a joint team, comment, see what is new around it,
and download a signed bundle for a partner that verifies; a team member finds it shared."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from backend.services import teams, users
from backend.settings import Settings
from backend.sharing import keys
from backend.sharing.bundle import verify

from .conftest import SCREENSHOTS, UiServer, log_in

AGENCY_ID = "RecruitmentAgency:gt-pnc:A-0001"
TEAM = "JIT Finca GT-MX"


@pytest.fixture(scope="module")
def partner(ui_server: UiServer, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """This instance's key, and a partner (Mexico) that each side trusts; a joint team led
    by the analyst with the investigator as member."""
    keys.init_keys(ui_server.settings, "gt-ui-1", "GT-PNC", force=True)
    mexico = Settings(data_dir=tmp_path_factory.mktemp("partner"))
    keys.init_keys(mexico, "mx-stps-1", "mx-stps")
    keys.trust(ui_server.settings, "mexico", keys.identity(mexico))
    keys.trust(mexico, "guatemala", keys.identity(ui_server.settings))
    with ui_server.db.session() as s:
        team = teams.create_team(s, TEAM, description="joint investigation team")
        teams.add_member(s, team.id, users.require_user(s, "ui-analyst").id, lead=True)
        teams.add_member(s, team.id, users.require_user(s, "ui-investigator").id)
    return mexico


def details_button(page: Page, chart_id: int) -> str:
    return f"[id='{{\"id\":{chart_id},\"type\":\"saved-details\"}}']"


def test_save_share_comment_version_and_export_a_chart(
        analyst: Page, ui_server: UiServer, partner: Settings, browser: Browser) -> None:
    page = analyst
    page.goto(f"{ui_server.url}/explore?node={AGENCY_ID}")
    expect(page.locator("#explore-counts")).to_contain_text("1 nodes", timeout=30_000)
    page.click("#explore-expand")
    expect(page.locator("#explore-message")).to_contain_text("expanded", timeout=40_000)
    page.click("text=Save chart")
    page.fill("#explore-save-name", "Agency web for the JIT")
    page.click("#explore-save")
    message = page.locator("#explore-save-message")
    expect(message).to_contain_text("saved as", timeout=30_000)
    found = re.search(r"#(\d+)", message.inner_text())
    assert found, message.inner_text()
    chart_id = int(found.group(1))

    # rename it on the Saved page: a second version
    page.click("#nav-saved")
    name = page.locator(f"[id='{{\"id\":{chart_id},\"type\":\"saved-name\"}}']")
    expect(name).to_have_value("Agency web for the JIT")
    name.fill("Agency web, joint operation")
    page.click(f"[id='{{\"id\":{chart_id},\"type\":\"saved-rename\"}}']")
    expect(page.locator("#saved-message")).to_contain_text("renamed")

    page.click(details_button(page, chart_id))
    expect(page.locator("#saved-detail-title")).to_contain_text("Agency web, joint operation")
    versions = page.locator("#saved-versions tbody tr")
    expect(versions).to_have_count(2)
    expect(versions.nth(0)).to_contain_text("Agency web for the JIT")
    expect(versions.nth(0)).to_contain_text(re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC"))
    expect(page.locator("#saved-open-v1")).to_have_attribute(
        "href", f"/explore?subgraph={chart_id}&version=1")
    page.click("#saved-compare")
    expect(page.locator("#saved-diff-summary")).to_contain_text("From v1 to v2")
    expect(page.locator("#saved-diff-summary")).to_contain_text("renamed")

    page.click("#saved-added-run")
    expect(page.locator("#saved-added-summary")).to_have_text(
        re.compile(r"^\d+ new links to \d+ nodes outside the chart, \d+ new cases$"))
    news = re.match(r"(\d+) new links to (\d+) nodes",
                    page.inner_text("#saved-added-summary"))
    assert news and int(news.group(2)) > 0  # the expanded agency's neighbours have more
    expect(page.locator("#saved-added-open")).to_have_attribute(
        "href", f"/explore?subgraph={chart_id}&new_since=2")

    # share with the team: without a team the page says what is missing
    page.check("#saved-share-visibility input[value=team]")
    page.click("#saved-share-apply")
    expect(page.locator("#saved-share-message")).to_contain_text("needs at least one team")
    page.click("#saved-share-teams")
    page.get_by_role("option", name=TEAM).click()
    page.click("#saved-share-apply")
    expect(page.locator("#saved-share-message")).to_contain_text(f"shared with team(s) {TEAM}")

    page.fill("#saved-comment-text", "Raid on 12 May: MX inspectors at the farm")
    page.click("#saved-comment-add")
    expect(page.locator("#saved-comments")).to_contain_text(
        "Raid on 12 May: MX inspectors at the farm")
    expect(page.locator("#saved-comment-text")).to_have_value("")

    # a signed bundle addressed to Mexico's inspectorate
    page.click("#saved-export-to")
    page.get_by_role("option", name="mx-stps").click()
    link = page.locator(f"#export-bundle-{chart_id}")
    expect(link).to_have_attribute("href", re.compile("to=mx-stps"))
    page.evaluate("window.scrollTo(0, 0)")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "saved-sharing.png"), full_page=True,
                    timeout=60_000)
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == f"subgraph-{chart_id}.bundle.json"
    bundle = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    signer = verify(bundle, partner)  # what Mexico's instance checks on import
    assert signer.instance_id == "gt-ui-1"
    assert bundle["recipient"] == "mx-stps"
    assert bundle["subgraph"]["name"] == "Agency web, joint operation"
    assert AGENCY_ID in {n["id"] for n in bundle["nodes"]}
    assert len(bundle["nodes"]) > 1 and bundle["relationships"]

    # a member of the team finds the chart, its elements and the thread
    context = browser.new_context(viewport={"width": 1500, "height": 1000})
    member = context.new_page()
    log_in(member, ui_server.url, "ui-investigator")
    member.goto(f"{ui_server.url}/saved")
    expect(member.locator("#saved-shared-table")).to_contain_text(
        "Agency web, joint operation")
    member.click(details_button(member, chart_id))
    expect(member.locator("#saved-detail")).to_contain_text(f"shared: My teams ({TEAM})")
    expect(member.locator("#saved-comments")).to_contain_text("Raid on 12 May")
    expect(member.locator("#saved-shared-nodes tbody tr").first).to_be_visible()
    context.close()

    # the chart with what is new around it: its own nodes and the new ones, highlighted
    page.goto(f"{ui_server.url}/explore?subgraph={chart_id}&new_since=2")
    expect(page.locator("#explore-message")).to_contain_text(
        f"{news.group(1)} new links to {news.group(2)} nodes", timeout=30_000)
    page.wait_for_function("window.cy && window.cy.nodes().length > 2")
    # unfolded, every new node is drawn as a node of its own (folding would draw new
    # transactions and identifiers as highlighted links)
    folded = page.inner_text("#explore-counts")
    page.uncheck("#explore-collapse input")
    expect(page.locator("#explore-counts")).not_to_have_text(folded, timeout=30_000)
    marked = page.evaluate("window.cy.nodes('.highlight').length")
    assert marked == int(news.group(2))
    assert page.evaluate(f"window.cy.getElementById('{AGENCY_ID}').hasClass('highlight')") \
        is False  # the saved chart's own nodes are not new
