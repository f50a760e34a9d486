"""Explore exports what it draws: a demo network opened from the Networks page goes out as
CSV (its rows are the drawn nodes and edges, protected persons pseudonymised, what may not
leave left out), as FollowTheMoney entities that the followthemoney library reads, and as a
one-page PDF naming the legend and the provenance of the highlighted evidence; each
download is audited."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

from followthemoney import model
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from backend.services import audit
from graph.elements import parse_node_id

from .conftest import UiServer, shot

DRAWN = """() => window.cy.elements().filter(e => !e.hasClass('hidden')).map(e => ({
    id: e.id(), group: e.group(), caption: e.data('caption')}))"""
# the names of protected persons that no record left unprotected also carries
PROTECTED = """MATCH (p:Person {protected: true}) WHERE NOT EXISTS {
    MATCH (q:Person {full_name: p.full_name}) WHERE NOT coalesce(q.protected, false) }
RETURN p.full_name AS name"""


def download(page: Page, button: str, tmp_path: Path) -> tuple[str, bytes]:
    with page.expect_download(timeout=120_000) as info:
        page.click(button)
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    return info.value.suggested_filename, path.read_bytes()


def why_not_exported(ui_server: UiServer, node_id: str) -> str:
    """Why a drawn node is not in the export under its id: a protected person (exported under
    a pseudonym), TLP:RED or AMBER+STRICT (never exported), else no reason."""
    label, key, value = parse_node_id(node_id)
    rows = ui_server.graph.read(f"MATCH (n:{label} {{{key}: $value}}) "
                                "RETURN n.tlp AS tlp, n.protected AS protected",
                                {"value": value})
    if rows and rows[0]["tlp"] in ("RED", "AMBER+STRICT"):
        return "withheld"
    return "protected" if rows and rows[0]["protected"] else "no reason"


def test_export_an_open_network_as_csv_ftm_and_pdf(analyst: Page, ui_server: UiServer,
                                                   tmp_path: Path) -> None:
    analyst.click("#nav-networks")
    expect(analyst.locator("#networks-table")).to_be_visible(timeout=60_000)
    analyst.locator("[id^=open-network-]").first.click()
    expect(analyst.locator("#explore-message")).to_contain_text("opened network",
                                                                timeout=90_000)
    analyst.wait_for_function("window.cy && window.cy.nodes().length > 0")
    analyst.wait_for_timeout(1000)  # the layout settles
    drawn: list[dict[str, Any]] = analyst.evaluate(DRAWN)
    drawn_nodes = {e["id"]: e["caption"] for e in drawn if e["group"] == "nodes"}
    drawn_edges = {e["id"] for e in drawn if e["group"] == "edges"}
    protected_names = {r["name"] for r in ui_server.graph.read(PROTECTED) if r["name"]}

    name, content = download(analyst, "#explore-csv", tmp_path)
    assert name.startswith("crosslink-chart-tlp-") and name.endswith(".zip")
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        files = {n: archive.read(n).decode("utf-8") for n in archive.namelist()}
    assert files["README.txt"].startswith("TLP:")
    nodes = list(csv.DictReader(io.StringIO(files["nodes.csv"])))
    edges = list(csv.DictReader(io.StringIO(files["edges.csv"])))
    assert {"id", "type", "caption", "jurisdiction", "source", "tlp", "batch_id"} \
        <= set(nodes[0])
    assert {"source", "target", "type", "date", "amount", "record_source"} <= set(edges[0])
    pseudonyms = [n for n in nodes if n["id"].startswith("Person:pseudo:")]
    named = {n["id"]: n["caption"] for n in nodes if n not in pseudonyms}
    assert named.items() <= drawn_nodes.items()  # each row as drawn, caption and all
    missing = set(drawn_nodes) - set(named)
    reasons = [why_not_exported(ui_server, i) for i in missing]
    assert "no reason" not in reasons
    assert len(pseudonyms) == reasons.count("protected") > 0
    assert {e["id"] for e in edges} <= drawn_edges and edges
    ends = {e["source"] for e in edges} | {e["target"] for e in edges}
    assert ends <= {n["id"] for n in nodes}
    text = files["nodes.csv"] + files["edges.csv"]
    assert not [p for p in protected_names if p in text]
    assert any(n["highlighted"] == "yes" for n in nodes)  # the network's linking evidence

    name, content = download(analyst, "#explore-ftm", tmp_path)
    assert name.endswith(".ftm.json")
    proxies = [model.get_proxy(json.loads(line)) for line in content.decode().splitlines()]
    assert {"Person", "CourtCase"} <= {p.schema.name for p in proxies}
    assert {p.id for p in proxies if p.schema.name == "CourtCase"}
    assert not [p for p in protected_names if p in content.decode()]

    name, content = download(analyst, "#explore-pdf", tmp_path)
    assert name.endswith(".pdf")
    reader = PdfReader(io.BytesIO(content))
    page_text = " ".join((reader.pages[0].extract_text() or "").split())
    assert len(reader.pages) == 1 and page_text.startswith("TLP:")
    assert "Legend" in page_text and "Case" in page_text
    assert "Provenance of the selected or highlighted elements" in page_text
    sources = {n["source"] for n in nodes if n["highlighted"] == "yes" and n["source"]}
    assert sources and any(s in page_text for s in sources)
    assert not [p for p in protected_names if p in page_text]
    expect(analyst.locator("#explore-message")).to_contain_text("exported crosslink-chart")
    shot(analyst, "explore-exports")

    with ui_server.db.session() as s:
        events = audit.list_events(s, None, username="ui-analyst", action="export", limit=3)
        assert [e.parameters["format"] for e in events] == ["pdf", "ftm", "csv"]
        assert all(e.parameters["chart"] == "explore" for e in events)
