"""Paints a card: name, detail lines and, against a chosen mentee, the score
with a bar; the best mentors get an accent border, impossible ones are
greyed with the reason. Painting, not one widget per card, keeps hundreds
of cards fast to update while a mentee is dragged."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen, QPixmap, QPixmapCache
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from .cards_model import BestRole, FeasibleRole, LinesRole, ReasonRole, ScoreRole

BEST = QColor("#1b7f3b")
GOOD = QColor("#2f6fb3")
BLOCKED = QColor("#9a9a9a")
BLOCKED_TEXT = QColor("#8a2020")
MARGIN = 4
PAD = 8
BADGE_W = 52


class CardDelegate(QStyledItemDelegate):
    def __init__(self, parent=None, with_score: bool = False) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.with_score = with_score

    def _line_height(self, option: QStyleOptionViewItem) -> int:
        return QFontMetrics(option.font).height()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        lines = 6 if self.with_score else 5  # name, 4 detail lines (, reason)
        return QSize(240, 2 * MARGIN + PAD + lines * self._line_height(option) + 4)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
              ) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = option.rect.adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
        score = index.data(ScoreRole)
        feasible = index.data(FeasibleRole)
        best = bool(index.data(BestRole))

        background = palette.color(QPalette.ColorRole.Base)
        border = palette.color(QPalette.ColorRole.Mid)
        width = 1.0
        if feasible is False:
            background = palette.color(QPalette.ColorRole.Window)
            border = BLOCKED
        elif best:
            background = QColor("#eaf6ee")
            border, width = BEST, 3.0
        if selected:
            background = palette.color(QPalette.ColorRole.Highlight).lighter(185)
            border, width = palette.color(QPalette.ColorRole.Highlight), max(width, 2.0)
        painter.setPen(QPen(border, width))
        painter.setBrush(background)
        painter.drawRoundedRect(rect, 6, 6)
        if focused:
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight), 1, Qt.PenStyle.DotLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(2, 2, -2, -2), 5, 5)

        inner = rect.adjusted(PAD, PAD // 2 + 2, -PAD, -PAD // 2)
        text_right = inner.right() - (BADGE_W + PAD if score is not None else 0)
        lh = self._line_height(option)
        muted = feasible is False
        text_color = palette.color(QPalette.ColorRole.Text)
        dim = palette.color(QPalette.ColorRole.PlaceholderText)

        bold = QFont(option.font)
        bold.setBold(True)
        fm = QFontMetrics(option.font)
        lines = index.data(LinesRole) or []
        text_rect = QRect(inner.left(), inner.top(), text_right - inner.left(), lh * (1 + len(lines)))
        # The name and the detail lines change rarely: painted once into a
        # cached pixmap, so a drag update repaints only the score and reason.
        name = str(index.data() or "")
        ratio = painter.device().devicePixelRatioF()
        key = f"duo-card:{hash((name, tuple(lines), text_rect.width(), lh, muted, ratio))}"
        pixmap = QPixmapCache.find(key)
        if pixmap is None or pixmap.isNull():
            pixmap = QPixmap(int(text_rect.width() * ratio), int(text_rect.height() * ratio))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            p = QPainter(pixmap)
            p.setFont(bold)
            p.setPen(BLOCKED if muted else text_color)
            width = text_rect.width()
            p.drawText(QRect(0, 0, width, lh), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                       QFontMetrics(bold).elidedText(name, Qt.TextElideMode.ElideRight, width))
            p.setFont(option.font)
            p.setPen(BLOCKED if muted else dim)
            for k, line in enumerate(lines, start=1):
                p.drawText(QRect(0, k * lh, width, lh), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                           fm.elidedText(line, Qt.TextElideMode.ElideRight, width))
            p.end()
            QPixmapCache.insert(key, pixmap)
        painter.drawPixmap(text_rect.topLeft(), pixmap)
        painter.setFont(option.font)
        y = inner.top() + lh * len(lines)
        if self.with_score and score is not None:
            y += lh
            reason = index.data(ReasonRole) or ""
            painter.setPen(BLOCKED_TEXT if muted else (BEST if best else text_color))
            r = QRect(inner.left(), y, inner.right() - inner.left(), lh)
            painter.drawText(r, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             fm.elidedText(reason, Qt.TextElideMode.ElideRight, r.width()))
            self._badge(painter, QRect(inner.right() - BADGE_W, inner.top(), BADGE_W, 2 * lh + 4), score,
                        feasible, best, bold)
        painter.restore()

    def _badge(self, painter: QPainter, rect: QRect, score: float, feasible: bool | None, best: bool,
               font: QFont) -> None:
        color = BLOCKED if feasible is False else (BEST if best else GOOD)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(color)
        painter.drawRoundedRect(rect, 5, 5)
        big = QFont(font)
        big.setPointSizeF(font.pointSizeF() * 1.3)
        painter.setFont(big)
        painter.setPen(QColor("white"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "—" if feasible is False else str(round(score)))
