"""Checking a file's header and each row's cells against its template.

One ``IngestError`` per broken cell (file, line, column, value, reason); a row with any
broken cell is rejected. References to other templates are checked afterwards, per batch,
by ``ingest.references`` (they may need the graph).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from graph.model import MODEL, closest
from ingest.grading import Grading, check_grade, check_source_id
from ingest.report import IngestError
from ingest.templates import TEMPLATES, Column, Template
from values import InvalidValueError
from values.account import clean_account
from values.amount import Amount, clean_amount, clean_boolean
from values.country import clean_country, clean_currency
from values.date import DEFAULT_ORDER, DateOrder, clean_date
from values.document import clean_document_number
from values.email import clean_email
from values.phone import NoCountryError, clean_phone
from values.text import clean_text, compact, split_list

GRADING_COLUMNS = {c.name: c for c in TEMPLATES.grading_columns}
# Columns whose cleaning needs the row's countries are cleaned after the others.
DEPENDENT_TYPES = frozenset({"phones", "document", "address", "place", "plate"})


@dataclass
class CheckedRow:
    """A row whose cells all passed: cleaned values by column, its source and grading."""

    line: int
    source: str
    record_id: str
    grading: dict[str, str]
    values: dict[str, Any]
    links: dict[str, tuple[str, str]] = field(default_factory=dict)  # column -> (label, key)


def _choice(column: Column, value: str) -> str:
    """The enumeration value ``value`` is written as (``F``, ``Femenino`` -> ``female``)."""
    text = value.strip()
    found = MODEL.vocabulary(column.enum or "").find(text)
    if found is not None:
        return found
    raise InvalidValueError(
        f"not a {column.enum} value;{_did_you_mean(text, column.choices)} "
        f"expected one of {', '.join(column.choices)}")


def _did_you_mean(text: str, choices: tuple[str, ...], *, named: bool = False) -> str:
    """`` did you mean open?`` for a misspelt choice (opne), else nothing; ``named`` says
    which value it is about (`` did you mean open for opne?``), for lists."""
    best = closest(text, choices)
    if not best:
        return ""
    return f" did you mean {best}{f' for {text}' if named else ''}?"


def _choices(column: Column, value: str) -> list[str]:
    items = split_list(value)
    cleaned, bad = [], []
    for item in items:
        try:
            cleaned.append(_choice(column, item))
        except InvalidValueError:
            bad.append(item)
    if bad:
        hints = "".join(_did_you_mean(b, column.choices, named=True) for b in bad)
        raise InvalidValueError(
            f"unknown {column.enum} value(s) {', '.join(bad)};{hints} expected some of "
            f"{', '.join(column.choices)} separated by ;")
    return cleaned


def _each(clean: Callable[[str], Any], value: str) -> list[Any]:
    out = []
    for item in split_list(value):
        try:
            out.append(clean(item))
        except InvalidValueError as exc:
            raise InvalidValueError(f"{item!r}: {exc}") from None
    return out


def _phone(value: str, region: str | None, region_from: tuple[str, ...]) -> Any:
    """``clean_phone``; a number without country code says which cells would give one."""
    try:
        return clean_phone(value, region)
    except NoCountryError as exc:
        cells = f", fill {' or '.join(region_from)}" if region_from else ""
        raise InvalidValueError(f"{exc}{cells} or give the source's country "
                                "(--source-country; Country on the Ingest page)") from None


def _known_form(column: Column, value: str) -> str | None:
    """Free text, written as the model's name when it is a known form of one (a sector
    ``Agricultura`` -> ``agriculture``); else as written."""
    text = clean_text(value)
    if text is None or column.vocabulary is None:
        return text
    return MODEL.vocabulary(column.vocabulary).find(text) or text


SIMPLE_CLEANERS: dict[str, Callable[[Column, str], Any]] = {
    "id": lambda c, v: v.strip(),
    "text": lambda c, v: _known_form(c, v),
    "name": lambda c, v: clean_text(v),
    "url": lambda c, v: clean_text(v),
    "country": lambda c, v: clean_country(v),
    "currency": lambda c, v: clean_currency(v),
    "enum": _choice,
    "enum_list": _choices,
    "decimal": lambda c, v: clean_amount(v),  # its currency is checked with the row's
    "boolean": lambda c, v: clean_boolean(v, MODEL.vocabulary("boolean")),
    "emails": lambda c, v: _each(clean_email, v),
    "text_list": lambda c, v: split_list(v),
    "account": lambda c, v: clean_account(v),
    "source": lambda c, v: check_source_id(v.strip()),
}


class RowChecker:
    """Checks the rows of one file: header first, then each row."""

    def __init__(self, template: Template, grading: Grading, file_name: str, *,
                 date_order: DateOrder = DEFAULT_ORDER) -> None:
        self.template = template
        self.date_order = date_order
        self.currency_column = next((c.name for c in template.columns if c.type == "currency"),
                                    None)
        self.grading = grading
        self.file = file_name
        self.index: dict[str, int] = {}
        self.seen: dict[tuple[Any, ...], int] = {}
        ordered = sorted(template.columns, key=lambda c: c.type in DEPENDENT_TYPES)
        self.ordered = tuple(ordered)
        self.grading_present: tuple[Column, ...] = ()

    def check_header(self, line: int, cells: list[str]) -> IngestError | None:
        """Map the header; unknown, missing or repeated columns refuse the whole file."""
        names = [c.strip().lower() for c in cells]
        while names and not names[-1]:
            names.pop()
        expected = self.template.column_names
        unknown = [n or "(empty)" for n in names if n not in expected and n not in GRADING_COLUMNS]
        missing = [n for n in expected if n not in names]
        repeated = sorted({n for n in names if n and names.count(n) > 1})
        if unknown or missing or repeated:
            parts = []
            if unknown:
                parts.append("unknown columns " + ", ".join(
                    f"{n} (did you mean {guess}?)" if (guess := closest(n, missing)) else n
                    for n in unknown))
            if missing:
                parts.append("missing columns " + ", ".join(missing))
            if repeated:
                parts.append("repeated columns " + ", ".join(repeated))
            reason = ("; ".join(parts) + f". Expected the columns of {self.template.name}: "
                      + ", ".join(expected) + " (optional: " + ", ".join(GRADING_COLUMNS) + ")."
                      " Nothing was loaded from this file")
            return IngestError(self.file, line, ", ".join(unknown + missing + repeated),
                               "", reason)
        self.index = {n: i for i, n in enumerate(names)}
        self.grading_present = tuple(c for n, c in GRADING_COLUMNS.items() if n in self.index)
        return None

    def _raw(self, cells: list[str], name: str) -> str:
        i = self.index[name]
        return cells[i] if i < len(cells) else ""

    def check(self, line: int, cells: list[str]) -> tuple[CheckedRow | None, list[IngestError]]:
        errors: list[IngestError] = []
        if len(cells) > len(self.index) and any(c.strip() for c in cells[len(self.index):]):
            errors.append(IngestError(
                self.file, line, "", "",
                f"the row has {len(cells)} cells but the header has {len(self.index)} columns: "
                "check the separators and quotes"))
            return None, errors
        values: dict[str, Any] = {}
        for column in self.ordered:
            raw = self._raw(cells, column.name)
            if not raw.strip():
                values[column.name] = None
                if column.required:
                    errors.append(IngestError(self.file, line, column.name, "",
                                              f"{column.name} is required"))
                continue
            try:
                values[column.name] = self._clean(column, raw, values)
            except InvalidValueError as exc:
                values[column.name] = None
                errors.append(IngestError(self.file, line, column.name, raw, str(exc)))
        self._amounts(line, cells, values, errors)
        grading = {"reliability": self.grading.reliability,
                   "credibility": self.grading.credibility, "tlp": self.grading.tlp}
        source = self.grading.source_id
        for column in self.grading_present:
            raw = self._raw(cells, column.name).strip()
            if not raw:
                continue
            try:
                if column.name == "source":
                    source = check_source_id(raw)
                else:
                    grading[column.name] = check_grade(column.name, raw)
            except InvalidValueError as exc:
                errors.append(IngestError(self.file, line, column.name, raw, str(exc)))
        if errors:
            return None, errors
        key = (source, *(values[c] for c in self.template.id_columns))
        first = self.seen.get(key)
        if first is not None:
            shown = "/".join(str(values[c] or "") for c in self.template.id_columns)
            return None, [IngestError(
                self.file, line, ",".join(self.template.id_columns), shown,
                f"duplicate id: the same {', '.join(self.template.id_columns)} is on line "
                f"{first}; keep one row per record")]
        self.seen[key] = line
        record_id = "|".join(str(values[c] or "") for c in self.template.id_columns)
        return CheckedRow(line, source, record_id, grading, values), []

    def _amounts(self, line: int, cells: list[str], values: dict[str, Any],
                 errors: list[IngestError]) -> None:
        """Amounts as numbers; the currency an amount is written in (``USD 1,200``, ``€ 950``)
        fills an empty currency column, and must agree with a given one."""
        for name, value in values.items():
            if not isinstance(value, Amount):
                continue
            values[name] = value.value
            if value.currency is None or self.currency_column is None:
                continue
            given = values.get(self.currency_column)
            if given is None:
                values[self.currency_column] = value.currency
            elif given != value.currency:
                values[name] = None
                errors.append(IngestError(
                    self.file, line, name, self._raw(cells, name),
                    f"the amount is written in {value.currency} but "
                    f"{self.currency_column} is {given}"))

    def _country(self, columns: tuple[str, ...], values: dict[str, Any]) -> str | None:
        for name in columns:
            if values.get(name):
                return str(values[name])
        return None

    def _clean(self, column: Column, raw: str, values: dict[str, Any]) -> Any:
        simple = SIMPLE_CLEANERS.get(column.type)
        if simple is not None:
            return simple(column, raw)
        if column.type == "date":
            return clean_date(raw, self.date_order)
        country = self._country(column.country_from, values)
        if column.type == "phones":
            region = self._country(column.region_from, values) or self.grading.source_country
            return _each(lambda v: _phone(v, region, column.region_from), raw)
        if column.type == "document":
            if country is None:
                needs = " or ".join(column.country_from)
                raise InvalidValueError(
                    f"a document number needs its issuing country: fill {needs}")
            return (column.document_type, country, clean_document_number(raw))
        if column.type in ("address", "place"):
            return (clean_text(raw), country)
        if column.type == "plate":
            plate = compact(raw)
            if not plate:
                raise InvalidValueError("empty vehicle plate")
            return (plate, country)
        raise InvalidValueError(f"no rule for column type {column.type}")
