"""The patterns planted for the saved-query library (queries/*.cypher, same names), as data:
name -> (one-line description, query parameters). The generator fills in each pattern's
expected values (``Truth.patterns``) as it plants it in the networks."""

from __future__ import annotations

from ingest.demo.truth import PlantedPattern

PATTERNS: dict[str, tuple[str, dict[str, object]]] = {
    "agencies_victims_many_countries": (
        "an agency of the NGO's files whose recruits are victims in cases of KH, TH and MY",
        {"min_countries": 3}),
    "agency_recruiting_unlicensed_country": (
        "each network's agency, licensed in one origin country, recruits in another",
        {}),
    "account_fees_many_victims": (
        "each network's fee account receives recruitment fees from the accounts of 3+ victims",
        {"min_victims": 3}),
    "document_retention": (
        "each network's employer keeps its workers' passports (placements.documents_retained)",
        {}),
    "travel_arranger_cross_jurisdiction": (
        "a transporter of the NGO's / international organisation's files arranges legs for "
        "victims of cases in two jurisdictions", {}),
    "shared_contacts_across_authorities": (
        "each network's recruiter phone, written in different formats by different "
        "authorities", {}),
    "crossing_same_arranger_window": (
        "each network's transporter moves two victims through one border crossing a few days "
        "apart", {"days": 14}),
    "cases_core_indicators": (
        "each network's cases record 3+ core ILO indicators", {"min_core": 3}),
    "wage_below_promise_after_fee": (
        "network victims paid a fee and earn less than promised", {}),
    "ad_contact_reaches_suspect": (
        "each network's agency advertises with the recruiter's phone (a recruiter in a case)",
        {}),
    "owner_agency_and_employer": (
        "one person owns the network's agency and its employer (same source)", {}),
    "money_chains": (
        "fees paid into each network's fee account are forwarded to the owner's account "
        "within 30 days", {"days": 30}),
    "victim_turned_recruiter": (
        "a person who was a victim in one network case recruits in a later one (same record)",
        {}),
    "shortest_connection_between_cases": (
        "two cases of the first network, of different sources, joined by the recruiter's "
        "phone used by an agency of the other: 4 hops (case-party-phone-party-case)", {}),
    "shared_accommodation_addresses": (
        "victims of different cases of each network housed at the employer's lodging "
        "(persons.csv address of a victim = where the victim was housed), written with "
        "accent/case variants", {}),
}


def new_patterns() -> dict[str, PlantedPattern]:
    return {name: PlantedPattern(description, dict(params))
            for name, (description, params) in PATTERNS.items()}
