"""References between templates: an id column must name a record of the same source, loaded
earlier in this run or already in the graph. Checked per batch, so the graph is asked once
per batch, and only for the ids the run has not seen under any of the column's templates:
an id the run knows is taken from the run (an id given both to a record of this run and to
a record of another template in an earlier run is not reported as ambiguous)."""

from __future__ import annotations

from collections import defaultdict

from graph.connection import Graph
from graph.lookups import existing_accounts, existing_uids
from ingest.report import IngestError
from ingest.templates import TEMPLATES, Template
from ingest.validation import CheckedRow


def record_uid(source: str, record_id: str) -> str:
    return f"{source}:{record_id}"


class KnownRecords:
    """The ids each template has loaded (or, in a check pass, would load) in this run."""

    def __init__(self) -> None:
        self.ids: dict[str, set[tuple[str, str]]] = defaultdict(set)

    def add(self, template: Template, row: CheckedRow) -> None:
        if template.label:
            self.ids[template.name].add((row.source, row.record_id))

    def remove(self, template: str, row: CheckedRow) -> None:
        """A row that was not written after all (the database refused it)."""
        self.ids[template].discard((row.source, row.record_id))

    def has(self, template: str, source: str, record_id: str) -> bool:
        return (source, record_id) in self.ids[template]

    def has_any(self, templates: tuple[str, ...], source: str, record_id: str) -> bool:
        return any((source, record_id) in self.ids[t] for t in templates)


def _key(template: Template, source: str, value: str) -> str:
    """How a referenced record is keyed in the graph: accounts by number, others by uid."""
    return value if template.label == "Account" else record_uid(source, value)


def resolve_references(
    graph: Graph, template: Template, rows: list[CheckedRow], known: KnownRecords, file_name: str
) -> tuple[list[CheckedRow], list[IngestError]]:
    """Fill each row's ``links`` (column -> (label, key)); rows whose references are
    unknown or ambiguous are returned as errors instead."""
    ref_columns = [c for c in template.columns if c.ref]
    if not ref_columns:
        return rows, []
    # What the run does not know yet is looked up in the graph, once per target template.
    wanted: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        for col in ref_columns:
            value = row.values.get(col.name)
            if value is None or known.has_any(col.ref, row.source, value):
                continue
            for target in col.ref:
                wanted[target].add(_key(TEMPLATES.templates[target], row.source, value))
    in_graph: dict[str, set[str]] = {}
    accounts: dict[str, set[str]] = {}
    for target, keys in wanted.items():
        label = TEMPLATES.templates[target].label
        assert label is not None
        if label == "Account":
            accounts = existing_accounts(graph, keys)
        else:
            in_graph[target] = existing_uids(graph, label, keys)

    good: list[CheckedRow] = []
    errors: list[IngestError] = []
    for row in rows:
        row_errors = []
        for col in ref_columns:
            value = row.values.get(col.name)
            if value is None:
                continue
            found = []
            in_run = known.has_any(col.ref, row.source, value)
            for target in col.ref:
                t = TEMPLATES.templates[target]
                key = _key(t, row.source, value)
                if known.has(target, row.source, value) or not in_run and (
                    row.source in accounts.get(key, ()) if t.label == "Account"
                    else key in in_graph.get(target, ())
                ):
                    found.append(t)
            if len(found) == 1:
                assert found[0].label is not None
                row.links[col.name] = (found[0].label, _key(found[0], row.source, value))
            elif not found:
                where = " or ".join(f"{t}.csv" for t in col.ref)
                row_errors.append(IngestError(
                    file_name, row.line, col.name, str(value),
                    f"unknown id: no {where} record {value!r} from source {row.source!r} in "
                    "this load or in the graph; load that record first or fix the id"))
            else:
                names = " and ".join(t.name for t in found)
                row_errors.append(IngestError(
                    file_name, row.line, col.name, str(value),
                    f"ambiguous id: {value!r} names records of {names} in source "
                    f"{row.source!r}; give them distinct ids"))
        if row_errors:
            errors.extend(row_errors)
        else:
            good.append(row)
    return good, errors
