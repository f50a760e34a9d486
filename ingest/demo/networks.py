"""The planted cross-border networks: one recruiter, agency, employer, owner and transporter
per network, reported by 2-4 sources, each source writing them its own way (name, suffix,
phone and IBAN variants). The saved-query patterns of ``planted.py`` are planted here and
their expected values recorded in the truth."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from ingest.demo.builder import Builder, day
from ingest.demo.sources import BY_ID, DemoSource
from ingest.demo.truth import PlantedNetwork, Truth
from ingest.demo.variants import (
    account_number,
    company_variant,
    mobile_e164,
    person_variant,
    phone_variant,
    spaced,
    strip_accents,
)
from ingest.demo.world import (
    BANKS,
    COMPANY_WORDS,
    CORRIDORS,
    GIVEN,
    NAME_STYLE,
    STREETS,
    SURNAMES,
    Corridor,
    Place,
    city,
)
from ingest.references import record_uid
from values.place import place_key
from values.text import compact

AGENCY_STEMS = {
    "CA": (("Servicios Laborales", "Reclutadora", "Empleos", "Agencia de Colocación",
            "Oportunidades"), ("del Sur", "Maya", "Centroamericana", "del Pacífico", "Quetzal")),
    "SEA": (("Golden Lotus", "Mekong Star", "Angkor", "Siam Bridge", "Royal Orchid"),
            ("Manpower", "Recruitment", "Employment Services", "Overseas Jobs", "Labour Supply")),
}
CORE = ["debt_bondage", "retention_of_documents", "withholding_wages", "restriction_of_movement"]
OTHER = ["deception", "abuse_of_vulnerability", "isolation", "excessive_overtime"]


@dataclass(frozen=True)
class Someone:
    """A real-world person behind several records."""

    given: str
    surnames: str
    dob: dt.date
    gender: str
    nationality: str
    phone: str  # E.164

    def written(self, variant: int) -> str:
        return person_variant(self.given, self.surnames, variant)


def _someone(rng: random.Random, country: str, phone_serial: int) -> Someone:
    style = NAME_STYLE[country]
    gender = rng.choice(("male", "female"))
    pool = GIVEN[style + ("_m" if gender == "male" else "_f")] if style == "latam" \
        else GIVEN[style]
    if style == "latam":
        given = " ".join(rng.sample(pool, 2))
        surnames = " ".join(rng.sample(SURNAMES[style], 2))
    else:
        given, surnames = rng.choice(pool), rng.choice(SURNAMES[style])
    dob = dt.date(rng.randint(1968, 1995), rng.randint(1, 12), rng.randint(1, 28))
    return Someone(given, surnames, dob, gender, country, mobile_e164(country, phone_serial))


def network_sources(k: int) -> tuple[str, list[DemoSource], str, str, str]:
    """(corridor code, sources, origin, second origin, destination) of network ``k``."""
    n = k // 2
    if k % 2 == 0:
        ids = ["gt-pnc", "mx-stps"] + (["us-whd"] if n % 2 == 0 else []) \
            + (["io-mig"] if n % 3 == 0 else [])
        origins = CORRIDORS["CA"].origins
        destination = "US" if "us-whd" in ids else "MX"
        code = "CA"
    else:
        ids = ["th-atpd", "kh-ngo"] + (["my-jtk"] if n % 2 == 0 else [])
        origins = CORRIDORS["SEA"].origins
        destination = "MY" if "my-jtk" in ids else "TH"
        code = "SEA"
    origin = origins[n % len(origins)]
    return code, [BY_ID[i] for i in ids], origin, origins[(n + 1) % len(origins)], destination


class NetworkPlanter:
    """Plants network ``k`` through ``builder`` and records it in ``truth``."""

    def __init__(self, builder: Builder, truth: Truth, seed: int, k: int) -> None:
        self.b, self.truth, self.k = builder, truth, k
        self.rng = random.Random(f"{seed}:network:{k}")
        code, self.sources, self.origin, self.origin2, self.destination = network_sources(k)
        self.code = code
        self.corridor: Corridor = CORRIDORS[code]
        self.crossing = self._crossing()
        self.sector = ("agriculture", "construction", "fishing", "factories",
                       "domestic_work")[(k // 2) % 5]
        base = 900 + k * 10
        self.recruiter = _someone(self.rng, self.origin, base + 1)
        self.owner = _someone(self.rng, self.destination, base + 2)
        self.arranger = _someone(self.rng, self.corridor.transit, base + 3)
        self.agency_phone = mobile_e164(self.origin, base + 4)
        self.employer_phone = mobile_e164(self.destination, base + 5)
        first, second = AGENCY_STEMS[code]
        self.agency_stem = f"{first[(k // 2) % 5]} {second[(k // 2 // 5 + k // 2) % 5]}"
        if k >= 20:
            self.agency_stem += f" {k // 20 + 1}"
        surname = self.owner.surnames.split()[0]
        self.employer_stem = f"{COMPANY_WORDS[self.sector][k % 2]} {surname} {k // 2 + 1}"
        self.fee_account = account_number(self.origin, 500 + k, k % 2)
        self.collector = account_number(self.destination, 600 + k)
        lodging = city(self.destination, k)
        street = STREETS[self.destination][k % len(STREETS[self.destination])]
        self.housing = (f"{street} {100 + k}, bodega {k % 7 + 1}, {lodging.name}", lodging)
        self.plate = f"{self.corridor.transit}-{k:03d}-{'ABCDEFGH'[k % 8]}{'KLMN'[k % 4]}"
        self.net = PlantedNetwork(f"network {k + 1} ({self.agency_stem})", self.corridor.name)
        self.start = day(60 + (k * 53) % 1100)

    def _crossing(self) -> Place:
        """The border crossing the network's transporter uses: out of the origin country."""
        sides = self.corridor.crossings
        if self.code == "SEA":
            return next(place for place, other in sides if other == self.origin)
        towards_mx = [place for place, other in sides if other == "MX"]
        return towards_mx[(self.k // 2) % len(towards_mx)]

    def plant(self) -> PlantedNetwork:
        for j, source in enumerate(self.sources):
            self._source(j, source)
        self.truth.planted.append(self.net)
        return self.net

    def _uid(self, source: DemoSource, record_id: str) -> str:
        return record_uid(source.id, record_id)

    def _jurisdictions(self, j: int, source: DemoSource) -> list[str]:
        """The jurisdictions of the network's cases in this source."""
        if len(source.jurisdictions) == 1:
            return [source.jurisdictions[0]] * (2 if j == 0 else 1)
        if source.id == "kh-ngo":
            return ["KH", "TH", "MY"] if self.k == 1 else ["TH", "KH"]
        return [self.origin, "MX"]

    def _source(self, j: int, s: DemoSource) -> None:
        b, v = self.b, j + self.k
        t = self.truth.patterns
        main = j == 0
        owner_id = None
        if main:
            owner_id = b.person(s, self.owner.written(0), dob=self.owner.dob,
                                gender=self.owner.gender, nationality=self.owner.nationality,
                                phones=[phone_variant(self.owner.phone, s.country, 0)])
            t["owner_agency_and_employer"].add("owner_uid", self._uid(s, owner_id))
        recruiter_id = b.person(
            s, self.recruiter.written(v), dob=None if v % 3 == 2 else self.recruiter.dob,
            gender=self.recruiter.gender, nationality=self.origin,
            phones=[phone_variant(self.recruiter.phone, s.country, v)],
            passport=f"{self.origin[0]} {800 + self.k:07d}" if v % 2 else
            f"{self.origin[0]}{800 + self.k:07d}",
            address=f"{STREETS[s.country][0]} {200 + self.k}, {city(s.country, 0).name}",
            address_country=s.country)
        arranger_id = b.person(
            s, self.arranger.written(v + 1), dob=self.arranger.dob, gender=self.arranger.gender,
            nationality=self.arranger.nationality,
            phones=[phone_variant(self.arranger.phone, self.arranger.nationality, v)])
        office = city(self.origin, self.k)
        agency_id = b.agency(
            s, company_variant(self.agency_stem, self.origin, v),
            license_number=f"LIC-{self.origin}-{2019 + self.k % 4}-{300 + self.k}",
            license_country=self.origin, license_status="licensed",
            phones=[phone_variant(self.agency_phone, self.origin, v),
                    phone_variant(self.recruiter.phone, self.origin, v + 1)],
            emails=[f"contacto.red{self.k + 1}@empleos-demo.example" if v % 2 else
                    f"Contacto.Red{self.k + 1}@Empleos-Demo.example"],
            address=f"{STREETS[self.origin][1]} {10 + self.k}, {office.name}",
            address_country=self.origin, owner=owner_id)
        employer_id = b.employer(
            s, company_variant(self.employer_stem, self.destination, v),
            registration=f"REG-{self.destination}-{40_000 + self.k}", country=self.destination,
            sector=self.sector, phones=[phone_variant(self.employer_phone, self.destination, v)],
            address=self.housing[0], owner=owner_id)
        for role, record in (("recruiter", recruiter_id), ("agency", agency_id),
                             ("employer", employer_id), ("arranger", arranger_id)):
            self.net.actor(role, self._uid(s, record))
        bank = BANKS[self.origin][0]
        fee_written = spaced(self.fee_account) if v % 2 else self.fee_account
        b.list_account(s, fee_written, bank=bank, country=self.origin, holder=agency_id)
        t["account_fees_many_victims"].add("account", compact(self.fee_account))
        t["agency_recruiting_unlicensed_country"].add("agency_uid", self._uid(s, agency_id))
        t["shared_contacts_across_authorities"].add("identifier", self.recruiter.phone)
        if main:
            t["document_retention"].add("holder_uid", self._uid(s, employer_id))
            b.list_account(s, self.collector, bank=BANKS[self.destination][0],
                           country=self.destination, holder=owner_id)

        cases = self._jurisdictions(j, s)
        fee_txs: list[tuple[str, dt.date]] = []
        first_victim: str | None = None
        for c, jurisdiction in enumerate(cases):
            opened = self.start + dt.timedelta(days=40 * c + 15 * j)
            indicators = CORE[: 3 + (c + j) % 2] + OTHER[: 1 + self.k % 3]
            case_id = b.case(
                s, jurisdiction, f"{self.sector.replace('_', ' ').capitalize()} workers recruited "
                f"by {self.agency_stem} ({jurisdiction})", opened, self.sector,
                "domestic_servitude" if self.sector == "domestic_work" else "forced_labour",
                indicators, "Workers recruited with a fee, passports kept by the employer, "
                "wages below the promise; transport arranged through the border.",
                status=("open", "referred", "prosecuted")[(c + j) % 3])
            case_uid = self._uid(s, case_id)
            self.net.case(case_uid, jurisdiction)
            t["cases_core_indicators"].add("case_uid", case_uid)
            bridge = self.k == 0 and j == 1  # the 4-hop case of shortest_connection
            if bridge:
                b.role(s, case_id, agency_id, "recruiter")
                t["shortest_connection_between_cases"].params["case_b"] = case_uid
                t["shortest_connection_between_cases"].add("length", 4)
            else:
                b.role(s, case_id, recruiter_id, "recruiter")
                b.role(s, case_id, employer_id, "employer")
                if self.k == 0 and j == 0 and c == 0:
                    t["shortest_connection_between_cases"].params["case_a"] = case_uid
            if main and c == 0:
                b.role(s, case_id, arranger_id, "facilitator")
            if main and c == 1 and first_victim:
                b.role(s, case_id, first_victim, "recruiter")
                t["victim_turned_recruiter"].add("person_uid", self._uid(s, first_victim))
            for i in range(2 + (c + self.k) % 2):
                victim = self._victim(s, v, c, i, case_id, opened, agency_id, employer_id,
                                      arranger_id, fee_txs)
                if first_victim is None:
                    first_victim = victim
        if len({*cases}) >= 2:
            t["travel_arranger_cross_jurisdiction"].add("arranger_uid",
                                                        self._uid(s, arranger_id))
        if len(cases) >= 3:
            t["agencies_victims_many_countries"].add("agency_uid", self._uid(s, agency_id))
        if main:
            forward = b.transaction(
                s, fee_written, self.collector, 1500.0 + 100 * self.k,
                self.corridor.currency[self.destination], fee_txs[0][1] + dt.timedelta(days=12),
                "bank_transfer", f"liquidación {self.k + 1}")
            t["money_chains"].add("first_tx", self._uid(s, fee_txs[0][0]))
            t["money_chains"].add("second_tx", self._uid(s, forward))
            ad = b.advertisement(
                s, platform="Facebook", posted=self.start - dt.timedelta(days=90),
                text=f"Trabajo en {self.destination}: {self.sector}, buen salario, transporte "
                "y vivienda incluidos. Llame ya." if self.code == "CA" else
                f"Jobs in {self.destination} ({self.sector}): high salary, free transport and "
                "housing. Call now.",
                url=f"https://jobs-demo.example/ad/{self.k + 1}",
                phones=[phone_variant(self.recruiter.phone, s.country, v + 2)], emails=[],
                posted_by=agency_id)
            t["ad_contact_reaches_suspect"].add("ad_uid", self._uid(s, ad))

    def _victim(self, s: DemoSource, v: int, c: int, i: int, case_id: str, opened: dt.date,
                agency_id: str, employer_id: str, arranger_id: str,
                fee_txs: list[tuple[str, dt.date]]) -> str:
        b, t = self.b, self.truth.patterns
        nationality = self.origin2 if i == 1 else self.origin
        who = _someone(self.rng, nationality, 0)
        housing = self.housing[0] if (c + i) % 3 else strip_accents(self.housing[0]).upper()
        victim = b.person(
            s, who.written(0), dob=dt.date(1990 + (self.k + c + i) % 12, 1 + i, 10 + c),
            gender=who.gender, nationality=nationality, phones=[b.phone(nationality)],
            passport=b.passport(nationality), address=housing,
            address_country=self.destination)
        b.role(s, case_id, victim, "victim")
        victim_uid = self._uid(s, victim)
        currency = self.corridor.currency[self.destination]
        recruited = opened - dt.timedelta(days=120 - 3 * i)
        b.placement(s, victim, agency_id, employer_id, on=recruited, country=nationality,
                    fee=900.0 + 50 * i, currency=currency, promised=1200.0,
                    paid=450.0 + 20 * i, deceptive=True, retained=True)
        t["wage_below_promise_after_fee"].add("person_uid", victim_uid)
        t["shared_accommodation_addresses"].add(
            "address_key", place_key(self.housing[0], self.destination))
        own = b.account(nationality)
        b.list_account(s, own, bank=BANKS[nationality][i % len(BANKS[nationality])],
                       country=nationality, holder=victim)
        paid_on = recruited + dt.timedelta(days=2)
        fee_txs.append((b.transaction(
            s, own, spaced(self.fee_account) if v % 2 else self.fee_account, 900.0 + 50 * i,
            currency, paid_on, "remittance" if i % 2 else "bank_transfer",
            f"cuota {i + 1}" if self.code == "CA" else f"fee {i + 1}"), paid_on))
        home = city(nationality, i)
        departed = recruited + dt.timedelta(days=10 + 4 * i + c)
        b.leg(s, victim, start=(home.name, nationality),
                    end=(city(self.destination, self.k).name, self.destination),
                    via=(self.crossing.name, self.crossing.country), departed=departed, days=3,
                    mode="car", carrier=None, plate=self.plate, arranged_by=arranger_id)
        if s is self.sources[0] and c == 0 and i < 2:
            t["crossing_same_arranger_window"].add("arranger_uid", self._uid(s, arranger_id))
            t["crossing_same_arranger_window"].add("crossing", self.crossing.name)
        return victim


def plant_networks(builder: Builder, truth: Truth, seed: int, count: int) -> None:
    for k in range(count):
        NetworkPlanter(builder, truth, seed, k).plant()

