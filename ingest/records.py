"""Turning a checked row into the parameters of its template's loader (graph/loaders.py):
record properties, identifier items keyed by their normalised value, and links."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from graph.schema import bounded_key, index_prefix
from ingest.references import record_uid
from ingest.validation import CheckedRow
from values.date import is_minor
from values.document import document_key
from values.place import location_kind, place_key, vehicle_key
from values.text import fold_name

Row = dict[str, Any]


class RunInfo:
    """What every row of one run shares: its batch id and time."""

    def __init__(self, batch_id: str, ingested_at: dt.datetime) -> None:
        self.batch_id = batch_id
        self.ingested_at = ingested_at
        self.today = ingested_at.date()

    def params(self) -> Row:
        """The ``$run`` parameter of the loaders: provenance shared by every row of the run."""
        return {"ingested_at": self.ingested_at, "batch_id": self.batch_id}


def provenance(row: CheckedRow) -> Row:
    """The row's own provenance; ingested_at and batch_id come from ``RunInfo.params``."""
    return {"source": row.source, "record_id": row.record_id, **row.grading}


def _phones(values: list[tuple[str, str | None]] | None) -> list[Row]:
    return [{"key": e164, "props": {"e164": e164, "country": country}}
            for e164, country in dict.fromkeys(values or ())]


def _emails(values: list[str] | None) -> list[Row]:
    return [{"key": a, "props": {"address": a}} for a in dict.fromkeys(values or ())]


def _address(value: tuple[str, str | None] | None, kind: str) -> list[Row]:
    if not value:
        return []
    text, country = value
    return [{"key": bounded_key(place_key(text, country)), "kind": kind,
             "props": {"text": text, "country": country}}]


def _link(row: CheckedRow, column: str, prefix: str) -> Row:
    label, key = row.links.get(column, (None, None))
    return {f"{prefix}_uid": key, f"{prefix}_label": label}


def _pick(values: dict[str, Any], *names: str) -> Row:
    return {n: values.get(n) for n in names}


def _actor(row: CheckedRow, name_column: str, props: tuple[str, ...], office: str) -> Row:
    v = row.values
    return {
        "props": {**_pick(v, *props), "name_folded": index_prefix(fold_name(v[name_column]))},
        "phones": _phones(v.get("phones")),
        "emails": _emails(v.get("emails")),
        "addresses": _address(v.get("address"), office),
        "owner_uid": row.links.get("owner_person_id", (None, None))[1],
    }


def _cases(row: CheckedRow, run: RunInfo) -> Row:
    v = row.values
    return {"props": _pick(v, "jurisdiction", "authority", "title", "status", "opened_on",
                           "exploitation_type", "sector", "indicators", "summary"),
            "authority": v.get("authority"), "jurisdiction": v.get("jurisdiction")}


def _persons(row: CheckedRow, run: RunInfo) -> Row:
    v = row.values
    out = _actor(row, "full_name", ("full_name", "aliases", "date_of_birth", "gender",
                                    "nationality"), "residence")
    out["minor"] = bool(v.get("date_of_birth")) and is_minor(v["date_of_birth"], run.today)
    passport = v.get("passport_number")
    out["documents"] = [] if not passport else [
        {"key": bounded_key(document_key(*passport)),
         "props": {"type": passport[0], "country": passport[1], "number": passport[2]}}]
    return out


def _agencies(row: CheckedRow, run: RunInfo) -> Row:
    return _actor(row, "name", ("name", "license_number", "license_country", "license_status"),
                  "office")


def _employers(row: CheckedRow, run: RunInfo) -> Row:
    return _actor(row, "name", ("name", "registration_number", "country", "sector"), "office")


def _case_roles(row: CheckedRow, run: RunInfo) -> Row:
    party_label, party_uid = row.links["party_id"]
    return {"case_uid": row.links["case_id"][1], "role": row.values["role"],
            "party_uid": party_uid, "party_label": party_label,
            "victim": row.values["role"] == "victim" and party_label == "Person"}


def _placements(row: CheckedRow, run: RunInfo) -> Row:
    v = row.values
    agency = row.links.get("agency_id")
    employer = row.links.get("employer_id")
    retainer = (employer or agency) if v.get("documents_retained") else None
    return {
        "person_uid": row.links["person_id"][1],
        "agency_uid": agency[1] if agency else None,
        "employer_uid": employer[1] if employer else None,
        "recruited": {"on": v.get("recruited_on"), "country": v.get("recruited_in"),
                      "fee": v.get("fee"), "currency": v.get("currency"),
                      "promised_wage": v.get("promised_wage"), "deceptive": v.get("deceptive")},
        "employed": {"from": v.get("recruited_on"), "promised_wage": v.get("promised_wage"),
                     "paid_wage": v.get("paid_wage"), "currency": v.get("currency")},
        "retainer_uid": retainer[1] if retainer else None,
        "retainer_label": retainer[0] if retainer else None,
    }


def _accounts(row: CheckedRow, run: RunInfo) -> Row:
    v = row.values
    props = {k: val for k, val in _pick(v, "bank", "country").items() if val is not None}
    return {"key": v["account_number"], "props": props, **_link(row, "holder_id", "holder")}


def _transactions(row: CheckedRow, run: RunInfo) -> Row:
    return {"props": _pick(row.values, "amount", "currency", "date", "channel", "reference"),
            "from_key": row.links.get("from_account", (None, None))[1],
            "to_key": row.links.get("to_account", (None, None))[1]}


def _place(value: tuple[str, str | None] | None, *, via: bool = False,
           countries_differ: bool = False) -> list[Row]:
    if not value:
        return []
    name, country = value
    kind = location_kind(name, via=via, countries_differ=countries_differ)
    return [{"key": bounded_key(place_key(name, country)),
             "props": {"name": name, "country": country, "kind": kind}}]


def _travel(row: CheckedRow, run: RunInfo) -> Row:
    v = row.values
    differ = bool(v.get("from_country") and v.get("to_country")
                  and v["from_country"] != v["to_country"])
    plate = v.get("vehicle_plate")
    return {
        "props": _pick(v, "departed_on", "arrived_on", "mode", "carrier"),
        "person_uid": row.links.get("person_id", (None, None))[1],
        "arranger_uid": row.links.get("arranged_by", (None, None))[1],
        "from_places": _place(v.get("from_place")),
        "to_places": _place(v.get("to_place")),
        "via_places": _place(v.get("via_place"), via=True, countries_differ=differ),
        "vehicles": [] if not plate else [
            {"key": bounded_key(vehicle_key(*plate)),
             "props": {"plate": plate[0], "country": plate[1], "kind": v.get("mode")}}],
    }


def _advertisements(row: CheckedRow, run: RunInfo) -> Row:
    v = row.values
    return {"props": _pick(v, "platform", "posted_on", "text", "url"),
            "phones": _phones(v.get("phones")), "emails": _emails(v.get("emails")),
            **_link(row, "posted_by", "poster")}


def _case_referrals(row: CheckedRow, run: RunInfo) -> Row:
    v = row.values
    return {"case_uid": row.links["case_id"][1],
            "referred_by": v.get("referred_by"), "referred_by_on": v.get("referred_by_on"),
            "referred_to": v.get("referred_to"), "referred_to_on": v.get("referred_to_on")}


def _missing_persons(row: CheckedRow, run: RunInfo) -> Row:
    v = row.values
    props = _pick(v, "full_name", "date_of_birth", "gender", "nationality", "last_seen_on",
                  "last_seen_place", "last_seen_country", "reported_by", "contact")
    props["name_folded"] = index_prefix(fold_name(v["full_name"]))
    document = v.get("document_number")
    props["document_type"], props["document_country"], props["document_number"] = (
        document if document else (None, None, None))
    return {"props": props}


VICTIM_RECORD_PROPERTIES = (
    "standard", "layout", "year_of_registration", "data_source", "gender", "age_band", "minor",
    "citizenship", "country_of_exploitation", "exploitation_types", "indicators",
    "means_of_control", "sectors", "sex_exploitation", "recruiter_relations",
    "trafficking_months", "abduction")


def _victim_records(row: CheckedRow, run: RunInfo) -> Row:
    props = _pick(row.values, *VICTIM_RECORD_PROPERTIES)
    year = props.get("year_of_registration")
    props["year_of_registration"] = int(year) if year and str(year).isdigit() else None
    return {"props": props}


BUILDERS: dict[str, Callable[[CheckedRow, RunInfo], Row]] = {
    "case_referrals": _case_referrals, "victim_records": _victim_records,
    "cases": _cases, "persons": _persons, "recruitment_agencies": _agencies,
    "employers": _employers, "case_roles": _case_roles, "placements": _placements,
    "accounts": _accounts, "transactions": _transactions, "travel": _travel,
    "advertisements": _advertisements, "missing_persons": _missing_persons,
}


def loader_row(template: str, row: CheckedRow, run: RunInfo) -> Row:
    """The parameters of one row for ``graph.loaders.write_batch``."""
    out = BUILDERS[template](row, run)
    out["uid"] = record_uid(row.source, row.record_id)
    out["prov"] = provenance(row)
    return out
