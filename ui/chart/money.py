"""Transactions collapsed into account-to-account edges with totals."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ui.styles.cytoscape import MONEY_EDGE

SENT, PAID_TO, TRANSACTION = "SENT", "PAID_TO", "Transaction"


def collapse_transactions(elements: list[dict[str, Any]], keep: frozenset[str] = frozenset()
                          ) -> list[dict[str, Any]]:
    """Replace Account -SENT-> Transaction -PAID_TO-> Account by one edge per account pair,
    captioned with the totals per currency and the number of transfers; the edge's ``folded``
    lists the transactions and their edges. Transactions with only one end in the chart, and
    those in ``keep``, stay as they are."""
    by_id = {e["data"]["id"]: e for e in elements}
    sent = {e["data"]["target"]: e["data"]["source"] for e in elements
            if e["data"].get("type") == SENT}
    paid = {e["data"]["source"]: e["data"]["target"] for e in elements
            if e["data"].get("type") == PAID_TO}
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for tx_id, source in sent.items():
        tx = by_id.get(tx_id)
        if tx and tx["data"].get("type") == TRANSACTION and tx_id in paid and tx_id not in keep:
            groups[(source, paid[tx_id])].append(tx)
    folded = {tx["data"]["id"] for txs in groups.values() for tx in txs}
    kept, tx_edges = [], defaultdict(list)
    for e in elements:
        ends = (e["data"].get("source"), e["data"].get("target"))
        if e["data"]["id"] in folded:
            continue
        if ends[0] in folded or ends[1] in folded:
            tx_edges[ends[0] if ends[0] in folded else ends[1]].append(e["data"]["id"])
        else:
            kept.append(e)
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
            "folded": [x for tx in txs for x in (tx["data"]["id"], *tx_edges[tx["data"]["id"]])],
            "date": dates[0] if dates else None, "properties": {}, "provenance": {}}})
    return kept
