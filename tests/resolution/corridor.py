"""A small two-country scenario in the native CSV templates, shared by the resolution and
network tests: one recruiter and one agency reported by Guatemala and by Mexico under name
variants (phones and an IBAN written differently), two "Juan Pérez" decoys with nothing but
a common name in common, and two unrelated cases whose victims crossed the same busy border
post and banked at the same bank."""

from __future__ import annotations

from pathlib import Path

from graph.connection import Graph
from ingest.grading import Grading
from ingest.pipeline import ingest_paths
from tests.ingest.samples import write_csv

GT = Grading("gt-pnc", source_name="PNC Guatemala", source_kind="police", source_country="GT",
             reliability="B", credibility="2", tlp="AMBER")
MX = Grading("mx-fge", source_name="FGE Chiapas", source_kind="prosecutor",
             source_country="MX", reliability="C", credibility="3", tlp="GREEN")

IBAN = "GT82TRAJ01020000001210029690"

GT_FILES: dict[str, list[dict[str, str]]] = {
    "cases": [
        {"case_id": "GT-1", "jurisdiction": "GT", "authority": "PNC-GT", "title": "Finca El Sol",
         "status": "open", "opened_on": "2024-01-15", "exploitation_type": "forced_labour",
         "indicators": "deception;debt_bondage;retention_of_documents"},
        {"case_id": "GT-2", "jurisdiction": "GT", "authority": "PNC-GT", "title": "Unrelated",
         "status": "open", "opened_on": "2024-02-01", "exploitation_type": "forced_labour",
         "indicators": "deception"},
    ],
    "persons": [
        {"person_id": "P-1", "full_name": "José Luis García Pérez", "date_of_birth": "1980-04-12",
         "nationality": "GT", "phones": "5555 1234", "passport_number": "A 123 456"},
        {"person_id": "P-2", "full_name": "María López", "date_of_birth": "1999-02-03",
         "nationality": "GT"},
        {"person_id": "P-3", "full_name": "Juan Pérez", "date_of_birth": "1990-01-01",
         "nationality": "GT"},
        {"person_id": "P-4", "full_name": "Ana Morales", "date_of_birth": "1995-03-03",
         "nationality": "GT"},
        {"person_id": "P-5", "full_name": "Carlos Xol Choc", "date_of_birth": "1970-08-08",
         "nationality": "GT"},
    ],
    "recruitment_agencies": [
        {"agency_id": "A-1", "name": "Empleos del Norte S.A.", "license_number": "LIC-9",
         "license_country": "GT", "license_status": "licensed", "phones": "2222 3333"},
    ],
    "case_roles": [
        {"case_id": "GT-1", "party_id": "P-1", "role": "recruiter"},
        {"case_id": "GT-1", "party_id": "P-2", "role": "victim"},
        {"case_id": "GT-1", "party_id": "A-1", "role": "suspect"},
        {"case_id": "GT-2", "party_id": "P-3", "role": "suspect"},
        {"case_id": "GT-2", "party_id": "P-4", "role": "victim"},
        {"case_id": "GT-2", "party_id": "P-5", "role": "witness"},
    ],
    "placements": [
        {"person_id": "P-2", "agency_id": "A-1", "recruited_on": "2023-11-02",
         "recruited_in": "GT", "fee": "1500", "currency": "USD"},
    ],
    "accounts": [
        {"account_number": "GT82 TRAJ 0102 0000 0012 1002 9690", "bank": "Banco Ejemplo",
         "country": "GT", "holder_id": "A-1"},
        {"account_number": "GT90 AGRO 0000 0000 0000 1234 5678", "bank": "Banco Ejemplo",
         "country": "GT", "holder_id": "P-4"},
        {"account_number": "GT70 AGRO 0000 0000 0000 9999 0000", "bank": "Banco Ejemplo",
         "country": "GT", "holder_id": "P-2"},
    ],
    "transactions": [
        {"tx_id": "T-1", "from_account": "GT70 AGRO 0000 0000 0000 9999 0000",
         "to_account": "GT82 TRAJ 0102 0000 0012 1002 9690", "amount": "1500",
         "currency": "USD", "date": "2023-11-03", "channel": "bank_transfer"},
    ],
    "travel": [
        {"leg_id": "L-1", "person_id": "P-2", "from_place": "Huehuetenango",
         "from_country": "GT", "to_place": "Tapachula", "to_country": "MX",
         "via_place": "La Mesilla", "via_country": "GT", "mode": "bus"},
        {"leg_id": "L-2", "person_id": "P-4", "from_place": "Huehuetenango",
         "from_country": "GT", "to_place": "Comitán", "to_country": "MX",
         "via_place": "La Mesilla", "via_country": "GT", "mode": "bus"},
    ],
}

MX_FILES: dict[str, list[dict[str, str]]] = {
    "cases": [
        {"case_id": "MX-1", "jurisdiction": "MX", "authority": "FGE-CHIS", "title": "Rancho",
         "status": "open", "opened_on": "2024-03-01", "exploitation_type": "forced_labour",
         "indicators": "debt_bondage;withholding_wages"},
        {"case_id": "MX-2", "jurisdiction": "MX", "authority": "FGE-CHIS", "title": "Other",
         "status": "open", "opened_on": "2024-03-09", "exploitation_type": "forced_labour",
         "indicators": "isolation"},
    ],
    "persons": [
        {"person_id": "10", "full_name": "GARCIA PEREZ, JOSE LUIS", "date_of_birth": "1980-04-12",
         "nationality": "GT", "phones": "+502 5555-1234"},
        {"person_id": "11", "full_name": "Rosa Méndez", "date_of_birth": "2000-05-05",
         "nationality": "GT"},
        {"person_id": "12", "full_name": "JUAN PEREZ", "date_of_birth": "1975-06-30",
         "nationality": "MX"},
        {"person_id": "13", "full_name": "Luisa Gómez", "date_of_birth": "2001-01-01",
         "nationality": "GT"},
    ],
    "recruitment_agencies": [
        {"agency_id": "20", "name": "EMPLEOS DEL NORTE SA DE CV", "license_country": "GT",
         "license_status": "unknown"},
    ],
    "case_roles": [
        {"case_id": "MX-1", "party_id": "10", "role": "recruiter"},
        {"case_id": "MX-1", "party_id": "11", "role": "victim"},
        {"case_id": "MX-1", "party_id": "20", "role": "suspect"},
        {"case_id": "MX-2", "party_id": "12", "role": "suspect"},
        {"case_id": "MX-2", "party_id": "13", "role": "victim"},
    ],
    "accounts": [
        {"account_number": IBAN, "bank": "Banco Ejemplo", "country": "GT", "holder_id": "20"},
        {"account_number": "MX-ACC-13", "bank": "Banco Ejemplo", "country": "MX",
         "holder_id": "13"},
    ],
    "travel": [
        {"leg_id": "L-9", "person_id": "13", "from_place": "Huehuetenango",
         "from_country": "GT", "to_place": "Tapachula", "to_country": "MX",
         "via_place": "LA MESILLA", "via_country": "GT", "mode": "bus"},
    ],
}


def write_files(folder: Path, files: dict[str, list[dict[str, str]]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for template, rows in files.items():
        write_csv(folder / f"{template}.csv", rows)
    return folder


def load_corridor(graph: Graph, folder: Path) -> None:
    """Write both sources' files under ``folder`` and ingest them (again, if already there)."""
    for grading, files in ((GT, GT_FILES), (MX, MX_FILES)):
        path = write_files(folder / grading.source_id, files)
        report = ingest_paths(graph, [path], grading)
        assert report.ok, report.errors
