"""The situation report as PDF (ReportLab, pure Python): the sections as tables, their
figures as bar charts drawn with ReportLab's own graphics."""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from backend.reports.sections import Section, left_out_text, sections, subtitle, title

BAR = colors.HexColor("#457b9d")
MAX_BARS = 12


def _chart(bars: list[tuple[str, int]]) -> Drawing:
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


def _table(section: Section) -> Table:
    styles = getSampleStyleSheet()
    cell = styles["BodyText"].clone("cell", fontSize=8, leading=10)
    data = [[Paragraph(escape(c), cell) for c in section.columns]]
    data += [[Paragraph(escape(str(v)), cell) for v in row] for row in section.rows]
    table = Table(data, repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef3")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    return table


def situation_pdf(report: dict[str, Any]) -> bytes:
    styles = getSampleStyleSheet()
    story: list[Flowable] = [
        Paragraph(escape(title(report)), styles["Title"]),
        Paragraph(escape(subtitle(report)), styles["Italic"]),
        Paragraph(escape(left_out_text(report)), styles["Italic"]),
    ]
    for section in sections(report):
        story.append(Paragraph(escape(section.title), styles["Heading2"]))
        if section.text:
            story.append(Paragraph(escape(section.text), styles["BodyText"]))
        if section.chart:
            story.append(_chart(section.chart))
        story.append(_table(section) if section.rows
                     else Paragraph(escape(section.empty), styles["Italic"]))
        story.append(Spacer(1, 0.3 * cm))
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, title=title(report), author="Crosslink",
                            leftMargin=1.8 * cm, rightMargin=1.8 * cm)
    doc.build(story)
    return out.getvalue()
