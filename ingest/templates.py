"""The native templates, loaded once from ``templates.yaml``.

Readers, validation and loading read these definitions instead of repeating column lists.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from graph.model import MODEL

TEMPLATES_FILE = Path(__file__).with_name("templates.yaml")
SUFFIXES = (".csv", ".xlsx")
# what may follow a template's name in a file name before a qualifier of the person's own
QUALIFIER_SEPARATORS = frozenset("_- .(")

COLUMN_TYPES = frozenset({
    "id", "text", "name", "date", "country", "currency", "enum", "enum_list", "decimal",
    "boolean", "phones", "emails", "text_list", "document", "address", "place", "plate",
    "account", "url", "source",
})


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    required: bool = False
    enum: str | None = None
    ref: tuple[str, ...] = ()
    region_from: tuple[str, ...] = ()
    country_from: tuple[str, ...] = ()
    document_type: str | None = None
    vocabulary: str | None = None  # text written as a known form's name (graph/model.yaml)
    doc: str = ""

    @property
    def choices(self) -> tuple[str, ...]:
        """The allowed values of an enum column, from graph/model.yaml."""
        return MODEL.enums[self.enum] if self.enum else ()


@dataclass(frozen=True)
class Template:
    name: str
    label: str | None
    id_columns: tuple[str, ...]
    columns: tuple[Column, ...]
    order: int

    @property
    def file_names(self) -> tuple[str, ...]:
        return tuple(self.name + suffix for suffix in SUFFIXES)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    def blank_csv(self) -> str:
        """The file to fill in: the header row, with a BOM so that spreadsheet programs
        read the accents of the rows people add as UTF-8 (the readers accept it)."""
        out = io.StringIO()
        out.write("\ufeff")
        csv.writer(out, lineterminator="\r\n").writerow(self.column_names)
        return out.getvalue()

    def describe(self) -> dict[str, object]:
        """The template for people and programs: its columns, what they hold, allowed values."""
        return {"name": self.name, "label": self.label, "file_names": list(self.file_names),
                "id_columns": list(self.id_columns),
                "columns": [{"name": c.name, "type": c.type, "required": c.required,
                             "doc": c.doc, "choices": list(c.choices), "refers_to": list(c.ref)}
                            for c in self.columns]}


@dataclass(frozen=True)
class TemplateSet:
    templates: dict[str, Template]
    grading_columns: tuple[Column, ...]
    # fed only by the built-in readers of the data standards (ingest/standards): no file name
    # selects them, they are not offered as blank templates
    builtin: dict[str, Template] = field(default_factory=dict)

    def with_builtin(self) -> TemplateSet:
        """The native and the built-in templates, for checking a built-in mapping."""
        return TemplateSet({**self.templates, **self.builtin}, self.grading_columns)

    def for_file(self, path: Path) -> Template | None:
        """The template a file holds, by its name: ``persons.csv``, ``Persons.xlsx``, or the
        name with a qualifier after a separator, as people name copies (``persons_th.csv``,
        ``Persons 2024.xlsx``, ``persons (1).csv``, ``persons-march.csv``)."""
        if path.suffix.lower() not in SUFFIXES:
            return None
        stem = path.stem.lower()
        if stem in self.templates:
            return self.templates[stem]
        qualified = [t for name, t in self.templates.items()
                     if stem.startswith(name) and stem[len(name)] in QUALIFIER_SEPARATORS]
        return max(qualified, key=lambda t: len(t.name), default=None)

    def file_names(self) -> list[str]:
        return [name for t in self.templates.values() for name in t.file_names]


def _column(name: str, spec: dict[str, object]) -> Column:
    col = Column(
        name=name,
        type=str(spec["type"]),
        required=bool(spec.get("required", False)),
        enum=str(spec["enum"]) if spec.get("enum") else None,
        ref=tuple(spec.get("ref") or ()),  # type: ignore[arg-type]
        region_from=tuple(spec.get("region_from") or ()),  # type: ignore[arg-type]
        country_from=tuple(spec.get("country_from") or ()),  # type: ignore[arg-type]
        document_type=str(spec["document_type"]) if spec.get("document_type") else None,
        vocabulary=str(spec["vocabulary"]) if spec.get("vocabulary") else None,
        doc=str(spec.get("doc", "")),
    )
    if col.type not in COLUMN_TYPES:
        raise ValueError(f"{TEMPLATES_FILE.name}: column {name}: unknown type {col.type!r}")
    if col.enum and col.enum not in MODEL.enums:
        raise ValueError(f"{TEMPLATES_FILE.name}: column {name}: unknown enum {col.enum!r}")
    if col.vocabulary and col.vocabulary not in MODEL.vocabularies:
        raise ValueError(f"{TEMPLATES_FILE.name}: column {name}: unknown vocabulary "
                         f"{col.vocabulary!r}")
    return col


def _templates(specs: dict[str, dict[str, object]], first: int) -> dict[str, Template]:
    templates: dict[str, Template] = {}
    for order, (name, spec) in enumerate(specs.items(), start=first):
        label = spec.get("label")
        if label:
            MODEL.check_labels([str(label)])
        columns = spec["columns"]
        assert isinstance(columns, dict)
        templates[name] = Template(
            name=name,
            label=str(label) if label else None,
            id_columns=tuple(spec["id"]),  # type: ignore[arg-type]
            columns=tuple(_column(c, s) for c, s in columns.items()),
            order=order,
        )
    return templates


@cache
def load_templates(path: Path = TEMPLATES_FILE) -> TemplateSet:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    templates = _templates(raw["templates"], 0)
    builtin = _templates(raw.get("builtin_templates") or {}, len(templates))
    for t in (*templates.values(), *builtin.values()):
        for col in t.columns:
            unknown = [r for r in col.ref if r not in templates]
            if unknown:
                raise ValueError(f"{path.name}: {t.name}.{col.name}: unknown ref {unknown}")
    grading = tuple(_column(c, s) for c, s in raw["grading_columns"].items())
    return TemplateSet(templates=templates, grading_columns=grading, builtin=builtin)


TEMPLATES = load_templates()
