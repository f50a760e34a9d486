"""The Overview page in Chromium: the landing page after login draws its charts from the
statistics; a click on a bar opens the matching cases; the situation report downloads."""

from __future__ import annotations

import io
import re

import pypdf
from playwright.sync_api import Browser, Locator, Page, expect

from .conftest import PASSWORD, UiServer, shot

# what the analysts of GT-PNC see: every case but other authorities' TLP:RED ones
SEEN = "(coalesce(c.tlp, '') <> 'RED' OR c.source = 'gt-pnc')"


def _cases(ui_server: UiServer, where: str) -> int:
    return ui_server.graph.read(f"MATCH (c:Case) WHERE {SEEN} AND {where} "
                                "RETURN count(c) AS n")[0]["n"]


def _bars(page: Page, chart: str) -> list[str]:
    """The category labels of a bar chart, as plotly drew them."""
    return [t or "" for t in
            page.locator(f"#{chart} .xaxislayer-above .xtick text").all_text_contents()]


def _click(page: Page, bar: Locator) -> None:
    """Plotly's drag layer lies over the bars: click where the bar is drawn."""
    box = bar.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def test_the_overview_is_the_landing_page_and_draws_its_charts(browser: Browser,
                                                               ui_server: UiServer) -> None:
    context = browser.new_context(viewport={"width": 1500, "height": 1100})
    page = context.new_page()
    page.goto(ui_server.url + "/")
    page.fill("#login-user", "ui-analyst")
    page.fill("#login-password", PASSWORD)
    page.click("#login-button")
    expect(page.locator("#overview-counts")).to_be_visible(timeout=120_000)
    total = _cases(ui_server, "true")
    expect(page.locator("#overview-counts")).to_contain_text(f"{total} cases")
    for chart in ("overview-years", "overview-sectors", "overview-citizenship",
                  "overview-indicators"):
        expect(page.locator(f"#{chart} g.trace.bars path").first).to_be_visible()
    years = ui_server.graph.read(f"MATCH (c:Case) WHERE {SEEN} "
                                 "RETURN DISTINCT toString(c.opened_on.year) AS y ORDER BY y")
    assert _bars(page, "overview-years") == [r["y"] for r in years]
    # the map: countries shaded, corridors drawn as lines
    expect(page.locator("#overview-map path.choroplethlocation").first).to_be_visible()
    assert page.locator("#overview-map .scattergeo path.js-line").count() >= 5
    shot(page, "overview")
    context.close()


def test_a_click_on_a_bar_opens_the_matching_cases(analyst: Page, ui_server: UiServer) -> None:
    analyst.goto(ui_server.url + "/overview")
    bars = analyst.locator("#overview-sectors g.trace.bars g.point path")
    expect(bars.first).to_be_visible(timeout=120_000)
    sector = _bars(analyst, "overview-sectors")[0]
    _click(analyst, bars.first)
    analyst.wait_for_url(re.compile(r"/cases\?sector="), timeout=30_000)
    expect(analyst.locator("#cases-sector")).to_have_value(sector)
    rows = analyst.locator("#cases-list tbody tr")
    expect(rows.first).to_be_visible(timeout=60_000)
    expected = _cases(ui_server, f"c.sector = '{sector}'")
    expect(analyst.locator("#cases-table")).to_contain_text(f"{expected} cases")
    assert rows.count() == expected
    for i in range(rows.count()):
        assert rows.nth(i).locator("td").nth(4).inner_text() == sector
    shot(analyst, "overview-sector-cases")
    # a year opens the cases opened that year, said above the table
    analyst.goto(ui_server.url + "/overview")
    years = analyst.locator("#overview-years g.trace.bars g.point path")
    expect(years.first).to_be_visible(timeout=120_000)
    year = _bars(analyst, "overview-years")[0]
    _click(analyst, years.first)
    analyst.wait_for_url(re.compile(rf"/cases\?year={year}"), timeout=30_000)
    expect(analyst.locator("#cases-link-filters")).to_contain_text(f"opened in {year}")
    expected = _cases(ui_server, f"c.opened_on.year = {year}")
    expect(analyst.locator("#cases-table")).to_contain_text(f"{expected} cases",
                                                            timeout=60_000)


def test_the_situation_report_button_downloads_the_pdf(analyst: Page,
                                                       ui_server: UiServer) -> None:
    analyst.goto(ui_server.url + "/overview")
    analyst.fill("#overview-report-country", "MX")
    link = analyst.locator("#overview-report-pdf")
    expect(link).to_have_attribute("href", re.compile(r"/api/statistics/situation/MX\?"))
    href = link.get_attribute("href")
    assert href
    answer = analyst.request.get(ui_server.url + href)
    assert answer.status == 200 and answer.headers["content-type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(answer.body())).pages)
    assert "Situation report: Mexico (MX)" in text
    assert "SV -> GT -> MX" in text  # a corridor that ends in Mexico
    viewer = analyst.request.get(ui_server.url + "/api/statistics?countries=GT")
    assert viewer.status == 200
    assert viewer.json()["cases"]["shown"] == _cases(ui_server, "c.jurisdiction = 'GT'")
