"""Reading a source file through its mapping: one ``MappedFile`` per template the file feeds,
which yields the template's header and then, for each row of the file, the template row
(template columns' cell text) on the file's own line number. The pipeline checks and loads
it exactly as a native template file."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path

from ingest.grading import Grading
from ingest.mapping.cells import converter
from ingest.mapping.model import GRADING, LIST_TYPES, ColumnRule, Mapping, TemplateRule
from ingest.readers import Dialect, Line, UnreadableFileError, open_rows
from ingest.templates import TEMPLATES, Template
from ingest.validation import RowChecker
from values.text import LIST_SEPARATOR

Cell = Callable[[list[str]], str]
# Reads a file as rows (header first) for a mapping: a standard's own reader (ingest/standards)
# that turns its sheet into columns a built-in mapping names.
RowReader = Callable[[Path], AbstractContextManager[Iterator[Line]]]


def _normal(name: str) -> str:
    return " ".join(name.split()).casefold()


def _cell(rule: ColumnRule, index: dict[str, int], column_type: str,
          convert: Callable[[str], str] | None) -> tuple[Cell, bool]:
    """The function making one template cell from the file's cells, and whether it is a
    constant (a row of constants only is a blank row)."""
    if rule.constant is not None:
        constant = rule.constant
        return (lambda cells: constant), True
    positions = [index[_normal(s)] for s in rule.sources]
    separator = rule.separator
    values = rule.folded_values()
    split = rule.split
    is_list = column_type in LIST_TYPES

    def one(item: str) -> str:
        item = item.strip()
        if not item:
            return ""
        mapped = values.get(item.casefold())
        if mapped is not None:
            return mapped
        return convert(item) if convert else item

    def make(cells: list[str]) -> str:
        width = len(cells)
        parts = [cells[i].strip() for i in positions if i < width]
        text = separator.join(p for p in parts if p)
        if not text:
            return ""
        if split is not None or (is_list and (values or convert)):
            items = text.split(split) if split is not None else text.split(LIST_SEPARATOR)
            return LIST_SEPARATOR.join(v for v in map(one, items) if v)
        return one(text)

    return make, False


@dataclass(frozen=True)
class MappedFile:
    """One template fed from a source file through a mapping."""

    path: Path
    template: Template
    mapping: Mapping
    mapping_file: str
    reader: RowReader | None = None  # else the file's own rows (ingest.readers)

    @property
    def rules(self) -> list[TemplateRule]:
        return [r for r in self.mapping.templates if r.template == self.template.name]

    @property
    def columns(self) -> list[str]:
        """The header the checker sees: the template's columns and the grading columns the
        mapping fills."""
        graded = [g for g in GRADING if any(g in r.columns for r in self.rules)]
        return [*self.template.column_names, *graded]

    def _check_header(self, line: int, header: list[str]) -> dict[str, int]:
        index: dict[str, int] = {}
        for i, name in enumerate(header):
            index.setdefault(_normal(name), i)
        for number, rule in enumerate(self.mapping.templates):
            if rule.template != self.template.name:
                continue
            missing = [s for s in rule.sources if _normal(s) not in index]
            if missing:
                shown = ", ".join(h for h in header if h.strip())
                raise UnreadableFileError(
                    line, ", ".join(missing),
                    f"the mapping {self.mapping_file} (templates[{number}], "
                    f"{self.template.name}) reads the column(s) {', '.join(missing)}, which "
                    f"the file's header does not have; its columns are: {shown}. Correct the "
                    "mapping; nothing was loaded from this file")
        return index

    def _makers(self, index: dict[str, int]) -> list[tuple[list[int], list[tuple[int, Cell]],
                                                           list[int]]]:
        columns = self.columns
        position = {c: i for i, c in enumerate(columns)}
        makers = []
        for rule in self.rules:
            cells: list[tuple[int, Cell]] = []
            constant_only: list[int] = []
            for name, column_rule in rule.columns.items():
                column_type = (self.template.column(name).type
                               if name in self.template.column_names else "text")
                make, constant = _cell(column_rule, index, column_type,
                                       converter(column_type, self.mapping))
                cells.append((position[name], make))
                if constant:
                    constant_only.append(position[name])
            when = [index[_normal(w)] for w in rule.when]
            makers.append((when, cells, constant_only))
        return makers

    @contextmanager
    def open_rows(self, dialect: Dialect | None = None) -> Iterator[Iterator[Line]]:
        """The template's header, then each row of the file as a template row; the file read
        by the standard's own reader when it has one, else as ``dialect`` says, else with the
        mapping's encoding and delimiter (detected when the mapping names none)."""
        if self.reader is not None:
            with self.reader(self.path) as rows:
                yield self._template_rows(rows)
            return
        encoding, delimiter = ((dialect.encoding, dialect.delimiter) if dialect is not None
                               else (self.mapping.encoding, self.mapping.delimiter))
        with open_rows(self.path, encoding, delimiter) as rows:
            yield self._template_rows(rows)

    def _template_rows(self, rows: Iterator[Line]) -> Iterator[Line]:
        header = next(rows, None)
        columns = self.columns
        yield 1, list(columns)
        if header is None:
            return
        makers = self._makers(self._check_header(*header))
        width = len(columns)
        seen: set[tuple[str, ...]] = set()
        many = len(self.mapping.templates) > 1  # a wide sheet names records again
        for line, cells in rows:
            for when, rule_cells, constants in makers:
                if when and not any(i < len(cells) and cells[i].strip() for i in when):
                    continue
                out = [""] * width
                for i, make in rule_cells:
                    out[i] = make(cells)
                if not any(v for i, v in enumerate(out) if v and i not in constants):
                    continue  # a blank part of the row: nothing to load
                if many or when:
                    key = tuple(out)
                    if key in seen:  # the same record named again by a wide sheet
                        continue
                    seen.add(key)
                yield line, out


def mapped_files(path: Path, mapping: Mapping, mapping_file: str,
                 reader: RowReader | None = None) -> list[MappedFile]:
    """The templates ``path`` feeds through ``mapping``, one ``MappedFile`` each (a built-in
    mapping may feed the built-in templates too)."""
    names = list(dict.fromkeys(r.template for r in mapping.templates))
    known = {**TEMPLATES.templates, **TEMPLATES.builtin}
    return [MappedFile(path, known[n], mapping, mapping_file, reader) for n in names]


@dataclass
class PreviewRow:
    """One template row as it would load, and what the template checker says of it."""

    line: int
    cells: dict[str, str]
    problems: list[str]


def _shown(value: object) -> str:
    """One cleaned value as text: list items joined by ``;``, a value's parts (a phone and
    its country, a document's kind, country and number) by spaces."""
    if isinstance(value, list):
        return ";".join(map(_shown, value))
    if isinstance(value, tuple):
        return " ".join(str(part) for part in value if part not in (None, ""))
    return str(value)


def _loaded(values: dict[str, object]) -> dict[str, str]:
    """A checked row's values as they will be written (``F`` -> ``female``)."""
    return {column: _shown(value) for column, value in values.items()
            if value not in (None, "", [], ())}


def preview(mapped: MappedFile, grading: Grading, limit: int = 20) -> list[PreviewRow]:
    """The first template rows as they would load (a row that passes shows its cleaned values,
    one that does not its cells as mapped), each with its checker's messages (column,
    value, reason). References to other files are not checked here: the load checks them.
    Raises ``UnreadableFileError`` when the file or its header cannot be read."""
    out: list[PreviewRow] = []
    checker = RowChecker(mapped.template, grading, str(mapped.path))
    with mapped.open_rows() as rows:
        line, header = next(rows)
        refused = [e for e in checker.check_header(line, header) if not e.is_warning]
        if refused:
            raise UnreadableFileError(line, refused[0].column, refused[0].reason)
        for line, cells in rows:
            checked, errors = checker.check(line, cells)
            problems = [f"{e.column}: {e.value!r}: {e.reason}" if e.value
                        else f"{e.column}: {e.reason}" if e.column else e.reason
                        for e in errors]
            shown = (_loaded(checked.values) if checked is not None
                     else dict(zip(header, cells, strict=True)))
            out.append(PreviewRow(line, shown, problems))
            if len(out) >= limit:
                break
    return out
