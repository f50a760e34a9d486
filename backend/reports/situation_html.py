"""The situation report as one HTML page (no scripts, no outside files: it opens offline)."""

from __future__ import annotations

from html import escape
from typing import Any

from backend.reports.sections import Section, left_out_text, sections, subtitle, title

STYLE = """
body { font-family: sans-serif; margin: 2em; color: #1d3557; }
table { border-collapse: collapse; margin: 0.5em 0 1em; }
td, th { border: 1px solid #ccc; padding: 2px 8px; text-align: left; }
.bar { background: #457b9d; height: 0.9em; display: inline-block; }
.note { color: #6c757d; }
"""


def _chart(bars: list[tuple[str, int]]) -> str:
    top = max((n for _, n in bars), default=0) or 1
    rows = "".join(f"<tr><td>{escape(label)}</td><td><span class='bar' style='width:"
                   f"{round(200 * n / top)}px'></span> {n}</td></tr>" for label, n in bars)
    return f"<table class='chart'>{rows}</table>" if bars else ""


def _section(section: Section) -> str:
    parts = [f"<h2>{escape(section.title)}</h2>"]
    if section.text:
        parts.append(f"<p>{escape(section.text)}</p>")
    parts.append(_chart(section.chart))
    if section.rows:
        head = "".join(f"<th>{escape(c)}</th>" for c in section.columns)
        body = "".join("<tr>" + "".join(f"<td>{escape(str(v))}</td>" for v in row) + "</tr>"
                       for row in section.rows)
        parts.append(f"<table><tr>{head}</tr>{body}</table>")
    else:
        parts.append(f"<p class='note'>{escape(section.empty)}</p>")
    return "\n".join(parts)


def situation_html(report: dict[str, Any]) -> str:
    body = "\n".join(_section(s) for s in sections(report))
    return (f"<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
            f"<title>{escape(title(report))}</title><style>{STYLE}</style></head><body>"
            f"<h1>{escape(title(report))}</h1><p class='note'>{escape(subtitle(report))}</p>"
            f"<p class='note'>{escape(left_out_text(report))}</p>\n{body}\n</body></html>\n")
