"""The mapping file: which templates a source's file feeds, and how each template column is
made from the file's own columns. Checked with pydantic, then against ingest/templates.yaml;
every problem names the mapping file and the key (``templates[0].columns.gender``).

    name: pnc-expedientes
    files: ["expedientes*.csv"]      # file names this mapping reads (a saved mapping)
    encoding: cp1252                 # else detected
    delimiter: ";"                   # else detected
    dates: {order: day_first}        # 31/03/2024; or formats: ["%d.%m.%Y"]
    decimal_comma: true              # 1.500,50
    phone_country: GT                # numbers written without +502
    templates:
      - template: persons
        columns:
          person_id: Código                     # a column of the file
          full_name: {join: [Nombres, Apellidos]}
          gender: {column: Sexo, values: {F: female, M: male}}
          phones: {column: Teléfonos, split: /}
          nationality: {constant: GT}
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from graph.model import closest
from ingest.templates import TEMPLATES, TemplateSet
from values import InvalidValueError
from values.country import clean_country

GRADING = tuple(c.name for c in TEMPLATES.grading_columns)
# Template column types whose cell holds several values, `;`-separated.
LIST_TYPES = frozenset({"phones", "emails", "text_list", "enum_list"})


class MappingError(Exception):
    """A mapping file that cannot be used; each problem is (key, reason)."""

    def __init__(self, file: str, problems: list[tuple[str, str]]) -> None:
        self.file, self.problems = file, problems
        super().__init__("\n".join(f"{file}: {key}: {reason}" if key else f"{file}: {reason}"
                                   for key, reason in problems))


class _Loader(yaml.SafeLoader):
    """YAML without YAML 1.1's yes/no/on/off booleans: ``No: false`` keeps the key ``No``
    (Spanish and Portuguese sources write Sí/No, Sim/Não)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool",
                              re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                              list("tTfF"))


def as_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


class ColumnRule(BaseModel):
    """How one template column is made: from a column, several joined, or a constant; its
    values mapped; a cell holding several values split into the template's list."""

    model_config = ConfigDict(extra="forbid")
    column: str | None = None
    join: list[str] | None = None
    separator: str = " "
    constant: str | None = None
    split: str | None = None
    values: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        if isinstance(data, str | int | float) and not isinstance(data, bool):
            return {"column": str(data)}
        return data

    @field_validator("values", mode="before")
    @classmethod
    def _value_texts(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {as_text(k): as_text(v) for k, v in data.items()}
        return data

    @field_validator("constant", mode="before")
    @classmethod
    def _constant_text(cls, data: Any) -> Any:
        return as_text(data) if isinstance(data, bool | int | float) else data

    @model_validator(mode="after")
    def _one_origin(self) -> ColumnRule:
        given = [k for k in ("column", "join", "constant") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of column, join or constant"
                             + (f" (got {', '.join(given)})" if given else ""))
        if self.join is not None and not self.join:
            raise ValueError("join: name at least one column")
        if self.split == "":
            raise ValueError("split: give the separator, e.g. / or ,")
        return self

    @property
    def sources(self) -> list[str]:
        """The file's columns this rule reads."""
        if self.column is not None:
            return [self.column]
        return list(self.join or [])

    def folded_values(self) -> dict[str, str]:
        """The value map keyed case- and space-insensitively (``sí``, `` SÍ ``)."""
        return {k.strip().casefold(): v for k, v in self.values.items()}


class TemplateRule(BaseModel):
    """One template fed by every row of the file (``when``: only rows where one of these
    columns has text, e.g. the recruiter's columns of a wide case sheet)."""

    model_config = ConfigDict(extra="forbid")
    template: str
    when: list[str] = Field(default_factory=list)
    columns: dict[str, ColumnRule]

    @field_validator("when", mode="before")
    @classmethod
    def _one_or_many(cls, data: Any) -> Any:
        return [data] if isinstance(data, str) else data

    @property
    def sources(self) -> list[str]:
        return list(dict.fromkeys([*self.when, *(s for r in self.columns.values()
                                                 for s in r.sources)]))


class DateRule(BaseModel):
    model_config = ConfigDict(extra="forbid")
    order: Literal["day_first", "month_first", "year_first"] = "year_first"
    formats: list[str] = Field(default_factory=list)

    @field_validator("formats")
    @classmethod
    def _formats(cls, formats: list[str]) -> list[str]:
        for fmt in formats:
            if "%" not in fmt:
                raise ValueError(f"{fmt!r} is not a date format; write e.g. %d/%m/%Y")
            try:
                dt.datetime(2024, 3, 31).strftime(fmt)
            except ValueError as exc:
                raise ValueError(f"{fmt!r}: {exc}") from None
        return formats


class Mapping(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str | None = None
    files: list[str] = Field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None
    dates: DateRule = Field(default_factory=DateRule)
    decimal_comma: bool = False
    phone_country: str | None = None
    templates: list[TemplateRule] = Field(min_length=1)

    @field_validator("files", mode="before")
    @classmethod
    def _one_or_many(cls, data: Any) -> Any:
        return [data] if isinstance(data, str) else data

    @field_validator("encoding")
    @classmethod
    def _encoding(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                codecs.lookup(value)
            except LookupError:
                raise ValueError(f"unknown encoding {value!r}; e.g. utf-8, cp1252, "
                                 "iso-8859-1, utf-16, tis-620") from None
        return value

    @field_validator("delimiter")
    @classmethod
    def _delimiter(cls, value: str | None) -> str | None:
        if value is not None:
            value = "\t" if value in ("\\t", "tab") else value
            if len(value) != 1:
                raise ValueError("one character: , ; | or tab")
        return value

    @field_validator("phone_country")
    @classmethod
    def _country(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            return clean_country(value)
        except InvalidValueError as exc:
            raise ValueError(str(exc)) from None

    @property
    def source_columns(self) -> list[str]:
        """Every column of the file that the mapping reads."""
        return list(dict.fromkeys(s for t in self.templates for s in t.sources))

    def matches_name(self, path: Path) -> bool:
        return any(path.match(pattern) for pattern in self.files)


def yaml_key(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _against_templates(mapping: Mapping, templates: TemplateSet) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    for i, rule in enumerate(mapping.templates):
        where = f"templates[{i}]"
        template = templates.templates.get(rule.template)
        if template is None:
            guess = closest(rule.template, tuple(templates.templates))
            problems.append((f"{where}.template", f"unknown template {rule.template!r}"
                             + (f" (did you mean {guess}?)" if guess else "")
                             + "; expected one of " + ", ".join(templates.templates)))
            continue
        allowed = (*template.column_names, *GRADING)
        for name in rule.columns:
            if name not in allowed:
                guess = closest(name, allowed)
                problems.append((f"{where}.columns.{name}",
                                 f"{rule.template} has no column {name!r}"
                                 + (f" (did you mean {guess}?)" if guess else "")
                                 + "; its columns are " + ", ".join(template.column_names)))
        for name, column in rule.columns.items():
            if column.split is not None and name in template.column_names \
                    and template.column(name).type not in LIST_TYPES:
                problems.append((f"{where}.columns.{name}.split",
                                 f"{name} holds one value; split only feeds list columns ("
                                 + ", ".join(c.name for c in template.columns
                                             if c.type in LIST_TYPES) + ")"))
        missing = [c.name for c in template.columns if c.required and c.name not in rule.columns]
        if missing:
            problems.append((f"{where}.columns", f"{rule.template} needs "
                             + ", ".join(missing) + ": map them from a column or a constant"))
    return problems


def parse_mapping(text: str, file: str = "mapping",
                  templates: TemplateSet = TEMPLATES) -> Mapping:
    """The mapping of a YAML text; ``MappingError`` names ``file`` and each bad key."""
    try:
        raw = yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark is not None else ""
        raise MappingError(file, [(where, f"not valid YAML: {getattr(exc, 'problem', exc)}")]
                           ) from None
    if not isinstance(raw, dict):
        raise MappingError(file, [("", "expected a YAML mapping with a `templates:` list")])
    try:
        mapping = Mapping.model_validate(raw)
    except ValidationError as exc:
        problems = [(yaml_key(e["loc"]), e["msg"].removeprefix("Value error, "))
                    for e in exc.errors()]
        raise MappingError(file, problems) from None
    problems = _against_templates(mapping, templates)
    if problems:
        raise MappingError(file, problems)
    return mapping


def load_mapping(path: Path) -> Mapping:
    """The mapping file at ``path`` (UTF-8 YAML)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise MappingError(str(path), [("", f"cannot read the mapping: {exc}")]) from None
    return parse_mapping(text, str(path))


def dump_mapping(mapping: Mapping) -> str:
    """The mapping as YAML, short forms where they say the same (``person_id: Código``)."""
    data = mapping.model_dump(exclude_defaults=True)
    for rule in data["templates"]:
        for name, column in rule["columns"].items():
            if set(column) == {"column"}:
                rule["columns"][name] = column["column"]
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
