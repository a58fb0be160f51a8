"""The words and numbers of a report in one language (screen, CSV/XLSX
headers, PDF): labels and values formatted by a :class:`Translator`, so that
a PDF can be printed in Dutch from a French interface.

    figure_label(fig, t) -> "Positive outcome at the end"
    value_text(fig, result.value, t) -> "67 %"
    unit_label(fig.unit, t) -> "share (0 to 1)"
"""

from __future__ import annotations

from babel import numbers as babel_numbers

from ...i18n import N_, NP_, Translator, current
from ..labels import label
from .published import published
from .registry import Figure, Unit
from .report import Report

CHART_TITLES = {
    "funnel": N_("From application to duo"),
    "per_month": N_("Duos started per month"),
    "per_year": N_("Duos ended per year and their outcome at the end"),
}
SERIES = {"ended": N_("Ended"), "positive": N_("Positive outcome"), "job": N_("In a job")}
#: the "Unit" column of the CSV/XLSX tables, in words (the JSON keeps the codes of registry.Unit)
UNIT_LABELS = {Unit.COUNT: NP_("unit", "number"), Unit.RATE: NP_("unit", "share (0 to 1)"),
               Unit.DAYS: NP_("unit", "days"), Unit.AVERAGE: NP_("unit", "average")}


def unit_label(unit: Unit | str, t: Translator | None = None) -> str:
    """The unit of a figure in words ("number", "share (0 to 1)"...), in ``t``'s language."""
    return (t or current()).gettext(UNIT_LABELS[Unit(unit)])


def figure_label(fig: Figure, t: Translator | None = None) -> str:
    t = t or current()
    return t.gettext(fig.label).format(**{k: label(v, t) for k, v in fig.label_args.items()})


def value_text(fig: Figure, value: float | int | None, t: Translator | None = None) -> str:
    t = t or current()
    if value is None:
        return "–"
    if fig.unit == Unit.RATE:
        return t.format_percent(value)
    if fig.unit == Unit.AVERAGE:
        return babel_numbers.format_decimal(round(value, 1), format="#,##0.0", locale=t.locale)
    return t.format_number(round(value))


def published_text(fig: Figure, t: Translator | None = None) -> str:
    t = t or current()
    ref = published().get(fig.published)
    if ref is None:
        return ""
    if ref.unit == "rate":
        return t.format_percent(ref.value)
    return t.ngettext("within {count} month", "within {count} months", int(ref.value)).format(count=int(ref.value))


def base_text(fig: Figure, count: int, total: int, t: Translator | None = None) -> str:
    """'2 of 3' for a rate, '' otherwise (``count`` of ``total`` people or duos)."""
    t = t or current()
    if fig.unit != Unit.RATE:
        return ""
    return t.gettext("{count} of {total}").format(count=t.format_number(count), total=t.format_number(total))


def chart_rows(report: Report, t: Translator) -> dict[str, tuple[list, list[str]]]:
    """The three charts' rows (label, values, texts) and legends: the same for screen and PDF."""
    by_key = {f.key: f for f, _r in report.figures()}
    n = t.format_number
    funnel = [(figure_label(by_key[k], t), [v], [n(v)]) for k, v in report.funnel]
    months = []
    for key, v in report.per_month:
        year, month = int(key[:4]), int(key[5:])
        name = str(t.locale.months["stand-alone"]["abbreviated"][month])
        months.append((f"{name} {year}", [v], [n(v)]))
    years = [(str(y), [c["ended"], c["positive"], c["job"]], [n(c["ended"]), n(c["positive"]), n(c["job"])])
             for y, c in report.outcomes_per_year]
    legend = [t.gettext(SERIES[k]) for k in ("ended", "positive", "job")]
    return {"funnel": (funnel, []), "per_month": (months, []), "per_year": (years, legend)}
