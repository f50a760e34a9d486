"""CTDC victim files in: ``crosslink import ctdc FILE --source ID``.

The Counter Trafficking Data Collaborative publishes victim-level records in two layouts,
both read here: the k-anonymised global file (63 columns: ``yearOfRegistration, Datasource,
gender, ageBroad, majorityStatus, ..., meansOfControlDebtBondage, ..., isForcedLabour, ...,
typeOfLabourAgriculture, ..., recruiterRelationFriend, ...``; countries ISO alpha-2) and the
synthetic file (27 columns: ``traffickMonths, meansDebtBondageEarnings, ...``; countries ISO
alpha-3). Comma or semicolon, any encoding (detected), ``-99`` or an empty cell for "not
known", a terms-of-use column or others ignored.

Each row becomes one ``VictimRecord`` node (graph/model.yaml), the contract the statistics
read:

    (:VictimRecord {uid: "<source>:<file name>-<line>", source, record_id, reliability,
                    credibility, tlp, ingested_at, batch_id,   # provenance, as every record
      standard: "ctdc",
      layout: "k-anonymised" | "synthetic",
      year_of_registration: int,
      data_source: "Case Management" | "Hotline" | ...,       # k-anonymised files only
      gender: female | male | other | unknown,
      age_band: "0--8" | "09--17" | "18--20" | ... | "48+",    # as CTDC writes it
      minor: bool,                                             # majorityStatus* or age band
      citizenship: ISO alpha-2, country_of_exploitation: ISO alpha-2,
      exploitation_types: [forced_labour, sexual_exploitation, organ_removal, other],
      indicators: [ILO indicator codes of the means of control],
      means_of_control: [CTDC names: DebtBondage, Threats, ... or DebtBondageEarnings, ...],
      sectors: [agriculture, fishing, construction, domestic_work, hospitality, ...],
      sex_exploitation: [prostitution, pornography, remote_interactive_services,
                         private_sexual_services],
      recruiter_relations: [intimate_partner, friend, family, other, unknown],
      trafficking_months: "0--12" | "13--24" | "25+",           # synthetic files only
      abduction: bool})

A property that is not known is absent. The rows carry no names and no relationships: a
VictimRecord is not an actor, so entity resolution and network detection never see it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import yaml

from ingest.mapping.apply import MappedFile, mapped_files
from ingest.mapping.model import Mapping, parse_mapping
from ingest.readers import Line, UnreadableFileError, open_rows
from ingest.standards.picklists import alpha2, fold, indicators_of, is_missing, lookup
from ingest.templates import TEMPLATES
from values.text import LIST_SEPARATOR

TEMPLATE = TEMPLATES.builtin["victim_records"]
COLUMNS = TEMPLATE.column_names
MAPPING_NAME = "built-in CTDC mapping"
STANDARD = "ctdc"

# CTDC column name parts -> the picklist that says what they mean
K_MEANS = ("DebtBondage", "TakesEarnings", "RestrictsFinancialAccess", "Threats",
           "PsychologicalAbuse", "PhysicalAbuse", "SexualAbuse", "FalsePromises",
           "PsychoactiveSubstances", "RestrictsMovement", "RestrictsMedicalCare",
           "ExcessiveWorkingHours", "UsesChildren", "ThreatOfLawEnforcement",
           "WithholdsNecessities", "WithholdsDocuments", "Other")
S_MEANS = ("DebtBondageEarnings", "Threats", "AbusePsyPhySex", "FalsePromises", "DrugsAlcohol",
           "DenyBasicNeeds", "ExcessiveWorkHours", "WithholdDocs")
LABOUR = ("Agriculture", "Aquafarming", "Begging", "Construction", "DomesticWork",
          "Hospitality", "IllicitActivities", "Manufacturing", "MiningOrDrilling", "Peddling",
          "Transportation", "Other")
SEX = ("Prostitution", "Pornography", "RemoteInteractiveServices", "PrivateSexualServices")
RECRUITER = ("IntimatePartner", "Friend", "Family", "Other", "Unknown")
# exploitation flag -> exploitation types
EXPLOITATION_FLAGS = {
    "isForcedLabour": ("forced_labour",), "isSexualExploit": ("sexual_exploitation",),
    "isSexAndLabour": ("forced_labour", "sexual_exploitation"),
    "isOrganRemoval": ("organ_removal",), "isForcedMarriage": ("other",),
    "isForcedMilitary": ("other",), "isSlaveryAndPractices": ("other",),
    "isOtherExploit": ("other",),
}
MINOR_BANDS = ("0--8", "09--17", "9--17")


@dataclass(frozen=True)
class Layout:
    name: str
    means_prefix: str
    means: tuple[str, ...]
    marks: tuple[str, ...]  # header columns that only this layout has


K_ANONYMISED = Layout("k-anonymised", "meansOfControl", K_MEANS,
                      ("meansOfControlDebtBondage", "majorityStatus", "Datasource"))
SYNTHETIC = Layout("synthetic", "means", S_MEANS,
                   ("traffickMonths", "meansDebtBondageEarnings", "meansAbusePsyPhySex"))


def detect_layout(header: list[str]) -> Layout | None:
    names = {fold(h) for h in header}
    for layout in (K_ANONYMISED, SYNTHETIC):
        if any(fold(m) in names for m in layout.marks):
            return layout
    return None


class _Row:
    """One CTDC row, its cells read by column name (folded), "not known" as empty."""

    def __init__(self, index: dict[str, int], cells: list[str]) -> None:
        self.index, self.cells = index, cells

    def text(self, *names: str) -> str:
        for name in names:
            i = self.index.get(fold(name))
            if i is not None and i < len(self.cells) and not is_missing(self.cells[i]):
                return self.cells[i].strip()
        return ""

    def flag(self, *names: str) -> bool | None:
        value = self.text(*names).casefold()
        if value in ("1", "1.0", "true", "yes"):
            return True
        if value in ("0", "0.0", "false", "no"):
            return False
        return None

    def flagged(self, prefixes: tuple[str, ...], parts: tuple[str, ...]) -> list[str]:
        return [p for p in parts if self.flag(*(prefix + p for prefix in prefixes))]


def _joined(values: list[str]) -> str:
    return LIST_SEPARATOR.join(dict.fromkeys(v for v in values if v))


def _flag_text(value: bool | None) -> str:
    return "" if value is None else ("true" if value else "false")


def _minor(row: _Row, age_band: str) -> bool | None:
    statuses = [row.text(n).casefold() for n in ("majorityStatus", "majorityStatusAtExploit",
                                                 "majorityEntry")]
    if "minor" in statuses or age_band in MINOR_BANDS:
        return True
    if "adult" in statuses or (age_band and age_band[:1].isdigit()):
        return False
    return None


def victim_cells(layout: Layout, row: _Row, record_id: str) -> list[str]:
    """The victim_records template row of one CTDC row."""
    means = row.flagged((layout.means_prefix,), layout.means)
    indicators = [i for m in means for i in indicators_of(m) or ()]
    exploitation = [t for flag, types in EXPLOITATION_FLAGS.items() if row.flag(flag)
                    for t in types]
    labour = row.flagged(("typeOfLabour", "sectorOfLabour"), LABOUR)
    sex = row.flagged(("typeOfSex",), SEX)
    recruiter = row.flagged(("recruiterRelation",), RECRUITER)
    age_band = row.text("ageBroad")
    gender = row.text("gender")
    countries = {n: row.text(n) for n in ("citizenship", "CountryOfExploitation")}
    values = {
        "record_id": record_id,
        "standard": STANDARD,
        "layout": layout.name,
        "year_of_registration": row.text("yearOfRegistration").removesuffix(".0"),
        "data_source": row.text("Datasource"),
        "gender": str(lookup("gender", gender) or gender) if gender else "",
        "age_band": age_band,
        "minor": _flag_text(_minor(row, age_band)),
        "citizenship": alpha2(countries["citizenship"]) if countries["citizenship"] else "",
        "country_of_exploitation": (alpha2(countries["CountryOfExploitation"])
                                    if countries["CountryOfExploitation"] else ""),
        "exploitation_types": _joined(exploitation),
        "indicators": _joined(indicators),
        "means_of_control": _joined(means),
        "sectors": _joined([str(lookup("ctdc_labour", p)) for p in labour]),
        "sex_exploitation": _joined([str(lookup("ctdc_sex", p)) for p in sex]),
        "recruiter_relations": _joined([str(lookup("ctdc_recruiter", p)) for p in recruiter]),
        "trafficking_months": row.text("traffickMonths").split(" ")[0],
        "abduction": _flag_text(row.flag("isAbduction")),
    }
    return [values[c] for c in COLUMNS]


def _rows(path: Path, rows: Iterator[Line]) -> Iterator[Line]:
    first = next(rows, None)
    if first is None:
        return
    line, header = first
    layout = detect_layout(header)
    if layout is None:
        raise UnreadableFileError(
            line, "", "not a CTDC file: the header has neither the columns of the "
            "k-anonymised file (" + ", ".join(K_ANONYMISED.marks) + ") nor those of the "
            "synthetic one (" + ", ".join(SYNTHETIC.marks) + "); nothing was loaded")
    yield line, list(COLUMNS)
    index: dict[str, int] = {}
    for i, name in enumerate(header):
        index.setdefault(fold(name), i)
    for number, cells in rows:
        yield number, victim_cells(layout, _Row(index, cells), f"{path.stem}-{number}")


@contextmanager
def ctdc_rows(path: Path) -> Iterator[Iterator[Line]]:
    """The victim_records rows of a CTDC file (either layout), on the file's line numbers."""
    with open_rows(path) as rows:
        yield _rows(path, rows)


def _mapping() -> Mapping:
    rule = {"template": TEMPLATE.name, "columns": {c: c for c in COLUMNS}}
    return parse_mapping(yaml.safe_dump({"name": "ctdc", "templates": [rule]}), MAPPING_NAME,
                         TEMPLATES.with_builtin())


MAPPING = _mapping()


def ctdc_files(path: Path) -> list[MappedFile]:
    """The mapped file the pipeline loads for a CTDC file: ``ingest_paths(mapped=...)``."""
    return mapped_files(path, MAPPING, MAPPING_NAME, ctdc_rows)
