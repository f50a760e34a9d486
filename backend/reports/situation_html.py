"""The situation report as one HTML page (no scripts, no outside files: it opens offline)."""

from __future__ import annotations

from typing import Any

from backend.reports.blocks import html_page, html_section
from backend.reports.sections import left_out_text, sections, subtitle, title


def situation_html(report: dict[str, Any]) -> str:
    body = "\n".join(html_section(s) for s in sections(report))
    return html_page(title(report), [subtitle(report), left_out_text(report)], body)
