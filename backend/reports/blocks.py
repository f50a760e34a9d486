"""The building blocks every report shares (the situation report, the joint-operation
brief): a section (a title, a sentence, a table, a bar chart) and how it is written as HTML
and as PDF, so that the reports look alike and say the same in both formats."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from html import escape
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

BAR = colors.HexColor("#457b9d")
MAX_BARS = 12

HTML_STYLE = """
body { font-family: sans-serif; margin: 2em; color: #1d3557; }
table { border-collapse: collapse; margin: 0.5em 0 1em; }
td, th { border: 1px solid #ccc; padding: 2px 8px; text-align: left; vertical-align: top; }
.bar { background: #457b9d; height: 0.9em; display: inline-block; }
.note { color: #6c757d; }
.marking { font-weight: bold; }
"""


@dataclass
class Section:
    title: str
    text: str = ""
    columns: list[str] = field(default_factory=list)
    rows: list[list[Any]] = field(default_factory=list)
    chart: list[tuple[str, int]] = field(default_factory=list)  # bars: label, count
    empty: str = "None that you may see."
    level: int = 2  # heading level: 2 for a section, 3 for one inside a part


# HTML

def html_bars(bars: list[tuple[str, int]]) -> str:
    top = max((n for _, n in bars), default=0) or 1
    rows = "".join(f"<tr><td>{escape(label)}</td><td><span class='bar' style='width:"
                   f"{round(200 * n / top)}px'></span> {n}</td></tr>" for label, n in bars)
    return f"<table class='chart'>{rows}</table>" if bars else ""


def html_section(section: Section) -> str:
    tag = f"h{section.level}"
    parts = [f"<{tag}>{escape(section.title)}</{tag}>"]
    if section.text:
        parts.append(f"<p>{escape(section.text)}</p>")
    parts.append(html_bars(section.chart))
    if section.rows:
        head = "".join(f"<th>{escape(c)}</th>" for c in section.columns)
        body = "".join("<tr>" + "".join(f"<td>{escape(str(v))}</td>" for v in row) + "</tr>"
                       for row in section.rows)
        parts.append(f"<table><tr>{head}</tr>{body}</table>")
    elif section.columns or not section.text:
        parts.append(f"<p class='note'>{escape(section.empty)}</p>")
    return "\n".join(parts)


def html_page(title: str, notes: list[str], body: str, *, marking: str = "") -> str:
    """One HTML page (no scripts, no outside files: it opens offline)."""
    mark = f"<p class='marking'>{escape(marking)}</p>" if marking else ""
    head = "".join(f"<p class='note'>{escape(n)}</p>" for n in notes)
    return (f"<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
            f"<title>{escape(title)}</title><style>{HTML_STYLE}</style></head><body>"
            f"{mark}<h1>{escape(title)}</h1>{head}\n{body}\n{mark}</body></html>\n")


# PDF

def pdf_bars(bars: list[tuple[str, int]]) -> Drawing:
    shown = bars[:MAX_BARS][::-1]  # the largest on top
    height = 16 * len(shown) + 20
    drawing = Drawing(16 * cm, height)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 4 * cm, 10, 11 * cm, height - 20
    chart.data = [[n for _, n in shown]]
    chart.categoryAxis.categoryNames = [label for label, _ in shown]
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontSize = 7
    chart.bars[0].fillColor = BAR
    chart.barLabelFormat = "%d"
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 8
    drawing.add(chart)
    return drawing


def pdf_table(section: Section) -> Table:
    styles = getSampleStyleSheet()
    cell = styles["BodyText"].clone("cell", fontSize=8, leading=10)
    data = [[Paragraph(xml_escape(c), cell) for c in section.columns]]
    data += [[Paragraph(xml_escape(str(v)), cell) for v in row] for row in section.rows]
    table = Table(data, repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef3")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    return table


def pdf_paragraph(text: str, style: str = "BodyText") -> Paragraph:
    return Paragraph(xml_escape(text), getSampleStyleSheet()[style])


def pdf_section(section: Section) -> list[Flowable]:
    story: list[Flowable] = [pdf_paragraph(section.title, f"Heading{section.level}")]
    if section.text:
        story.append(pdf_paragraph(section.text))
    if section.chart:
        story.append(pdf_bars(section.chart))
    if section.rows:
        story.append(pdf_table(section))
    elif section.columns or not section.text:
        story.append(pdf_paragraph(section.empty, "Italic"))
    story.append(Spacer(1, 0.3 * cm))
    return story


def pdf_document(title: str, story: list[Flowable], *, marking: str = "") -> bytes:
    """An A4 PDF of ``story``; ``marking`` (a TLP) printed at the top and foot of every
    page."""
    def mark(canvas: Any, doc: Any) -> None:
        if marking:
            canvas.saveState()
            canvas.setFont("Helvetica-Bold", 8)
            canvas.drawCentredString(A4[0] / 2, A4[1] - 1 * cm, marking)
            canvas.drawCentredString(A4[0] / 2, 0.8 * cm, marking)
            canvas.restoreState()

    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, title=title, author="Crosslink",
                            leftMargin=1.8 * cm, rightMargin=1.8 * cm)
    doc.build(story, onFirstPage=mark, onLaterPages=mark)
    return out.getvalue()
