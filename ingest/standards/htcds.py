"""HTCDS 2.0 case sheets in: ``crosslink import htcds FILE --source ID``.

IOM's Human Trafficking Case Data Standard keeps one case a row: the person (``prs_*``), the
victim context (``vic_*``), the case and its referrals (``cas_*``), and in the fuller
standard trafficking events (``hte_*``) and perpetrators (``per_*``). The sheet is read as
published, quirks included: the field names in row 1, the labels in row 2 or not, column A
(the case number) and ``cas_ReasonForOutgoingReferral`` without a field name, the misspelt
``vic_TraffickinStatusDecisionMakingOrg``, the 1,000 numbered empty rows of the template.

``htcds_rows`` turns the sheet into the columns of the built-in mapping ``MAPPING`` below,
which feeds the templates cases, persons, case_roles, travel and case_referrals; the pipeline
then checks and loads them as any mapped file (file, line and column in the report):

- each case number is a Case (``case_id``; a row without one is the case ``line-<N>``); its
  jurisdiction is the country of the exploitation (``hte_Country`` of an Exploitation event,
  else the country in ``vic_LocationOfExploitation``), else ``--source-country``;
- the person of the row is the victim (INVOLVED_IN role victim, so protected); a row with
  ``per_RoleInProcess`` is a perpetrator of the case instead (role from ``picklists.yaml``);
- methods of control are the case's ILO indicators, the forced-labour industry its sector;
- recruitment, transit and exploitation places (events, else ``vic_LocationOf*``) are the
  FROM, VIA and TO of the victim's travel leg;
- the referring and referred organisations are Authorities (REFERRED_FROM, REFERRED_TO, with
  the referral dates); ``cas_CaseOwner`` is the case's authority (REPORTED_BY).

Rows of one case number that follow each other are one case (a case with events or
perpetrators takes several rows).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pycountry
import yaml

from ingest.mapping.apply import MappedFile, mapped_files
from ingest.mapping.model import Mapping, parse_mapping
from ingest.readers import Line, UnreadableFileError, open_rows
from ingest.standards.picklists import fold, indicators_of, is_missing, lookup, picklists
from ingest.templates import TEMPLATES
from values.text import LIST_SEPARATOR

MAPPING_NAME = "built-in HTCDS mapping"
CASE_NUMBER = "case_number"
_MULTI = re.compile(r"[;,]")
_ORGANISATIONS = re.compile(r";")
_TRAILING_COUNTRY = re.compile(r"^(.*?)[\s,(]+([A-Za-z]{2,3})\)?$")


def _fields(key: str) -> list[tuple[str, str]]:
    return [(str(n), str(label)) for n, label in picklists()[key]]  # type: ignore[misc, str-unpack]


SHEET_FIELDS = _fields("sheet_fields")
EXTRA_FIELDS = _fields("extra_fields")
KNOWN = {fold(n): n for n, _ in [*SHEET_FIELDS, *EXTRA_FIELDS]}
KNOWN.update({fold(k): str(v) for k, v in picklists()["misspelt"].items()})
KNOWN.update({fold(str(n)): CASE_NUMBER for n in picklists()["case_number"]})  # type: ignore[attr-defined]
LABELS = {fold(label): n for n, label in [*SHEET_FIELDS, *EXTRA_FIELDS]}

# the columns htcds_rows gives the mapping
COLUMNS = (
    "case_row", "case_id", "jurisdiction", "authority", "title", "status", "opened_on",
    "exploitation_type", "sector", "indicators", "summary",
    "person_id", "full_name", "date_of_birth", "gender", "nationality", "phones", "emails",
    "address", "address_country", "role",
    "leg_id", "from_place", "from_country", "via_place", "via_country", "to_place",
    "to_country", "departed_on", "arrived_on",
    "referral_row", "referred_by", "referred_by_on", "referred_to", "referred_to_on",
)


def header_names(header: list[str], labels: list[str] | None) -> list[str]:
    """The field name of each column: as written, misspellings mended, a column without a
    name named by its label (row 2) or, before the first field, the case number."""
    names: list[str] = []
    for i, cell in enumerate(header):
        name = KNOWN.get(fold(cell), cell.strip())
        if not name:
            label = labels[i] if labels and i < len(labels) else ""
            name = LABELS.get(fold(label), "") if label else ""
            if not name and not any(n for n in names):
                name = CASE_NUMBER
        names.append(name)
    return names


def is_label_row(cells: list[str]) -> bool:
    """Row 2 of the published sheet: the fields' labels, not a case."""
    filled = [c for c in cells if c.strip()]
    return bool(filled) and sum(fold(c) in LABELS for c in filled) * 2 > len(filled)


def _country(text: str) -> str | None:
    text = text.strip()
    if not text:
        return None
    try:
        return str(pycountry.countries.lookup(text).alpha_2)
    except LookupError:
        return None


def country_name(code: str) -> str:
    found = pycountry.countries.get(alpha_2=code)
    return str(found.name) if found is not None else code


def place(text: str) -> tuple[str, str | None]:
    """``Tapachula, MX`` -> (Tapachula, MX); ``Mexico`` -> (Mexico, MX); else (text, None)."""
    text = text.strip()
    if not text:
        return "", None
    whole = _country(text)
    if whole:
        return country_name(whole), whole
    found = _TRAILING_COUNTRY.match(text)
    if found and (country := _country(found.group(2))):
        return found.group(1).strip(" ,"), country
    return text, None


def _items(text: str, separators: re.Pattern[str] = _MULTI) -> list[str]:
    """The values of a multi-select cell (``;`` as Salesforce writes them, or ``,``)."""
    return [i.strip() for i in separators.split(text) if i.strip() and not is_missing(i)]


class _Row:
    def __init__(self, line: int, fields: dict[str, str]) -> None:
        self.line, self.fields = line, fields

    def get(self, name: str) -> str:
        value = self.fields.get(name, "").strip()
        return "" if is_missing(value) else value

    @property
    def perpetrator(self) -> bool:
        return bool(self.get("per_RoleInProcess"))


def _events(rows: list[_Row]) -> dict[str, tuple[str, str | None, str]]:
    """Event type -> (place, country, date), the first of each type."""
    out: dict[str, tuple[str, str | None, str]] = {}
    for row in rows:
        kind = row.get("hte_Type").casefold()
        if kind and kind not in out:
            country = _country(row.get("hte_Country"))
            city = row.get("hte_City")
            name = city or (country_name(country) if country else "")
            out[kind] = (name, country, row.get("hte_Date"))
    return out


def _mapped(picklist: str, values: list[str]) -> tuple[list[str], list[str]]:
    found: list[str] = []
    unknown: list[str] = []
    for v in values:
        (found if (m := lookup(picklist, v)) is not None else unknown).append(str(m or v))
    return found, unknown


class _Case:
    """The rows of one case number, turned into the mapping's columns."""

    def __init__(self, case_id: str, rows: list[_Row], default_country: str | None) -> None:
        self.case_id, self.rows, self.default_country = case_id, rows, default_country

    def _person(self, row: _Row, person_id: str, role: str) -> dict[str, str]:
        name = " ".join(p for p in (row.get("prs_FirstName"), row.get("prs_MiddleName"),
                                    row.get("prs_SecondName")) if p)
        if not name:
            return {}
        gender = row.get("prs_Gender")
        citizenship = _items(row.get("prs_Citizenship"))
        street = ", ".join(p for p in (row.get("prs_MailingStreet"), row.get("prs_MailingCity"),
                                       row.get("prs_MailingState"),
                                       row.get("prs_MailingPostalCode")) if p)
        return {
            "person_id": person_id, "full_name": name, "date_of_birth": row.get("prs_Birthdate"),
            "gender": str(lookup("gender", gender) or gender) if gender else "",
            "nationality": (_country(citizenship[0]) or citizenship[0]) if citizenship else "",
            "phones": LIST_SEPARATOR.join(p for p in (row.get("prs_MobilePhone"),
                                                      row.get("prs_HomePhone")) if p),
            "emails": row.get("prs_Email"), "address": street,
            "address_country": (_country(row.get("prs_MailingCountry"))
                                or row.get("prs_MailingCountry")) if street else "",
            "role": role,
        }

    def _case(self, victim: _Row) -> dict[str, str]:
        events = _events(self.rows)
        recruited = events.get("recruitment") or (*place(victim.get(
            "vic_LocationOfRecruitment")), "")
        transit = events.get("transit", ("", None, ""))
        exploited = events.get("exploitation") or (*place(victim.get(
            "vic_LocationOfExploitation")), "")
        methods = _items(victim.get("vic_MethodsOfControl"))
        indicators = [i for m in methods for i in indicators_of(m) or ()]
        unknown_methods = [m for m in methods if indicators_of(m) is None]
        types, _ = _mapped("exploitation", _items(victim.get("vic_TypeOfExploitation")))
        industry = victim.get("vic_ForcedLabourIndustry")
        status = victim.get("cas_Status")
        trafficking = victim.get("vic_TraffickingStatus")
        status_label = lookup("trafficking_status", trafficking) or trafficking
        summary = [f"HTCDS trafficking status: {status_label}" if trafficking else "",
                   f"type of sex exploitation: {victim.get('vic_TypeOfSexExploitation')}"
                   if victim.get("vic_TypeOfSexExploitation") else "",
                   f"method of recruitment: {victim.get('vic_MethodOfRecruitment')}"
                   if victim.get("vic_MethodOfRecruitment") else "",
                   f"methods of control not in the standard: {', '.join(unknown_methods)}"
                   if unknown_methods else "",
                   victim.get("cas_ReasonForCaseClosure")]
        out = {
            "case_row": "1", "case_id": self.case_id,
            "jurisdiction": exploited[1] or self.default_country or "",
            "authority": victim.get("cas_CaseOwner"), "title": f"HTCDS case {self.case_id}",
            "status": str(lookup("case_status", status) or status) if status else "",
            "opened_on": victim.get("cas_IncomingReferralDate"),
            "exploitation_type": types[0] if types else "",
            "sector": str(lookup("industries", industry) or industry) if industry else "",
            "indicators": LIST_SEPARATOR.join(dict.fromkeys(indicators)),
            "summary": "; ".join(s for s in summary if s),
        }
        # organisations' names may hold commas: only `;` separates several
        referred_by = _items(victim.get("cas_ReferringOrganisation"), _ORGANISATIONS)
        referred_to = _items(victim.get("cas_ReferredOrganisation"), _ORGANISATIONS)
        if referred_by or referred_to:
            out.update({"referral_row": "1",
                        "referred_by": referred_by[0] if referred_by else "",
                        "referred_by_on": victim.get("cas_IncomingReferralDate"),
                        "referred_to": referred_to[0] if referred_to else "",
                        "referred_to_on": victim.get("cas_OutgoingReferralDate")})
        person = self._person(victim, f"{self.case_id}-V", "victim")
        out.update(person)
        if person and (recruited[0] or exploited[0] or transit[0]):
            out.update({"leg_id": f"{self.case_id}-L", "from_place": recruited[0],
                        "from_country": recruited[1] or "", "via_place": transit[0],
                        "via_country": transit[1] or "", "to_place": exploited[0],
                        "to_country": exploited[1] or "", "departed_on": recruited[2],
                        "arrived_on": exploited[2]})
        return out

    def lines(self) -> Iterator[Line]:
        victim = next((r for r in self.rows if not r.perpetrator), self.rows[0])
        case = self._case(victim)
        yield victim.line, [case.get(c, "") for c in COLUMNS]
        number = 0
        for row in self.rows:
            if not row.perpetrator:
                continue
            number += 1
            roles, _ = _mapped("perpetrator_roles", _items(row.get("per_RoleInProcess")))
            person = self._person(row, f"{self.case_id}-P{number}",
                                  roles[0] if roles else "suspect")
            if person:
                yield row.line, [{**person, "case_id": self.case_id}.get(c, "")
                                 for c in COLUMNS]


def _rows(rows: Iterator[Line], default_country: str | None) -> Iterator[Line]:
    first = next(rows, None)
    if first is None:
        return
    line, header = first
    second = next(rows, None)
    labels = second[1] if second is not None and is_label_row(second[1]) else None
    names = header_names(header, labels)
    if not any(n.startswith(("prs_", "vic_", "cas_")) for n in names):
        raise UnreadableFileError(
            line, "", "not an HTCDS sheet: row 1 should hold the standard's field names "
            "(cas_CaseOwner, prs_FirstName, vic_MethodsOfControl, ...); nothing was loaded")
    yield line, list(COLUMNS)

    def parsed() -> Iterator[_Row]:
        if second is not None and labels is None:
            yield _Row(second[0], dict(zip(names, second[1], strict=False)))
        for number, cells in rows:
            yield _Row(number, dict(zip(names, cells, strict=False)))

    group: list[_Row] = []
    group_id = ""
    for row in parsed():
        data = [v for k, v in row.fields.items() if k != CASE_NUMBER and v.strip()]
        if not data:
            continue  # a numbered empty row of the published template
        number = row.get(CASE_NUMBER)
        case_id = number or f"line-{row.line}"
        if group and (not number or case_id != group_id):
            yield from _Case(group_id, group, default_country).lines()
            group = []
        group_id = case_id
        group.append(row)
    if group:
        yield from _Case(group_id, group, default_country).lines()


@contextmanager
def htcds_rows(path: Path, default_country: str | None = None) -> Iterator[Iterator[Line]]:
    """The mapping's rows of an HTCDS sheet (XLSX or CSV), on the sheet's line numbers."""
    with open_rows(path) as rows:
        yield _rows(rows, default_country)


def _rule(template: str, when: str, columns: list[str]) -> dict[str, object]:
    return {"template": template, "when": when, "columns": {c: c for c in columns}}


def _mapping() -> Mapping:
    rules = [
        _rule("cases", "case_row", ["case_id", "jurisdiction", "authority", "title", "status",
                                    "opened_on", "exploitation_type", "sector", "indicators",
                                    "summary"]),
        _rule("persons", "person_id", ["person_id", "full_name", "date_of_birth", "gender",
                                       "nationality", "phones", "emails", "address",
                                       "address_country"]),
        {**_rule("case_roles", "person_id", ["case_id", "role"]),
         "columns": {"case_id": "case_id", "party_id": "person_id", "role": "role"}},
        {**_rule("travel", "leg_id", ["leg_id", "from_place", "from_country", "via_place",
                                      "via_country", "to_place", "to_country", "departed_on",
                                      "arrived_on"]),
         "columns": {"leg_id": "leg_id", "person_id": "person_id", "from_place": "from_place",
                     "from_country": "from_country", "via_place": "via_place",
                     "via_country": "via_country", "to_place": "to_place",
                     "to_country": "to_country", "departed_on": "departed_on",
                     "arrived_on": "arrived_on"}},
        _rule("case_referrals", "referral_row", ["case_id", "referred_by", "referred_by_on",
                                                 "referred_to", "referred_to_on"]),
    ]
    return parse_mapping(yaml.safe_dump({"name": "htcds", "templates": rules}), MAPPING_NAME,
                         TEMPLATES.with_builtin())


MAPPING = _mapping()


def htcds_files(path: Path, default_country: str | None = None) -> list[MappedFile]:
    """The mapped files the pipeline loads for an HTCDS sheet: ``ingest_paths(mapped=...)``;
    ``default_country``: the jurisdiction of cases whose sheet names no country of
    exploitation (the source's country)."""
    def reader(p: Path) -> AbstractContextManager[Iterator[Line]]:
        return htcds_rows(p, default_country)
    return mapped_files(path, MAPPING, MAPPING_NAME, reader)
