"""A small horizontal bar chart painted with QPainter (no chart library needed)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

BAR_COLOUR = QColor("#3d6fa8")


class BarChart(QWidget):
    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = title
        self.rows: list[tuple[str, int]] = []
        self.setAccessibleName(title)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_rows(self, rows: list[tuple[str, int]]) -> None:
        self.rows = list(rows)
        description = ", ".join(f"{label} : {value}" for label, value in self.rows) or "aucune donnée"
        self.setAccessibleDescription(f"{self.title} — {description}")
        self.setMinimumHeight(self.sizeHint().height())  # every bar stays visible; the page scrolls instead
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().height() + 8
        return QSize(360, line * (len(self.rows) + 1) + 12)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = self.fontMetrics()
        line = metrics.height() + 8
        bold = painter.font()
        bold.setBold(True)
        painter.setFont(bold)
        painter.drawText(QRectF(0, 0, self.width(), line), Qt.AlignmentFlag.AlignVCenter, self.title)
        painter.setFont(self.font())
        if not self.rows:
            painter.setPen(QColor("#555555"))
            painter.drawText(QRectF(0, line, self.width(), line), Qt.AlignmentFlag.AlignVCenter, "Aucune donnée")
            return
        label_width = min(max(metrics.horizontalAdvance(label) for label, _v in self.rows) + 12, self.width() // 2)
        value_width = metrics.horizontalAdvance("0000") + 8
        bar_space = max(self.width() - label_width - value_width, 10)
        highest = max(value for _l, value in self.rows) or 1
        for index, (label, value) in enumerate(self.rows):
            top = line * (index + 1) + 4
            painter.setPen(QColor("#222222"))
            elided = metrics.elidedText(label, Qt.TextElideMode.ElideRight, label_width - 8)
            painter.drawText(QRectF(0, top, label_width - 8, line - 4), Qt.AlignmentFlag.AlignVCenter, elided)
            width = bar_space * value / highest
            painter.fillRect(QRectF(label_width, top + 3, width, line - 10), BAR_COLOUR)
            painter.drawText(
                QRectF(label_width + width + 4, top, value_width, line - 4), Qt.AlignmentFlag.AlignVCenter, str(value)
            )
        painter.end()
