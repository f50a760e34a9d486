"""The Cases page offers its cases as IOM's HTCDS sheet and CTDC file: the download holds the
cases of the jurisdictions filter, as the API gives them."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from .conftest import UiServer, shot


def test_download_the_filtered_cases_as_an_htcds_sheet(analyst: Page, ui_server: UiServer,
                                                        tmp_path: Path) -> None:
    analyst.click("#nav-cases")
    expect(analyst.locator("#cases-list")).to_be_visible(timeout=40_000)
    analyst.fill("#cases-jurisdiction", "GT")
    analyst.press("#cases-jurisdiction", "Enter")
    expect(analyst.locator("#cases-htcds")).to_have_attribute("href",
                                                              "/api/export/htcds?country=GT")
    shot(analyst, "cases-downloads")
    with analyst.expect_download(timeout=60_000) as info:
        analyst.click("#cases-htcds")
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    rows = list(load_workbook(path, read_only=True).worksheets[0].iter_rows(values_only=True))
    header = list(rows[0])
    assert header[1] == "cas_CaseOwner" and "vic_MethodsOfControl" in header
    places = {row[header.index("vic_LocationOfExploitation")] for row in rows[1:]}
    assert len(rows) > 1 and places == {"GT"}
    with analyst.expect_download(timeout=60_000) as info:
        analyst.click("#cases-ctdc")
    assert info.value.suggested_filename == "ctdc-victims.csv"

