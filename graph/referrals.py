"""Red-flag rules for referrals (graph/referral_rules.yaml) and the Cypher that finds the cases
they flag. The referrals themselves live in the app database (``backend.services.referrals``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from graph.connection import Graph
from graph.model import MODEL

RULES_FILE = Path(__file__).with_name("referral_rules.yaml")
CASE, SOURCE, AUTHORITY = MODEL.check_labels(["Case", "Source", "Authority"])
REPORTED_BY, REFERRED_TO = MODEL.check_rel_types(["REPORTED_BY", "REFERRED_TO"])
REFERRED_STATUS = "referred"
if REFERRED_STATUS not in MODEL.enums["case_status"]:
    raise RuntimeError("graph/model.yaml: the case_status enum must name referred")


class RuleError(ValueError):
    """A rule of the rules file that does not fit the model; the message names it."""


@dataclass(frozen=True)
class ReferralRule:
    id: str
    description: str
    from_kinds: tuple[str, ...]
    indicators: tuple[str, ...]
    min_indicators: int | None  # None: the setting CROSSLINK_REFERRAL_MIN_INDICATORS
    to_kind: str
    remedy: str

    def threshold(self, setting: int) -> int:
        return self.min_indicators if self.min_indicators is not None else setting


def _rule(raw: dict[str, Any], where: str) -> ReferralRule:
    def need(key: str) -> Any:
        if raw.get(key) in (None, "", []):
            raise RuleError(f"{where}: field {key!r} is missing")
        return raw[key]

    kinds = MODEL.enums["authority_kind"]
    from_kinds = tuple(need("from_kinds"))
    for field, values in (("from_kinds", from_kinds), ("to_kind", (need("to_kind"),))):
        bad = [v for v in values if v not in kinds]
        if bad:
            raise RuleError(f"{where}: field {field!r}: {bad[0]!r} is not an authority kind "
                            f"({', '.join(kinds)})")
    indicators = need("indicators")
    codes = MODEL.core_indicators if indicators == "core" else tuple(indicators)
    bad = [c for c in codes if c not in MODEL.enums["indicator"]]
    if bad:
        raise RuleError(f"{where}: field 'indicators': {bad[0]!r} is not an ILO indicator code")
    minimum = need("min_indicators")
    if minimum != "setting" and not (isinstance(minimum, int) and minimum >= 1):
        raise RuleError(f"{where}: field 'min_indicators' must be a number from 1 or 'setting'")
    remedy = need("remedy")
    if remedy not in MODEL.enums["remedy"]:
        raise RuleError(f"{where}: field 'remedy' must be one of "
                        f"{', '.join(MODEL.enums['remedy'])}")
    return ReferralRule(id=str(need("id")), description=str(raw.get("description") or ""),
                        from_kinds=from_kinds, indicators=codes,
                        min_indicators=None if minimum == "setting" else minimum,
                        to_kind=raw["to_kind"], remedy=remedy)


def load_rules(path: Path = RULES_FILE) -> tuple[ReferralRule, ...]:
    """The rules of ``path``, checked against the model."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    rules = raw.get("rules")
    if not isinstance(rules, list) or not rules:
        raise RuleError(f"{path.name}: no 'rules' list")
    found = tuple(_rule(r, f"{path.name}, rule {n}") for n, r in enumerate(rules, start=1))
    ids = [r.id for r in found]
    if len(set(ids)) != len(ids):
        raise RuleError(f"{path.name}: two rules have the same id")
    return found


@cache
def rules() -> tuple[ReferralRule, ...]:
    return load_rules()


FLAGGED_CASES = f"""
MATCH (c:{CASE})
WHERE size([i IN coalesce(c.indicators, []) WHERE i IN $indicators]) >= $minimum
  AND coalesce(c.status, '') <> '{REFERRED_STATUS}'
  AND NOT EXISTS {{ (c)-[:{REFERRED_TO}]->(:{AUTHORITY}) }}
  AND ($authority IS NULL OR c.authority = $authority)
OPTIONAL MATCH (s:{SOURCE} {{id: c.source}})
OPTIONAL MATCH (c)-[:{REPORTED_BY}]->(a:{AUTHORITY})
WITH c, coalesce(a.kind, s.kind) AS kind
WHERE kind IN $kinds OR c.authority IN $authorities
RETURN c.uid AS uid, c.authority AS authority, c.jurisdiction AS jurisdiction,
       c.title AS title, [i IN c.indicators WHERE i IN $indicators] AS indicators
ORDER BY c.uid
"""


def flagged_cases(graph: Graph, rule: ReferralRule, minimum: int, *,
                  kind_authorities: list[str], authority: str | None = None
                  ) -> list[dict[str, Any]]:
    """The cases ``rule`` flags: of an authority of its kinds (by source kind, or one of
    ``kind_authorities``, the instance's authorities of those kinds), naming at least
    ``minimum`` of its indicators, not referred already in the graph; of ``authority`` only
    when given."""
    return graph.read(FLAGGED_CASES, {"indicators": list(rule.indicators), "minimum": minimum,
                                      "kinds": list(rule.from_kinds),
                                      "authorities": kind_authorities,
                                      "authority": authority})


CASE_FOR_REFERRAL = f"""
MATCH (c:{CASE} {{uid: $uid}})
RETURN c.uid AS uid, c.authority AS authority, c.jurisdiction AS jurisdiction,
       c.title AS title, coalesce(c.indicators, []) AS indicators
"""


def case_for_referral(graph: Graph, uid: str) -> dict[str, Any] | None:
    """The case's authority, jurisdiction, title and indicators; None if there is none."""
    rows = graph.read(CASE_FOR_REFERRAL, {"uid": uid})
    return rows[0] if rows else None
