"""CTDC files out: victims as the k-anonymised global file's 63 columns, with every
combination of the quasi-identifiers (gender, age band, citizenship, country of exploitation,
year of registration) seen fewer than k times suppressed: those rows keep their other cells,
their five quasi-identifiers become ``-99`` (not known). No names, ids or free text: every
cell is a year, a band, a country code, a picklist value or a 0/1 flag."""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingest.standards.ctdc import EXPLOITATION_FLAGS, K_MEANS, LABOUR, RECRUITER, SEX
from ingest.standards.picklists import export_value, picklists

MISSING = "-99"
COLUMNS = [
    "yearOfRegistration", "Datasource", "gender", "ageBroad", "majorityStatus",
    "majorityStatusAtExploit", "majorityEntry", "citizenship",
    *(f"meansOfControl{m}" for m in (*K_MEANS, "NotSpecified", "Concatenated")),
    "isForcedLabour", "isSexualExploit", "isOtherExploit", "isSexAndLabour", "isForcedMarriage",
    "isForcedMilitary", "isOrganRemoval", "isSlaveryAndPractices", "typeOfExploitConcatenated",
    *(f"typeOfLabour{t}" for t in (*LABOUR, "NotSpecified", "Concatenated")),
    *(f"typeOfSex{t}" for t in (*SEX, "Concatenated")),
    "isAbduction", "RecruiterRelationship", "CountryOfExploitation",
    *(f"recruiterRelation{r}" for r in RECRUITER),
]
QUASI_IDENTIFIERS = ("gender", "ageBroad", "citizenship", "CountryOfExploitation",
                     "yearOfRegistration")
# lower bound of each CTDC age band
AGE_BANDS = ((48, "48+"), (39, "39--47"), (30, "30--38"), (27, "27--29"), (24, "24--26"),
             (21, "21--23"), (18, "18--20"), (9, "09--17"), (0, "0--8"))


def age_band(date_of_birth: str | None, on: str | None) -> str:
    """The CTDC age band of a person born on ``date_of_birth`` at the date ``on``."""
    if not date_of_birth or not on:
        return ""
    try:
        born, then = dt.date.fromisoformat(date_of_birth), dt.date.fromisoformat(on)
    except ValueError:
        return ""
    age = then.year - born.year - ((then.month, then.day) < (born.month, born.day))
    return next((band for low, band in AGE_BANDS if age >= low), "")


def record_of_case_victim(row: dict[str, Any]) -> dict[str, Any]:
    """A victim of a case (``graph.case_exports.ctdc_victims``) as a VictimRecord's
    properties: registered in the year the case was opened, exploited in its jurisdiction."""
    opened = row.get("opened_on") or ""
    band = age_band(row.get("date_of_birth"), opened)
    exploitation = row.get("exploitation_type")
    types = {"forced_labour": ["forced_labour"], "domestic_servitude": ["forced_labour"],
             "forced_criminality": ["forced_labour"], "sexual_exploitation":
             ["sexual_exploitation"], "organ_removal": ["organ_removal"]}.get(
                 exploitation or "", ["other"] if exploitation else [])
    return {
        "year_of_registration": int(opened[:4]) if opened[:4].isdigit() else None,
        "data_source": "Case Management", "gender": row.get("gender"), "age_band": band,
        "minor": (band in ("0--8", "09--17")) if band else None,
        "citizenship": row.get("citizenship"),
        "country_of_exploitation": row.get("country_of_exploitation"),
        "exploitation_types": types, "indicators": row.get("indicators") or [],
        "sectors": [row["sector"]] if row.get("sector") else [],
    }


def _flag(value: bool | None) -> str:
    return MISSING if value is None else ("1" if value else "0")


def _flags(prefix: str, names: Iterable[str], chosen: set[str], known: bool) -> dict[str, str]:
    return {f"{prefix}{n}": ("1" if n in chosen else "0") if known else MISSING for n in names}


def ctdc_row(record: dict[str, Any]) -> dict[str, str]:
    """The 63 cells of one victim record (VictimRecord properties)."""
    means = {export_value("indicator_ctdc", i) for i in record.get("indicators") or []}
    means |= {m for m in record.get("means_of_control") or [] if m in K_MEANS}
    types = set(record.get("exploitation_types") or [])
    flags = {flag: any(t in types for t in kinds) for flag, kinds in EXPLOITATION_FLAGS.items()
             if flag != "isSexAndLabour"}
    flags["isSexAndLabour"] = {"forced_labour", "sexual_exploitation"} <= types
    sector_columns = {export_value("ctdc_labour", s) or "Other" for s in
                      record.get("sectors") or []}
    sex = {str(k) for k, v in picklists()["ctdc_sex"].items()
           if v in (record.get("sex_exploitation") or [])}
    recruiter = {str(k) for k, v in picklists()["ctdc_recruiter"].items()
                 if v in (record.get("recruiter_relations") or [])}
    minor = record.get("minor")
    gender = record.get("gender")
    year = record.get("year_of_registration")
    out = {
        "yearOfRegistration": str(year) if year else MISSING,
        "Datasource": record.get("data_source") or MISSING,
        "gender": (export_value("gender_ctdc", gender) or MISSING) if gender else MISSING,
        "ageBroad": record.get("age_band") or MISSING,
        "majorityStatus": MISSING if minor is None else ("Minor" if minor else "Adult"),
        "citizenship": record.get("citizenship") or MISSING,
        **_flags("meansOfControl", K_MEANS, means, bool(means)),
        **{flag: _flag(value) if types else MISSING for flag, value in flags.items()},
        **_flags("typeOfLabour", LABOUR, sector_columns, bool(sector_columns)),
        **_flags("typeOfSex", SEX, sex, bool(sex)),
        "isAbduction": _flag(record.get("abduction")),
        "CountryOfExploitation": record.get("country_of_exploitation") or MISSING,
        **_flags("recruiterRelation", RECRUITER, recruiter, bool(recruiter)),
    }
    if not means:
        out["meansOfControlNotSpecified"] = "1"
    return {c: out.get(c, MISSING) for c in COLUMNS}


@dataclass
class Anonymised:
    rows: list[dict[str, str]]
    suppressed: int


def k_anonymise(rows: list[dict[str, str]], k: int) -> Anonymised:
    """Rows whose quasi-identifier combination is seen fewer than ``k`` times get those five
    cells suppressed (``-99``)."""
    def key(row: dict[str, str]) -> tuple[str, ...]:
        return tuple(row[q] for q in QUASI_IDENTIFIERS)
    counts = Counter(key(r) for r in rows)
    out, suppressed = [], 0
    for row in rows:
        if counts[key(row)] < k:
            row = {**row, **dict.fromkeys(QUASI_IDENTIFIERS, MISSING)}
            suppressed += 1
        out.append(row)
    return Anonymised(out, suppressed)


def write_ctdc(path: Path, rows: Iterable[dict[str, str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)

