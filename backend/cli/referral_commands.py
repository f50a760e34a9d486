"""``crosslink referral``: referrals of cases between authorities, as the server's
administrator makes them (people do the same in the API and on the Referrals page, for their
own authority): the same service functions, as the command line's viewer (``cli:<login>``)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from backend.cli.context import cli_graph
from backend.cli.output import FormatOption, OutputFormat, console, fail, print_rows
from backend.cli.viewer import cli_viewer
from backend.errors import CrosslinkError
from backend.services import referrals
from backend.settings import Settings

referral_app = typer.Typer(help="Referrals of cases between authorities (labour inspectorate "
                           "-> police, ...): proposed, sent, accepted or declined, closed.",
                           no_args_is_help=True)
IdArgument = Annotated[int, typer.Argument(help="Number of the referral (crosslink referral "
                                                "list).")]
COLUMNS = ["id", "case_uid", "from_authority", "to_authority", "remedy", "status",
           "indicators", "reason", "proposed_at", "sent_at"]


@referral_app.command("list")
def referral_list(
    box: Annotated[referrals.Box, typer.Option(
        "--box", help="incoming (sent to an authority), outgoing (sent by it) or proposed "
        "(not sent yet).")] = referrals.Box.incoming,
    authority: Annotated[str | None, typer.Option(
        "--authority", help="Only this authority's referrals (receiving for incoming, "
        "referring otherwise).")] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """The referrals of one box, newest first."""
    with cli_viewer() as (db, viewer):
        found = referrals.list_referrals(db, viewer, box)
    if authority:
        side = "to_authority" if box is referrals.Box.incoming else "from_authority"
        found = [r for r in found if r[side] == authority]
    print_rows(found, fmt, title=f"Referrals ({box.value})", columns=COLUMNS)


def _say(referral: dict[str, Any]) -> None:
    console.print(f"referral {referral['id']}: case {referral['case_uid']} "
                  f"{referral['from_authority']} -> {referral['to_authority']} "
                  f"({referral['remedy']}), {referral['status']}")


@referral_app.command("propose")
def referral_propose(
    case: Annotated[str | None, typer.Option(
        "--case", help="uid of the case to refer; without it the red-flag rules propose "
        "every flagged case that has no referral yet.")] = None,
    to: Annotated[str | None, typer.Option("--to", help="Authority to refer the case to "
                                                         "(with --case).")] = None,
    remedy: Annotated[str, typer.Option(
        "--remedy", help="criminal, civil or administrative (with --case).")] = "criminal",
    indicator: Annotated[list[str] | None, typer.Option(
        "--indicator", help="An ILO indicator that prompted it; repeatable (default: those "
        "the case names).")] = None,
    note: Annotated[str, typer.Option("--note", help="A note for the receiving "
                                                     "authority.")] = "",
) -> None:
    """Propose a referral of one case, or let the red-flag rules propose them."""
    with cli_viewer() as (db, viewer), cli_graph() as graph:
        try:
            if case is None:
                run = referrals.propose_red_flags(graph, db, viewer,
                                                  Settings().referral_min_indicators)
                for row in run.proposed:
                    _say(row)
                for row in run.no_receiver:
                    console.print(f"case {row['case_uid']}: no {row['wanted']} authority of "
                                  f"{row['jurisdiction']} on this instance (crosslink "
                                  "authority add)")
                console.print(f"{len(run.proposed)} referrals proposed")
                return
            if not to:
                fail("--to: name the authority to refer the case to", 1)
            made = referrals.propose(graph, db, viewer, case, to, remedy=remedy,
                                     indicators=indicator, note=note)
        except CrosslinkError as exc:
            fail(exc.message, 1)
        _say(referrals.referral_row(made))


@referral_app.command("send")
def referral_send(referral_id: IdArgument) -> None:
    """Send a proposed referral to the receiving authority."""
    with cli_viewer() as (db, viewer):
        try:
            _say(referrals.referral_row(referrals.send(db, viewer, referral_id)))
        except CrosslinkError as exc:
            fail(exc.message, 1)


@referral_app.command("accept")
def referral_accept(referral_id: IdArgument) -> None:
    """Accept a sent referral: the receiving authority's people then see the case."""
    with cli_viewer() as (db, viewer):
        try:
            _say(referrals.referral_row(referrals.accept(db, viewer, referral_id)))
        except CrosslinkError as exc:
            fail(exc.message, 1)


@referral_app.command("decline")
def referral_decline(
    referral_id: IdArgument,
    reason: Annotated[str, typer.Option("--reason", help="Why it is declined (required).")],
) -> None:
    """Decline a sent referral, saying why."""
    with cli_viewer() as (db, viewer):
        try:
            _say(referrals.referral_row(referrals.decline(db, viewer, referral_id, reason)))
        except CrosslinkError as exc:
            fail(exc.message, 1)


@referral_app.command("close")
def referral_close(referral_id: IdArgument) -> None:
    """Close a referral (a proposal dropped, the work done)."""
    with cli_viewer() as (db, viewer):
        try:
            _say(referrals.referral_row(referrals.close(db, viewer, referral_id)))
        except CrosslinkError as exc:
            fail(exc.message, 1)
