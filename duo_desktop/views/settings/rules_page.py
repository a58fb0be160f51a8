"""Settings pages about one branch: eligibility rules, matching weights and
the follow-up schedule."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox, QLabel, QLineEdit, QPushButton, QSpinBox

from ...i18n import N_, _
from ...services.matching.explain import criterion_label
from ...services.settings import followup, rules, weights
from ...models import DEFAULT_FOLLOWUP_MONTHS, DEFAULT_MATCHING_WEIGHTS
from ..context import AppContext
from ..setup.fields import FieldForm
from .base import BranchScopedPage

_NUMBER_LABELS = {
    "mentee_min_age": lambda: _("&Youngest mentee age:"),
    "mentee_max_age": lambda: _("&Oldest mentee age:"),
    "mentor_min_age": lambda: _("Youngest &mentor age:"),
    "duo_months": lambda: _("Duo &length (months):"),
    "meetings_per_week": lambda: _("Meetings &per week:"),
    "min_weekly_hours": lambda: _("&Hours per week:"),
    "max_mentees_per_mentor": lambda: _("Me&ntees per mentor at once:"),
}
_CHECK_LABELS = {
    "require_non_eu_background": lambda: _("Non-EU migration background &required"),
    "require_work_permit": lambda: _("&Work permit required"),
    "require_employment_office": lambda: _("Registration with the &employment office required"),
}


class RulesPage(BranchScopedPage):
    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        self.form = FieldForm()
        self.edits: dict[str, QSpinBox | QCheckBox] = {}
        self.loaded: dict = {}
        for field, text in _NUMBER_LABELS.items():
            spin = QSpinBox()
            spin.setRange(0, 99)
            self.edits[field] = self.form.add(field, text, spin)
        for field, text in _CHECK_LABELS.items():
            self.edits[field] = self.form.add(field, lambda: "", QCheckBox())
        self.layout_.addWidget(self.form)
        self.layout_.addStretch(1)
        self.finish_layout()

    def title(self) -> str:
        return _("Eligibility rules")

    def translate_ui(self) -> None:
        super().translate_ui()
        self.form.translate_ui()
        for field, text in _CHECK_LABELS.items():
            self.edits[field].setText(text())

    def load_branch(self, branch_id: int) -> None:
        values = self.query(lambda s: rules.rule_values(s, branch_id)) or {}
        self.loaded = dict(values)
        self.form.clear_errors()
        for field, value in values.items():
            edit = self.edits[field]
            edit.setChecked(bool(value)) if isinstance(edit, QCheckBox) else edit.setValue(int(value))

    def values(self) -> dict:
        """The rules changed since they were read (so an error names the field the user changed)."""
        values = {f: (e.isChecked() if isinstance(e, QCheckBox) else e.value()) for f, e in self.edits.items()}
        return {f: v for f, v in values.items() if self.loaded.get(f) != v}

    def save(self) -> bool:
        branch_id, values, now, who = self.branch_id(), self.values(), self.now(), self.context.coordinator_id
        return self.run_save(lambda s: rules.update_rules(s, branch_id, values, now, who), self.form,
                             lambda _changed: self.loaded.update(values))


class WeightsPage(BranchScopedPage):
    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.layout_.addWidget(self.note)
        self.form = FieldForm()
        self.edits: dict[str, QDoubleSpinBox] = {}
        for key in DEFAULT_MATCHING_WEIGHTS:
            spin = QDoubleSpinBox()
            spin.setRange(0, 10)
            spin.setSingleStep(0.5)
            spin.setDecimals(1)
            self.edits[key] = self.form.add(key, lambda k=key: _("{label}:").format(label=criterion_label(k)), spin)
        self.layout_.addWidget(self.form)
        self.defaults_button = QPushButton()
        self.defaults_button.clicked.connect(self._defaults)
        self.layout_.addWidget(self.defaults_button)
        self.layout_.addStretch(1)
        self.finish_layout()

    def title(self) -> str:
        return _("Matching weights")

    def translate_ui(self) -> None:
        super().translate_ui()
        self.note.setText(_("How much each criterion counts in the proposals, from 0 (not at all) to 10. "
                            "The matching board's weights panel changes the same setting."))
        self.form.translate_ui()
        self.defaults_button.setText(_("Programme &defaults"))

    def _defaults(self) -> None:
        for key, value in DEFAULT_MATCHING_WEIGHTS.items():
            self.edits[key].setValue(value)

    def load_branch(self, branch_id: int) -> None:
        values = self.query(lambda s: weights.weight_values(s, branch_id)) or {}
        self.form.clear_errors()
        for key, value in values.items():
            self.edits[key].setValue(value)

    def save(self) -> bool:
        branch_id, now, who = self.branch_id(), self.now(), self.context.coordinator_id
        values = {k: e.value() for k, e in self.edits.items()}
        return self.run_save(lambda s: weights.save_matching_weights(s, branch_id, values, now, who), self.form)


class FollowupPage(BranchScopedPage):
    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.layout_.addWidget(self.note)
        self.form = FieldForm()
        self.months = QLineEdit()
        self.form.add("followup_months", lambda: _("&Months after the end:"), self.months)
        self.layout_.addWidget(self.form)
        self.esf_button = QPushButton()
        self.esf_button.clicked.connect(lambda: self.months.setText(_join(followup.ESF_FOLLOWUP_MONTHS)))
        self.default_button = QPushButton()
        self.default_button.clicked.connect(lambda: self.months.setText(_join(DEFAULT_FOLLOWUP_MONTHS)))
        self.layout_.addWidget(self.default_button)
        self.layout_.addWidget(self.esf_button)
        self.layout_.addStretch(1)
        self.finish_layout()

    def title(self) -> str:
        return _("Follow-up schedule")

    def translate_ui(self) -> None:
        super().translate_ui()
        self.note.setText(_("When the outcome of a duo is asked after its end, in months separated by commas "
                            "(0 = at the end). A branch funded by the European Social Fund adds 1 (within "
                            "4 weeks) and 6."))
        self.form.translate_ui()
        self.default_button.setText(_("Programme &defaults (end, 3 and 12 months)"))
        self.esf_button.setText(_("&ESF+ schedule (end, 1, 3, 6 and 12 months)"))

    def load_branch(self, branch_id: int) -> None:
        months = self.query(lambda s: followup.followup_months(s, branch_id)) or []
        self.form.clear_errors()
        self.months.setText(_join(months))

    def parsed(self) -> list[int] | None:
        try:
            return [int(p) for p in self.months.text().replace(";", ",").split(",") if p.strip()]
        except ValueError:
            return None

    def save(self) -> bool:
        months = self.parsed()
        if months is None:
            self.form.show_errors(followup.followup_problems(["?"]))
            self.tell(N_("Not saved."))
            return False
        branch_id, now, who = self.branch_id(), self.now(), self.context.coordinator_id
        return self.run_save(lambda s: followup.set_followup_months(s, branch_id, months, now, who), self.form,
                             lambda clean: self.months.setText(_join(clean)))


def _join(months: list[int]) -> str:
    return ", ".join(str(m) for m in months)

