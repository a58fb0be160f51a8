"""The intake form itself, in the order of the interview. It only shows and
collects what was typed (a plain dict, see services/intake.py); checks and
saving are the window's and the services' business."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...i18n import LANGUAGE_NAMES, N_, NP_, _
from ...models import Gender, Role
from ...services.intake import CONSENT_SCOPES
from ...services.labels import label
from ...services.reference import EMPLOYMENT_OFFICES, LANGUAGES, REFERRAL_SOURCES, SECTORS, employment_office_label
from ...services import validation
from ..retranslate import tr_items
from . import esf_fields
from .esf_fields import EsfChoice
from .fields import AvailabilityGrid, CheckList, ErrorLabel, LanguagesEditor, TriState, assign_mnemonics

DATE_HINT = N_("dd/mm/yyyy")

SECTIONS = {
    "identity": N_("Identity"),
    "contact": N_("Contact"),
    "languages": N_("Languages"),
    "sectors": N_("Sectors of activity"),
    "availability": N_("Availability"),
    "education": N_("Education and experience"),
    "project": N_("Professional project"),
    "career": N_("Career and what they want to pass on"),
    "migration": N_("Migration background and residence permit"),
    "employment": N_("Employment office"),
    "esf": esf_fields.SECTION,
    "referral": N_("How they heard of the programme"),
    "personality": N_("Personality and interests"),
    "consent": N_("Consent to the processing of their data"),
    "notes": N_("Notes"),
}


class IntakeForm(QWidget):
    changed = Signal()
    role_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.inputs: dict[str, QWidget] = {}
        self.errors: dict[str, ErrorLabel] = {}
        self.groups: dict[str, QGroupBox] = {}
        self._labels: list[tuple[QLabel, str]] = []
        self.focus_chain: list[QWidget] = []
        self._layout = QVBoxLayout(self)
        self._build()
        self.translate_ui()

    # --- building -----------------------------------------------------------
    def _section(self, key: str) -> QFormLayout:
        box = QGroupBox()
        box.setObjectName(f"section_{key}")
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.groups[key] = box
        self._layout.addWidget(box)
        return form

    def _add(self, form: QFormLayout, key: str, caption: str, widget: QWidget,
             focus: list[QWidget] | None = None) -> QWidget:
        widget.setObjectName(key)
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        error = ErrorLabel()
        error.setObjectName(f"{key}_error")
        column.addWidget(error)
        caption_label = QLabel()
        caption_label.setBuddy(focus[0] if focus else widget)
        form.addRow(caption_label, holder)
        self._labels.append((caption_label, caption))
        self.inputs[key] = widget
        self.errors[key] = error
        self.focus_chain.extend(focus or [widget])
        return widget

    def _line(self, form: QFormLayout, key: str, caption: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        if key in validation.LIMITS:  # the column's length: the screen, the import and the database agree
            edit.setMaxLength(validation.LIMITS[key])
        edit.setProperty("placeholder_msgid", placeholder)
        edit.textChanged.connect(self._emit_changed)
        return self._add(form, key, caption, edit)

    def _text(self, form: QFormLayout, key: str, caption: str) -> QPlainTextEdit:
        edit = QPlainTextEdit()
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(64)
        edit.textChanged.connect(self._emit_changed)
        return self._add(form, key, caption, edit)

    def _combo(self, form: QFormLayout, key: str, caption: str, widget: QComboBox | None = None) -> QComboBox:
        combo = widget or QComboBox()
        combo.currentIndexChanged.connect(self._emit_changed)
        return self._add(form, key, caption, combo)

    def _build(self) -> None:
        f = self._section("identity")
        self.role = self._combo(f, "role", N_("Role"))
        for role in (Role.MENTEE, Role.MENTOR):
            self.role.addItem("", role.value)
        self.role.currentIndexChanged.connect(self._apply_role)
        self._line(f, "first_name", N_("First name"))
        self._line(f, "last_name", N_("Last name"))
        self._line(f, "birth_date", N_("Birth date"), DATE_HINT)
        self.gender = self._combo(f, "gender", N_("Gender"))
        for gender in (Gender.UNSPECIFIED, Gender.FEMALE, Gender.MALE, Gender.OTHER):
            self.gender.addItem("", gender.value)

        f = self._section("contact")
        self._line(f, "email", N_("Email"))
        self._line(f, "phone", N_("Phone"))
        self._line(f, "street", N_("Street and number"))
        self._line(f, "postal_code", N_("Postal code"))
        self._line(f, "municipality", N_("Municipality"))
        self.preferred_language = self._combo(f, "preferred_language", N_("Language for documents"))
        for code, name in LANGUAGE_NAMES.items():
            self.preferred_language.addItem(name, code)

        f = self._section("languages")
        self.languages = LanguagesEditor(LANGUAGES)
        self.languages.changed.connect(self._emit_changed)
        self._add(f, "languages", N_("Languages"), self.languages, self.languages.focus_widgets())

        f = self._section("sectors")
        self.sectors = CheckList(SECTORS)
        self.sectors.changed.connect(self._emit_changed)
        self._add(f, "sectors", N_("Sectors of activity"), self.sectors)

        f = self._section("availability")
        self.availability = AvailabilityGrid()
        self.availability.changed.connect(self._emit_changed)
        self._add(f, "availability", N_("Weekly slots"), self.availability)
        self.weekly_hours = QSpinBox()
        self.weekly_hours.setRange(0, 40)
        self.weekly_hours.valueChanged.connect(self._emit_changed)
        self._add(f, "weekly_hours", N_("Hours a week"), self.weekly_hours)

        f = self._section("education")
        self._line(f, "education_level", N_("Highest diploma"))
        self._text(f, "education", NP_("a person's own training", "Education"))
        self._text(f, "experience", N_("Experience"))

        f = self._section("project")
        self._text(f, "professional_project", N_("Professional project"))
        f = self._section("career")
        self._text(f, "career", N_("Career"))
        self._text(f, "to_pass_on", N_("What they want to pass on"))

        f = self._section("migration")
        self._line(f, "country_of_birth", N_("Country of birth"))
        self._line(f, "nationality", N_("Nationality"))
        self.non_eu = self._combo(f, "non_eu_background", N_("Non-EU migration background"), TriState())
        self._line(f, "arrival_year", N_("Year of arrival"))
        self._line(f, "residence_permit", N_("Residence permit"))
        self.permit_work = self._combo(f, "permit_allows_work", N_("The permit allows work"), TriState())
        self._line(f, "permit_end_date", N_("Permit valid until"), DATE_HINT)
        self._line(f, "expected_start", N_("Expected start of the duo"), DATE_HINT)

        f = self._section("employment")
        self.office = self._combo(f, "employment_office", N_("Employment office"))
        self.office.addItem("—", "")
        for code in EMPLOYMENT_OFFICES:
            self.office.addItem("", code)
        tr_items(self.office, lambda code: employment_office_label(code) if code else "—")
        self.registered = self._combo(f, "employment_office_registered", N_("Registered"), TriState())
        self._line(f, "employment_office_since", N_("Registered since"), DATE_HINT)

        f = self._section("esf")
        self.esf_note = QLabel()
        self.esf_note.setWordWrap(True)
        f.addRow(self.esf_note)
        self.esf = {key: self._combo(f, f"esf_{key}", caption, EsfChoice(key))
                    for key, caption in esf_fields.QUESTIONS}

        f = self._section("referral")
        self.referral = self._combo(f, "referral_source", N_("Heard of the programme through"))
        self.referral.addItem("—", "")
        for code in REFERRAL_SOURCES:
            self.referral.addItem("", code)

        f = self._section("personality")
        self._text(f, "personality_notes", N_("Personality"))
        self._text(f, "interests", N_("Interests"))

        f = self._section("consent")
        self.consent = QCheckBox()
        self.consent.toggled.connect(self._emit_changed)
        self._add(f, "consent", N_("Consent"), self.consent)
        self._line(f, "consent_date", N_("Consent date"), DATE_HINT)
        self._line(f, "consent_version", N_("Text version"))
        self.scope = CheckList(CONSENT_SCOPES, rows=5)
        self.scope.changed.connect(self._emit_changed)
        self._add(f, "consent_scope", N_("What they consented to"), self.scope)

        f = self._section("notes")
        self._text(f, "notes", N_("Notes"))
        self._layout.addStretch(1)
        self._apply_role()

    def _emit_changed(self, *_args: object) -> None:
        self.changed.emit()

    # --- language -----------------------------------------------------------
    def translate_ui(self, taken: str = "") -> None:
        """``taken``: mnemonic letters the window already uses."""
        self._taken = taken or getattr(self, "_taken", "")
        for key, box in self.groups.items():
            box.setTitle(_(SECTIONS[key]))
        assign_mnemonics([(w, _(msgid)) for w, msgid in self._labels], taken=self._taken)
        for index in range(self.role.count()):
            self.role.setItemText(index, label(Role(self.role.itemData(index))))
        for index in range(self.gender.count()):
            self.gender.setItemText(index, label(Gender(self.gender.itemData(index))))
        for index in range(1, self.referral.count()):
            self.referral.setItemText(index, _(REFERRAL_SOURCES[self.referral.itemData(index)]))
        for combo in (self.non_eu, self.permit_work, self.registered, *self.esf.values()):
            combo.translate_ui()
        self.esf_note.setText(_(esf_fields.NOTE))
        for widget in (self.languages, self.sectors, self.availability, self.scope):
            widget.translate_ui()
        for widget in self.inputs.values():
            hint = widget.property("placeholder_msgid")
            if isinstance(widget, QLineEdit) and hint:
                widget.setPlaceholderText(_(hint))
        self.consent.setText(_("The person consents to the processing of their data"))

    def _apply_role(self) -> None:
        mentor = self.role.currentData() == Role.MENTOR.value
        self.groups["project"].setVisible(not mentor)
        self.groups["migration"].setVisible(not mentor)
        self.groups["employment"].setVisible(not mentor)
        self.groups["esf"].setVisible(not mentor)  # ESF+ participants are the mentees
        self.groups["career"].setVisible(mentor)
        self.role_changed.emit()

    # --- data ---------------------------------------------------------------
    def data(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, widget in self.inputs.items():
            if isinstance(widget, QLineEdit):
                out[key] = widget.text()
            elif isinstance(widget, QPlainTextEdit):
                out[key] = widget.toPlainText()
        out.update({
            "role": self.role.currentData(), "gender": self.gender.currentData(),
            "preferred_language": self.preferred_language.currentData(),
            "languages": self.languages.entries(), "sectors": self.sectors.codes(),
            "availability": self.availability.slots(), "weekly_hours": str(self.weekly_hours.value()),
            "non_eu_background": self.non_eu.value(), "permit_allows_work": self.permit_work.value(),
            "employment_office": self.office.currentData(),
            "employment_office_registered": self.registered.value(),
            "referral_source": self.referral.currentData(), "consent_given": self.consent.isChecked(),
            "consent_scope": self.scope.codes(),
            "esf_entry": {key: combo.value() for key, combo in self.esf.items() if combo.value()},
        })
        return out

    def set_data(self, data: dict[str, Any]) -> None:
        self.blockSignals(True)
        try:
            for key, widget in self.inputs.items():
                if isinstance(widget, QLineEdit):
                    widget.setText(str(data.get(key) or ""))
                elif isinstance(widget, QPlainTextEdit):
                    widget.setPlainText(str(data.get(key) or ""))
            for combo, key in ((self.role, "role"), (self.gender, "gender"),
                               (self.preferred_language, "preferred_language"),
                               (self.office, "employment_office"), (self.referral, "referral_source")):
                index = combo.findData(data.get(key) or "")
                if index >= 0:
                    combo.setCurrentIndex(index)
            self.languages.set_entries(data.get("languages") or [])
            self.sectors.set_codes(data.get("sectors") or [])
            self.availability.set_slots(data.get("availability") or [])
            hours = str(data.get("weekly_hours") or "2")
            self.weekly_hours.setValue(int(hours) if hours.isdigit() else 2)
            self.non_eu.set_value(data.get("non_eu_background"))
            self.permit_work.set_value(data.get("permit_allows_work"))
            self.registered.set_value(data.get("employment_office_registered"))
            self.consent.setChecked(bool(data.get("consent_given")))
            self.scope.set_codes(data.get("consent_scope") or [])
            entry = data.get("esf_entry") or {}
            for key, combo in self.esf.items():
                combo.set_value(entry.get(key))
        finally:
            self.blockSignals(False)
        self._apply_role()

    def show_errors(self, messages: dict[str, str]) -> None:
        for key, error in self.errors.items():
            error.show_message(messages.get(key, ""))
