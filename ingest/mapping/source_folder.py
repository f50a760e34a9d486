"""A folder that describes itself: ``source.yaml`` names the source, its grading and the
mappings of the files in the folder that are written in the source's own layout.

    id: mx-stps
    name: Secretaría del Trabajo (MX)
    kind: labour_inspectorate
    country: MX
    reliability: B
    credibility: 3
    tlp: AMBER
    mappings: [personas.mapping.yaml]   # default: the folder's *.mapping.yaml files
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ingest.grading import Grading, GradingError
from ingest.mapping.model import MappingError, as_text, load_mapping, yaml_key
from ingest.mapping.store import SavedMapping

SOURCE_FILE = "source.yaml"
MAPPING_SUFFIX = ".mapping.yaml"


class SourceDescription(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    name: str | None = None
    kind: str | None = None
    country: str | None = None
    reliability: str = "F"
    credibility: str = "6"
    tlp: str = "AMBER"
    mappings: list[str] | None = None

    @field_validator("credibility", "reliability", "tlp", "id", "country", mode="before")
    @classmethod
    def _as_text(cls, value: Any) -> Any:
        return as_text(value) if isinstance(value, int | float | bool) else value

    def grading(self, file: str) -> Grading:
        try:
            return Grading(self.id, self.name, self.kind, self.country, self.reliability,
                           self.credibility, self.tlp)
        except GradingError as exc:
            key = {"source_id": "id"}.get(exc.field, exc.field.removeprefix("source_"))
            raise MappingError(file, [(key, exc.reason)]) from None


class SourceFolder(BaseModel):
    folder: Path
    description: SourceDescription
    mappings: list[SavedMapping] = Field(default_factory=list)

    model_config = ConfigDict(arbitrary_types_allowed=True)

    @property
    def file(self) -> Path:
        return self.folder / SOURCE_FILE

    def grading(self) -> Grading:
        return self.description.grading(str(self.file))

    def mapping_for(self, path: Path) -> SavedMapping | None:
        return next((m for m in self.mappings if m.mapping.matches_name(path)), None)


def write_source_file(folder: Path, description: SourceDescription) -> Path:
    """``source.yaml`` of ``folder`` (its mappings: the folder's *.mapping.yaml unless
    listed)."""
    data = description.model_dump(exclude_none=True)
    path = folder / SOURCE_FILE
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def read_source_folder(folder: Path) -> SourceFolder | None:
    """The folder's ``source.yaml`` and its mappings, or ``None`` when it has none."""
    file = folder / SOURCE_FILE
    if not file.is_file():
        return None
    try:
        raw = yaml.safe_load(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise MappingError(str(file), [("", f"cannot read it: {exc}")]) from None
    try:
        description = SourceDescription.model_validate(raw)
    except ValidationError as exc:
        raise MappingError(str(file), [(yaml_key(e["loc"]), e["msg"]) for e in exc.errors()]
                           ) from None
    description.grading(str(file))
    names = description.mappings
    paths = ([folder / n for n in names] if names is not None
             else sorted(folder.glob(f"*{MAPPING_SUFFIX}")))
    mappings = []
    for i, path in enumerate(paths):
        if not path.is_file():
            raise MappingError(str(file), [(f"mappings[{i}]", f"no such file {path.name}")])
        mapping = load_mapping(path)
        if not mapping.files:
            raise MappingError(str(path), [("files", "say which files of the folder this "
                                            "mapping reads, e.g. files: [personas*.csv]")])
        mappings.append(SavedMapping(path, mapping))
    return SourceFolder(folder=folder, description=description, mappings=mappings)
