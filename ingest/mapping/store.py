"""Mappings kept per source, so that the next file of a source needs none: in the app's data
folder, ``<data_dir>/mappings/<source_id>/<name>.yaml``. A saved mapping reads a file when its
``files`` patterns match the file's name, or else when the file's header has every column the
mapping reads."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ingest.grading import check_source_id
from ingest.mapping.model import Mapping, MappingError, load_mapping, parse_mapping
from ingest.readers import UnreadableFileError, open_rows

_NAME = re.compile(r"[^A-Za-z0-9_.-]+")


@dataclass(frozen=True)
class SavedMapping:
    path: Path
    mapping: Mapping


def header(path: Path, mapping: Mapping | None = None) -> list[str]:
    """The first row of a file (in the mapping's encoding and delimiter, else detected)."""
    encoding = mapping.encoding if mapping else None
    delimiter = mapping.delimiter if mapping else None
    try:
        with open_rows(path, encoding, delimiter) as rows:
            first = next(rows, None)
    except (UnreadableFileError, OSError, UnicodeDecodeError):
        return []
    return [] if first is None else [c.strip() for c in first[1]]


def reads_header(mapping: Mapping, columns: list[str]) -> bool:
    names = {" ".join(c.split()).casefold() for c in columns}
    return all(" ".join(s.split()).casefold() in names for s in mapping.source_columns)


class MappingStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def folder(self, source_id: str) -> Path:
        return self.root / check_source_id(source_id)

    def save(self, source_id: str, text: str, name: str | None = None) -> Path:
        """Check and keep a mapping for ``source_id``; returns where it is kept."""
        mapping = parse_mapping(text, name or "mapping")
        stem = _NAME.sub("-", (name or mapping.name or "mapping").removesuffix(".yaml")
                         .removesuffix(".mapping")).strip("-") or "mapping"
        folder = self.folder(source_id)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{stem}.yaml"
        path.write_text(text, encoding="utf-8")
        return path

    def saved(self, source_id: str) -> list[SavedMapping]:
        folder = self.folder(source_id)
        if not folder.is_dir():
            return []
        out = []
        for path in sorted(folder.glob("*.yaml")):
            try:
                out.append(SavedMapping(path, load_mapping(path)))
            except MappingError:
                continue  # listed by `crosslink mapping list` with its problem
        return out

    def listing(self, source_id: str | None = None) -> list[dict[str, str]]:
        """Every kept mapping (of ``source_id``, else of every source): where it is, which
        files and templates it reads, or why it cannot be used."""
        rows = []
        for source in [source_id] if source_id else self.sources():
            folder = self.folder(source)
            for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
                try:
                    mapping = load_mapping(path)
                except MappingError as exc:
                    rows.append({"source": source, "mapping": path.stem, "files": "",
                                 "templates": "", "path": str(path),
                                 "problem": "; ".join(f"{k}: {r}" if k else r
                                                      for k, r in exc.problems)})
                    continue
                rows.append({"source": source, "mapping": path.stem,
                             "files": ", ".join(mapping.files),
                             "templates": ", ".join(dict.fromkeys(
                                 t.template for t in mapping.templates)),
                             "path": str(path), "problem": ""})
        return rows

    def sources(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return sorted(p.name for p in self.root.iterdir() if p.is_dir())

    def find(self, source_id: str, path: Path) -> SavedMapping | None:
        """The saved mapping of ``source_id`` that reads ``path``: by name, else by header
        (the one reading most columns)."""
        saved = self.saved(source_id)
        for item in saved:
            if item.mapping.matches_name(path):
                return item
        fitting = [s for s in saved if reads_header(s.mapping, header(path, s.mapping))]
        return max(fitting, key=lambda s: len(s.mapping.source_columns), default=None)
