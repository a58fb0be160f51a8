"""Programme reports: one function per figure with one written definition
(registry.py), for a period, a branch or all and a coordinator or all; the
ESF+ common indicators (esf.py); the chart series (charts.py); the whole
report (report.py) and its exports (export.py, pdf.py). The published
results of the model are reference data (resources/reports/published_results.toml).

``programme_results`` (programme.py) is the former all-time summary per branch.
"""

from .period import Period
from .programme import ProgrammeResults, Rate, programme_results, results_per_branch
from .registry import REGISTRY, Figure, FigureResult, Subject, Unit, figures, get
from .report import Report, build_report

__all__ = ["REGISTRY", "Figure", "FigureResult", "Period", "ProgrammeResults", "Rate", "Report", "Subject", "Unit",
           "build_report", "figures", "get", "programme_results", "results_per_branch"]
