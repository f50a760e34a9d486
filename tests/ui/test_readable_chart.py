"""The chart readable by default (issue: the investigator's chart): the demo's best network
opens with at most half of the elements it drew unfolded, and every folded element is one
click away (the folded link's details)."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Page, expect

from backend.auth.viewer import viewer_for
from backend.services import networks, users
from ui.chart.elements import empty_state
from ui.chart.filters import ChartFilter, view
from ui.pages.explore.data import open_network

from .conftest import UiServer


def _best_network(ui_server: UiServer) -> tuple[dict[str, Any], dict[str, Any]]:
    with ui_server.db.session() as s:
        user = users.get_user(s, "ui-analyst")
        assert user is not None
        viewer = viewer_for(s, user)
        best = networks.list_networks(ui_server.graph, s, viewer)[0]
        state, _ = open_network(ui_server.graph, s, viewer, empty_state(), best["id"])
    return best, state


def test_the_best_network_opens_with_half_the_elements_and_nothing_lost(
        ui_server: UiServer) -> None:
    _, state = _best_network(ui_server)
    unfolded = view(state, ChartFilter(), folded=False)
    folded = view(state, ChartFilter())
    print(f"best demo network: {len(unfolded)} elements unfolded, {len(folded)} folded")
    assert len(folded) <= len(unfolded) / 2
    drawn = {e["data"]["id"] for e in folded}
    stands_for = {i for e in folded for i in e["data"].get("folded") or []}
    lost = {e["data"]["id"] for e in unfolded} - drawn - stands_for
    assert not lost, f"{len(lost)} elements neither drawn nor behind a link: {sorted(lost)[:5]}"
    # the linking evidence stays marked: what a highlighted element was folded into is too
    highlighted = set(state["highlight"])
    for e in folded:
        if highlighted & set(e["data"].get("folded") or ()):
            assert "highlight" in e["classes"], e["data"]["id"]


def test_a_folded_link_shows_what_it_stands_for(analyst: Page, ui_server: UiServer) -> None:
    best, _ = _best_network(ui_server)
    analyst.goto(f"{ui_server.url}/explore?network={best['id']}")
    expect(analyst.locator("#explore-message")).to_contain_text("linking evidence highlighted",
                                                                timeout=60_000)
    analyst.wait_for_function("window.cy && window.cy.edges('[folded], [type = \"MONEY\"], "
                              "[type = \"TRAVEL\"], [type = \"SHARES\"]').length > 0",
                              timeout=30_000)
    link = analyst.evaluate("window.cy.edges('[type = \"TRAVEL\"], [type = \"SHARES\"], "
                            "[type = \"MONEY\"]')[0].id()")
    analyst.evaluate(f"window.cy.getElementById({link!r}).emit('tap')")
    details = analyst.locator("#folded-details")
    expect(details).to_contain_text(re.compile(r"Stands for \d+ element"), timeout=30_000)
    assert details.locator(".folded-element").count() >= 2
    # unticked, the chart draws the folded elements themselves
    before = int(re.match(r"(\d+) nodes", analyst.inner_text("#explore-counts")).group(1))
    analyst.uncheck("#explore-collapse input")
    expect(analyst.locator("#explore-counts")).not_to_have_text(
        re.compile(rf"^{before} nodes"), timeout=30_000)
