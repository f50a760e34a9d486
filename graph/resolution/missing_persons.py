"""Missing-person reports resolved against persons, victims first, with the entity-resolution
scorer (``scoring.score_pair``: the same names, dates, nationality, gender and passport
evidence, the same reasons). A likely match is written as
``(MissingPersonReport)-[:POSSIBLE_MATCH {score, reasons, status, victim}]->(Person)``, a
candidate people confirm or reject on the Review page; as with ``SAME_AS``, a decided pair is
never touched again and a candidate the data no longer supports is dropped.

``missing_person_matches`` returns the stored matches: what alerts to the reporting source's
authority and the victim's case owner are raised from.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from graph.connection import Graph
from graph.model import MODEL
from graph.resolution.records import read_actor_records
from graph.resolution.same_as import CANDIDATE, DECISIONS, ResolutionError, _plain, now
from graph.resolution.scoring import ActorRecord, blocking_keys, score_pair
from graph.schema import bounded_key
from values.document import document_key

REPORT, PERSON, CASE = MODEL.check_labels(["MissingPersonReport", "Person", "Case"])
POSSIBLE_MATCH, INVOLVED_IN = MODEL.check_rel_types(["POSSIBLE_MATCH", "INVOLVED_IN"])
VICTIM = "victim"
if VICTIM not in MODEL.enums["role"]:
    raise RuntimeError("graph/model.yaml: the role enum must name victim")

READ_REPORTS = f"""
MATCH (r:{REPORT}) WHERE $uids IS NULL OR r.uid IN $uids
RETURN r.uid AS uid, coalesce(r.source, split(r.uid, ':')[0]) AS source,
       r.full_name AS name, toString(r.date_of_birth) AS date_of_birth,
       r.nationality AS nationality, r.gender AS gender, r.document_type AS document_type,
       r.document_country AS document_country, r.document_number AS document_number
ORDER BY r.uid
"""

VICTIMS = f"""
MATCH (p:{PERSON})-[:{INVOLVED_IN} {{role: '{VICTIM}'}}]->(:{CASE})
RETURN DISTINCT p.uid AS uid
"""

EXISTING = f"""
MATCH (r:{REPORT})-[m:{POSSIBLE_MATCH}]->(p:{PERSON})
WHERE $uids IS NULL OR r.uid IN $uids
RETURN r.uid AS report, p.uid AS person, m.status AS status
"""

WRITE = f"""
UNWIND $rows AS row
MATCH (r:{REPORT} {{uid: row.report}})
MATCH (p:{PERSON} {{uid: row.person}})
MERGE (r)-[m:{POSSIBLE_MATCH}]->(p)
ON CREATE SET m.created_at = $now, m.status = '{CANDIDATE}'
WITH m, row WHERE m.status = '{CANDIDATE}'
SET m.score = row.score, m.reasons = row.reasons, m.victim = row.victim, m.updated_at = $now
"""

DROP = f"""
UNWIND $rows AS row
MATCH (:{REPORT} {{uid: row.report}})-[m:{POSSIBLE_MATCH}]->(:{PERSON} {{uid: row.person}})
WHERE m.status = '{CANDIDATE}'
DELETE m
"""

JUDGE = f"""
MATCH (r:{REPORT} {{uid: $report}})-[m:{POSSIBLE_MATCH}]->(p:{PERSON} {{uid: $person}})
SET m.status = $status, m.decided_by = $by, m.decided_at = $now, m.why = $why,
    m.updated_at = $now
"""

MATCHES = f"""
MATCH (r:{REPORT})-[m:{POSSIBLE_MATCH}]->(p:{PERSON})
WHERE ($status IS NULL OR m.status = $status) AND ($uids IS NULL OR r.uid IN $uids)
RETURN r.uid AS report_uid, p.uid AS person_uid, m.score AS score, m.reasons AS reasons,
       m.status AS status, coalesce(m.victim, false) AS victim, m.decided_by AS decided_by,
       m.why AS why, r.source AS report_source, properties(r) AS report, properties(p) AS person,
       COLLECT {{ MATCH (p)-[:{INVOLVED_IN} {{role: '{VICTIM}'}}]->(c:{CASE})
                 RETURN {{uid: c.uid, authority: c.authority}} ORDER BY c.uid }} AS cases
ORDER BY m.victim DESC, m.score DESC, report_uid, person_uid
SKIP $offset LIMIT $limit
"""


@dataclass(frozen=True)
class MissingPersonMatch:
    """One stored match: the report, the person, the score and reasons, whether the person
    is a victim, and the victim's cases with their authorities (whom to alert)."""

    report_uid: str
    person_uid: str
    score: float
    status: str
    victim: bool
    reasons: list[str] = field(default_factory=list)
    report_source: str | None = None
    cases: list[dict[str, Any]] = field(default_factory=list)
    decided_by: str | None = None
    why: str | None = None
    report: dict[str, Any] = field(default_factory=dict)
    person: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class MissingPersonSummary:
    reports: int = 0
    pairs_compared: int = 0
    candidates: int = 0
    victims: int = 0  # candidates that are victims of a case
    decided_skipped: int = 0
    stale_removed: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def report_record(row: dict[str, Any]) -> ActorRecord:
    """A report as the scorer sees a person: its passport is a Document identifier, keyed as
    a person's passport is."""
    identifiers: set[tuple[str, str]] = set()
    if row.get("document_number") and row.get("document_country"):
        identifiers.add(("Document", bounded_key(document_key(
            row.get("document_type") or "passport", row["document_country"],
            row["document_number"]))))
    return ActorRecord(uid=row["uid"], label=PERSON, source=row["source"] or "",
                       name=row["name"] or "", date_of_birth=row["date_of_birth"],
                       nationality=row["nationality"], gender=row.get("gender"),
                       identifiers=frozenset(identifiers))


def score_reports(reports: Iterable[ActorRecord], persons: Iterable[ActorRecord],
                  victims: set[str], candidate: float, max_block: int
                  ) -> tuple[list[dict[str, Any]], int]:
    """Scored (report, person) pairs at or above ``candidate``, victims first, and how many
    pairs were compared. Persons are filed under their blocking keys; a report meets the
    persons of its own keys (blocks larger than ``max_block`` are left out)."""
    blocks: dict[str, list[ActorRecord]] = {}
    for person in persons:
        for key in blocking_keys(person):
            blocks.setdefault(key, []).append(person)
    rows: list[dict[str, Any]] = []
    compared = 0
    for report in reports:
        seen: dict[str, ActorRecord] = {}
        for key in blocking_keys(report):
            members = blocks.get(key, ())
            if len(members) <= max_block:
                seen.update((p.uid, p) for p in members)
        for person in seen.values():
            compared += 1
            scored = score_pair(report, person)
            if scored.score >= candidate:
                rows.append({"report": report.uid, "person": person.uid,
                             "score": scored.score, "reasons": scored.reason_texts,
                             "victim": person.uid in victims})
    rows.sort(key=lambda r: (r["report"], not r["victim"], -r["score"], r["person"]))
    return rows, compared


def resolve_missing_persons(graph: Graph, candidate: float = 0.65, max_block: int = 200,
                            report_uids: list[str] | None = None) -> MissingPersonSummary:
    """Score every missing-person report (those of ``report_uids`` when given) against every
    person and store the likely matches as candidates. Idempotent."""
    summary = MissingPersonSummary()
    reports = [report_record(r) for r in graph.read(READ_REPORTS, {"uids": report_uids})]
    summary.reports = len(reports)
    if not reports:
        return summary
    victims = {r["uid"] for r in graph.read(VICTIMS)}
    rows, summary.pairs_compared = score_reports(
        reports, read_actor_records(graph, (PERSON,)), victims, candidate, max_block)
    existing = {(r["report"], r["person"]): r["status"]
                for r in graph.read(EXISTING, {"uids": report_uids})}
    fresh = []
    for row in rows:
        if existing.get((row["report"], row["person"])) not in (None, CANDIDATE):
            summary.decided_skipped += 1
            continue
        fresh.append(row)
    graph.write(WRITE, {"rows": fresh, "now": now()})
    summary.candidates = len(fresh)
    summary.victims = sum(1 for r in fresh if r["victim"])
    proposed = {(r["report"], r["person"]) for r in fresh}
    stale = [{"report": a, "person": b} for (a, b), status in existing.items()
             if status == CANDIDATE and (a, b) not in proposed]
    if stale:
        summary.stale_removed = graph.write(DROP, {"rows": stale})["relationships_deleted"]
    return summary


def missing_person_matches(graph: Graph, *, status: str | None = CANDIDATE,
                           report_uids: list[str] | None = None, limit: int = 100,
                           offset: int = 0) -> list[MissingPersonMatch]:
    """The stored matches (``status`` None: every status), victims first, best score first:
    each names the report's source and the victim's cases with their authorities."""
    if status is not None and status not in MODEL.enums["same_as_status"]:
        raise ResolutionError(f"unknown status {status!r}; use one of "
                              f"{', '.join(MODEL.enums['same_as_status'])}")
    rows = graph.read(MATCHES, {"status": status, "uids": report_uids,
                                "limit": max(0, limit), "offset": max(0, offset)})
    return [MissingPersonMatch(
        report_uid=r["report_uid"], person_uid=r["person_uid"], score=r["score"],
        status=r["status"], victim=r["victim"], reasons=list(r["reasons"] or ()),
        report_source=r["report_source"], cases=list(r["cases"]),
        decided_by=r["decided_by"], why=r["why"],
        report={k: _plain(v) for k, v in sorted(r["report"].items())},
        person={k: _plain(v) for k, v in sorted(r["person"].items())}) for r in rows]


def judge_match(graph: Graph, report_uid: str, person_uid: str, decision: str, by: str,
                why: str | None = None) -> None:
    """A person's decision (confirm or reject) on a proposed match."""
    status = DECISIONS.get(decision.strip().lower())
    if status is None:
        raise ResolutionError(f"unknown decision {decision!r}; use confirm or reject")
    counters = graph.write(JUDGE, {"report": report_uid, "person": person_uid,
                                   "status": status, "by": by, "why": why, "now": now()})
    if not counters["properties_set"]:
        raise ResolutionError(f"no match of report {report_uid!r} with person {person_uid!r}; "
                              "the Review page lists them")
