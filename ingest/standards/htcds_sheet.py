"""HTCDS 2.0 case sheets out: the cases of an export as the standard's flat sheet, field names
in row 1 in the published order (column A, without a field name as published, holds the case
number), picklist values as the standard spells them (``picklists.yaml``). XLSX or CSV."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from ingest.standards.htcds import SHEET_FIELDS
from ingest.standards.picklists import export_value, picklists

HEADER = ["", *(name for name, _ in SHEET_FIELDS)]
MULTI = ";"  # multi-select picklists, as Salesforce writes them


def _industry(sector: str | None) -> str:
    if not sector:
        return ""
    for code, name in picklists()["industries"].items():
        if name == sector:
            return str(code)
    return export_value("sector", sector)


def _names(full_name: str) -> tuple[str, str]:
    first, _, rest = full_name.strip().partition(" ")
    return first, rest


def sheet_row(case: dict[str, Any], *, include_protected: bool) -> tuple[list[str], bool]:
    """The sheet row of one case of ``graph.case_exports.htcds_cases``, and whether a
    protected person's identity was left out."""
    victim = case.get("victim") or {}
    masked = bool(victim.get("protected")) and not include_protected
    first, second = _names(victim.get("full_name") or "") if not masked else ("", "")
    recruited = (case.get("recruited") or [None])[0]
    referred_from = (case.get("referred_from") or [None])[0]
    referred_to = (case.get("referred_to") or [None])[0]
    methods = dict.fromkeys(export_value("indicator", i) for i in case.get("indicators") or [])
    values = {
        "cas_CaseOwner": case.get("authority") or "",
        "prs_FirstName": first, "prs_SecondName": second,
        "prs_Birthdate": "" if masked else (victim.get("date_of_birth") or ""),
        "prs_Gender": export_value("gender", victim["gender"]) if victim.get("gender") else "",
        "prs_Citizenship": victim.get("nationality") or "",
        "prs_Email": "" if masked else MULTI.join(case.get("emails") or []),
        "prs_MobilePhone": "" if masked else (case.get("phones") or [""])[0],
        "vic_LocationOfRecruitment": (", ".join(p for p in (recruited.get("name"),
                                                            recruited.get("country")) if p)
                                      if recruited else ""),
        "vic_MethodsOfControl": MULTI.join(m for m in methods if m),
        "vic_TypeOfExploitation": export_value("exploitation", case["exploitation_type"])
        if case.get("exploitation_type") else "",
        "vic_ForcedLabourIndustry": _industry(case.get("sector")),
        "vic_LocationOfExploitation": case.get("jurisdiction") or "",
        "cas_Status": export_value("case_status", case["status"]) if case.get("status") else "",
        "cas_ReferringOrganisation": referred_from["name"] if referred_from else "",
        "cas_IncomingReferralDate": (referred_from or {}).get("on") or case.get("opened_on")
        or "",
        "cas_ReferredOrganisation": referred_to["name"] if referred_to else "",
        "cas_OutgoingReferralDate": (referred_to or {}).get("on") or "",
    }
    return [str(case.get("case_id") or ""), *(values.get(n, "") for n in HEADER[1:])], masked


def write_sheet(path: Path, rows: Iterable[list[str]]) -> None:
    """Write the sheet: ``.xlsx`` as a workbook, anything else as UTF-8 CSV."""
    if path.suffix.lower() == ".xlsx":
        book = Workbook(write_only=True)
        sheet = book.create_sheet("HTCDS")
        sheet.append(HEADER)
        for row in rows:
            sheet.append(row)
        book.save(path)
        return
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
