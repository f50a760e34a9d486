"""Two authorities in two countries, loaded through the real ingest pipeline.

- ``GT-PNC`` (Guatemala police) reports case ``gt-pnc:C-1`` (suspect Juan Perez Lopez, victim
  Maria Tzul, recruiter Agencia Sol) from source ``gt-pnc``.
- ``MX-FGE`` (Mexico prosecutor) reports case ``mx-fge:C-9`` (suspect Pedro Xolo) from source
  ``mx-fge``, and case ``mx-red:C-10`` (suspect Rojo Confidencial) from source ``mx-red``,
  graded TLP:RED.
- Juan (GT) and Pedro (MX) use the same phone, +502 5550 1234: one Phone node, the
  cross-border link.
"""

from __future__ import annotations

from pathlib import Path

from graph.connection import Graph
from ingest.grading import Grading
from ingest.pipeline import ingest_paths

GT_CASE = "gt-pnc:C-1"
MX_CASE = "mx-fge:C-9"
RED_CASE = "mx-red:C-10"
SHARED_PHONE = "+50255501234"
GT_ONLY = ["Juan Perez Lopez", "Agencia Sol", "Finca Esperanza"]
MX_ONLY = ["Pedro Xolo", "Rancho Norte"]
RED_ONLY = ["Rojo Confidencial", "Operacion Roja"]

FILES: dict[str, dict[str, str]] = {
    "gt-pnc": {
        "cases.csv": "case_id,jurisdiction,authority,title,status,opened_on,exploitation_type,"
                     "sector,indicators,summary\n"
                     "C-1,GT,GT-PNC,Finca Esperanza coffee workers,open,2024-03-01,"
                     "forced_labour,agriculture,debt_bondage;retention_of_documents,"
                     "Workers recruited for the coffee harvest\n",
        "persons.csv": "person_id,full_name,aliases,date_of_birth,gender,nationality,"
                       "passport_number,passport_country,phones,emails,address,"
                       "address_country\n"
                       "P-1,Juan Perez Lopez,El Gato,1980-02-02,male,GT,G123456,GT,"
                       "+502 5550 1234,juan@example.org,,\n"
                       "P-2,Maria Tzul,,1995-05-05,female,GT,,,,,,\n",
        "recruitment_agencies.csv": "agency_id,name,license_number,license_country,"
                                    "license_status,phones,emails,address,address_country,"
                                    "owner_person_id\n"
                                    "A-1,Agencia Sol,L-77,GT,unlicensed,,,,,P-1\n",
        "case_roles.csv": "case_id,party_id,role\nC-1,P-1,suspect\nC-1,P-2,victim\n"
                          "C-1,A-1,recruiter\n",
        "accounts.csv": "account_number,bank,country,holder_id\nGT-ACC-001,Banco Uno,GT,P-1\n",
    },
    "mx-fge": {
        "cases.csv": "case_id,jurisdiction,authority,title,status,opened_on,exploitation_type,"
                     "sector,indicators,summary\n"
                     "C-9,MX,MX-FGE,Rancho Norte tomato pickers,open,2024-06-01,forced_labour,"
                     "agriculture,withholding_wages,Seasonal workers from Guatemala\n",
        "persons.csv": "person_id,full_name,aliases,date_of_birth,gender,nationality,"
                       "passport_number,passport_country,phones,emails,address,"
                       "address_country\n"
                       "P-9,Pedro Xolo,,1975-01-01,male,MX,,,+502 5550 1234;+52 55 1234 5678,"
                       ",,\n",
        "case_roles.csv": "case_id,party_id,role\nC-9,P-9,suspect\n",
    },
    "mx-red": {
        "cases.csv": "case_id,jurisdiction,authority,title,status,opened_on,exploitation_type,"
                     "sector,indicators,summary\n"
                     "C-10,MX,MX-FGE,Operacion Roja,open,2024-07-01,forced_labour,"
                     "construction,,Undercover operation\n",
        "persons.csv": "person_id,full_name,aliases,date_of_birth,gender,nationality,"
                       "passport_number,passport_country,phones,emails,address,"
                       "address_country\n"
                       "P-10,Rojo Confidencial,,1970-01-01,male,MX,,,+52 55 8765 4321,,,\n",
        "case_roles.csv": "case_id,party_id,role\nC-10,P-10,suspect\n",
    },
}
TLP = {"gt-pnc": "AMBER", "mx-fge": "AMBER", "mx-red": "RED"}
COUNTRY = {"gt-pnc": "GT", "mx-fge": "MX", "mx-red": "MX"}


def load_two_authorities(graph: Graph, folder: Path) -> None:
    for source, files in FILES.items():
        target = folder / source
        target.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            (target / name).write_text(text, encoding="utf-8")
        report = ingest_paths(graph, [target], Grading(source, source_country=COUNTRY[source],
                                                       reliability="B", credibility="2",
                                                       tlp=TLP[source]))
        assert report.ok, report.to_dict()["errors"]
