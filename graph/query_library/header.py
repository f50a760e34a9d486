"""The header of a saved query file: ``// key: value`` comment lines before the Cypher.

Format (one field per line; a line ``//`` + two or more spaces continues the previous field)::

    // title: Recruitment agencies with victims in several countries
    // description: Agencies whose recruits are victims in cases of N or more countries.
    // targets: indicator deception; paper trail: advertising
    // param: min_countries int 3 "Minimum number of countries"
    // param: case_a string "uid of the first case"          (no default: required)
    // param: core list<string> @model.core_indicators "..."  (default read from the model)
    // returns: agency_uid, agency_name, countries, victims

``targets`` entries are separated by ``;``; an entry ``indicator CODE[, CODE]`` names ILO
indicator codes of ``graph/model.yaml``. Columns the query returns but ``returns`` does not
list (``evidence``, by convention) only feed the graph view, not the rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from graph.model import MODEL
from graph.query_library.params import PARAM_TYPES, QueryParam, parse_default

REQUIRED_FIELDS = ("title", "description", "targets", "returns")
_FIELDS = {*REQUIRED_FIELDS, "param"}
_FIELD_LINE = re.compile(r"^// ?([a-z_]+)\s*:\s*(.*)$")
_CONTINUATION = re.compile(r"^//\s{2,}(\S.*)$")
_PARAM = re.compile(r'^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+(?P<type>\S+)'
                    r'(?:\s+(?P<default>.*?))?\s+"(?P<help>[^"]*)"$')
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


class HeaderError(ValueError):
    """A saved query file whose header is incomplete or malformed (names file and line)."""


@dataclass(frozen=True)
class SavedQuery:
    name: str
    title: str
    description: str
    targets: tuple[str, ...]
    params: tuple[QueryParam, ...]
    returns: tuple[str, ...]
    cypher: str
    file: str = ""

    def param(self, name: str) -> QueryParam | None:
        return next((p for p in self.params if p.name == name), None)

    def summary(self) -> dict[str, Any]:
        """What the list and show views print (no Cypher)."""
        return {"name": self.name, "title": self.title, "description": self.description,
                "targets": list(self.targets), "params": [p.as_dict() for p in self.params],
                "returns": list(self.returns)}


def _param(text: str) -> QueryParam:
    match = _PARAM.match(text.strip())
    if not match:
        raise ValueError(f'param {text!r}: expected NAME TYPE [DEFAULT] "help"')
    name, type_, default = match["name"], match["type"], (match["default"] or "").strip()
    if type_ not in PARAM_TYPES:
        raise ValueError(f"param {name}: unknown type {type_!r}; "
                         f"use one of {', '.join(PARAM_TYPES)}")
    if not default:
        return QueryParam(name, type_, None, match["help"], required=True)
    try:
        value = parse_default(type_, default)
    except ValueError as exc:
        raise ValueError(f"param {name}: bad default {default!r}: {exc}") from None
    return QueryParam(name, type_, value, match["help"])


def _check_targets(targets: tuple[str, ...]) -> None:
    known = set(MODEL.enums["indicator"])
    for entry in targets:
        if entry.lower().startswith("indicator "):
            codes = [c.strip() for c in entry[len("indicator "):].split(",") if c.strip()]
            unknown = [c for c in codes if c not in known]
            if unknown:
                raise ValueError(f"targets: unknown indicator {', '.join(unknown)}; known: "
                                 f"{', '.join(sorted(known))}")


def parse_saved_query(text: str, name: str, file: str = "") -> SavedQuery:
    """Header and Cypher of one query file; ``HeaderError`` names the file, line and field."""
    where = file or name
    if not _NAME.match(name):
        raise HeaderError(f"{where}: file name {name!r} must be lower-case letters, digits and _")
    fields: dict[str, list[str]] = {}
    params: list[QueryParam] = []
    lines = text.splitlines()
    last: str | None = None
    body_start = len(lines)
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("//"):
            body_start = number - 1
            break
        match = _FIELD_LINE.match(stripped)
        more = _CONTINUATION.match(stripped)
        if match and match[1] not in _FIELDS:
            raise HeaderError(f"{where}, line {number}: unknown field {match[1]!r}; "
                              f"fields: {', '.join(sorted(_FIELDS))}")
        if match:
            key, value = match[1], match[2].strip()
            if key == "param":
                try:
                    params.append(_param(value))
                except ValueError as exc:
                    raise HeaderError(f"{where}, line {number}: {exc}") from None
            elif key in fields:
                raise HeaderError(f"{where}, line {number}: field {key!r} given twice")
            else:
                fields[key] = [value]
            last = key
        elif more and last in fields:
            fields[last].append(more[1].strip())
        elif stripped != "//":
            raise HeaderError(f"{where}, line {number}: expected '// field: value' or a "
                              "continuation line '//   text'")
    missing = [k for k in REQUIRED_FIELDS if not " ".join(fields.get(k, [])).strip()]
    if missing:
        raise HeaderError(f"{where}: header lacks {', '.join(missing)}; every query file starts "
                          "with // title:, // description:, // targets:, // returns: lines")
    cypher = "\n".join(lines[body_start:]).strip()
    if not cypher:
        raise HeaderError(f"{where}: no Cypher after the header")
    names = [p.name for p in params]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise HeaderError(f"{where}: param {', '.join(twice)} declared twice")
    undeclared = sorted(set(re.findall(r"\$([A-Za-z_][A-Za-z0-9_]*)", cypher)) - set(names))
    if undeclared:
        raise HeaderError(f"{where}: the Cypher uses ${', $'.join(undeclared)} but the header "
                          "declares no such // param:")
    targets = tuple(t.strip() for t in " ".join(fields["targets"]).split(";") if t.strip())
    try:
        _check_targets(targets)
    except ValueError as exc:
        raise HeaderError(f"{where}: {exc}") from None
    returns = tuple(c.strip() for c in " ".join(fields["returns"]).split(",") if c.strip())
    return SavedQuery(
        name=name,
        title=" ".join(fields["title"]).strip(),
        description=" ".join(fields["description"]).strip(),
        targets=targets,
        params=tuple(params),
        returns=returns,
        cypher=cypher,
        file=file,
    )
