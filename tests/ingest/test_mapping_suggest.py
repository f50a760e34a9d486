"""``suggest`` without a database: headers in the region's languages and close spellings,
the date order and values read from samples."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.mapping.suggest import country_code, date_order, enum_value, match_headers, suggest
from ingest.templates import TEMPLATES

PERSONS = TEMPLATES.templates["persons"]


@pytest.mark.parametrize("header", [
    ["รหัสบุคคล", "ชื่อ-นามสกุล", "วันเกิด", "เพศ", "สัญชาติ", "เบอร์โทร"],  # Thai
    ["ID Orang", "Nama Lengkap", "Tanggal Lahir", "Jenis Kelamin", "Kewarganegaraan", "No HP"],
    ["ID Pessoa", "Nome completo", "Data de nascimento", "Sexo", "Nacionalidade", "Telefone"],
    ["Identifiant", "Nom complet", "Date de naissance", "Sexe", "Nationalité", "Téléphone"],
    ["PERSON_ID", "Full Name", "D.O.B", "Gender", "Citizenship", "Mobile"],
])
def test_headers_in_the_regions_languages(header: list[str]) -> None:
    assert match_headers(header, PERSONS) == dict(zip(
        ["person_id", "full_name", "date_of_birth", "gender", "nationality", "phones"], header,
        strict=True))


def test_close_spellings_are_matched() -> None:
    found = match_headers(["Codigo", "Fecha de nacimento", "Nacionalida"], PERSONS)
    assert found == {"person_id": "Codigo", "date_of_birth": "Fecha de nacimento",
                     "nationality": "Nacionalida"}


def test_date_order_and_values_from_samples() -> None:
    assert date_order(["01/02/2024", "31/03/2024"]) == "day_first"
    assert date_order(["03/31/2024"]) == "month_first"
    assert date_order(["2024-03-31"]) is None
    assert enum_value("F", ("female", "male", "other", "unknown")) == "female"
    assert enum_value("Agricultura", ("agriculture", "construction")) == "agriculture"
    assert [country_code(c) for c in ("Guatemala", "México", "Tailandia", "GTM")] == [
        "GT", "MX", "TH", "GT"]


def test_the_template_is_chosen_from_the_header(tmp_path: Path) -> None:
    file = tmp_path / "transferencias 2024.csv"
    file.write_text("Operación,Cuenta origen,Cuenta destino,Monto,Moneda,Fecha\n"
                    "T-1,GT1,GT2,\"1.500,50\",USD,31/01/2024\n", encoding="utf-8")
    found = suggest(file)
    rule = found.mapping.templates[0]
    assert rule.template == "transactions"
    assert {k: c.column for k, c in rule.columns.items()} == {
        "tx_id": "Operación", "from_account": "Cuenta origen", "to_account": "Cuenta destino",
        "amount": "Monto", "currency": "Moneda", "date": "Fecha"}
    assert found.mapping.decimal_comma and found.mapping.dates.order == "day_first"
    assert found.mapping.files == ["transferencias *.csv"]
    assert found.missing == []
