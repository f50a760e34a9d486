"""One resolution run: read actor records, block, score, write candidates and automatic
confirmations. Decided pairs (confirmed or rejected) are skipped, so judgements survive
re-runs and re-imports."""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from typing import Any

from graph.connection import Graph
from graph.model import MODEL
from graph.resolution.missing_persons import resolve_missing_persons
from graph.resolution.records import read_actor_records
from graph.resolution.same_as import (
    CANDIDATE,
    CONFIRMED,
    SYSTEM_JUDGE,
    delete_candidates,
    existing_pairs,
    now,
    ordered,
    write_candidates,
)
from graph.resolution.scoring import ActorRecord, candidate_pairs, score_pair


@dataclass(frozen=True)
class Thresholds:
    """Where a score becomes a candidate, and where (with a shared strong identifier) it is
    confirmed automatically. ``max_block``: blocks holding more records are not compared
    (a surname shared by thousands); smaller keys still pair those records."""

    candidate: float = 0.65
    auto_confirm: float = 0.85
    max_block: int = 200

    def __post_init__(self) -> None:
        if not 0 < self.candidate <= self.auto_confirm <= 1:
            raise ValueError("thresholds must satisfy 0 < candidate <= auto_confirm <= 1")
        if self.max_block < 2:
            raise ValueError("max_block must be at least 2")


@dataclass
class ResolutionSummary:
    """What a run did, per label and in total."""

    records: int = 0
    pairs_compared: int = 0
    blocks_dropped: int = 0
    candidates: int = 0
    auto_confirmed: int = 0
    decided_skipped: int = 0
    stale_removed: int = 0
    seconds: float = 0.0
    per_label: dict[str, dict[str, int]] = field(default_factory=dict)
    # missing-person reports scored against persons (graph/resolution/missing_persons.py)
    missing_persons: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _resolve_label(graph: Graph, label: str, records: list[ActorRecord], thresholds: Thresholds,
                   summary: ResolutionSummary) -> None:
    pairs, dropped = candidate_pairs(records, thresholds.max_block)
    existing = existing_pairs(graph, label)
    rows: list[dict[str, Any]] = []
    counts = {"records": len(records), "pairs_compared": len(pairs), "candidates": 0,
              "auto_confirmed": 0, "decided_skipped": 0}
    for i, j in pairs:
        a, b = records[i], records[j]  # i < j: a.uid < b.uid, the stored pair's order
        key = ordered(a.uid, b.uid)
        if existing.get(key) not in (None, CANDIDATE):
            counts["decided_skipped"] += 1
            continue
        scored = score_pair(a, b)
        if scored.score < thresholds.candidate:
            continue
        auto = scored.strong_shared and scored.score >= thresholds.auto_confirm
        counts["auto_confirmed" if auto else "candidates"] += 1
        rows.append({"a": key[0], "b": key[1], "score": scored.score,
                     "method": "auto" if auto else "score",
                     "status": CONFIRMED if auto else CANDIDATE,
                     "decided_by": SYSTEM_JUDGE if auto else None,
                     "reasons": scored.reason_texts})
    write_candidates(graph, label, rows, now())
    proposed = {(r["a"], r["b"]) for r in rows}
    stale = [k for k, status in existing.items() if status == CANDIDATE and k not in proposed]
    summary.stale_removed += delete_candidates(graph, label, stale)
    summary.records += len(records)
    summary.pairs_compared += len(pairs)
    summary.blocks_dropped += dropped
    summary.candidates += counts["candidates"]
    summary.auto_confirmed += counts["auto_confirmed"]
    summary.decided_skipped += counts["decided_skipped"]
    summary.per_label[label] = counts


def run_resolution(graph: Graph, thresholds: Thresholds | None = None) -> ResolutionSummary:
    """Propose SAME_AS candidates between actor records of different sources, confirm the
    sure ones automatically (method ``auto``, decided_by ``crosslink``), and drop candidates
    the data no longer supports; then match missing-person reports against persons.
    Idempotent; never touches a confirmed or rejected pair."""
    thresholds = thresholds or Thresholds()
    started = time.perf_counter()
    summary = ResolutionSummary()
    for label in MODEL.actor_labels:
        # in uid order, so that every pair (i < j) is scored in its stored order and its
        # reasons read the same on every run
        records = sorted(read_actor_records(graph, (label,)), key=lambda r: r.uid)
        _resolve_label(graph, label, records, thresholds, summary)
    summary.missing_persons = resolve_missing_persons(
        graph, thresholds.candidate, thresholds.max_block).to_dict()
    summary.seconds = round(time.perf_counter() - started, 3)
    return summary
