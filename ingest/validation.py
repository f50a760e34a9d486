"""Checking a file's header and each row's cells against its template.

One ``IngestError`` per broken cell (file, line, column, value, reason). A bad value costs
that value, not the record: an invalid optional value is dropped with a warning and the row
loads without it (a list cell keeps its good items). Only a missing or bad key, a required
value, a grading cell (it decides who may see the row) or a reference rejects the row; only a
missing required column or a repeated one refuses the file. References to other templates are
checked afterwards, per batch, by ``ingest.references`` (they may need the graph).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from graph.model import MODEL, closest
from graph.schema import INDEX_VALUE_BYTES, fits_index
from ingest.grading import Grading, check_grade, check_source_id
from ingest.report import IngestError, warning
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


class PartlyInvalidError(InvalidValueError):
    """A list cell with some bad items: ``kept`` holds the good ones, cleaned."""

    def __init__(self, reason: str, kept: list[Any]) -> None:
        super().__init__(reason)
        self.kept = kept


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
        raise PartlyInvalidError(
            f"unknown {column.enum} value(s) {', '.join(bad)};{hints} expected some of "
            f"{', '.join(column.choices)} separated by ;", cleaned)
    return cleaned


def _each(clean: Callable[[str], Any], value: str) -> list[Any]:
    out, reasons = [], []
    for item in split_list(value):
        try:
            out.append(clean(item))
        except InvalidValueError as exc:
            reasons.append(f"{item!r}: {exc}")
    if reasons:
        raise PartlyInvalidError("; ".join(reasons), out)
    return out


def _shown(value: Any) -> str:
    """A cleaned value as the warning's ``kept`` shows it."""
    if isinstance(value, tuple):
        return str(value[0])
    return str(value)


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


def _indexed(value: str, what: str) -> str:
    """A value Neo4j indexes whole (an id, an authority's code) must fit the index."""
    if not fits_index(value):
        raise InvalidValueError(
            f"{len(value.encode('utf-8')):,} bytes is too long for {what} (at most "
            f"{INDEX_VALUE_BYTES:,} bytes of UTF-8)")
    return value


SIMPLE_CLEANERS: dict[str, Callable[[Column, str], Any]] = {
    "id": lambda c, v: _indexed(v.strip(), "an id"),
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
        # text columns whose property a range index holds whole (Case.authority)
        indexes = MODEL.label(template.label).indexes if template.label else ()
        self.indexed = frozenset(c.name for c in template.columns
                                 if c.type == "text" and c.name in indexes)
        self.grading_present: tuple[Column, ...] = ()
        self.width = 0

    def check_header(self, line: int, cells: list[str]) -> list[IngestError]:
        """Map the header. A missing required column or a repeated one refuses the whole
        file (an error); a missing optional column is fine and an unknown column is ignored
        (a warning)."""
        names = [c.strip().lower() for c in cells]
        while names and not names[-1]:
            names.pop()
        expected = self.template.column_names
        unknown = [n or "(empty)" for n in names if n not in expected and n not in GRADING_COLUMNS]
        absent = [n for n in expected if n not in names]
        missing = [n for n in absent if self.template.column(n).required]
        repeated = sorted({n for n in names if n and names.count(n) > 1})
        problems: list[IngestError] = []
        if missing or repeated:
            parts = []
            if missing:
                parts.append("missing required columns " + ", ".join(missing))
            if repeated:
                parts.append("repeated columns " + ", ".join(repeated))
            required = [c.name for c in self.template.columns if c.required]
            reason = ("; ".join(parts) + f". {self.template.name} needs the columns "
                      + ", ".join(required) + "; it may also have "
                      + ", ".join(c for c in expected if c not in required) + " and "
                      + ", ".join(GRADING_COLUMNS) + ". Nothing was loaded from this file")
            return [IngestError(self.file, line, ", ".join(missing + repeated), "", reason)]
        for name in unknown:
            guess = closest(name, absent) if absent else None
            problems.append(warning(
                self.file, line, name, "",
                f"unknown column {name}" + (f" (did you mean {guess}?)" if guess else "")
                + f": not a column of {self.template.name}, so it is ignored",
                "the rows, without this column"))
        self.index = {n: i for i, n in enumerate(names) if n in expected or n in GRADING_COLUMNS}
        self.width = len(names)
        self.grading_present = tuple(c for n, c in GRADING_COLUMNS.items() if n in self.index)
        return problems

    def _raw(self, cells: list[str], name: str) -> str:
        i = self.index.get(name)
        return cells[i] if i is not None and i < len(cells) else ""

    def _costs_the_row(self, column: Column) -> bool:
        """A bad value of a required, key or reference column rejects its row; any other
        bad value is dropped with a warning."""
        return column.required or column.name in self.template.id_columns or bool(column.ref)

    def check(self, line: int, cells: list[str]) -> tuple[CheckedRow | None, list[IngestError]]:
        """The row's cleaned values, or ``None`` when it is rejected; and its problems
        (errors, and warnings for the optional values dropped)."""
        errors: list[IngestError] = []
        warnings: list[IngestError] = []
        if len(cells) > self.width and any(c.strip() for c in cells[self.width:]):
            errors.append(IngestError(
                self.file, line, "", "",
                f"the row has {len(cells)} cells but the header has {self.width} columns: "
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
                kept = exc.kept if isinstance(exc, PartlyInvalidError) else []
                values[column.name] = kept or None
                if self._costs_the_row(column):
                    errors.append(IngestError(self.file, line, column.name, raw, str(exc)))
                else:
                    what = (f"the row, with {column.name} " + "; ".join(map(_shown, kept))
                            if kept else f"the row, without {column.name}")
                    warnings.append(warning(self.file, line, column.name, raw,
                                            f"{exc}; the value was dropped", what))
        self._amounts(line, cells, values, errors, warnings)
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
        return CheckedRow(line, source, record_id, grading, values), warnings

    def _amounts(self, line: int, cells: list[str], values: dict[str, Any],
                 errors: list[IngestError], warnings: list[IngestError]) -> None:
        """Amounts as numbers; the currency an amount is written in (``USD 1,200``, ``€ 950``)
        fills an empty currency column, and must agree with a given one (else the amount is
        dropped: an error when the amount is required, a warning when it is optional)."""
        columns = {c.name: c for c in self.ordered}
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
                reason = (f"the amount is written in {value.currency} but "
                          f"{self.currency_column} is {given}")
                raw = self._raw(cells, name)
                if self._costs_the_row(columns[name]):
                    errors.append(IngestError(self.file, line, name, raw, reason))
                else:
                    warnings.append(warning(self.file, line, name, raw,
                                            f"{reason}; the value was dropped",
                                            f"the row, without {name}"))

    def _country(self, columns: tuple[str, ...], values: dict[str, Any]) -> str | None:
        for name in columns:
            if values.get(name):
                return str(values[name])
        return None

    def _clean(self, column: Column, raw: str, values: dict[str, Any]) -> Any:
        simple = SIMPLE_CLEANERS.get(column.type)
        if simple is not None:
            value = simple(column, raw)
            if column.name in self.indexed and value is not None:
                _indexed(value, f"{column.name}, which the graph indexes")
            return value
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
