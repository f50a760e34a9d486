"""The standards a file can be loaded as (CLI ``crosslink import``, the API upload and the
Ingest page): the mapped files the pipeline loads for it, and what the report says after."""

from __future__ import annotations

from pathlib import Path

from ingest.mapping.apply import MappedFile
from ingest.standards.ctdc import ctdc_files
from ingest.standards.htcds import htcds_files

STANDARDS = {"htcds": "HTCDS 2.0 case sheet", "ctdc": "CTDC victim file"}
NOTES = {"ctdc": "CTDC rows carry no names: they are VictimRecord nodes counted in the "
                 "statistics, and never enter entity resolution or networks."}


def standard_files(standard: str, path: Path, default_country: str | None) -> list[MappedFile]:
    """``default_country``: the source's country (HTCDS cases that name no country)."""
    if standard == "htcds":
        return htcds_files(path, default_country)
    if standard == "ctdc":
        return ctdc_files(path)
    raise ValueError(f"unknown standard {standard!r}; known: {', '.join(STANDARDS)}")
