"""The ESF+ questions of the intake (Regulation (EU) 2021/1057, Annex I:
labour-market status, ISCED education level, third-country national,
foreign background, homelessness, disability), each a choice list whose
first item is "not asked" and last "prefers not to say". Values are those
of services/reports/esf_entry.CHOICES; the form keeps them as
``data["esf_entry"]`` ({key: value}, unanswered keys left out)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from ...i18n import N_, _
from ...services.reports.esf_entry import ANSWERS, CHOICES, QUESTIONS  # noqa: F401 (QUESTIONS: the form's rows)

SECTION = N_("European Social Fund+ (ESF+) questions")
NOTE = N_("Asked for the ESF+ report. Every answer is optional and may be “Prefers not to say”. Disability is "
          "sensitive data: it is only counted, never exported with a name.")


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
