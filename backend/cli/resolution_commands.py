"""``crosslink resolve``, ``crosslink candidates``, ``crosslink judge`` and
``crosslink networks``: entity resolution and cross-border networks from the command line."""

from __future__ import annotations

from collections import Counter
from enum import StrEnum
from typing import Annotated, Any

import typer
from pydantic import ValidationError
from rich.panel import Panel
from rich.table import Table

from backend.cli.context import cli_graph
from backend.cli.output import (
    FormatOption,
    OutputFormat,
    ReportFormat,
    ReportFormatOption,
    console,
    fail,
    print_json,
    print_rows,
)
from backend.cli.viewer import cli_viewer, os_login
from backend.errors import CrosslinkError
from backend.services import resolution
from backend.settings import Settings
from graph.model import readable_key
from graph.networks import detect_networks
from graph.networks.profile import actor_caption
from graph.resolution import list_candidates


class Status(StrEnum):
    candidate = "candidate"
    confirmed = "confirmed"
    rejected = "rejected"


class Decision(StrEnum):
    confirm = "confirm"
    reject = "reject"


def _settings() -> Settings:
    """The settings, with thresholds that make sense together (else exit 2, naming them)."""
    try:
        settings = Settings()
    except ValidationError as exc:
        problems = "; ".join(f"CROSSLINK_{'_'.join(map(str, e['loc'])).upper()}: {e['msg']}"
                             for e in exc.errors())
        fail(problems, 2)
    try:
        settings.resolution_thresholds()
    except ValueError as exc:
        fail(f"CROSSLINK_RESOLUTION_CANDIDATE / CROSSLINK_RESOLUTION_AUTO_CONFIRM: {exc}", 2)
    return settings


def resolve(fmt: ReportFormatOption = ReportFormat.table) -> None:
    """Propose SAME_AS candidates between actor records of different sources; confirm the
    sure ones automatically. Judged pairs are never changed."""
    settings = _settings()
    with cli_viewer(settings) as (db, viewer), cli_graph(settings) as graph:
        summary = resolution.run(graph, db, viewer, settings.resolution_thresholds())
    if fmt is ReportFormat.json:
        print_json(summary.to_dict())
        return
    rows = [{"label": label, **counts} for label, counts in summary.per_label.items()]
    print_rows(rows, title="Entity resolution", columns=[
        "label", "records", "pairs_compared", "candidates", "auto_confirmed",
        "decided_skipped"])
    console.print(
        f"{summary.pairs_compared} pairs compared, {summary.candidates} candidates, "
        f"{summary.auto_confirmed} auto-confirmed, {summary.decided_skipped} judged pairs "
        f"left alone, {summary.stale_removed} stale candidates removed, "
        f"{summary.blocks_dropped} oversized blocks skipped, in {summary.seconds:.1f} s")
    missing = summary.missing_persons
    if missing.get("reports"):
        console.print(f"{missing['reports']} missing-person reports: {missing['candidates']} "
                      f"possible matches ({missing['victims']} victims), shown on the Review "
                      "page")


def candidates(
    status: Annotated[Status | None, typer.Option(help="Only pairs with this status.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="Pairs to show at most.")] = 50,
    offset: Annotated[int, typer.Option(min=0, help="Pairs to skip (paging).")] = 0,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """SAME_AS pairs, best score first, with both records and the reasons."""
    with cli_graph() as graph:
        found = list_candidates(graph, status.value if status else None, limit, offset)
    if fmt is OutputFormat.json:
        print_json({"candidates": [c.to_dict() for c in found]})
        return
    rows = [{"uid_a": c.uid_a, "name_a": _name(c.a), "uid_b": c.uid_b, "name_b": _name(c.b),
             "label": c.label, "score": c.score, "status": c.status, "method": c.method,
             "reasons": "; ".join(c.reasons)} for c in found]
    print_rows(rows, fmt, title="SAME_AS pairs", columns=[
        "uid_a", "name_a", "uid_b", "name_b", "label", "score", "status", "method", "reasons"])


def _name(props: dict[str, Any]) -> str:
    return str(props.get("full_name") or props.get("name") or "")


def judge(
    uid_a: Annotated[str, typer.Argument(help="uid of one record, e.g. gt-pnc:P-1")],
    uid_b: Annotated[str, typer.Argument(help="uid of the other record")],
    decision: Annotated[Decision, typer.Argument(help="confirm or reject")],
    why: Annotated[str | None, typer.Option(help="The reason, kept with the decision.")] = None,
    by: Annotated[str | None, typer.Option(help="Who decides (default: your login).")] = None,
    fmt: ReportFormatOption = ReportFormat.table,
) -> None:
    """Confirm or reject that two actor records are the same actor (who, when, why are kept;
    resolution never changes a judged pair)."""
    settings = Settings()
    with cli_viewer(settings) as (db, viewer), cli_graph(settings) as graph:
        try:
            pair = resolution.decide(graph, db, viewer, uid_a, uid_b, decision.value, why,
                                     decided_by=by or os_login())
        except CrosslinkError as exc:
            fail(exc.message, 1)
    if fmt is ReportFormat.json:
        print_json(pair)
        return
    console.print(f"{pair['uid_a']} SAME_AS {pair['uid_b']}: {pair['status']} by "
                  f"{pair['decided_by']} at {pair['decided_at']}"
                  + (f" ({pair['why']})" if pair["why"] else ""))


def networks(
    min_jurisdictions: Annotated[int, typer.Option(
        min=1, help="Only networks spanning at least this many jurisdictions.")] = 2,
    hub_cap: Annotated[int | None, typer.Option(
        min=2, help="Identifiers touched by more cases link nothing "
        "(default CROSSLINK_NETWORK_HUB_CAP).")] = None,
    limit: Annotated[int | None, typer.Option(
        min=1, help="Only the best N networks (default: all).")] = None,
    fmt: ReportFormatOption = ReportFormat.table,
) -> None:
    """Networks of cases linked through shared actors, identifiers and money, best first."""
    settings = _settings()
    with cli_graph(settings) as graph:
        found = detect_networks(graph, min_jurisdictions, hub_cap or settings.network_hub_cap)
    shown = found[:limit]
    if fmt is ReportFormat.json:
        print_json({"networks": [n.to_dict() for n in shown], "total": len(found)})
        return
    if not found:
        console.print(f"no network spans {min_jurisdictions} or more jurisdictions")
        return
    for rank, network in enumerate(shown, 1):
        console.print(_network_view(rank, network))
    count = (f"{len(found)} network{'s' if len(found) != 1 else ''}" if len(shown) == len(found)
             else f"the best {len(shown)} of {len(found)} networks")
    console.print(f"{count}; --format json gives every fact with its provenance", style="dim")


def _network_view(rank: int, n: Any) -> Panel:
    """One network as a readable block: what a joint-operation planner reads first."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row("authorities", ", ".join(
        f"{a['id']} ({a['country']})" if a.get("country") else a["id"] for a in n.authorities))
    grid.add_row("cases", ", ".join(f"{c['uid']} [{c['jurisdiction']}]" for c in n.cases))
    shown = Counter((link.label, link.caption) for link in n.links)
    # two vehicles with one plate: their keys (plate and country) tell them apart
    links = [f"{link.label} "
             f"{link.caption if shown[link.label, link.caption] == 1 else readable_key(link.key)}"
             f" ({len(link.cases)} cases)"
             for link in sorted(n.links, key=lambda x: -len(x.cases))]
    grid.add_row("linked by", "; ".join(links[:6]) + (f"; ... {len(links) - 6} more"
                                                      if len(links) > 6 else ""))
    grid.add_row("key actors", "; ".join(
        f"{actor_caption(a)}: {', '.join(a['roles'])}" if a["roles"] else actor_caption(a)
        for a in n.key_actors[:4]))
    core = [i["indicator"] for i in n.indicators if i["core"]]
    if core:
        grid.add_row("core indicators", ", ".join(core))
    if n.money:
        grid.add_row("money", ", ".join(
            f"{m['amount']:,.2f} {m['currency']} ({m['transactions']} transactions)"
            for m in n.money))
    if n.unlicensed_agencies:
        grid.add_row("unlicensed", "; ".join(
            f"{actor_caption(a)}: {a['reason']}" for a in n.unlicensed_agencies[:3]))
    title = (f"#{rank} {n.id}  score {n.score:g}  {', '.join(n.jurisdictions)}  "
             f"{len(n.cases)} cases")
    return Panel(grid, title=title, title_align="left")
