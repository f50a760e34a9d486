"""Transactions collapsed into account-to-account edges with totals."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ui.styles.cytoscape import MONEY_EDGE

SENT, PAID_TO, TRANSACTION = "SENT", "PAID_TO", "Transaction"


def collapse_transactions(elements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Replace Account -SENT-> Transaction -PAID_TO-> Account by one edge per account pair,
    captioned with the totals per currency and the number of transfers. Transactions with
    only one end in the chart stay as they are."""
    by_id = {e["data"]["id"]: e for e in elements}
    sent = {e["data"]["target"]: e["data"]["source"] for e in elements
            if e["data"].get("type") == SENT}
    paid = {e["data"]["source"]: e["data"]["target"] for e in elements
            if e["data"].get("type") == PAID_TO}
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for tx_id, source in sent.items():
        tx = by_id.get(tx_id)
        if tx and tx["data"].get("type") == TRANSACTION and tx_id in paid:
            groups[(source, paid[tx_id])].append(tx)
    folded = {tx["data"]["id"] for txs in groups.values() for tx in txs}
    kept = [e for e in elements if e["data"]["id"] not in folded
            and e["data"].get("source") not in folded and e["data"].get("target") not in folded]
    for (source, target), txs in sorted(groups.items()):
        totals: dict[str, float] = defaultdict(float)
        for tx in txs:
            props = tx["data"].get("properties", {})
            totals[props.get("currency") or "?"] += float(props.get("amount") or 0)
        caption = ", ".join(f"{amount:,.0f} {cur}" for cur, amount in sorted(totals.items()))
        dates = sorted(d for d in (tx["data"].get("date") for tx in txs) if d)
        kept.append({"group": "edges", "data": {
            "id": f"money:{source}->{target}", "source": source, "target": target,
            "type": MONEY_EDGE, "caption": f"{caption} ({len(txs)})", "count": len(txs),
            "totals": dict(totals), "transactions": [tx["data"]["id"] for tx in txs],
            "date": dates[0] if dates else None, "properties": {}, "provenance": {}}})
    return kept
