"""The ESF+ questions of the intake (Regulation (EU) 2021/1057, Annex I:
labour-market status, ISCED education level, third-country national,
foreign background, homelessness, disability), each a choice list whose
first item is "not asked" and last "prefers not to say". Values are those
of services/reports/esf_entry.CHOICES; the form keeps them as
``data["esf_entry"]`` ({key: value}, unanswered keys left out)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from ...i18n import N_, _
from ...services.reports.esf_entry import CHOICES, REFUSED

SECTION = N_("European Social Fund+ (ESF+) questions")
NOTE = N_("Asked for the ESF+ report. Every answer is optional and may be “Prefers not to say”. Disability is "
          "sensitive data: it is only counted, never exported with a name.")

#: (key of esf_entry, caption msgid), in the order asked
QUESTIONS: list[tuple[str, str]] = [
    ("labour_status", N_("Situation on the labour market")),
    ("isced", N_("Education level (ISCED)")),
    ("third_country", N_("Third-country national (not a citizen of an EU country)")),
    ("foreign_background", N_("Foreign background")),
    ("homeless", N_("Homeless or affected by housing exclusion")),
    ("disability", N_("Disability (sensitive: optional)")),
]

ANSWERS: dict[str, str] = {
    "unemployed": N_("Unemployed (looking for work)"),
    "long_term_unemployed": N_("Long-term unemployed (over 12 months; over 6 months under 25)"),
    "inactive": N_("Inactive (neither working nor looking for work)"),
    "employed": N_("Employed, including self-employed"),
    "0-1": N_("Primary education or less (ISCED 0-1)"),
    "2": N_("Lower secondary education (ISCED 2)"),
    "3-4": N_("Upper secondary or post-secondary education (ISCED 3-4)"),
    "5-8": N_("Higher education (ISCED 5-8)"),
    "yes": N_("Yes"),
    "no": N_("No"),
    REFUSED: N_("Prefers not to say"),
}


class EsfChoice(QComboBox):
    """"—" (not asked), the allowed answers of ``key``, "Prefers not to say"."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.addItem("—", "")
        for value in CHOICES[key]:
            self.addItem("", value)
        self.translate_ui()

    def translate_ui(self) -> None:
        for index in range(1, self.count()):
            self.setItemText(index, _(ANSWERS[self.itemData(index)]))

    def value(self) -> str:
        return self.currentData() or ""

    def set_value(self, value: str | None) -> None:
        index = self.findData(value or "")
        self.setCurrentIndex(index if index >= 0 else 0)
