"""Time on the chart, in the browser (issue 20, item 3): the time slider hides what lies
outside its window on the demo's best network (folded), the timeline follows it, and Play
moves the window on from the earliest date."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from ui.chart.filters import ChartFilter, view
from ui.chart.window import element_dates

from .conftest import UiServer, shot
from .test_readable_chart import _best_network

POINTS = "#explore-timeline .scatterlayer .point"


def _window(page: Page) -> tuple[str, str]:
    found = re.search(r"(\d{4}-\d\d-\d\d) to (\d{4}-\d\d-\d\d)",
                      page.inner_text("#explore-window-label"))
    assert found, page.inner_text("#explore-window-label")
    return found.group(1), found.group(2)


def test_the_time_slider_hides_what_lies_outside_and_play_moves_the_window(
        analyst: Page, ui_server: UiServer) -> None:
    best, state = _best_network(ui_server)
    analyst.goto(f"{ui_server.url}/explore?network={best['id']}")
    expect(analyst.locator("#explore-message")).to_contain_text("linking evidence highlighted",
                                                                timeout=60_000)
    label = analyst.locator("#explore-window-label")
    expect(label).to_contain_text("All dates: ", timeout=30_000)
    first, last = _window(analyst)
    analyst.wait_for_function("window.cy && window.cy.edges().length > 0", timeout=30_000)
    expect(analyst.locator(POINTS).first).to_be_visible(timeout=30_000)
    points_before = analyst.locator(POINTS).count()
    # the dated elements the folded chart draws, by the dates they are judged by
    by_id = {e["data"]["id"]: e for e in state["elements"]}
    drawn = set(analyst.evaluate("window.cy.elements().map(e => e.id())"))
    dated = {e["data"]["id"]: element_dates(e["data"], by_id)
             for e in view(state, ChartFilter()) if e["data"]["id"] in drawn}
    assert any(ds and ds[0] > first for ds in dated.values())

    # the window's end dragged back to a third of the span, as a user drags it
    upper = analyst.locator("#explore-window [role=slider]").last
    track = analyst.locator("#explore-window .dash-slider-track").bounding_box()
    thumb = upper.bounding_box()
    assert track and thumb
    y = thumb["y"] + thumb["height"] / 2
    analyst.mouse.move(thumb["x"] + thumb["width"] / 2, y)
    analyst.mouse.down()
    analyst.mouse.move(track["x"] + track["width"] * 0.3, y, steps=8)
    analyst.mouse.up()
    expect(label).to_contain_text(f"Window: {first} to ", timeout=10_000)
    _, end = _window(analyst)
    assert first < end < last
    expect(analyst.locator("#explore-counts")).to_contain_text("outside the time window",
                                                               timeout=30_000)
    # an element whose every date lies after the window is hidden; one dated inside is not
    after = [i for i, ds in dated.items() if ds and ds[0] > end]
    within = [i for i, ds in dated.items() if any(first <= d <= end for d in ds)]
    assert after and within
    folded = [i for i in after if i.split(":")[0] in ("money", "travel", "arranged", "used")]
    target = (folded or after)[0]  # a folded link when there is one: judged by its dates
    print(f"window {first} to {end}: {target} hidden, dated {dated[target]}")
    analyst.wait_for_function(f"!window.cy.getElementById({target!r}).visible()",
                              timeout=30_000)
    assert analyst.evaluate(f"{within!r}.some(id => window.cy.getElementById(id).visible())")
    # the timeline shows only the facts inside the window
    expect(analyst.locator(POINTS)).not_to_have_count(points_before, timeout=30_000)
    assert analyst.locator(POINTS).count() < points_before
    shot(analyst, "explore-time-window")

    # Play: the window starts at the earliest date and moves on, step by step
    analyst.click("#explore-play")
    expect(analyst.locator("#explore-play")).to_have_text("Pause", timeout=10_000)
    start = _window(analyst)
    assert start[0] == first
    expect(label).not_to_have_text(re.compile(rf"{start[0]} to {start[1]}$"), timeout=20_000)
    moved = _window(analyst)
    assert moved[1] > start[1] and moved[1] <= last
    expect(label).not_to_have_text(re.compile(rf"{moved[0]} to {moved[1]}$"), timeout=20_000)
    assert _window(analyst)[1] > moved[1]
    analyst.click("#explore-play")
    expect(analyst.locator("#explore-play")).to_have_text("Resume", timeout=10_000)
    shot(analyst, "explore-time-play")
