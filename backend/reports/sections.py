"""The situation report as sections (a title, a sentence, a table, a chart), shared by the
HTML and the PDF writers so that both say the same."""

from __future__ import annotations

from typing import Any

from backend.reports.blocks import Section


def corridor_text(corridor: dict[str, Any]) -> str:
    """``GT -> MX -> US``: origin, transit countries, destination."""
    return " -> ".join([corridor["origin"], *corridor["transit"], corridor["destination"]])


def _corridor_rows(corridors: list[dict[str, Any]]) -> list[list[Any]]:
    return [[corridor_text(c), c["victims"]] for c in corridors]


def _bars(rows: list[dict[str, Any]]) -> list[tuple[str, int]]:
    return [(str(r["key"]), int(r["count"])) for r in rows]


def title(report: dict[str, Any]) -> str:
    return f"Situation report: {report['country_name']} ({report['country']})"


def subtitle(report: dict[str, Any]) -> str:
    since = f"cases opened since {report['since']}" if report["since"] else "all dates"
    return f"{since}; written {report['generated_at']}"


def left_out_text(report: dict[str, Any]) -> str:
    left = report["left_out"]
    return (f"Left out because you may not see them: {left['cases']} cases in the country, "
            f"{left['victims_citizens']} victim records of its citizens, "
            f"{left['victims_exploited_in']} of victims exploited there, "
            f"{left['networks']} networks.")


def sections(report: dict[str, Any]) -> list[Section]:
    code = report["country"]
    origin, transit, dest = report["as_origin"], report["as_transit"], report["as_destination"]
    cases = report["cases"]
    return [
        Section("As origin",
                f"{origin['victims']} victims are citizens of {code}; "
                f"{origin['corridor_victims']} victims travelled corridors that start here.",
                ["corridor", "victims"], _corridor_rows(origin["corridors"]),
                _bars(origin["victims_by_exploitation_country"])),
        Section("As transit",
                f"{transit['corridor_victims']} victims passed through {code}.",
                ["corridor", "victims"], _corridor_rows(transit["corridors"])),
        Section("As destination",
                f"{dest['victims']} victims were exploited in {code}; "
                f"{dest['corridor_victims']} victims travelled corridors that end here.",
                ["corridor", "victims"], _corridor_rows(dest["corridors"]),
                _bars(dest["victims_by_citizenship"])),
        Section("Corridors", f"Every corridor through {code}, with its victims.",
                ["corridor", "victims"], _corridor_rows(report["corridors"])),
        Section("Cases by year", f"{cases['shown']} cases in {code}.", ["year", "cases"],
                [[r["key"], r["count"]] for r in cases["by"]["year"]],
                _bars(cases["by"]["year"])),
        Section("Cases by sector", "", ["sector", "cases"],
                [[r["key"], r["count"]] for r in cases["by"]["sector"]]),
        Section("Indicators", "", ["indicator", "cases"],
                [[r["key"], r["count"]] for r in cases["by"]["indicator"]],
                _bars(cases["by"]["indicator"])),
        Section("Networks", f"Cross-border networks with cases in {code}.",
                ["network", "jurisdictions", "cases", "score"],
                [[n["id"], ", ".join(n["jurisdictions"]), n["cases"], n["score"]]
                 for n in report["networks"]]),
        Section("Authorities to involve",
                f"Authorities of {code} and of the other countries of its networks.",
                ["authority", "name", "country", "kind"],
                [[a["id"], a.get("name") or "", a.get("country") or "", a.get("kind") or ""]
                 for a in report["authorities"]]),
        Section("Agencies to watch",
                f"Recruitment agencies without a valid licence that recruited in {code}.",
                ["agency", "name", "licence", "licence country", "victims", "why"],
                [[a["uid"], a.get("name") or "", a.get("license_status") or "",
                  a.get("license_country") or "", a["victims"], "; ".join(a["reasons"])]
                 for a in report["agencies_to_watch"]]),
    ]
