"""The demo sources: police, labour inspectorates, an NGO and an international organisation of
both corridors, each with its own grading, case-id style and case jurisdictions; the Mexican
labour inspectorate writes its files its own way (Spanish headers, day-first dates, Sí/No)."""

from __future__ import annotations

from dataclasses import dataclass

from ingest.grading import Grading
from ingest.mapping.source_folder import SourceDescription


@dataclass(frozen=True)
class DemoSource:
    id: str
    name: str
    kind: str  # authority_kind of graph/model.yaml
    country: str
    reliability: str
    credibility: str
    tlp: str
    authority: str  # code written in cases.authority (the Authority node's id)
    case_prefix: str  # record ids are the source's own: C-, P-, A- ... overlap across sources
    corridor: str  # CA or SEA
    jurisdictions: tuple[str, ...]  # where its cases are; several for NGOs and international orgs
    red_share: int = 0  # every n-th background case is TLP RED (row-level `tlp` column)
    own_layout: bool = False  # its files are written its own way, with mappings (own_layout.py)

    @property
    def grading(self) -> Grading:
        return Grading(self.id, self.name, self.kind, self.country, self.reliability,
                       self.credibility, self.tlp)

    @property
    def description(self) -> SourceDescription:
        """What its folder's ``source.yaml`` says."""
        return SourceDescription(id=self.id, name=self.name, kind=self.kind,
                                 country=self.country, reliability=self.reliability,
                                 credibility=self.credibility, tlp=self.tlp)


SOURCES: tuple[DemoSource, ...] = (
    DemoSource("gt-pnc", "Policía Nacional Civil de Guatemala, DEIC trata de personas",
               "police", "GT", "B", "2", "AMBER", "GT-PNC", "PNC-", "CA", ("GT",), red_share=9),
    DemoSource("mx-stps", "Secretaría del Trabajo (MX), inspección federal del trabajo",
               "labour_inspectorate", "MX", "B", "3", "AMBER", "MX-STPS", "INSP-", "CA", ("MX",),
               own_layout=True),
    DemoSource("us-whd", "Wage and Hour inspectorate (US)", "labour_inspectorate", "US", "A",
               "2", "GREEN", "US-WHD", "WHD-", "CA", ("US",)),
    DemoSource("io-mig", "International migration organisation, counter-trafficking unit",
               "international_org", "GT", "B", "3", "AMBER+STRICT", "IO-MIG", "IOM-", "CA",
               ("GT", "HN", "SV", "MX")),
    DemoSource("th-atpd", "Royal Thai Police, anti-trafficking division", "police", "TH", "B",
               "2", "AMBER", "TH-ATPD", "TIP-", "SEA", ("TH",), red_share=7),
    DemoSource("my-jtk", "Jabatan Tenaga Kerja (MY labour department)", "labour_inspectorate",
               "MY", "C", "3", "AMBER", "MY-JTK", "JTK-", "SEA", ("MY",)),
    DemoSource("kh-ngo", "Cambodian migrant workers' NGO (returnee case files)", "ngo", "KH",
               "C", "3", "GREEN", "KH-NGO", "NGO-", "SEA", ("KH", "TH", "MY")),
)
BY_ID = {s.id: s for s in SOURCES}


def source(source_id: str) -> DemoSource:
    return BY_ID[source_id]


def corridor_sources(corridor: str) -> list[DemoSource]:
    return [s for s in SOURCES if s.corridor == corridor]
