"""``crosslink stats`` and ``crosslink report situation``: the statistics of the graph for a
filter, and a country's situation report (JSON, HTML or PDF).

Run by the server's owner they count everything; ``--as USER`` counts what that user may see
(their role, authority and teams) and says how much was left out."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from sqlalchemy.orm import Session

from backend.auth.viewer import Viewer, system_viewer, viewer_for
from backend.cli.app_db import cli_db
from backend.cli.context import cli_graph
from backend.cli.output import FormatOption, OutputFormat, console, fail, print_json, print_rows
from backend.cli.viewer import cli_username
from backend.errors import CrosslinkError
from backend.reports.sections import corridor_text
from backend.reports.situation_html import situation_html
from backend.reports.situation_pdf import situation_pdf
from backend.services import situation, statistics, users
from backend.settings import Settings

report_app = typer.Typer(help="Reports: the situation report of a country.",
                         no_args_is_help=True)

AsOption = Annotated[str | None, typer.Option(
    "--as", help="Count what this user may see (default: everything, as the server's owner).")]
SinceOption = Annotated[str | None, typer.Option(
    help="Only cases opened on or after this date (YYYY-MM-DD).")]


OPTIONS = {"countries": "--country", "country": "--country", "since": "--since",
           "until": "--until"}


def _viewer(db: Session, username: str | None) -> Viewer:
    """The user named by --as, else the command line's own viewer (sees everything)."""
    if username is None:
        return system_viewer(cli_username())
    user = users.get_user(db, username)
    if user is None:
        fail(f"--as {username}: no such user (crosslink user list)", 2)
        raise  # unreachable: fail exits
    return viewer_for(db, user)


def figure_rows(figures: dict[str, Any]) -> list[dict[str, Any]]:
    """Every figure as rows of (figure, key, count): the table and the CSV."""
    rows: list[dict[str, Any]] = []
    for name in ("cases", "victims", "networks"):
        for part in ("shown", "left_out"):
            rows.append({"figure": name, "key": part, "count": figures[name][part]})
    for group in ("victims_by", "cases_by"):
        for name, found in figures[group].items():
            rows += [{"figure": f"{group.split('_')[0]} by {name}", "key": r["key"],
                      "count": r["count"]} for r in found]
    rows += [{"figure": "corridor", "key": corridor_text(c), "count": c["victims"]}
             for c in figures["corridors"]]
    rows += [{"figure": "agencies without a valid licence", "key": r["country"],
              "count": r["agencies"]} for r in figures["unlicensed_agencies"]]
    rows += [{"figure": "networks by country pair", "key": r["countries"],
              "count": r["networks"]} for r in figures["networks_by_country_pair"]]
    return rows


def stats(
    country: Annotated[list[str] | None, typer.Option(
        "--country", help="Cases of these jurisdictions (repeat it, or GT,MX).")] = None,
    since: SinceOption = None,
    until: Annotated[str | None, typer.Option(
        help="Only cases opened on or before this date (YYYY-MM-DD).")] = None,
    sector: Annotated[str | None, typer.Option(help="Only cases of this sector.")] = None,
    source_kind: Annotated[str | None, typer.Option(
        help="Only cases reported by sources of this kind (police, ngo, ...).")] = None,
    as_user: AsOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Victims by gender, age band, citizenship and country of exploitation; cases by year,
    sector, exploitation type and indicator; corridors; agencies without a valid licence by
    country; networks by country pair."""
    settings = Settings()
    with cli_db(settings) as db, cli_graph(settings) as graph:
        try:
            flt = statistics.make_filter(countries=country, since=since, until=until,
                                         sector=sector, source_kind=source_kind)
            figures = statistics.statistics(graph, db, _viewer(db, as_user), flt,
                                            timeout=settings.api_timeout)
        except CrosslinkError as exc:
            option = OPTIONS.get(exc.field or "")
            fail(f"{option}: {exc.message}" if option else exc.message, 2)
    if fmt is OutputFormat.json:
        print_json(figures)
        return
    print_rows(figure_rows(figures), fmt, title="Statistics", columns=["figure", "key", "count"])
    if fmt is OutputFormat.table and (figures["cases"]["left_out"]
                                      or figures["victims"]["left_out"]):
        console.print(f"left out (not yours to see): {figures['cases']['left_out']} cases, "
                      f"{figures['victims']['left_out']} victims, "
                      f"{figures['networks']['left_out']} networks", style="yellow")


class SituationFormat(StrEnum):
    json = "json"
    html = "html"
    pdf = "pdf"


@report_app.command("situation")
def situation_command(
    country: Annotated[str, typer.Option(
        "--country", help="The country (ISO 3166-1 alpha-2, e.g. GT).")],
    since: SinceOption = None,
    fmt: Annotated[SituationFormat, typer.Option(
        "--format", "-f", help="json (for programs), html or pdf")] = SituationFormat.json,
    out: Annotated[Path | None, typer.Option(
        "--out", help="Write the report to this file (needed for pdf; default: stdout).")
    ] = None,
    as_user: AsOption = None,
) -> None:
    """A country's figures as origin, transit and destination, its corridors, its networks and
    the authorities to involve, the agencies to watch; what was left out."""
    if fmt is SituationFormat.pdf and out is None:
        fail("--format pdf writes a file: give --out FILE.pdf", 2)
    settings = Settings()
    with cli_db(settings) as db, cli_graph(settings) as graph:
        try:
            report = situation.situation_report(graph, db, _viewer(db, as_user), country,
                                                since=since, timeout=settings.api_timeout)
        except CrosslinkError as exc:
            option = OPTIONS.get(exc.field or "")
            fail(f"{option}: {exc.message}" if option else exc.message, 2)
    if fmt is SituationFormat.pdf:
        assert out is not None
        out.write_bytes(situation_pdf(report))
    else:
        text = (json.dumps(report, ensure_ascii=False, indent=2) + "\n"
                if fmt is SituationFormat.json else situation_html(report))
        if out is None:
            sys.stdout.write(text)
            return
        out.write_text(text, encoding="utf-8")
    console.print(f"situation report of {report['country_name']} written to {out}: "
                  f"{len(report['corridors'])} corridors, {len(report['networks'])} networks",
                  highlight=False)
