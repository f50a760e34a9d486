"""The lane layout (issue: the investigator's chart, a layout that separates jurisdictions, as
i2's swim lanes): a box per country holding what is placed there, side by side, and gone
again with another layout."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page, expect

from backend.auth.viewer import viewer_for
from backend.services import networks, users

from .conftest import UiServer, choose, shot

LANES_JS = """() => window.cy.nodes('.lane').map(l => ({
    id: l.id(), caption: l.data('caption'), box: l.boundingBox(),
    members: l.children().map(n => ({id: n.id(), jurisdiction: n.data('jurisdiction')}))}))"""


def _cross_border_network(ui_server: UiServer) -> dict[str, Any]:
    with ui_server.db.session() as s:
        user = users.get_user(s, "ui-analyst")
        assert user is not None
        found = networks.list_networks(ui_server.graph, s, viewer_for(s, user))
    return next(n for n in found if len(n["jurisdictions"]) >= 2)


def test_the_lane_layout_puts_each_country_in_its_own_lane(analyst: Page,
                                                            ui_server: UiServer) -> None:
    network = _cross_border_network(ui_server)
    analyst.goto(f"{ui_server.url}/explore?network={network['id']}")
    expect(analyst.locator("#explore-message")).to_contain_text("linking evidence highlighted",
                                                                timeout=60_000)
    analyst.wait_for_function("window.cy && window.cy.nodes().length > 3", timeout=30_000)
    drawn = analyst.evaluate("window.cy.nodes().length")
    choose(analyst, "#explore-layout", "By country")
    analyst.wait_for_function("window.cy.nodes('.lane').length >= 2", timeout=20_000)
    lanes = analyst.evaluate(LANES_JS)
    shot(analyst, "explore-lanes")

    # every node drawn is in exactly one lane, and a node placed in a country is in its lane
    members = [m for lane in lanes for m in lane["members"]]
    assert len(members) == drawn == len({m["id"] for m in members})
    for lane in lanes:
        code = lane["id"].removeprefix("lane:")
        for m in lane["members"]:
            assert m["jurisdiction"] in (None, code), (lane["id"], m)
    # the network's countries head their lanes, by name, with what each holds
    captions = " ".join(lane["caption"] for lane in lanes)
    for code in network["jurisdictions"]:
        assert f"lane:{code}" in {lane["id"] for lane in lanes}
    assert "(" in captions and any(c.isalpha() for c in captions)
    # side by side: no two lanes overlap
    boxes = sorted((lane["box"] for lane in lanes), key=lambda b: b["x1"])
    for left, right in zip(boxes, boxes[1:], strict=False):
        assert left["x2"] <= right["x1"], (left, right)
    # a lane is not something to tap, select or save
    assert analyst.evaluate("window.cy.nodes('.lane').every(l => !l.selectable())")

    choose(analyst, "#explore-layout", "Force-directed")
    analyst.wait_for_function("window.cy.nodes('.lane').length === 0", timeout=20_000)
    assert analyst.evaluate("window.cy.nodes().length") == drawn
    assert analyst.evaluate("window.cy.nodes().every(n => !n.isChild())")
