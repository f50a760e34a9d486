"""Which of the files given to an ingest are native templates and which are read through a
mapping, and which source they come from (``source.yaml`` of a folder).

For each file: a mapping given on the command line whose ``files`` match its name (or the only
one given), else the folder's ``source.yaml`` mappings, else a saved mapping of the source
(``MappingStore``), else the file must be named after its template.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ingest.mapping.apply import MappedFile, mapped_files
from ingest.mapping.model import load_mapping
from ingest.mapping.source_folder import (
    MAPPING_SUFFIX,
    SOURCE_FILE,
    SourceFolder,
    read_source_folder,
)
from ingest.mapping.store import MappingStore, SavedMapping
from ingest.readers import IngestUsageError
from ingest.templates import TEMPLATES

# Files of a source folder that are not data.
NOT_DATA = (SOURCE_FILE, "truth.json")


@dataclass
class IngestPlan:
    native: list[Path] = field(default_factory=list)
    mapped: list[MappedFile] = field(default_factory=list)
    source_folder: SourceFolder | None = None
    used: list[SavedMapping] = field(default_factory=list)  # the mappings given that were used


def _data_files(folder: Path) -> list[Path]:
    return [p for p in sorted(folder.iterdir()) if p.is_file() and p.name not in NOT_DATA
            and not p.name.endswith((MAPPING_SUFFIX, ".yaml", ".yml"))
            and not p.name.startswith(".")]


def plan_ingest(paths: Sequence[Path], mappings: Sequence[Path] = (), *,
                store: MappingStore | None = None, source_id: str | None = None) -> IngestPlan:
    """Sort ``paths`` into native and mapped files. Raises ``MappingError`` for a bad mapping
    or source.yaml, ``IngestUsageError`` when a file has neither a template name nor a
    mapping."""
    given = [SavedMapping(p, load_mapping(p)) for p in mappings]
    plan = IngestPlan()
    for path in paths:
        if path.is_dir():
            folder = read_source_folder(path)
            if folder is not None:
                if plan.source_folder is not None:
                    raise IngestUsageError(
                        f"{path}: a second folder with a {SOURCE_FILE}; load one source "
                        "folder at a time")
                plan.source_folder = folder
                source_id = source_id or folder.description.id
            files = _data_files(path)
            chosen = [(f, _choose(f, given, folder, store, source_id, in_folder=True))
                      for f in files]
            kept = [(f, m) for f, m in chosen if m is not None or TEMPLATES.for_file(f)]
            if not kept:
                raise IngestUsageError(
                    f"{path}: no template files in this folder and no mapping for its files; "
                    "expected some of " + ", ".join(TEMPLATES.file_names())
                    + f" or a {SOURCE_FILE} with mappings")
        elif path.is_file():
            kept = [(path, _choose(path, given, None, store, source_id, in_folder=False,
                                   only=len(paths) == 1))]
        else:
            raise IngestUsageError(f"{path}: no such file or folder")
        for file, saved in kept:
            if saved is None:
                if TEMPLATES.for_file(file) is None:
                    raise IngestUsageError(
                        f"{file}: the file name does not name a template; rename it to one of "
                        + ", ".join(TEMPLATES.file_names()) + ", or read it through a mapping "
                        "(--mapping MAP.yaml; `crosslink mapping suggest FILE` writes one)")
                plan.native.append(file)
            else:
                plan.mapped.extend(mapped_files(file, saved.mapping, str(saved.path)))
                if saved in given and saved not in plan.used:
                    plan.used.append(saved)
    return plan


def _choose(path: Path, given: list[SavedMapping], folder: SourceFolder | None,
            store: MappingStore | None, source_id: str | None,
            *, in_folder: bool, only: bool = False) -> SavedMapping | None:
    """The mapping reading ``path``; ``only``: the one file of the command."""
    for saved in given:
        if saved.mapping.matches_name(path):
            return saved
    if len(given) == 1 and not in_folder and (only or TEMPLATES.for_file(path) is None):
        return given[0]
    if folder is not None and (found := folder.mapping_for(path)) is not None:
        return found
    if TEMPLATES.for_file(path) is not None:
        return None
    if store is not None and source_id:
        return store.find(source_id, path)
    return None
