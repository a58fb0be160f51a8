"""The PDF summary of a report for a board meeting (ReportLab), in the
language of the translator given: the period, the figures beside the
published ones, the three charts (drawn as bars with their numbers beside
them, like the screen's), the ESF+ indicators and the definitions. No names:
only totals leave the machine this way.

    report_pdf(report, t) -> bytes   (invariant: the same report gives the same bytes)
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ...i18n import Translator
from ..documents.fonts import BASE, register_fonts
from ..documents.scripts import rich
from .esf import INDICATORS, NOTE
from .published import source
from .report import Report
from .texts import CHART_TITLES, base_text, chart_rows, figure_label, published_text, value_text

COLORS = ("#2f6f9f", "#e08a2c", "#3b9a5a")
WIDTH = A4[0] - 36 * mm


def _styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=BASE, fontSize=9.5, leading=12.5)
    return {"body": body,
            "small": ParagraphStyle("small", parent=body, fontSize=8, leading=10, textColor=colors.HexColor("#444444")),
            "h1": ParagraphStyle("h1", parent=body, fontName=BASE + "-Bold", fontSize=16, leading=20, spaceAfter=4),
            "h2": ParagraphStyle("h2", parent=body, fontName=BASE + "-Bold", fontSize=12, leading=15, spaceBefore=8,
                                 spaceAfter=4)}


def bar_drawing(title: str, rows: list[tuple[str, list[float], list[str]]], legend: list[str] | None = None,
                width: float = WIDTH) -> Drawing:
    """Horizontal bars, the label left, the number right of each bar."""
    size, line = 8.5, 13.0
    label_w = min(max((stringWidth(r[0], BASE, size) for r in rows), default=0) + 6, width * 0.4)
    value_w = max((stringWidth(t, BASE, size) for r in rows for t in r[2]), default=0) + 6
    bar_w = max(20.0, width - label_w - value_w)
    bars = sum(max(1, len(r[1])) for r in rows)
    height = line * (2 + (1 if legend else 0)) + bars * line + len(rows) * 3
    d = Drawing(width, height)
    y = height - line
    d.add(String(0, y, title, fontName=BASE + "-Bold", fontSize=10))
    y -= line
    if legend:
        x = 0.0
        for i, name in enumerate(legend):
            d.add(Rect(x, y, 8, 8, fillColor=colors.HexColor(COLORS[i % 3]), strokeColor=None))
            d.add(String(x + 11, y + 1, name, fontName=BASE, fontSize=size))
            x += 20 + stringWidth(name, BASE, size)
        y -= line
    top = max((v for r in rows for v in r[1]), default=0) or 1
    for text, values, shown in rows:
        first = y
        for i, (value, label) in enumerate(zip(values, shown, strict=True)):
            w = bar_w * value / top
            d.add(Rect(label_w, y, w, line - 4, fillColor=colors.HexColor(COLORS[i % 3]), strokeColor=None))
            d.add(String(label_w + w + 3, y + 2, label, fontName=BASE, fontSize=size))
            y -= line
        mid = (first + y + line) / 2
        while stringWidth(text, BASE, size) > label_w - 6 and len(text) > 4:
            text = text[:-2].rstrip() + "…" if not text.endswith("…") else text[:-2] + "…"
        d.add(String(label_w - 6, mid, text, fontName=BASE, fontSize=size, textAnchor="end"))
        y -= 3
    return d


def report_pdf(report: Report, t: Translator, scope_text: str = "") -> bytes:
    register_fonts()
    st, g = _styles(), t.gettext
    story = [Paragraph(escape(t.gettext("Programme report")), st["h1"]),
             Paragraph(escape(t.gettext("From {start} to {end}, computed on {today}.").format(
                 start=t.format_date(report.period.start, "long"), end=t.format_date(report.period.end, "long"),
                 today=t.format_date(report.period.today, "long"))), st["body"])]
    if scope_text:
        story.append(Paragraph(rich(scope_text), st["body"]))  # may name a coordinator: any script, emoji
    story += [Paragraph(escape(t.gettext("Figures")), st["h2"])]
    rows = [[t.gettext("Figure"), t.gettext("Value"), t.gettext("Counted"), t.gettext("Published")]]
    rows += [[Paragraph(escape(figure_label(f, t)), st["body"]), value_text(f, r.value, t),
              base_text(f, r.count, r.base_count, t), published_text(f, t)] for f, r in report.figures()]
    story.append(_table(rows, [WIDTH * 0.52, WIDTH * 0.14, WIDTH * 0.17, WIDTH * 0.17]))
    story.append(Paragraph(escape(t.gettext("Published results: {source}.").format(source=source(t.lang))), st["small"]))
    story.append(PageBreak())
    for key, (chart, legend) in chart_rows(report, t).items():
        story += [KeepTogether([bar_drawing(g(CHART_TITLES[key]), chart, legend)]), Spacer(1, 6 * mm)]
    story += [PageBreak(), Paragraph(escape(t.gettext("ESF+ common indicators")), st["h2"]),
              Paragraph(escape(g(NOTE)), st["small"])]
    esf_rows = [[t.gettext("Indicator"), t.gettext("Participants")]]
    esf_rows += [[Paragraph(escape(g(name)), st["body"]), t.format_number(report.esf[key].count)]
                 for key, name, _group in INDICATORS if key in report.esf]
    story.append(_table(esf_rows, [WIDTH * 0.8, WIDTH * 0.2]))
    story += [PageBreak(), Paragraph(escape(t.gettext("Definitions")), st["h2"])]
    for f, _r in report.figures():
        story.append(Paragraph(f"<b>{escape(figure_label(f, t))}</b>: {escape(g(f.definition))}", st["body"]))
        story.append(Spacer(1, 1.5 * mm))
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm,
                            bottomMargin=16 * mm, title=t.gettext("Programme report"), invariant=1)

    def footer(canvas, document) -> None:  # noqa: ANN001
        canvas.saveState()
        canvas.setFont(BASE, 8)
        canvas.drawRightString(A4[0] - 18 * mm, 9 * mm, t.gettext("Page {number}").format(number=document.page))
        canvas.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def _table(rows: list[list], widths: list[float]) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), BASE), ("FONTSIZE", (0, 0), (-1, -1), 9),
        ("FONTNAME", (0, 0), (-1, 0), BASE + "-Bold"), ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.black),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f1f4f7")]),
    ]))
    return table
