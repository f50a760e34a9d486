"""The joint-operation brief (``backend.services.brief``) as sections, shared by the HTML
and the PDF writers: one part per jurisdiction, then the links that cross borders, the
timeline, the money and a draft Letter of Request per foreign jurisdiction."""

from __future__ import annotations

from typing import Any

from backend.reports.blocks import Section


def title(brief: dict[str, Any]) -> str:
    return f"Joint-operation brief: network {brief['network']}"


def marking(brief: dict[str, Any]) -> str:
    return f"TLP:{brief['tlp']}"


def notes(brief: dict[str, Any]) -> list[str]:
    countries = ", ".join(f"{j['country_name']} ({j['country']})"
                          for j in brief["jurisdictions"])
    withheld = brief["withheld"]
    return [
        f"Jurisdictions: {countries}. Requesting jurisdiction: {brief['requesting']}. "
        f"Network score {brief['score']}.",
        f"Written {brief['generated_at']} for {brief['reader']}. Victims are named by "
        f"pseudonym only.",
        f"{withheld} record{'s' if withheld != 1 else ''} withheld: not yours to see "
        f"(TLP:RED of another authority, or outside your access).",
    ]


def jurisdiction_sections(j: dict[str, Any]) -> list[Section]:
    code = j["country"]
    role = " (requesting)" if j["requesting"] else ""
    return [
        Section(f"{j['country_name']} ({code}){role}",
                f"{len(j['cases'])} case(s): "
                + "; ".join(f"{c['uid']} {c['title'] or ''} ({c['status'] or '?'}, opened "
                            f"{c['opened_on'] or '?'})" for c in j["cases"])),
        Section(f"{code}: authorities to involve", "",
                ["authority", "name", "kind", "cases held", "contact point"],
                [[a["id"], a["name"], a["kind"], ", ".join(a["cases"]) or "-", a["contact"]]
                 for a in j["authorities"]], level=3),
        Section(f"{code}: evidence held", "",
                ["record", "kind", "what", "source", "grade", "TLP"],
                [[e["record"], e["kind"], e["what"], e["source"] or "", e["grade"],
                  e["tlp"] or ""] for e in j["evidence"]], level=3),
        Section(f"{code}: targets for simultaneous action", "",
                ["kind", "target", "record", "identifiers"],
                [[t["kind"], t["name"], t["record"], t["identifiers"]] for t in j["targets"]],
                level=3),
        Section(f"{code}: victims (pseudonymised)", "",
                ["victim", "nationality", "gender", "cases", "protection needs"],
                [[v["pseudonym"], v["nationality"] or "", v["gender"] or "",
                  ", ".join(v["cases"]), "; ".join(v["needs"])] for v in j["victims"]],
                level=3),
    ]


def network_sections(brief: dict[str, Any]) -> list[Section]:
    money = brief["money"]
    return [
        Section("Links that cross borders", "What joins cases of different jurisdictions.",
                ["entity", "kind", "jurisdictions", "cases", "through", "sources (grade)"],
                [[f"{link['label']}: {link['entity']}", link["kind"],
                  ", ".join(link["jurisdictions"]), ", ".join(link["cases"]),
                  ", ".join(link["through"]), ", ".join(link["sources"])]
                 for link in brief["cross_border_links"]]),
        Section("Timeline", "", ["date", "country", "event"],
                [[e["date"], e["country"], e["event"]] for e in brief["timeline"]]),
        Section("Money", "Totals per currency of the transactions through the network's "
                "accounts.", ["currency", "total", "transactions"],
                [[m["currency"], f"{m['amount']:,.2f}", m["transactions"]]
                 for m in money["totals"]]),
        Section("Transactions", "", ["transaction", "date", "amount", "from", "to", "channel"],
                [[t["uid"], t["date"] or "", f"{t['amount']} {t['currency']}",
                  t["from_account"] or "", t["to_account"] or "", t["channel"] or ""]
                 for t in money["transactions"]], level=3),
    ]


def letter_sections(brief: dict[str, Any]) -> list[Section]:
    return [Section(f"Draft Letter of Request to {letter['to_country_name']} "
                    f"({letter['to_country']})", letter["text"], ["evidence sought"],
                    [[s] for s in letter["sought"]],
                    empty="Nothing held there that you may see.")
            for letter in brief["letters"]]
