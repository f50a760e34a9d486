"""The Referrals page in Chromium: Mexico's labour inspectorate sent two of its cases to the
Guatemalan police; their investigator accepts one (the case then opens for them) and declines
the other, which needs a reason; an administrator runs the red-flag rules."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from backend.auth.viewer import system_viewer, viewer_for
from backend.services import cases, referrals, users

from .conftest import UiServer, log_in, shot

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def sent(ui_server: UiServer) -> list[int]:
    """Two MX-STPS demo cases referred to GT-PNC (the users' authority), sent."""
    rows = ui_server.graph.read(
        "MATCH (c:Case {authority: 'MX-STPS'}) RETURN c.uid AS uid ORDER BY uid LIMIT 2")
    operator = system_viewer("cli:ui-test")
    ids = []
    with ui_server.db.session() as s:
        for row, remedy in zip(rows, ("criminal", "administrative"), strict=True):
            made = referrals.propose(ui_server.graph, s, operator, row["uid"], "GT-PNC",
                                     remedy=remedy, note="workers of Guatemala")
            referrals.send(s, operator, made.id)
            ids.append(made.id)
    return ids


def button(page: Page, op: str, referral_id: int) -> str:
    return (f'#referrals-incoming button[id*=\'"op":"{op}"\']'
            f'[id*=\'"referral":{referral_id}\']')


def test_the_police_accept_one_referral_and_decline_another_with_a_reason(
        browser: Browser, ui_server: UiServer, sent: list[int]) -> None:
    accepted, declined = sent
    context = browser.new_context(viewport={"width": 1500, "height": 1000})
    page = context.new_page()
    log_in(page, ui_server.url, "ui-investigator")
    page.goto(f"{ui_server.url}/referrals")
    incoming = page.locator("#referrals-incoming-table")
    expect(incoming).to_contain_text("MX-STPS")
    expect(incoming.locator("tbody tr")).to_have_count(2)
    expect(incoming).to_contain_text("administrative")

    page.click(button(page, "decline", declined))
    expect(page.locator("#referrals-message")).to_contain_text("say why the referral is declined")
    page.fill(f'input[id*=\'"referral":{declined}\']', "labour matter: the MX courts")
    page.click(button(page, "decline", declined))
    expect(page.locator("#referrals-message")).to_contain_text(f"referral {declined}")
    expect(page.locator("#referrals-message")).to_contain_text("declined")

    page.click(button(page, "accept", accepted))
    expect(page.locator("#referrals-message")).to_contain_text("accepted")
    row = incoming.locator("tbody tr", has_text="criminal")
    expect(row).to_contain_text("accepted")
    expect(incoming.locator("tbody tr", has_text="administrative")).to_contain_text(
        "labour matter: the MX courts")
    shot(page, "referrals")

    # the accepted case is now the Guatemalan investigator's to see; the declined one is not
    with ui_server.db.session() as s:
        investigator = viewer_for(s, users.require_user(s, "ui-investigator"))
        uids = {r["id"]: r["case_uid"] for r in referrals.list_referrals(s, investigator,
                                                                       "incoming")}
        assert cases.case(ui_server.graph, s, investigator, uids[accepted])["label"] == "Case"
    context.close()


def test_an_administrator_runs_the_red_flag_rules(analyst: Page, browser: Browser,
                                                   ui_server: UiServer) -> None:
    context = browser.new_context(viewport={"width": 1500, "height": 1000})
    page = context.new_page()
    log_in(page, ui_server.url, "ui-admin")
    page.goto(f"{ui_server.url}/referrals")
    page.click("#referrals-red-flags")
    # the demo's inspectorates are Mexican, US and Malaysian; no police of theirs is here
    expect(page.locator("#referrals-message")).to_contain_text("0 referrals proposed")
    expect(page.locator("#referrals-message")).to_contain_text("no police authority for")
    # an analyst of the same authority reads the same boxes
    analyst.goto(f"{ui_server.url}/referrals")
    expect(analyst.locator("#referrals-incoming")).to_be_visible()
    context.close()
