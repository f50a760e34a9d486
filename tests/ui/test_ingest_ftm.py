"""The Ingest page takes a FollowTheMoney file as it takes a template file: told by its
content, imported through the same service as ``crosslink import ftm``, with the report of
what has no place in the model (real server, real Chromium)."""

from __future__ import annotations

import json
from pathlib import Path

from followthemoney import model
from playwright.sync_api import Page, expect

from .conftest import UiServer, shot


def _line(schema: str, entity_id: str, **props: str) -> str:
    entity = model.make_entity(schema)
    entity.id = entity_id
    for prop, value in props.items():
        entity.add(prop, value)
    return json.dumps(entity.to_dict())


def test_upload_an_ftm_export(investigator: Page, ui_server: UiServer, tmp_path: Path) -> None:
    path = tmp_path / "export.json"  # a name no template has: the content says FtM
    path.write_text("\n".join([
        _line("Person", "ui-p1", name="Lucía Tzoc", birthDate="1988-08-08", nationality="gt"),
        _line("Company", "ui-c1", name="Maquilas Unidas", country="gt"),
        _line("Payment", "ui-pay1", payer="ui-c1", beneficiary="ui-p1", amount="700",
              currency="GTQ", date="2024-05-01"),
        _line("Family", "ui-f1", person="ui-p1", relative="ui-p1"),
    ]) + "\n", encoding="utf-8")
    investigator.click("#nav-ingest")
    investigator.set_input_files("#ingest-files input[type=file]", str(path))
    expect(investigator.locator("#ingest-chosen")).to_contain_text("export.json")
    investigator.fill("#ingest-source", "ui-ftm")
    investigator.click("#ingest-run")
    summary = investigator.locator("#ingest-summary")
    expect(summary).to_contain_text("export.json (FollowTheMoney): 4 entities read",
                                    timeout=60_000)
    expect(summary).to_contain_text("source ui-ftm")
    unmapped = investigator.locator("#ingest-ftm-unmapped")
    expect(unmapped).to_contain_text("Family")
    expect(unmapped).to_contain_text("no relationship between two persons")
    history = investigator.locator("#ingest-history-table tbody tr").first
    expect(history).to_contain_text("export.json")
    (row,) = ui_server.graph.read(
        "MATCH (p:Person {uid: 'ui-ftm:ui-p1'})-[:HOLDS]->(:Account)<-[:PAID_TO]-"
        "(t:Transaction) RETURN p.full_name AS name, t.amount AS amount")
    assert row == {"name": "Lucía Tzoc", "amount": 700.0}
    shot(investigator, "ingest-ftm")
