"""``SAME_AS`` relationships: candidates written by resolution, judgements made by people.

One relationship per unordered pair, from the lower uid to the higher, so re-runs never
duplicate a pair. Properties: score, method (``score`` for computed candidates, ``auto`` for
automatic confirmations, ``manual`` for a pair a person linked without a candidate), status
(candidate, confirmed, rejected), reasons (list of "text: +weight"), created_at, updated_at,
decided_by, decided_at, why. Resolution writes only pairs that are new or still candidates:
a decided pair (confirmed or rejected, by a person or automatically) is never touched again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from graph.connection import Graph
from graph.model import MODEL

CANDIDATE, CONFIRMED, REJECTED = MODEL.enums["same_as_status"]
DECISIONS = {"confirm": CONFIRMED, "reject": REJECTED}
SYSTEM_JUDGE = "crosslink"


class ResolutionError(ValueError):
    """A judgement that cannot be recorded; the message says what to check."""


def ordered(uid_a: str, uid_b: str) -> tuple[str, str]:
    """The direction a pair is stored in: lower uid -> higher uid."""
    return (uid_a, uid_b) if uid_a <= uid_b else (uid_b, uid_a)


def _label(label: str) -> str:
    return MODEL.check_labels([label])[0]


def _actor_match() -> str:
    return "|".join(MODEL.check_labels(list(MODEL.actor_labels)))


def existing_pairs_cypher(label: str) -> str:
    return f"""
MATCH (a:{_label(label)})-[r:SAME_AS]->(b)
RETURN a.uid AS a, b.uid AS b, r.status AS status, r.method AS method
"""


def write_candidates_cypher(label: str) -> str:
    """MERGE each pair; only a pair that is new or still a candidate takes the new values."""
    checked = _label(label)
    return f"""
UNWIND $rows AS row
MATCH (a:{checked} {{uid: row.a}})
MATCH (b:{checked} {{uid: row.b}})
MERGE (a)-[r:SAME_AS]->(b)
ON CREATE SET r.created_at = $now, r.status = '{CANDIDATE}'
WITH r, row WHERE r.status = '{CANDIDATE}'
SET r.score = row.score, r.method = row.method, r.reasons = row.reasons,
    r.status = row.status, r.updated_at = $now,
    r.decided_by = row.decided_by,
    r.decided_at = CASE WHEN row.decided_by IS NULL THEN null ELSE $now END
"""


def delete_candidates_cypher(label: str) -> str:
    """Candidates that the latest run no longer proposes (data changed); decided pairs stay."""
    checked = _label(label)
    return f"""
UNWIND $rows AS row
MATCH (a:{checked} {{uid: row.a}})-[r:SAME_AS]->(b:{checked} {{uid: row.b}})
WHERE r.status = '{CANDIDATE}'
DELETE r
"""


def _candidate_query(where: str) -> str:
    return f"""
MATCH (a:{_actor_match()})-[r:SAME_AS]->(b)
{where}
RETURN a.uid AS uid_a, b.uid AS uid_b, [l IN labels(a) WHERE l IN $actor_labels][0] AS label,
       r.score AS score, r.method AS method, r.status AS status, r.reasons AS reasons,
       toString(r.created_at) AS created_at, toString(r.updated_at) AS updated_at,
       r.decided_by AS decided_by, toString(r.decided_at) AS decided_at, r.why AS why,
       properties(a) AS a, properties(b) AS b
"""


LIST_CANDIDATES = _candidate_query("WHERE $status IS NULL OR r.status = $status") + """
ORDER BY r.score DESC, uid_a, uid_b
SKIP $offset LIMIT $limit
"""

COUNT_CANDIDATES = f"""
MATCH (:{_actor_match()})-[r:SAME_AS]->()
RETURN r.status AS status, count(*) AS pairs
"""

GET_PAIR = _candidate_query("WHERE a.uid = $a AND b.uid = $b")

FIND_ACTOR = f"""
MATCH (n:{_actor_match()}) WHERE n.uid = $uid
RETURN [l IN labels(n) WHERE l IN $actor_labels][0] AS label
"""


def judge_cypher(label: str) -> str:
    checked = _label(label)
    return f"""
MATCH (a:{checked} {{uid: $a}})
MATCH (b:{checked} {{uid: $b}})
MERGE (a)-[r:SAME_AS]->(b)
ON CREATE SET r.created_at = $now, r.method = 'manual'
SET r.status = $status, r.decided_by = $by, r.decided_at = $now, r.why = $why,
    r.updated_at = $now
"""


CONFIRMED_PAIRS = f"""
MATCH (a:{_actor_match()})-[r:SAME_AS {{status: '{CONFIRMED}'}}]->(b)
RETURN a.uid AS a, b.uid AS b, r.method AS method, elementId(r) AS element_id
"""


@dataclass(frozen=True)
class Candidate:
    """One SAME_AS pair, with both records' properties side by side and the reasons."""

    uid_a: str
    uid_b: str
    label: str
    status: str
    score: float | None
    method: str | None
    reasons: list[str] = field(default_factory=list)
    created_at: str | None = None
    updated_at: str | None = None
    decided_by: str | None = None
    decided_at: str | None = None
    why: str | None = None
    a: dict[str, Any] = field(default_factory=dict)
    b: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _plain(value: Any) -> Any:
    """Neo4j temporal values and lists as JSON-friendly values."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _candidate(row: dict[str, Any]) -> Candidate:
    return Candidate(
        uid_a=row["uid_a"], uid_b=row["uid_b"], label=row["label"], status=row["status"],
        score=row["score"], method=row["method"], reasons=list(row["reasons"] or ()),
        created_at=row["created_at"], updated_at=row["updated_at"],
        decided_by=row["decided_by"], decided_at=row["decided_at"], why=row["why"],
        a={k: _plain(v) for k, v in sorted(row["a"].items())},
        b={k: _plain(v) for k, v in sorted(row["b"].items())},
    )


def existing_pairs(graph: Graph, label: str) -> dict[tuple[str, str], str]:
    """(lower uid, higher uid) -> status of every SAME_AS between records of ``label``."""
    rows = graph.read(existing_pairs_cypher(label))
    return {ordered(r["a"], r["b"]): r["status"] for r in rows}


def write_candidates(graph: Graph, label: str, rows: Sequence[dict[str, Any]],
                     stamp: datetime, batch_size: int = 2000) -> None:
    """Write scored pairs (a, b ordered; score, method, status, reasons, decided_by)."""
    cypher = write_candidates_cypher(label)
    for start in range(0, len(rows), batch_size):
        graph.write(cypher, {"rows": list(rows[start:start + batch_size]), "now": stamp})


def delete_candidates(graph: Graph, label: str, pairs: Iterable[tuple[str, str]]) -> int:
    rows = [{"a": a, "b": b} for a, b in pairs]
    if not rows:
        return 0
    return graph.write(delete_candidates_cypher(label), {"rows": rows})["relationships_deleted"]


def list_candidates(
    graph: Graph, status: str | None = None, limit: int = 100, offset: int = 0
) -> list[Candidate]:
    """SAME_AS pairs, best score first; ``status`` filters (candidate, confirmed, rejected)."""
    if status is not None and status not in MODEL.enums["same_as_status"]:
        known = ", ".join(MODEL.enums["same_as_status"])
        raise ResolutionError(f"unknown status {status!r}; use one of {known}")
    rows = graph.read(LIST_CANDIDATES, {"status": status, "limit": max(0, limit),
                                        "offset": max(0, offset),
                                        "actor_labels": list(MODEL.actor_labels)})
    return [_candidate(r) for r in rows]


def count_candidates(graph: Graph) -> dict[str, int]:
    """Pairs per status."""
    counts = {s: 0 for s in MODEL.enums["same_as_status"]}
    for row in graph.read(COUNT_CANDIDATES):
        counts[row["status"]] = row["pairs"]
    return counts


def get_pair(graph: Graph, uid_a: str, uid_b: str) -> Candidate | None:
    a, b = ordered(uid_a, uid_b)
    rows = graph.read(GET_PAIR, {"a": a, "b": b, "actor_labels": list(MODEL.actor_labels)})
    return _candidate(rows[0]) if rows else None


def _actor_label(graph: Graph, uid: str) -> str:
    rows = graph.read(FIND_ACTOR, {"uid": uid, "actor_labels": list(MODEL.actor_labels)})
    if not rows:
        kinds = ", ".join(MODEL.actor_labels)
        raise ResolutionError(
            f"no actor record with uid {uid!r} ({kinds}); uids look like 'source:record_id', "
            "see `crosslink candidates`")
    return rows[0]["label"]


def judge(graph: Graph, uid_a: str, uid_b: str, decision: str, by: str,
          why: str | None = None) -> Candidate:
    """Record a person's decision (``confirm`` or ``reject``) on the pair, with who, when
    and why. Works on a proposed candidate or on any two records of the same label; a later
    judgement replaces an earlier one. Resolution never changes a judged pair."""
    status = DECISIONS.get(decision.strip().lower())
    if status is None:
        raise ResolutionError(f"unknown decision {decision!r}; use confirm or reject")
    if not by.strip():
        raise ResolutionError("say who decides (--by NAME)")
    if uid_a == uid_b:
        raise ResolutionError(f"{uid_a!r} is one record; a judgement needs two")
    label_a, label_b = _actor_label(graph, uid_a), _actor_label(graph, uid_b)
    if label_a != label_b:
        raise ResolutionError(
            f"{uid_a!r} is a {label_a} and {uid_b!r} a {label_b}: only records of one kind "
            "can be the same actor")
    a, b = ordered(uid_a, uid_b)
    graph.write(judge_cypher(label_a), {"a": a, "b": b, "status": status, "by": by.strip(),
                                        "why": why, "now": now()})
    pair = get_pair(graph, a, b)
    assert pair is not None
    return pair


def confirmed_pairs(graph: Graph) -> list[dict[str, Any]]:
    """Confirmed pairs (by people or automatically): a, b, method, element_id."""
    return graph.read(CONFIRMED_PAIRS)


def now() -> datetime:
    """The time stamp of a write (created_at, decided_at), in UTC."""
    return datetime.now(UTC)
