"""Combining and building a chart in Chromium: merge two saved charts, add a pasted list,
reveal the links among drawn nodes, cross-reference a chosen node, k paths around an
excluded node. On a few records planted beside the small demo (removed afterwards)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from .conftest import UiServer, choose, shot

SOURCE = "ui-plant"
PLANTED = f"""
CREATE (x1:Person {{uid: '{SOURCE}:X1', full_name: 'Ximena Plantada', source: '{SOURCE}',
                    record_id: 'X1', reliability: 'B', credibility: '2', tlp: 'GREEN'}})
CREATE (x2:Person {{uid: '{SOURCE}:X2', full_name: 'Xochitl Plantada', source: '{SOURCE}',
                    record_id: 'X2', reliability: 'C', credibility: '3', tlp: 'GREEN'}})
CREATE (ph:Phone {{e164: '+50299990001', source: '{SOURCE}'}})
CREATE (ag:RecruitmentAgency {{uid: '{SOURCE}:A1', name: 'Agencia Plantada',
                               source: '{SOURCE}'}})
CREATE (em:Employer {{uid: '{SOURCE}:E1', name: 'Finca Plantada', source: '{SOURCE}'}})
CREATE (x1)-[:USES {{source: '{SOURCE}'}}]->(ph), (x2)-[:USES {{source: '{SOURCE}'}}]->(ph)
CREATE (x1)-[:OWNS {{source: '{SOURCE}'}}]->(ag), (ag)-[:SUPPLIES {{source: '{SOURCE}'}}]->(em),
       (x2)-[:EMPLOYED_BY {{source: '{SOURCE}'}}]->(em)
"""
X1, X2, PHONE = f"Person:{SOURCE}:X1", f"Person:{SOURCE}:X2", "Phone:+50299990001"


@pytest.fixture(scope="module", autouse=True)
def planted(ui_server: UiServer) -> Iterator[None]:
    ui_server.graph.write(PLANTED)
    yield
    ui_server.graph.write("MATCH (n) WHERE n.source = $source DETACH DELETE n",
                          {"source": SOURCE})


def fresh_chart(page: Page, url: str, query: str = "") -> None:
    """An Explore page with the links drawn as they are (not folded)."""
    page.goto(f"{url}/explore{query}")
    expect(page.locator("#explore-counts")).to_contain_text("nodes", timeout=30_000)
    page.locator("#explore-collapse input").uncheck()
    page.click("#explore-build summary")


def paste(page: Page, *lines: str) -> None:
    page.fill("#explore-paste", "\n".join(lines))
    page.click("#explore-paste-add")


def counts(page: Page, text: str) -> None:
    expect(page.locator("#explore-counts")).to_contain_text(text, timeout=40_000)


def drawn(page: Page, element_id: str, klass: str | None = None) -> bool:
    return bool(page.evaluate(
        "([id, klass]) => { const e = window.cy.getElementById(id);"
        " return e.nonempty() && (klass === null || e.hasClass(klass)); }",
        [element_id, klass]))


def test_a_pasted_list_adds_its_entities_and_names_the_ones_not_found(
        analyst: Page, ui_server: UiServer) -> None:
    fresh_chart(analyst, ui_server.url)
    paste(analyst, "Ximena Plantada", "", "+502 9999 0001", "Zzyzx Nadie Nunca")
    message = analyst.locator("#explore-message")
    expect(message).to_contain_text("found 2 of 3 lines", timeout=40_000)
    expect(message).to_contain_text("not found: Zzyzx Nadie Nunca")
    counts(analyst, "2 nodes, 0 edges")
    assert drawn(analyst, X1) and drawn(analyst, PHONE)
    # reveal links among these: the phone Ximena uses, between two nodes already drawn
    analyst.click("#explore-reveal")
    expect(message).to_contain_text("revealed 1 new link(s) among 2 nodes", timeout=40_000)
    counts(analyst, "2 nodes, 1 edges")
    assert analyst.evaluate(f"window.cy.getElementById('{X1}').edgesWith("
                            f"window.cy.getElementById('{PHONE}')).length") == 1
    shot(analyst, "chart-build-reveal")


def test_cross_reference_of_a_node_finds_a_planted_shared_phone(
        analyst: Page, ui_server: UiServer) -> None:
    fresh_chart(analyst, ui_server.url)
    paste(analyst, "Ximena Plantada")
    counts(analyst, "1 nodes")
    analyst.click("#explore-xref")  # the node just added is the focused one
    message = analyst.locator("#explore-message")
    expect(message).to_contain_text("Xochitl Plantada (shares +50299990001)", timeout=40_000)
    assert drawn(analyst, X2, "highlight") and drawn(analyst, PHONE, "highlight")
    counts(analyst, "3 nodes, 2 edges")
    shot(analyst, "chart-build-xref")


def test_k_paths_with_an_excluded_node_return_a_longer_path_around_it(
        analyst: Page, ui_server: UiServer) -> None:
    fresh_chart(analyst, ui_server.url)
    paste(analyst, "Ximena Plantada", "Xochitl Plantada", "+50299990001")
    counts(analyst, "3 nodes")
    choose(analyst, "#explore-path-from", "^Ximena Plantada")
    choose(analyst, "#explore-path-to", "^Xochitl Plantada")
    analyst.fill("#explore-path-k", "1")
    analyst.click("#explore-path")
    message = analyst.locator("#explore-message")
    expect(message).to_contain_text("1 path(s), shortest first, of 2 hop(s)", timeout=40_000)
    assert drawn(analyst, PHONE, "path")
    choose(analyst, "#explore-path-no-nodes", r"^\+50299990001")
    analyst.click("#explore-path")
    expect(message).to_contain_text("1 path(s), shortest first, of 3 hop(s)", timeout=40_000)
    assert drawn(analyst, f"RecruitmentAgency:{SOURCE}:A1", "path")
    assert drawn(analyst, f"Employer:{SOURCE}:E1", "path")
    assert not drawn(analyst, PHONE, "path")
    shot(analyst, "chart-build-k-paths")


def save(page: Page, name: str) -> int:
    page.click("text=Save chart")
    page.fill("#explore-save-name", name)
    page.click("#explore-save")
    saved = page.locator("#explore-save-message")
    expect(saved).to_contain_text("saved as", timeout=30_000)
    match = re.search(r"\(#(\d+)\)", saved.inner_text())
    assert match, saved.inner_text()
    return int(match.group(1))


def test_merging_two_saved_charts_gives_their_union_without_duplicates(
        analyst: Page, ui_server: UiServer) -> None:
    fresh_chart(analyst, ui_server.url)
    paste(analyst, "Ximena Plantada", "Xochitl Plantada")
    counts(analyst, "2 nodes, 0 edges")
    first = save(analyst, "Plantadas A")
    fresh_chart(analyst, ui_server.url)
    paste(analyst, "Xochitl Plantada", "+50299990001")
    counts(analyst, "2 nodes")
    analyst.click("#explore-reveal")
    counts(analyst, "2 nodes, 1 edges")
    save(analyst, "Plantadas B")
    fresh_chart(analyst, ui_server.url, f"?subgraph={first}")
    counts(analyst, "2 nodes, 0 edges")
    choose(analyst, "#explore-merge", "Saved: Plantadas B")
    analyst.click("#explore-merge-button")
    expect(analyst.locator("#explore-message")).to_contain_text(
        "merged saved chart 'Plantadas B': 2 new elements, 1 already shown", timeout=40_000)
    counts(analyst, "3 nodes, 1 edges")
    ids = analyst.evaluate("window.cy.elements().map(e => e.id())")
    assert len(ids) == len(set(ids)) == 4
    assert {X1, X2, PHONE} <= set(ids)
    shot(analyst, "chart-build-merge")
