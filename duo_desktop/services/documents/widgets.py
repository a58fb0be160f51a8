"""Form pieces: labelled fields, rows of tick boxes, ruled lines to write on.
(The bundled faces have no box glyph, so boxes are drawn.)"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from .fonts import BASE
from .layout import FRAME_WIDTH, RULE, styles

BOX = 3.6 * mm


class TickBox(Flowable):
    """A square to tick, ticked already when ``ticked``."""

    def __init__(self, ticked: bool = False) -> None:
        super().__init__()
        self.ticked = ticked

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return BOX, BOX

    def draw(self) -> None:
        canvas = self.canv
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.7)
        canvas.rect(0, 0, BOX, BOX)
        if self.ticked:
            canvas.setLineWidth(1)
            canvas.setStrokeColorRGB(0.1, 0.1, 0.1)
            canvas.line(0.7, 0.7, BOX - 0.7, BOX - 0.7)
            canvas.line(0.7, BOX - 0.7, BOX - 0.7, 0.7)


def fields(rows: list[tuple[str, str]], label_width: float = 45 * mm) -> Table:
    """Label: value rows (both already markup)."""
    st = styles()
    data = [[Paragraph(f"<b>{label}</b>", st["cell"]), Paragraph(value, st["cell"])] for label, value in rows]
    table = Table(data, colWidths=[label_width, FRAME_WIDTH - label_width])
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), BASE), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
    table.hAlign = "LEFT"
    return table


def choices(options: list[str], ticked: set[int] | None = None, per_row: int = 3) -> Table:
    """Tick boxes with their labels (markup), ``per_row`` to a row."""
    st = styles()
    ticked = ticked or set()
    label_width = FRAME_WIDTH / per_row - BOX - 2 * mm
    rows, row = [], []
    for i, option in enumerate(options):
        row.extend([TickBox(i in ticked), Paragraph(option, st["cell"])])
        if len(row) == 2 * per_row:
            rows.append(row)
            row = []
    if row:
        rows.append(row + ["", ""] * (per_row - len(row) // 2))
    table = Table(rows, colWidths=[BOX, label_width + 2 * mm] * per_row)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), BASE), ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        *[("LEFTPADDING", (c, 0), (c, -1), 2 * mm) for c in range(1, 2 * per_row, 2)]]))
    table.hAlign = "LEFT"
    return table


def lines(count: int) -> Table:
    """Ruled lines to write on."""
    table = Table([[""]] * count, colWidths=[FRAME_WIDTH], rowHeights=[8 * mm] * count)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), BASE), ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE)]))
    return table
