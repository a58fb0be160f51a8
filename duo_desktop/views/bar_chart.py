"""A horizontal bar chart drawn with QPainter (Qt Charts is in
PySide6-Addons, which this app does not ship): one row per bar, the label on
the left, the bar, and the number beside it, readable at any scale.

    chart = BarChart(); chart.set_data(title, [(label, value, text)], series_colors)

``value`` may be a list for grouped bars (one colour per series, with a legend).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

COLORS = ("#2f6f9f", "#e08a2c", "#3b9a5a", "#9c4f96")


class BarChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = ""
        self.rows: list[tuple[str, list[float], list[str]]] = []
        self.legend: list[str] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_data(self, title: str, rows: list[tuple[str, list[float], list[str]]], legend: list[str] | None = None
                 ) -> None:
        self.title, self.rows, self.legend = title, rows, legend or []
        self.updateGeometry()
        self.update()

    def _line(self) -> int:
        return QFontMetrics(self.font()).height()

    def sizeHint(self) -> QSize:
        line = self._line()
        bars = sum(max(1, len(v)) for _l, v, _t in self.rows)
        return QSize(480, int(line * (2.5 + (1 if self.legend else 0)) + bars * line * 1.25 + len(self.rows) * 4))

    def minimumSizeHint(self) -> QSize:
        return QSize(260, self.sizeHint().height())

    def paintEvent(self, _event) -> None:  # noqa: ANN001
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = QFontMetrics(self.font())
        line = fm.height()
        text = self.palette().color(QPalette.ColorRole.WindowText)
        p.setPen(text)
        bold = self.font()
        bold.setBold(True)
        p.setFont(bold)
        p.drawText(QRectF(0, 0, self.width(), line * 1.4), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                   self.title)
        p.setFont(self.font())
        y = line * 1.6
        if self.legend:
            x = 0.0
            for i, name in enumerate(self.legend):
                p.fillRect(QRectF(x, y + line * 0.2, line * 0.8, line * 0.6), QColor(COLORS[i % len(COLORS)]))
                p.drawText(QRectF(x + line, y, fm.horizontalAdvance(name) + 4, line), Qt.AlignmentFlag.AlignVCenter,
                           name)
                x += line * 2 + fm.horizontalAdvance(name)
            y += line * 1.2
        label_w = min(max((fm.horizontalAdvance(lbl) for lbl, _v, _t in self.rows), default=0) + 16, self.width() * 0.4)
        value_w = max((fm.horizontalAdvance(t) for _l, _v, texts in self.rows for t in texts), default=0) + 8
        bar_w = max(10.0, self.width() - label_w - value_w)
        top = max((v for _l, values, _t in self.rows for v in values), default=0) or 1
        for lbl, values, texts in self.rows:
            h = line * 1.25 * max(1, len(values))
            elided = fm.elidedText(lbl, Qt.TextElideMode.ElideRight, int(label_w - 8))
            p.setPen(text)
            p.drawText(QRectF(0, y, label_w - 8, h), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, elided)
            for i, (value, shown) in enumerate(zip(values, texts, strict=True)):
                by = y + i * line * 1.25
                width = bar_w * value / top
                p.fillRect(QRectF(label_w, by + line * 0.15, width, line * 0.95), QColor(COLORS[i % len(COLORS)]))
                p.setPen(text)
                p.drawText(QRectF(label_w + width + 4, by, value_w, line * 1.25), Qt.AlignmentFlag.AlignVCenter, shown)
            y += h + 4
        p.end()
