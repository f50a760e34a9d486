"""Background noise: many unrelated single-jurisdiction cases, each with its own people,
companies, phones, documents and accounts. They share only what must never link cases: the
busy border crossings, the banks and the remittance companies' collection accounts (hubs),
and, for the decoys, a common name."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from ingest.demo.builder import Builder, day
from ingest.demo.sources import SOURCES, DemoSource, corridor_sources
from ingest.demo.truth import Truth
from ingest.demo.variants import strip_accents
from ingest.demo.world import (
    AD_PLATFORMS,
    BANKS,
    COMPANY_WORDS,
    CORRIDORS,
    EXPLOITATION_BY_SECTOR,
    GIVEN,
    NAME_STYLE,
    SECTORS,
    STREETS,
    SURNAMES,
    city,
)
from ingest.references import record_uid
from values.place import place_key
from values.text import compact

INDICATORS = ("abuse_of_vulnerability", "deception", "restriction_of_movement", "isolation",
              "violence", "intimidation_threats", "threat_of_denunciation",
              "retention_of_documents", "withholding_wages", "debt_bondage",
              "abusive_conditions", "excessive_overtime")
# The remittance companies' collection accounts: many unrelated victims send money home
# through them (holder unknown to the sources). Hubs: they must never chain cases.
HUB_ACCOUNTS = {"CA": ("026009593-880000000001", "Remesas Express Inc.", "US"),
                "SEA": ("777-2-00001-9", "Mekong Express Transfer", "TH")}
# Common names carried by unrelated people (different birth dates, nothing else shared).
DECOY_NAMES = (("José", "Hernández", "CA", "GT"), ("Nguyen Van", "Minh", "SEA", "KH"),
               ("María", "García", "CA", "MX"), ("Sok", "Dara", "SEA", "KH"),
               ("Juan", "Pérez", "CA", "HN"), ("Aung", "Win", "SEA", "MM"))


@dataclass(frozen=True)
class Decoy:
    group: int
    name: str
    dob: dt.date
    gender: str
    nationality: str


def decoy_plan(groups: int) -> dict[int, Decoy]:
    """Background case index -> the decoy victim it carries: each group's members are in
    different sources of the group's corridor."""
    plan: dict[int, Decoy] = {}
    for g in range(groups):
        given, surname, corridor, country = DECOY_NAMES[g % len(DECOY_NAMES)]
        name = f"{given} {surname}"
        written = (name, strip_accents(name), name.upper())
        for m, source in enumerate(corridor_sources(corridor)[:3]):
            index = g * len(SOURCES) + SOURCES.index(source)
            plan[index] = Decoy(g, written[m], dt.date(1975 + 7 * m + g % 5, 1 + 4 * m, 1 + g % 28),
                                "female" if given in ("María",) else "male", country)
    return plan


def source_of(index: int) -> DemoSource:
    return SOURCES[index % len(SOURCES)]


def _name(rng: random.Random, country: str) -> tuple[str, str]:
    style = NAME_STYLE[country]
    gender = rng.choice(("female", "male"))
    if style == "latam":
        pool = GIVEN["latam_f" if gender == "female" else "latam_m"]
        name = f"{rng.choice(pool)} {rng.choice(SURNAMES[style])} {rng.choice(SURNAMES[style])}"
    else:
        name = f"{rng.choice(GIVEN[style])} {rng.choice(SURNAMES[style])}"
    return name, gender


def background_case(b: Builder, truth: Truth, seed: int, index: int,
                    decoy: Decoy | None) -> str:
    """One unrelated case of the source whose turn ``index`` is; returns its uid."""
    s = source_of(index)
    rng = random.Random(f"{seed}:case:{index}")
    corridor = CORRIDORS[s.corridor]
    jurisdiction = s.jurisdictions[index // len(SOURCES) % len(s.jurisdictions)]
    origin = rng.choice(corridor.origins)
    destination = jurisdiction if jurisdiction in corridor.destinations \
        else rng.choice(corridor.destinations)
    if jurisdiction in corridor.origins:
        origin = jurisdiction
    sector = rng.choice(SECTORS)
    currency = corridor.currency[destination]
    opened = day(rng.randrange(30, 1700))
    red = "RED" if s.red_share and index // len(SOURCES) % s.red_share == 3 else None
    indicators = sorted(rng.sample(INDICATORS, rng.randint(1, 4)), key=INDICATORS.index)
    case_id = b.case(s, jurisdiction, f"{sector.replace('_', ' ').capitalize()} complaint "
                     f"{index + 1}", opened, sector, EXPLOITATION_BY_SECTOR[sector], indicators,
                     "Complaint about working conditions; under review.",
                     status=rng.choice(("open", "open", "referred", "closed")), tlp=red)

    suspect_name, suspect_gender = _name(rng, origin)
    suspect_phone = b.phone(origin)
    suspect = b.person(s, suspect_name, dob=dt.date(rng.randint(1960, 1995), rng.randint(1, 12),
                                                    rng.randint(1, 28)),
                       gender=suspect_gender, nationality=origin, phones=[suspect_phone],
                       tlp=red)
    b.role(s, case_id, suspect, rng.choice(("suspect", "recruiter")))
    serial = b.serial("company")
    employer_name = (f"{rng.choice(COMPANY_WORDS[sector])} {rng.choice(SURNAMES['latam'])} "
                     f"{serial}")
    place = city(destination, rng.randrange(8))
    employer = b.employer(s, employer_name, registration=f"R{destination}{serial:07d}",
                          country=destination, sector=sector, phones=[b.phone(destination)],
                          address=f"{rng.choice(STREETS[destination])} {b.street_number()}, "
                          f"{place.name}")
    b.role(s, case_id, employer, "employer")
    agency = None
    if rng.random() < 0.5:
        agency = b.agency(s, f"Agencia {rng.choice(SURNAMES['latam'])} {serial}"
                          if s.corridor == "CA" else f"{rng.choice(SURNAMES['th'])} Manpower "
                          f"{serial}", license_number=f"L{origin}{serial:06d}",
                          license_country=origin, license_status="licensed",
                          phones=[b.phone(origin)], emails=[f"info{serial}@agency-demo.example"],
                          address=f"{rng.choice(STREETS[origin])} {b.street_number()}, "
                          f"{city(origin, serial).name}", address_country=origin)
    fee_account = b.account(origin)
    b.list_account(s, fee_account, bank=rng.choice(BANKS[origin]), country=origin,
                   holder=agency or suspect)
    hub_number, hub_bank, hub_country = HUB_ACCOUNTS[s.corridor]
    crossing = corridor.hub_crossing if rng.random() < 0.6 else rng.choice(corridor.crossings)[0]
    for i in range(rng.choice((1, 1, 2, 2, 3))):
        if i == 0 and decoy is not None:
            name, gender, nationality = decoy.name, decoy.gender, decoy.nationality
            dob = decoy.dob
        else:
            (name, gender), nationality = _name(rng, origin), origin
            dob = dt.date(rng.randint(1980, 2006), rng.randint(1, 12), rng.randint(1, 28))
        victim = b.person(s, name, dob=dob, gender=gender, nationality=nationality,
                          phones=[b.phone(nationality)], passport=b.passport(nationality),
                          address=f"{rng.choice(STREETS[destination])} {b.street_number()}, "
                          f"{place.name}", address_country=destination, tlp=red)
        if decoy is not None and i == 0:
            while len(truth.decoy_groups) <= decoy.group:
                truth.decoy_groups.append([])
            truth.decoy_groups[decoy.group].append(record_uid(s.id, victim))
        b.role(s, case_id, victim, "victim")
        recruited = opened - dt.timedelta(days=rng.randrange(60, 400))
        promised = float(rng.randrange(800, 2000, 50))
        b.placement(s, victim, agency, employer, on=recruited, country=origin,
                    fee=float(rng.randrange(0, 1200, 100)) if agency else 0.0,
                    currency=currency, promised=promised,
                    paid=promised * rng.choice((1.0, 0.9, 0.6)), deceptive=rng.random() < 0.5,
                    retained=rng.random() < 0.3)
        own = b.account(nationality)
        b.list_account(s, own, bank=rng.choice(BANKS[nationality]), country=nationality,
                       holder=victim)
        b.transaction(s, own, fee_account, float(rng.randrange(100, 900, 25)), currency,
                      recruited + dt.timedelta(days=3), "cash" if rng.random() < 0.3
                      else "bank_transfer", "fee")
        if index % 5 in (0, 2):
            b.list_account(s, hub_number, bank=hub_bank, country=hub_country, holder=None)
            b.transaction(s, own, hub_number, float(rng.randrange(50, 400, 10)), currency,
                          opened - dt.timedelta(days=rng.randrange(1, 50)), "remittance",
                          "envío familia" if s.corridor == "CA" else "send home")
        b.leg(s, victim, start=(city(origin, i).name, origin),
              end=(place.name, destination), via=(crossing.name, crossing.country),
              departed=recruited + dt.timedelta(days=rng.randrange(5, 30)),
              days=rng.randint(1, 4), mode=rng.choice(("bus", "car", "foot", "boat")),
              carrier=None, plate=f"{origin}{b.serial('plate'):06d}" if rng.random() < 0.4
              else None, arranged_by=suspect)
    if rng.random() < 0.15:
        b.advertisement(s, platform=rng.choice(AD_PLATFORMS), posted=recruited,
                        text=f"Se busca personal para {sector}" if s.corridor == "CA"
                        else f"Workers wanted: {sector}", url=None, phones=[suspect_phone],
                        emails=[], posted_by=agency or employer)
    return record_uid(s.id, case_id)


def record_hubs(truth: Truth) -> None:
    """The hubs every scale has: the corridors' busy crossings and collection accounts."""
    for code, corridor in CORRIDORS.items():
        crossing = corridor.hub_crossing
        truth.hub_locations.append(place_key(crossing.name, crossing.country))
        truth.hub_accounts.append(compact(HUB_ACCOUNTS[code][0]))
