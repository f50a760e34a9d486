"""Writing demo records as template rows: each source numbers its own records (``P-0001``,
``A-0001``, ... overlapping across sources), every identifier comes from a counter so that
nothing is shared by accident, and each row goes to a sink as soon as it is made (the large
set is streamed to files, never held in memory)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from ingest.demo.sources import DemoSource
from ingest.demo.variants import account_number, mobile_e164
from values.text import compact

Row = dict[str, Any]
Sink = Callable[[str, str, Row], None]  # (source id, template, row)

EPOCH = dt.date(2021, 1, 4)
ID_PREFIX = {"persons": "P-", "recruitment_agencies": "A-", "employers": "E-",
             "transactions": "T-", "travel": "L-", "advertisements": "AD-"}


def day(offset: int) -> dt.date:
    """A date of the demo period (2021 onwards)."""
    return EPOCH + dt.timedelta(days=offset)


class Builder:
    """Makes template rows for the sources and hands them to ``sink``."""

    def __init__(self, sink: Sink) -> None:
        self.sink = sink
        self.ids: dict[tuple[str, str], int] = defaultdict(int)
        self.serials: dict[str, int] = defaultdict(int)
        self.listed_accounts: dict[str, set[str]] = defaultdict(set)

    # identifiers -------------------------------------------------------------------------
    def serial(self, kind: str) -> int:
        self.serials[kind] += 1
        return self.serials[kind]

    def phone(self, country: str) -> str:
        """A fresh mobile number (E.164); planted numbers use serials far below these."""
        return mobile_e164(country, 100_000 + self.serial("phone:" + country))

    def street_number(self) -> int:
        """A house number no other background address uses (planted ones stay below 1000),
        so that no two unrelated records share an address by chance."""
        return 1000 + self.serial("address")

    def passport(self, country: str) -> str:
        return f"{country[0]}{700_000 + self.serial('passport:' + country):07d}"

    def account(self, country: str) -> str:
        return account_number(country, 10_000 + self.serial("account:" + country),
                              self.serials["account:" + country] % 3)

    def new_id(self, source: DemoSource, template: str) -> str:
        key = (source.id, template)
        self.ids[key] += 1
        prefix = source.case_prefix if template == "cases" else ID_PREFIX[template]
        return f"{prefix}{self.ids[key]:04d}"

    # records -----------------------------------------------------------------------------
    def emit(self, source: DemoSource, template: str, row: Row) -> None:
        self.sink(source.id, template, row)

    def case(self, source: DemoSource, jurisdiction: str, title: str, opened: dt.date,
             sector: str, exploitation: str, indicators: list[str], summary: str,
             status: str = "open", tlp: str | None = None) -> str:
        case_id = self.new_id(source, "cases")
        self.emit(source, "cases", {
            "case_id": case_id, "jurisdiction": jurisdiction, "authority": source.authority,
            "title": title, "status": status, "opened_on": opened,
            "exploitation_type": exploitation, "sector": sector, "indicators": indicators,
            "summary": summary, "tlp": tlp})
        return case_id

    def person(self, source: DemoSource, full_name: str, *, dob: dt.date | None,
               gender: str, nationality: str, phones: Sequence[str] = (),
               emails: Sequence[str] = (), passport: str | None = None,
               address: str | None = None, address_country: str | None = None,
               aliases: Sequence[str] = (), tlp: str | None = None) -> str:
        person_id = self.new_id(source, "persons")
        self.emit(source, "persons", {
            "person_id": person_id, "full_name": full_name, "aliases": list(aliases),
            "date_of_birth": dob, "gender": gender, "nationality": nationality,
            "passport_number": passport, "passport_country": nationality if passport else None,
            "phones": list(phones), "emails": list(emails), "address": address,
            "address_country": address_country if address else None, "tlp": tlp})
        return person_id

    def agency(self, source: DemoSource, name: str, *, license_number: str,
               license_country: str, license_status: str, phones: list[str],
               emails: list[str], address: str, address_country: str,
               owner: str | None = None) -> str:
        agency_id = self.new_id(source, "recruitment_agencies")
        self.emit(source, "recruitment_agencies", {
            "agency_id": agency_id, "name": name, "license_number": license_number,
            "license_country": license_country, "license_status": license_status,
            "phones": phones, "emails": emails, "address": address,
            "address_country": address_country, "owner_person_id": owner})
        return agency_id

    def employer(self, source: DemoSource, name: str, *, registration: str, country: str,
                 sector: str, phones: list[str], address: str, owner: str | None = None) -> str:
        employer_id = self.new_id(source, "employers")
        self.emit(source, "employers", {
            "employer_id": employer_id, "name": name, "registration_number": registration,
            "country": country, "sector": sector, "phones": phones, "address": address,
            "address_country": country, "owner_person_id": owner})
        return employer_id

    def role(self, source: DemoSource, case_id: str, party_id: str, role: str) -> None:
        self.emit(source, "case_roles", {"case_id": case_id, "party_id": party_id, "role": role})

    def placement(self, source: DemoSource, person_id: str, agency_id: str | None,
                  employer_id: str | None, *, on: dt.date, country: str, fee: float,
                  currency: str, promised: float, paid: float, deceptive: bool,
                  retained: bool) -> None:
        self.emit(source, "placements", {
            "person_id": person_id, "agency_id": agency_id, "employer_id": employer_id,
            "recruited_on": on, "recruited_in": country, "fee": f"{fee:.2f}",
            "currency": currency, "promised_wage": f"{promised:.2f}", "paid_wage": f"{paid:.2f}",
            "deceptive": deceptive, "documents_retained": retained})

    def list_account(self, source: DemoSource, number: str, *, bank: str, country: str,
                     holder: str | None) -> None:
        """accounts.csv row, once per source and number (the number as this source writes
        it; the key is the compacted number)."""
        key = compact(number)
        if key in self.listed_accounts[source.id]:
            return
        self.listed_accounts[source.id].add(key)
        self.emit(source, "accounts", {"account_number": number, "bank": bank,
                                       "country": country, "holder_id": holder})

    def transaction(self, source: DemoSource, from_account: str, to_account: str,
                    amount: float, currency: str, on: dt.date, channel: str,
                    reference: str) -> str:
        tx_id = self.new_id(source, "transactions")
        self.emit(source, "transactions", {
            "tx_id": tx_id, "from_account": from_account, "to_account": to_account,
            "amount": f"{amount:.2f}", "currency": currency, "date": on, "channel": channel,
            "reference": reference})
        return tx_id

    def leg(self, source: DemoSource, person_id: str, *, start: tuple[str, str],
            end: tuple[str, str], via: tuple[str, str] | None, departed: dt.date,
            days: int, mode: str, carrier: str | None, plate: str | None,
            arranged_by: str | None) -> str:
        leg_id = self.new_id(source, "travel")
        self.emit(source, "travel", {
            "leg_id": leg_id, "person_id": person_id, "from_place": start[0],
            "from_country": start[1], "to_place": end[0], "to_country": end[1],
            "via_place": via[0] if via else None, "via_country": via[1] if via else None,
            "departed_on": departed, "arrived_on": departed + dt.timedelta(days=days),
            "mode": mode, "carrier": carrier, "vehicle_plate": plate,
            "arranged_by": arranged_by})
        return leg_id

    def advertisement(self, source: DemoSource, *, platform: str, posted: dt.date, text: str,
                      url: str | None, phones: list[str], emails: list[str],
                      posted_by: str | None) -> str:
        ad_id = self.new_id(source, "advertisements")
        self.emit(source, "advertisements", {
            "ad_id": ad_id, "platform": platform, "posted_on": posted, "text": text,
            "url": url, "phones": phones, "emails": emails, "posted_by": posted_by})
        return ad_id

