"""The Notifications page in Chromium: the demo's resolution joined Guatemalan police cases to
other authorities' cases, so the police's investigator has deconfliction alerts, counted in the
header. A hidden other side stays hidden (hit / no-hit); dismissing needs a reason and is
audited; acknowledging keeps the alert under its filter; an agency watched from Explore is
listed and can be unwatched."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import Browser, Page, expect

from backend.auth.viewer import viewer_for
from backend.db.models import User
from backend.services import alerts, audit

from .conftest import UiServer, log_in, shot
from .test_explore import AGENCY, AGENCY_ID, search_and_add

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def raised(ui_server: UiServer) -> list[dict]:
    """The alerts of every cross-authority SAME_AS pair the demo's resolution confirmed, as
    GT-PNC's investigator sees them."""
    with ui_server.db.session() as s:
        run = alerts.after_resolution(ui_server.graph, s, since=dt.datetime(2000, 1, 1,
                                                                            tzinfo=dt.UTC))
        assert run.deconfliction > 0
        user = s.query(User).filter_by(username="ui-investigator").one()
        return alerts.list_alerts(s, viewer_for(s, user), status="open")


@pytest.fixture
def page(browser: Browser, ui_server: UiServer) -> Page:
    context = browser.new_context(viewport={"width": 1500, "height": 1000})
    page = context.new_page()
    log_in(page, ui_server.url, "ui-investigator")
    return page


def card(page: Page, alert_id: int) -> str:
    return f"#alert-{alert_id}"


def test_alerts_are_counted_listed_dismissed_with_a_reason_and_acknowledged(
        page: Page, ui_server: UiServer, raised: list[dict]) -> None:
    assert raised and all(a["authority"] == "GT-PNC" for a in raised)
    badge = page.locator("#nav-alert-count")
    expect(badge).to_have_text(str(len(raised)))
    page.click("#nav-notifications")
    expect(page.locator("#notifications-list .alert")).to_have_count(len(raised))

    first = raised[0]
    shown = page.locator(card(page, first["id"]))
    expect(shown).to_contain_text(first["title"])
    expect(shown).to_contain_text(first["details"]["own"]["case"])
    expect(shown).to_contain_text(first["details"]["other_authority"]["name"])
    hidden = next((a for a in raised if a["details"]["other_hidden"]), None)
    if hidden is not None:  # hit / no-hit: the other side's case is not named
        other = hidden["details"]["other"]
        assert other is None
        expect(page.locator(card(page, hidden["id"]))).to_contain_text("not shown to your "
                                                                       "authority")
    visible = next((a for a in raised if not a["details"]["other_hidden"]), None)
    if visible is not None:
        expect(page.locator(card(page, visible["id"]))).to_contain_text(
            visible["details"]["other"]["case"])
    shot(page, "notifications")

    dismiss = f'{card(page, first["id"])} button[id*=\'"op":"dismiss"\']'
    page.click(dismiss)
    expect(page.locator("#notifications-message")).to_contain_text(
        "say why the alert is dismissed")
    page.fill(f'{card(page, first["id"])} input', "known: joint case file JIT-7")
    page.click(dismiss)
    expect(page.locator("#notifications-message")).to_contain_text(
        f"alert #{first['id']} dismissed")
    expect(page.locator(card(page, first["id"]))).to_have_count(0)  # no longer open
    expect(badge).to_have_text(str(len(raised) - 1))

    if len(raised) > 1:
        second = raised[1]
        page.click(f'{card(page, second["id"])} button[id*=\'"op":"acknowledge"\']')
        expect(page.locator("#notifications-message")).to_contain_text("acknowledged")
        expect(badge).to_have_text(str(len(raised) - 2) if len(raised) > 2 else "")

    page.get_by_label("Dismissed").check()
    expect(page.locator(card(page, first["id"]))).to_contain_text(
        re.compile(r"dismissed by ui-investigator on .*: known: joint case file JIT-7"))
    with ui_server.db.session() as s:
        rows = [audit.event_row(e) for e in audit.list_events(s, None, action="alert")]
    assert any(r["username"] == "ui-investigator" and r["parameters"] == {
        "op": "dismiss", "alert": first["id"], "kind": "deconfliction",
        "reason": "known: joint case file JIT-7"} for r in rows), rows


def test_an_agency_watched_from_explore_is_listed_and_unwatched(page: Page) -> None:
    page.goto(page.url.split("/explore")[0] + "/explore")
    search_and_add(page, AGENCY, AGENCY)
    expect(page.locator("#explore-details")).to_contain_text(AGENCY_ID, timeout=30_000)
    page.click("#explore-watch")
    expect(page.locator("#explore-watch-message")).to_contain_text("watching")
    expect(page.locator("#explore-watch")).to_have_text("Stop watching")

    page.click("#nav-notifications")
    table = page.locator("#watch-table")
    key = AGENCY_ID.split(":", 1)[1]
    expect(table).to_contain_text(key)
    page.click("#watch-table button:has-text('Stop watching')")
    expect(page.locator("#notifications-message")).to_contain_text("no longer watching")
    expect(page.locator("#notifications-watches")).to_contain_text("You watch nothing yet")
