"""Styling rules on the chart (issue: the investigator's chart, conditional formatting): nodes
sized by a measure and coloured by a property, badges on what needs attention, the rules
saved with the chart and reopened with it."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Page, expect

from backend.auth.viewer import viewer_for
from backend.services import networks, users
from ui.chart.elements import saved_elements, state_from_saved
from ui.chart.styling import FIXED, MAX_SIZE, MIN_SIZE, colour_legend, styled, with_style

from .conftest import UiServer, choose, shot


def _node(node_id: str, label: str, **props: Any) -> dict[str, Any]:
    return {"group": "nodes", "classes": "", "data": {
        "id": node_id, "type": label, "caption": node_id, "properties": props,
        "provenance": {"source": props.get("source")}, "jurisdiction": props.get("country")}}


def _edge(a: str, b: str, **data: Any) -> dict[str, Any]:
    return {"group": "edges", "classes": "", "data": {
        "id": f"{a}->{b}", "source": a, "target": b, "type": "USES", "properties": {},
        **data}}


CHART = [_node("Person:hub", "Person", source="gt", tlp="RED", protected=True),
         _node("Person:a", "Person", source="mx", tlp="AMBER"),
         _node("Phone:p", "Phone"),
         _node("RecruitmentAgency:x", "RecruitmentAgency", license_status="revoked",
               country="MX"),
         _edge("Person:hub", "Person:a"), _edge("Person:hub", "Phone:p"),
         _edge("Person:hub", "RecruitmentAgency:x"),
         _edge("Person:a", "RecruitmentAgency:x", type="MONEY", totals={"USD": 900.0}),
         _edge("Phone:p", "RecruitmentAgency:x", type="MONEY", totals={"USD": 100.0,
                                                                         "MXN": 5.0})]


def _data(elements: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {e["data"]["id"]: e["data"] for e in elements if e["group"] == "nodes"}


def test_size_by_links_and_by_money_moved() -> None:
    state = {"elements": CHART}
    by_links = _data(styled(CHART, with_style(state, "degree", "", [])))
    assert by_links["Person:hub"]["size"] == MAX_SIZE  # three links: the most
    assert MIN_SIZE < by_links["Person:a"]["size"] < MAX_SIZE
    by_money = _data(styled(CHART, with_style(state, "amount", "", [])))
    # in the chart's main currency (USD): the agency moved 1,000, the person 900, the phone 100
    assert by_money["RecruitmentAgency:x"]["size"] == MAX_SIZE
    assert by_money["Phone:p"]["size"] < by_money["Person:a"]["size"] < MAX_SIZE
    assert by_money["Person:hub"]["size"] == MIN_SIZE  # no money on its links


def test_colour_by_a_property_with_its_legend() -> None:
    state = with_style({"elements": CHART}, "", "tlp", [])
    colours = _data(styled(CHART, state))
    assert colours["Person:hub"]["colour"] == FIXED["tlp"]["RED"]
    assert colours["Person:a"]["colour"] == FIXED["tlp"]["AMBER"]
    assert colour_legend(CHART, "tlp") == [("AMBER", FIXED["tlp"]["AMBER"]),
                                           ("RED", FIXED["tlp"]["RED"]), ("(none)", "#ffffff")]
    by_source = _data(styled(CHART, with_style({"elements": CHART}, "", "source", [])))
    assert by_source["Person:hub"]["colour"] != by_source["Person:a"]["colour"]


def test_badges_and_the_rules_kept_with_the_saved_chart() -> None:
    state = with_style({"elements": CHART, "hidden": [], "pinned": []}, "degree", "tlp",
                       ["protected", "unlicensed", "watched", "nonsense"],
                       {"watched": ["Phone:p"]})
    shown = {e["data"]["id"]: e for e in styled(CHART, state)}
    assert shown["Person:hub"]["data"]["caption"].endswith("\nPROTECTED")
    assert shown["RecruitmentAgency:x"]["data"]["caption"].endswith("\nREVOKED")
    assert shown["Phone:p"]["data"]["caption"].endswith("\nWATCHED")
    assert "badged" in shown["Phone:p"]["classes"] and "badged" not in shown["Person:a"]["classes"]
    reopened = state_from_saved(saved_elements(state))
    assert reopened["style"] == {"size": "degree", "colour": "tlp",
                                 "badges": ["protected", "unlicensed", "watched"]}
    assert "marks" not in reopened  # the watch list is the viewer's, never saved


SIZES_JS = "() => window.cy.nodes().not('.lane').map(n => n.width())"


def test_a_size_rule_changes_sizes_and_survives_save_and_reopen(analyst: Page,
                                                                 ui_server: UiServer) -> None:
    with ui_server.db.session() as s:
        user = users.get_user(s, "ui-analyst")
        assert user is not None
        best = networks.list_networks(ui_server.graph, s, viewer_for(s, user))[0]
    analyst.goto(f"{ui_server.url}/explore?network={best['id']}")
    expect(analyst.locator("#explore-message")).to_contain_text("linking evidence highlighted",
                                                                timeout=60_000)
    analyst.wait_for_function("() => window.cy && window.cy.nodes().length > 3",
                              timeout=30_000)
    assert len(set(analyst.evaluate(SIZES_JS))) == 1  # one size for all, before the rule
    analyst.click("text=Style")
    choose(analyst, "#explore-size-by", "Links on the chart")
    choose(analyst, "#explore-colour-by", "Country")
    analyst.wait_for_function("() => new Set(window.cy.nodes().map(n => n.width())).size > 2",
                              timeout=20_000)
    sizes = analyst.evaluate(SIZES_JS)
    assert max(sizes) > 2 * min(sizes)
    expect(analyst.locator("#explore-style-legend .swatch-row").first).to_be_visible()
    shot(analyst, "explore-styled")

    analyst.click("text=Save chart")
    analyst.fill("#explore-save-name", "Styled network")
    analyst.click("#explore-save")
    expect(analyst.locator("#explore-save-message")).to_contain_text("saved as",
                                                                     timeout=30_000)
    saved_id = re.search(r"#(\d+)", analyst.locator("#explore-save-message").inner_text())
    assert saved_id
    analyst.goto(f"{ui_server.url}/explore?subgraph={saved_id.group(1)}")
    expect(analyst.locator("#explore-message")).to_contain_text("Styled network",
                                                                timeout=30_000)
    analyst.wait_for_function("() => window.cy && window.cy.nodes().length > 3",
                              timeout=30_000)
    # sized again by its links (what is folded may differ: the network's evidence is no
    # longer highlighted, so it folds like any other chart)
    reopened = analyst.evaluate(SIZES_JS)
    assert max(reopened) > 2 * min(reopened)
    analyst.click("text=Style")
    expect(analyst.locator("#explore-size-by")).to_contain_text("Links on the chart")
    expect(analyst.locator("#explore-colour-by")).to_contain_text("Country")
