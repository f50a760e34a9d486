"""A small, complete set of template rows (every template, every relationship); files are
written with ``ingest.writers`` the way users write them (CSV with or without BOM, CRLF, XLSX)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from ingest.writers import template_columns, write_csv, write_xlsx

__all__ = ["SAMPLE", "header", "write_csv", "write_sample", "write_xlsx"]

Rows = Sequence[Mapping[str, str]]

SAMPLE: dict[str, list[dict[str, str]]] = {
    "cases": [
        {"case_id": "C-1", "jurisdiction": "GT", "authority": "PNC-GT", "title": "Finca El Sol",
         "status": "open", "opened_on": "2024-01-15", "exploitation_type": "forced_labour",
         "sector": "agriculture", "indicators": "deception;debt_bondage",
         "summary": "Workers recruited in Huehuetenango"},
    ],
    "persons": [
        {"person_id": "P-1", "full_name": "José Pérez", "aliases": "Chepe;El Flaco",
         "date_of_birth": "1985-05-01", "gender": "male", "nationality": "GT",
         "phones": "5555 1234", "emails": "Chepe@Example.com",
         "address": "4a Calle 5-10, Zona 1", "address_country": "GT"},
        {"person_id": "P-2", "full_name": "María López", "date_of_birth": "1999-02-03",
         "gender": "female", "nationality": "GT", "passport_number": "A 123-456",
         "phones": "+502 5555-9999"},
        {"person_id": "P-3", "full_name": "Ana Ruiz", "date_of_birth": "2012-07-01",
         "gender": "female", "nationality": "GT"},
    ],
    "recruitment_agencies": [
        {"agency_id": "A-1", "name": "Agencia Sol S.A.", "license_number": "LIC-9",
         "license_country": "GT", "license_status": "revoked", "phones": "2222 3333",
         "emails": "info@agenciasol.gt", "address": "6a Avenida 1-20", "address_country": "GT",
         "owner_person_id": "P-1"},
    ],
    "employers": [
        {"employer_id": "E-1", "name": "Agrícola del Norte", "registration_number": "RFC-1",
         "country": "MX", "sector": "agriculture", "phones": "55 1234 5678",
         "address": "Rancho Norte, Km 12", "address_country": "MX", "owner_person_id": "P-1"},
    ],
    "case_roles": [
        {"case_id": "C-1", "party_id": "P-1", "role": "recruiter"},
        {"case_id": "C-1", "party_id": "P-2", "role": "victim"},
        {"case_id": "C-1", "party_id": "A-1", "role": "suspect"},
        {"case_id": "C-1", "party_id": "E-1", "role": "employer"},
    ],
    "placements": [
        {"person_id": "P-2", "agency_id": "A-1", "employer_id": "E-1",
         "recruited_on": "2023-11-02", "recruited_in": "GT", "fee": "1500.50",
         "currency": "USD", "promised_wage": "800", "paid_wage": "150", "deceptive": "true",
         "documents_retained": "yes"},
    ],
    "accounts": [
        {"account_number": "GT82 TRAJ 0102 0000 0012 1002 9690", "bank": "Banco Ejemplo",
         "country": "GT", "holder_id": "A-1"},
        {"account_number": "0123-4567-89", "bank": "Banco Norte", "country": "MX",
         "holder_id": "P-2"},
    ],
    "transactions": [
        {"tx_id": "T-1", "from_account": "0123 4567 89",
         "to_account": "GT82TRAJ01020000001210029690", "amount": "1500.50", "currency": "USD",
         "date": "2023-11-03", "channel": "remittance", "reference": "cuota"},
    ],
    "travel": [
        {"leg_id": "L-1", "person_id": "P-2", "from_place": "Huehuetenango",
         "from_country": "GT", "to_place": "Tapachula", "to_country": "MX",
         "via_place": "La Mesilla", "via_country": "GT", "departed_on": "2023-11-05",
         "arrived_on": "2023-11-06", "mode": "bus", "carrier": "Transportes Rápidos",
         "vehicle_plate": "P-123 ABC", "arranged_by": "P-1"},
    ],
    "advertisements": [
        {"ad_id": "AD-1", "platform": "facebook", "posted_on": "2023-10-01",
         "text": "Trabajo en México, buen sueldo", "url": "https://example.org/ad/1",
         "phones": "+502 2222-3333", "emails": "INFO@agenciasol.gt", "posted_by": "A-1"},
    ],
}


def header(template: str, extra: Sequence[str] = ()) -> list[str]:
    return template_columns(template, extra)


def write_sample(folder: Path, sample: Mapping[str, Rows] = SAMPLE) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for template, rows in sample.items():
        write_csv(folder / f"{template}.csv", rows)
    return folder
