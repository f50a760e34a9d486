"""The Ingest page with a file in its source's own layout (Spanish headers, day-first dates,
F/M, Windows-1252, semicolons): a mapping is proposed with the first rows as they would load,
the person corrects it, loads, and the next file of the source reuses the kept mapping."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.ingest.own_layout import PERSONAS

from .conftest import UiServer, shot

pytestmark = pytest.mark.browser

SOURCE = "ui-own-layout"


def _choose_file(page: Page, path: Path) -> None:
    page.set_input_files("#ingest-files input[type=file]", str(path))
    expect(page.locator("#ingest-chosen")).to_contain_text(path.name)


def test_a_file_in_its_own_layout_loads_through_a_corrected_mapping(
        investigator: Page, ui_server: UiServer, tmp_path: Path) -> None:
    march = tmp_path / "personas_2024-03.csv"
    march.write_bytes(PERSONAS.encode("cp1252"))
    investigator.click("#nav-ingest")
    investigator.fill("#ingest-source", SOURCE)
    investigator.fill("#ingest-source-country", "GT")
    _choose_file(investigator, march)

    panel = investigator.locator(".mapping-file", has_text="personas_2024-03.csv")
    expect(panel).to_contain_text("(suggested)", timeout=60_000)
    text = panel.locator("textarea")
    # F/M are gender values as they are: the column is mapped with no value map of its own
    expect(text).to_have_value(re.compile(r"\n +gender: Sexo\n"))
    rows = panel.locator(".mapping-preview")
    expect(rows).to_contain_text("the first 3 rows load as shown")
    expect(rows).to_contain_text("full_name=José Pérez")  # joined, and read as Windows-1252
    expect(rows).to_contain_text("date_of_birth=1999-02-03")  # 03/02/1999, day first
    expect(rows).to_contain_text("gender=female")  # F
    shot(investigator, "ingest-mapping-proposed")

    # a wrong value map, written by the person, shows in the preview, row by row
    suggested = text.input_value()
    text.fill(suggested.replace("gender: Sexo", "gender: {column: Sexo, values: {M: hommbre}}"))
    panel.get_by_role("button", name="Preview with this mapping").click()
    expect(rows).to_contain_text("1 of the first 3 rows would not load as they are")
    expect(rows).to_contain_text("gender: 'hommbre': not a gender value")
    shot(investigator, "ingest-mapping-problem")

    # corrected: the file loads through it, and the mapping is kept for the source
    text.fill(suggested.replace("name: personas", "name: expedientes-personas"))
    panel.get_by_role("button", name="Preview with this mapping").click()
    expect(rows).to_contain_text("the first 3 rows load as shown")
    investigator.click("#ingest-run")
    summary = investigator.locator("#ingest-summary")
    expect(summary).to_contain_text("3 rows loaded, 0 rejected", timeout=60_000)
    people = ui_server.graph.read(
        "MATCH (p:Person {source: $source}) RETURN p.full_name AS name, p.gender AS gender, "
        "p.date_of_birth AS born ORDER BY name", {"source": SOURCE})
    assert [(p["name"], p["gender"], str(p["born"])) for p in people] == [
        ("Ana Ruiz", "female", "2012-07-01"), ("José Pérez", "male", "1985-05-01"),
        ("María López", "female", "1999-02-03")]
    kept = ui_server.settings.mapping_root / SOURCE / "expedientes-personas.yaml"
    assert kept.is_file()
    shot(investigator, "ingest-mapping-loaded")

    # the source's next file: its kept mapping is proposed, and it loads as it is
    april = tmp_path / "personas_2024-04.csv"
    april.write_bytes(PERSONAS.replace("P-3;Ana;Ruiz", "P-4;Rosa;Díaz").encode("cp1252"))
    investigator.reload()
    investigator.fill("#ingest-source", SOURCE)
    _choose_file(investigator, april)
    panel = investigator.locator(".mapping-file", has_text="personas_2024-04.csv")
    expect(panel).to_contain_text(f"(kept for {SOURCE}: expedientes-personas)",
                                  timeout=60_000)
    expect(panel.locator(".mapping-preview")).to_contain_text("full_name=Rosa Díaz")
    investigator.click("#ingest-run")
    expect(investigator.locator("#ingest-summary")).to_contain_text("3 rows loaded, 0 rejected",
                                                               timeout=60_000)
