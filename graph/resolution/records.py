"""Reading actor records, with their identifiers, for entity resolution."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from graph.connection import Graph
from graph.model import MODEL
from graph.resolution.scoring import ActorRecord

# Identifiers that describe the actor itself. RETAINS is left out on purpose: a document an
# agency retains is its victim's, not its own.
OWN_IDENTIFIER_RELS = ("USES", "HOLDS", "HAS_DOCUMENT", "LOCATED_AT")
REGISTRATION_PROPERTIES = ("license_number", "registration_number")


def _actor_records_cypher(label: str) -> str:
    (checked,) = MODEL.check_labels([label])
    rels = "|".join(MODEL.check_rel_types(list(OWN_IDENTIFIER_RELS)))
    caption = MODEL.label(checked).caption
    return f"""
MATCH (a:{checked})
OPTIONAL MATCH (a)-[:{rels}]->(i)
WITH a, [x IN collect(i) | [k IN labels(x) WHERE k IN $id_labels][0]] AS kinds, collect(i) AS ids
RETURN a.uid AS uid, coalesce(a.source, split(a.uid, ':')[0]) AS source, a.{caption} AS name,
       a.aliases AS aliases, toString(a.date_of_birth) AS date_of_birth,
       a.nationality AS nationality, a.gender AS gender,
       coalesce(a.license_country, a.country) AS country,
       a.license_number AS license_number, a.registration_number AS registration_number,
       [n IN range(0, size(ids) - 1) | [kinds[n], ids[n][$id_keys[kinds[n]]]]] AS identifiers
"""


def _identifier_keys() -> dict[str, str]:
    return {name: MODEL.label(name).key for name in MODEL.identifier_labels}


def _record(label: str, row: dict[str, Any]) -> ActorRecord:
    identifiers = {(kind, str(key)) for kind, key in row["identifiers"] if kind and key}
    for prop in REGISTRATION_PROPERTIES:
        if row.get(prop):
            identifiers.add((prop, "".join(str(row[prop]).split()).upper()))
    return ActorRecord(
        uid=row["uid"], label=label, source=row["source"] or "", name=row["name"] or "",
        aliases=tuple(row["aliases"] or ()), date_of_birth=row["date_of_birth"],
        nationality=row["nationality"], country=row["country"], gender=row.get("gender"),
        identifiers=frozenset(identifiers),
    )


def read_actor_records(
    graph: Graph, labels: tuple[str, ...] | None = None
) -> Iterator[ActorRecord]:
    """Every actor record (Person, RecruitmentAgency, Employer by default) with its own
    identifiers (phones, e-mails, documents, accounts, addresses, registration numbers)."""
    params = {"id_labels": list(MODEL.identifier_labels), "id_keys": _identifier_keys()}
    for label in labels or MODEL.actor_labels:
        for row in graph.read(_actor_records_cypher(label), params):
            yield _record(label, row)
