"""Programme reports: one function per figure with one written definition
(registry.py), for a period, a branch or all and a coordinator or all; the
ESF+ common indicators (esf.py); the chart series (charts.py); the whole
report (report.py) and its exports (export.py, pdf.py). The published
results of the model are reference data (resources/reports/published_results.toml).

``programme_results`` (programme.py) is the former all-time summary per branch.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

# What each name is imported from, on first use (PEP 562): a screen that needs one small
# module of the package (the registry's Subject, esf_entry) no longer loads every report
# module at start-up (60 ms of the first window, issue 15)
_FROM = {
    "Period": "period",
    "ProgrammeResults": "programme", "Rate": "programme", "programme_results": "programme",
    "results_per_branch": "programme",
    "REGISTRY": "registry", "Figure": "registry", "FigureResult": "registry", "Subject": "registry",
    "Unit": "registry", "figures": "registry", "get": "registry",
    "Report": "report", "build_report": "report",
}
__all__ = ["REGISTRY", "Figure", "FigureResult", "Period", "ProgrammeResults", "Rate", "Report", "Subject", "Unit",
           "build_report", "figures", "get", "programme_results", "results_per_branch"]

if TYPE_CHECKING:
    from .period import Period
    from .programme import ProgrammeResults, Rate, programme_results, results_per_branch
    from .registry import REGISTRY, Figure, FigureResult, Subject, Unit, figures, get
    from .report import Report, build_report


def __getattr__(name: str):  # noqa: ANN202
    if name in _FROM:
        value = getattr(importlib.import_module(f"{__name__}.{_FROM[name]}"), name)
        globals()[name] = value
        return value
    try:  # a submodule (reports.esf, reports.sql...) not imported yet
        return importlib.import_module(f"{__name__}.{name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"{__name__}.{name}":
            raise
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
