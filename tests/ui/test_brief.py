"""The Networks page offers each network's joint-operation brief: the download is a PDF that
names the network's jurisdictions; Explore offers the same brief once the network is open."""

from __future__ import annotations

import io
from pathlib import Path

from playwright.sync_api import Page, expect
from pypdf import PdfReader

from .conftest import shot


def test_download_a_networks_brief_from_the_networks_page(analyst: Page, tmp_path: Path) -> None:
    analyst.click("#nav-networks")
    expect(analyst.locator("#networks-table")).to_be_visible(timeout=60_000)
    button = analyst.locator("[id^=brief-network-]").first
    network_id = (button.get_attribute("id") or "").removeprefix("brief-network-")
    row = analyst.locator(".network-row").first
    jurisdictions = [c.strip() for c in row.locator("td").nth(1).inner_text().split(",")]
    shot(analyst, "networks-brief")
    with analyst.expect_download(timeout=120_000) as info:
        button.click()
    assert info.value.suggested_filename == f"brief-{network_id}.pdf"
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    text = " ".join(" ".join((p.extract_text() or "").split())
                    for p in PdfReader(io.BytesIO(path.read_bytes())).pages)
    assert f"Joint-operation brief: network {network_id}" in text
    assert jurisdictions and all(f"({code})" in text for code in jurisdictions)
    assert "Draft Letter of Request to" in text
    analyst.click(f"#open-network-{network_id}")
    expect(analyst.locator("#explore-brief")).to_have_attribute(
        "href", f"/api/networks/{network_id}/brief?format=pdf", timeout=60_000)
