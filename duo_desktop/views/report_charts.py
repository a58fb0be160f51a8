"""The Charts page of the Reports screen (the funnel, duos per month,
outcomes per year, drawn by views/bar_chart.py from the same rows as the
PDF's) and the Definitions page's text."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from ..i18n import _, current
from ..services.reports import Report, figures
from ..services.reports.esf import INDICATORS, NOTE
from ..services.reports.texts import CHART_TITLES, chart_rows, figure_label
from .bar_chart import BarChart


class ChartsPage(QScrollArea):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        self.charts = {key: BarChart() for key in CHART_TITLES}
        for chart in self.charts.values():
            layout.addWidget(chart)
        layout.addStretch(1)
        self.setWidget(inner)

    def show_report(self, report: Report) -> None:
        for key, (rows, legend) in chart_rows(report, current()).items():
            self.charts[key].set_data(_(CHART_TITLES[key]), rows, legend)


def definitions_html() -> str:
    """Every figure's definition, then the ESF+ indicators and their source."""
    parts = [f"<h3>{escape(_('Definitions'))}</h3><dl>"]
    for fig in figures():
        parts.append(f"<dt><b>{escape(figure_label(fig))}</b></dt><dd>{escape(_(fig.definition))}</dd>")
    parts.append(f"</dl><h3>{escape(_('ESF+ common indicators'))}</h3>")
    parts.append(f"<p>{escape(_(NOTE))}</p><ul>")
    parts += [f"<li>{escape(_(name))}</li>" for _key, name, _group in INDICATORS]
    parts.append("</ul>")
    return "".join(parts)
