"""Ground truth of the demo data set: what was planted, so that entity resolution, network
detection and the saved queries can be measured against it (and ``truth.json`` shows it)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class PlantedPattern:
    """A pattern planted for a saved query: run it with ``params``; every value listed in
    ``expect[column]`` must appear in that column of its results."""

    description: str
    params: dict[str, Any] = field(default_factory=dict)
    expect: dict[str, list[Any]] = field(default_factory=dict)

    def add(self, column: str, *values: Any) -> None:
        bucket = self.expect.setdefault(column, [])
        bucket.extend(v for v in values if v not in bucket)


@dataclass
class PlantedNetwork:
    """One planted cross-border network: its cases and the real-world actors behind it."""

    name: str
    corridor: str
    cases: list[str] = field(default_factory=list)
    jurisdictions: list[str] = field(default_factory=list)
    actors: dict[str, list[str]] = field(default_factory=dict)  # role -> uids, one actor

    def case(self, uid: str, jurisdiction: str) -> None:
        self.cases.append(uid)
        if jurisdiction not in self.jurisdictions:
            self.jurisdictions.append(jurisdiction)

    def actor(self, role: str, uid: str) -> None:
        self.actors.setdefault(role, []).append(uid)


@dataclass
class Truth:
    planted: list[PlantedNetwork] = field(default_factory=list)
    decoy_groups: list[list[str]] = field(default_factory=list)  # same folded name, nothing else
    hub_locations: list[str] = field(default_factory=list)  # Location keys
    hub_accounts: list[str] = field(default_factory=list)  # Account numbers
    patterns: dict[str, PlantedPattern] = field(default_factory=dict)

    @property
    def networks(self) -> list[set[str]]:
        """Case uids (``<source_id>:<case_id>``) of each planted network."""
        return [set(n.cases) for n in self.planted]

    @property
    def same_actor_groups(self) -> list[set[str]]:
        """Actor uids that are one real-world actor reported by several records."""
        return [set(uids) for n in self.planted for uids in n.actors.values() if len(uids) > 1]

    @property
    def decoy_uids(self) -> set[str]:
        return {uid for group in self.decoy_groups for uid in group}

    @property
    def hub_keys(self) -> set[str]:
        return set(self.hub_locations) | set(self.hub_accounts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "networks": [{"name": n.name, "corridor": n.corridor, "cases": n.cases,
                          "jurisdictions": n.jurisdictions, "actors": n.actors}
                         for n in self.planted],
            "decoy_groups": self.decoy_groups,
            "hub_locations": self.hub_locations,
            "hub_accounts": self.hub_accounts,
            "patterns": {name: {"description": p.description, "params": p.params,
                                "expect": p.expect} for name, p in self.patterns.items()},
        }

    def write(self, path: Path) -> Path:
        path.write_text(json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n",
                        encoding="utf-8")
        return path
