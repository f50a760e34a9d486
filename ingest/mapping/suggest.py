"""A first mapping for a source's own file, for a person to correct: its headers matched to
template columns (the names of header_synonyms.yaml, in six languages, and close spellings
through rapidfuzz), then its sampled values read for what the template checker would refuse:
the date order (31/03/2024 is day first), yes/no words, enumeration values (F -> female),
country names, decimal commas, several values in one cell."""

from __future__ import annotations

import gettext
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

import pycountry
import yaml
from rapidfuzz import fuzz, process

from ingest.mapping.model import (
    LIST_TYPES,
    ColumnRule,
    DateRule,
    Mapping,
    TemplateRule,
    dump_mapping,
)
from ingest.readers import open_rows, read_as
from ingest.templates import TEMPLATES, Column, Template
from ingest.validation import SIMPLE_CLEANERS
from values import InvalidValueError

DateOrder = Literal["day_first", "month_first"]
SYNONYMS_FILE = Path(__file__).with_name("header_synonyms.yaml")
SAMPLE_ROWS = 500
CLOSE = 88  # rapidfuzz ratio from which a header is a close spelling of a known name
ENUM_CLOSE = 80
MAX_DISTINCT = 40  # a column with more distinct values is not an enumeration to map
COUNTRY_LANGUAGES = ("es", "pt", "fr", "th", "id", "ms")
_NUMERIC_DATE = re.compile(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})(?:[ T].*)?")
_DECIMAL_COMMA = re.compile(r"-?\d{1,3}(?:\.\d{3})*,\d+|-?\d+,\d{1,2}")
_SPLITTERS = (" / ", "/", ",", "|", "\n")


def fold(text: str) -> str:
    """``Fecha_de-Nacimiento`` -> ``fecha de nacimiento``: no case, Latin accents or
    punctuation (Thai vowel and tone marks are kept: they are letters of the word)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(" " if not (c.isalnum() or unicodedata.category(c).startswith("M")) else c
                   for c in decomposed if not 0x0300 <= ord(c) <= 0x036F)
    return " ".join(kept.split())


@dataclass(frozen=True)
class Synonyms:
    columns: dict[str, list[str]]
    first: list[str]
    last: list[str]
    yes: frozenset[str]
    no: frozenset[str]


@cache
def synonyms() -> Synonyms:
    raw: dict[str, Any] = yaml.safe_load(SYNONYMS_FILE.read_text(encoding="utf-8"))
    columns = {name: [fold(n) for n in [name.replace("_", " "), *names]]
               for name, names in raw["columns"].items()}
    parts = raw["name_parts"]
    return Synonyms(columns, [fold(n) for n in parts["first"]], [fold(n) for n in parts["last"]],
                    frozenset(fold(str(w)) for w in raw["true_words"]),
                    frozenset(fold(str(w)) for w in raw["false_words"]))


@dataclass
class Suggestion:
    """A first mapping and what it could not decide."""

    mapping: Mapping
    file: Path
    header: list[str]
    unmapped: list[str] = field(default_factory=list)  # the file's columns nothing reads
    missing: list[str] = field(default_factory=list)  # required template columns not found
    notes: list[str] = field(default_factory=list)

    def text(self) -> str:
        """The mapping as YAML, headed by comments a person reads before correcting it."""
        lines = [f"# First mapping of {self.file.name} by `crosslink mapping suggest`: check",
                 "# every column and value map, then `crosslink mapping check` it."]
        if self.missing:
            lines.append("# TO DO: map the required column(s) " + ", ".join(self.missing)
                         + " (from a column or a constant)")
        if self.unmapped:
            lines.append("# Not read (map them if they belong to a template column): "
                         + ", ".join(self.unmapped))
        lines += [f"# {n}" for n in self.notes]
        return "\n".join(lines) + "\n" + dump_mapping(self.mapping)


def _score(header: str, names: list[str]) -> float:
    folded = fold(header)
    if not folded:
        return 0.0
    if folded in names or folded.replace(" ", "") in {n.replace(" ", "") for n in names}:
        return 100.0  # also D.O.B for dob, e-mail for email
    best = process.extractOne(folded, names, scorer=fuzz.ratio)
    return float(best[1]) if best else 0.0


def match_headers(header: list[str], template: Template) -> dict[str, str]:
    """Template column -> the file's column, best matches first, each used once."""
    table = synonyms().columns
    scores = []
    for column in template.column_names:
        names = table.get(column, [fold(column.replace("_", " "))])
        for position, name in enumerate(header):
            score = _score(name, names)
            if score >= CLOSE:
                # required columns and exact names win ties; then the file's order
                scores.append((-score, not template.column(column).required, position,
                               column, name))
    chosen: dict[str, str] = {}
    used: set[int] = set()
    for _, _, position, column, name in sorted(scores):
        if column in chosen or position in used:
            continue
        chosen[column] = name
        used.add(position)
    return chosen


def _name_parts(header: list[str], taken: set[str]) -> list[str] | None:
    """A first-name and a last-name column, when the file writes the name in two."""
    found = []
    for names in (synonyms().first, synonyms().last):
        free = [h for h in header if h not in taken and h not in found]
        best = max(free, key=lambda h: _score(h, names), default=None)
        if best is None or _score(best, names) < CLOSE:
            return None
        found.append(best)
    return found


def choose_template(header: list[str]) -> Template:
    """The template whose columns the header names most (required ones count double)."""
    def weight(template: Template) -> tuple[float, int]:
        matched = match_headers(header, template)
        points = sum(2 if template.column(c).required else 1 for c in matched)
        required = [c for c in template.columns if c.required]
        found = sum(1 for c in required if c.name in matched)
        return points + 3 * found / max(len(required), 1), -template.order
    return max(TEMPLATES.templates.values(), key=weight)


def _sample(path: Path, encoding: str, delimiter: str) -> tuple[list[str], list[list[str]]]:
    with open_rows(path, encoding, delimiter) as rows:
        first = next(rows, None)
        header = [] if first is None else [c.strip() for c in first[1]]
        sample = []
        for _, cells in rows:
            sample.append(cells)
            if len(sample) >= SAMPLE_ROWS:
                break
    return header, sample


def date_order(values: list[str]) -> DateOrder | None:
    """``day_first`` when a value such as 31/03/2024 can only be day first, ``month_first``
    for 03/31/2024; ``None`` when nothing tells (or no value is written that way)."""
    days_first = months_first = numeric = 0
    for value in values:
        found = _NUMERIC_DATE.fullmatch(value.strip())
        if not found:
            continue
        numeric += 1
        first, second = int(found.group(1)), int(found.group(2))
        days_first += first > 12 >= second
        months_first += second > 12 >= first
    if not numeric:
        return None
    if days_first and not months_first:
        return "day_first"
    if months_first and not days_first:
        return "month_first"
    return "day_first"  # undecided: most of the region writes day first; a person checks


def _loads(column: Column, value: str) -> bool:
    """Whether the template checker takes ``value`` as it is (then no value map is needed)."""
    clean = SIMPLE_CLEANERS.get(column.type)
    if clean is None:
        return True
    try:
        clean(column, value)
    except InvalidValueError:
        return False
    return True


@cache
def _country_names() -> dict[str, str]:
    """Folded country names (English and the region's languages) -> alpha-2."""
    names: dict[str, str] = {}
    translations = [gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang],
                                        fallback=True) for lang in COUNTRY_LANGUAGES]
    for country in pycountry.countries:
        english = [country.name, getattr(country, "common_name", ""),
                   getattr(country, "official_name", ""), country.alpha_3]
        for name in english:
            if name:
                names.setdefault(fold(name), country.alpha_2)
                for t in translations:
                    names.setdefault(fold(t.gettext(name)), country.alpha_2)
    return names


def country_code(value: str) -> str | None:
    folded = fold(value)
    table = _country_names()
    if folded in table:
        return table[folded]
    best = process.extractOne(folded, list(table), scorer=fuzz.ratio, score_cutoff=ENUM_CLOSE)
    return table[best[0]] if best else None


def _boolean(value: str) -> str | None:
    folded = fold(value)
    if folded in synonyms().yes:
        return "true"
    if folded in synonyms().no:
        return "false"
    return None


def enum_value(value: str, choices: tuple[str, ...]) -> str | None:
    """``F`` -> female when one choice starts with F; ``Agricultura`` -> agriculture by a
    close spelling."""
    folded = fold(value)
    if not folded:
        return None
    if len(folded) <= 2:
        starting = [c for c in choices if c.startswith(folded)]
        return starting[0] if len(starting) == 1 else None
    readable = {fold(c.replace("_", " ")): c for c in choices}
    best = process.extractOne(folded, list(readable), scorer=fuzz.WRatio,
                              score_cutoff=ENUM_CLOSE)
    return readable[best[0]] if best else None


def _value_map(column: Column, values: list[str]) -> dict[str, str]:
    distinct = list(dict.fromkeys(v.strip() for v in values if v.strip()))
    refused = [v for v in distinct if not _loads(column, v)]
    if not refused or len(distinct) > MAX_DISTINCT and column.type != "country":
        return {}
    out: dict[str, str] = {}
    for value in refused[:MAX_DISTINCT * 5]:
        if column.type == "boolean":
            mapped = _boolean(value)
        elif column.type == "country":
            mapped = country_code(value)
        elif column.type in ("enum", "enum_list"):
            mapped = enum_value(value, column.choices)
        else:
            mapped = None
        if mapped is not None:
            out[value] = mapped
    return out


def _split(values: list[str]) -> str | None:
    """The separator of cells holding several values (``a / b``), if not the template's ;"""
    counts: Counter[str] = Counter()
    for value in values:
        if ";" in value:
            return None
        for splitter in _SPLITTERS:
            if splitter in value.strip():
                counts[splitter] += 1
                break
    return counts.most_common(1)[0][0].strip() or None if counts else None


def _file_pattern(path: Path) -> str:
    """``personas_2024-03.csv`` -> ``personas_*.csv``: the next file of the source matches."""
    stem = re.sub(r"[\d][\d_.\- ]*[\d]|\d", "*", path.stem)
    stem = re.sub(r"\*+", "*", stem)
    return f"{stem}{path.suffix.lower()}"


def suggest(path: Path, template: str | None = None) -> Suggestion:
    """A first mapping of ``path`` (CSV or XLSX) into ``template`` (else the template its
    headers name most)."""
    dialect = read_as(path)
    header, rows = _sample(path, dialect.encoding or "utf-8", dialect.delimiter or ",")
    chosen = TEMPLATES.templates[template] if template else choose_template(header)
    matched = match_headers(header, chosen)
    columns: dict[str, ColumnRule] = {}
    for name in chosen.column_names:
        if name in matched:
            columns[name] = ColumnRule(column=matched[name])
    name_column = next((c.name for c in chosen.columns if c.type == "name"), None)
    parts = None
    if name_column is not None:
        parts = _name_parts(header, set(matched.values()) - {matched.get(name_column, "")})
        if parts is not None and (name_column not in matched or matched[name_column] in parts):
            columns[name_column] = ColumnRule(join=parts)
    index = {h: i for i, h in enumerate(header)}
    dates: list[str] = []
    decimal_comma = False
    for name, rule in list(columns.items()):
        column = chosen.column(name)
        values = [cells[index[s]] for s in rule.sources for cells in rows
                  if index[s] < len(cells) and cells[index[s]].strip()]
        if column.type == "date":
            dates += values
        if column.type == "decimal" and any(_DECIMAL_COMMA.fullmatch(v.strip())
                                             for v in values):
            decimal_comma = True
        update: dict[str, Any] = {}
        if column.type in LIST_TYPES and (split := _split(values)) is not None:
            update["split"] = split
        if column.type not in ("decimal",):
            mapped = _value_map(column, values)
            if mapped:
                update["values"] = mapped
        if update:
            columns[name] = rule.model_copy(update=update)
    order = date_order(dates)
    pattern = _file_pattern(path)
    mapping = Mapping(
        name=fold(Path(pattern).stem.replace("*", " ")).replace(" ", "-") or None,
        files=[pattern],
        encoding=dialect.encoding, delimiter=dialect.delimiter if path.suffix.lower() != ".xlsx"
        else None, dates=DateRule(order=order) if order else DateRule(),
        decimal_comma=decimal_comma,
        templates=[TemplateRule(template=chosen.name, columns=columns)])
    read = {s for r in columns.values() for s in r.sources}
    notes = []
    if order:
        notes.append(f"Dates read {order.replace('_', ' ')} (from the values sampled).")
    return Suggestion(mapping, path, header, [h for h in header if h and h not in read],
                      [c.name for c in chosen.columns if c.required and c.name not in columns],
                      notes)
