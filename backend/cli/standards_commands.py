"""``crosslink import htcds|ctdc`` and ``crosslink export htcds|ctdc``: IOM's data standards
in and out (docs: "IOM data standards"). The imports are loads like ``crosslink ingest``
(same grading options, progress and report); the exports go through the services with the
system viewer ``cli:<login>``, audited as such."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from backend.cli.context import cli_graph
from backend.cli.ingest_command import (
    BatchSizeOption,
    CredibilityOption,
    ErrorsOption,
    ReliabilityOption,
    SourceCountryOption,
    SourceKindOption,
    SourceNameOption,
    SourceOption,
    StrictOption,
    TlpOption,
    finish_report,
    grading_of,
    run_ingest,
)
from backend.cli.output import ReportFormat, ReportFormatOption, console, fail
from backend.cli.viewer import cli_viewer
from backend.errors import CrosslinkError
from backend.services import standards_export
from backend.settings import Settings
from ingest.standards.files import NOTES, standard_files

FileArgument = Annotated[Path, typer.Argument(
    help="The file (.csv or .xlsx).", exists=True, dir_okay=False, readable=True)]


def import_htcds(
    file: FileArgument,
    source: SourceOption,
    source_name: SourceNameOption = None,
    source_kind: SourceKindOption = None,
    source_country: Annotated[str | None, typer.Option(
        help="Country of the source (ISO alpha-2): default region of phone numbers and the "
        "jurisdiction of cases whose sheet names no country of exploitation.")] = None,
    reliability: ReliabilityOption = "F",
    credibility: CredibilityOption = "6",
    tlp: TlpOption = "AMBER",
    strict: StrictOption = False,
    errors: ErrorsOption = None,
    batch_size: BatchSizeOption = None,
    fmt: ReportFormatOption = ReportFormat.table,
) -> None:
    """Load an HTCDS 2.0 case sheet: cases, their protected victims, perpetrators, indicators,
    places and referral organisations."""
    settings = Settings()
    grading = grading_of(source, source_name, source_kind, source_country, reliability,
                         credibility, tlp, errors)
    mapped = standard_files("htcds", file, grading.source_country)
    report = run_ingest(settings, grading, [], mapped=mapped, strict=strict,
                        batch_size=batch_size)
    finish_report(report, errors, fmt)


def import_ctdc(
    file: FileArgument,
    source: SourceOption,
    source_name: SourceNameOption = None,
    source_kind: SourceKindOption = None,
    source_country: SourceCountryOption = None,
    reliability: ReliabilityOption = "F",
    credibility: CredibilityOption = "6",
    tlp: TlpOption = "AMBER",
    strict: StrictOption = False,
    errors: ErrorsOption = None,
    batch_size: BatchSizeOption = None,
    fmt: ReportFormatOption = ReportFormat.table,
) -> None:
    """Load a CTDC victim file (k-anonymised 63 columns or synthetic 27) as anonymous victim
    records for the statistics."""
    settings = Settings()
    grading = grading_of(source, source_name, source_kind, source_country, reliability,
                         credibility, tlp, errors)
    report = run_ingest(settings, grading, [], mapped=standard_files("ctdc", file, None),
                        strict=strict, batch_size=batch_size)
    finish_report(report, errors, fmt, note=NOTES["ctdc"])


def _since(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        fail(f"--since {value!r}: write a date as YYYY-MM-DD", 2)
    return None


def export_htcds(
    out: Annotated[Path, typer.Option("--out", help="File to write: .xlsx or .csv.")],
    country: Annotated[list[str] | None, typer.Option(
        "--country", help="Only cases of this jurisdiction (ISO alpha-2); repeatable.")] = None,
    since: Annotated[str | None, typer.Option(
        "--since", help="Only cases opened on or after this date (YYYY-MM-DD).")] = None,
    source: Annotated[list[str] | None, typer.Option(
        "--source", help="Only cases of this source id; repeatable.")] = None,
    include_protected: Annotated[bool, typer.Option(
        "--include-protected", help="Write protected persons' names and birth dates "
        "(needs --reason).")] = False,
    reason: Annotated[str | None, typer.Option("--reason", help="Why (audited).")] = None,
) -> None:
    """Write the HTCDS 2.0 case sheet of the cases (never TLP:RED ones); protected persons'
    names are left out unless --include-protected."""
    settings = Settings()
    with cli_viewer(settings) as (db, viewer), cli_graph(settings) as graph:
        try:
            summary = standards_export.export_htcds_file(
                graph, db, viewer, out, countries=country or [], since=_since(since),
                sources=source or [], include_protected=include_protected, reason=reason)
        except CrosslinkError as exc:
            fail(exc.message, 1)
    console.print(f"{summary['cases']} cases written to {out} (HTCDS 2.0); protected persons "
                  f"left unnamed: {summary['masked']}", highlight=False)


def export_ctdc(
    out: Annotated[Path, typer.Option("--out", help="File to write (.csv).")],
    k: Annotated[int | None, typer.Option(
        "--k", min=2, help="Suppress combinations of gender, age band, citizenship, country "
        "of exploitation and year seen fewer than k times (default CROSSLINK_CTDC_K).")] = None,
    country: Annotated[list[str] | None, typer.Option(
        "--country", help="Only victims of cases of this jurisdiction; repeatable.")] = None,
    since: Annotated[str | None, typer.Option(
        "--since", help="Only cases opened on or after this date (YYYY-MM-DD).")] = None,
) -> None:
    """Write a k-anonymised CTDC file (63 columns) of the victims of the cases and the
    victim records: no names, ids or free text."""
    settings = Settings()
    with cli_viewer(settings) as (db, viewer), cli_graph(settings) as graph:
        try:
            summary = standards_export.export_ctdc_file(
                graph, db, viewer, out, k=k or settings.ctdc_k, countries=country or [],
                since=_since(since))
        except CrosslinkError as exc:
            fail(exc.message, 1)
    console.print(f"{summary['rows']} victims written to {out} (CTDC, k={summary['k']}); "
                  f"suppressed as rarer than k: {summary['suppressed']}", highlight=False)
