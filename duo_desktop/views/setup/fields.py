"""Form pieces shared by the set-up wizard and the settings dialog: a form
whose errors show beside their field (``RuleError.field``), and the branch
form (code, name, city, country, employment office, contact, logo, language
of documents, active)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...i18n import LANGUAGE_NAMES, LANGUAGES, _
from ...services.errors import RuleError
from ...services.reference import BRANCH_COUNTRIES, employment_office_label, employment_offices
from ...services.locales import country_name
from ... import i18n
from ..form_dialog import error_label
from ..retranslate import Text, say


class FieldForm(QWidget):
    """A QFormLayout whose rows each have a hidden red line under the field
    for its error. ``add(field, label, widget)``; ``show_error(exc)`` puts a
    RuleError beside its field (or at the bottom when the field is not here)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.labels: dict[str, tuple[QLabel, Callable[[], str]]] = {}
        self.errors: dict[str, QLabel] = {}
        self.widgets: dict[str, QWidget] = {}
        self.general = error_label()
        self.form.addRow(self.general)

    def add(self, field: str, text: Callable[[], str], widget: QWidget, focus: QWidget | None = None) -> QWidget:
        label = QLabel()
        label.setBuddy(focus or widget)
        error = error_label()
        error.setObjectName(f"error_{field}")
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(1)
        column.addWidget(widget)
        column.addWidget(error)
        expands = widget.sizePolicy().verticalPolicy() in (QSizePolicy.Policy.Expanding,
                                                          QSizePolicy.Policy.MinimumExpanding)
        if not expands or widget.maximumHeight() < 10_000:
            column.addStretch(1)  # a field that does not grow stays beside its label
        self.form.insertRow(self.form.rowCount() - 1, label, box)
        self.labels[field] = (label, text)
        self.errors[field] = error
        self.widgets[field] = focus or widget
        return widget

    def translate_ui(self) -> None:
        for label, text in self.labels.values():
            label.setText(text())

    def clear_errors(self) -> None:
        for error in (*self.errors.values(), self.general):
            say(error, None)

    def show_error(self, exc: RuleError | Text, field: str = "") -> None:
        """``exc``'s reason (or a text: a msgid or a function) beside ``field``; it follows a language switch."""
        text = exc.text.render if isinstance(exc, RuleError) else exc
        field = exc.field if isinstance(exc, RuleError) else field
        error = self.errors.get(field, self.general)
        say(error, text)
        if field in self.widgets:
            self.widgets[field].setFocus()

    def show_errors(self, problems: list[RuleError]) -> None:
        self.clear_errors()
        for problem in reversed(problems):  # the first problem's field gets the focus
            self.show_error(problem)

    def error_text(self, field: str) -> str:
        """What is shown beside ``field`` ("" when nothing): for tests."""
        error = self.errors.get(field, self.general)
        return error.text() if not error.isHidden() else ""


class BranchForm(FieldForm):
    """Every field of a branch; ``values()`` is the dict services/settings/branches takes."""

    def __init__(self, with_active: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code = QLineEdit()
        self.code.setMaxLength(16)
        self.name = QLineEdit()
        self.city = QLineEdit()
        self.country = QComboBox()
        for code in BRANCH_COUNTRIES:
            self.country.addItem(code, code)
        self.office = QComboBox()
        self.address = QLineEdit()
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.language = QComboBox()
        for lang in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[lang], lang)
        self.logo = QLineEdit()
        self.logo_button = QPushButton()
        self.logo_button.clicked.connect(self._choose_logo)
        logo_row = QWidget()
        row = QHBoxLayout(logo_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.logo, 1)
        row.addWidget(self.logo_button)
        self.add("code", lambda: _("&Code:"), self.code)
        self.add("name", lambda: _("N&ame:"), self.name)
        self.add("city", lambda: _("C&ity:"), self.city)
        self.add("country", lambda: _("Co&untry:"), self.country)
        self.add("employment_office", lambda: _("Employment &office:"), self.office)
        self.add("address", lambda: _("Add&ress:"), self.address)
        self.add("phone", lambda: _("&Phone:"), self.phone)
        self.add("email", lambda: _("E&mail:"), self.email)
        self.add("default_language", lambda: _("Language of &documents:"), self.language)
        self.add("logo_path", lambda: _("&Logo (optional):"), logo_row, focus=self.logo)
        self.active = QCheckBox() if with_active else None
        if self.active is not None:
            self.add("active", lambda: _("Status:"), self.active)
        self.country.currentIndexChanged.connect(self._fill_offices)
        self.translate_ui()

    def translate_ui(self) -> None:
        super().translate_ui()
        lang = i18n.current_language()
        for i in range(self.country.count()):
            code = self.country.itemData(i)
            self.country.setItemText(i, f"{country_name(code, lang)} ({code})")
        self._fill_offices()
        self.logo_button.setText(_("Choose…"))
        if self.active is not None:
            self.active.setText(_("Op&en"))
            self.active.setToolTip(_("Uncheck to close the branch: it keeps its history and takes nobody new."))

    def _fill_offices(self) -> None:
        current = self.office.currentData()
        self.office.clear()
        for code in employment_offices(self.country.currentData() or "BE"):
            self.office.addItem(employment_office_label(code), code)
        self.office.setCurrentIndex(max(0, self.office.findData(current)))

    def _choose_logo(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Logo"), self.logo.text(),
                                                    _("Images (*.png *.jpg *.jpeg)"))
        if path:
            self.logo.setText(path)

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {
            "code": self.code.text(), "name": self.name.text(), "city": self.city.text(),
            "country": self.country.currentData(), "employment_office": self.office.currentData() or "",
            "address": self.address.text(), "phone": self.phone.text(), "email": self.email.text(),
            "default_language": self.language.currentData(), "logo_path": self.logo.text(),
        }
        if self.active is not None:
            values["active"] = self.active.isChecked()
        return values

    def set_values(self, values: dict[str, Any]) -> None:
        self.clear_errors()
        for field, edit in (("code", self.code), ("name", self.name), ("city", self.city),
                            ("address", self.address), ("phone", self.phone), ("email", self.email),
                            ("logo_path", self.logo)):
            edit.setText(values.get(field) or "")
        self.country.setCurrentIndex(max(0, self.country.findData(values.get("country"))))
        self._fill_offices()
        self.office.setCurrentIndex(max(0, self.office.findData(values.get("employment_office"))))
        self.language.setCurrentIndex(max(0, self.language.findData(values.get("default_language"))))
        if self.active is not None:
            self.active.setChecked(bool(values.get("active", True)))


class CoordinatorForm(FieldForm):
    """First name, last name, email, phone (the branch is chosen by the page)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first_name = QLineEdit()
        self.last_name = QLineEdit()
        self.email = QLineEdit()
        self.phone = QLineEdit()
        self.add("first_name", lambda: _("&First name:"), self.first_name)
        self.add("last_name", lambda: _("&Last name:"), self.last_name)
        self.add("email", lambda: _("E&mail:"), self.email)
        self.add("phone", lambda: _("&Phone:"), self.phone)
        self.translate_ui()

    def values(self) -> dict[str, Any]:
        return {"first_name": self.first_name.text(), "last_name": self.last_name.text(),
                "email": self.email.text(), "phone": self.phone.text()}

    def set_values(self, values: dict[str, Any]) -> None:
        self.clear_errors()
        for field in ("first_name", "last_name", "email", "phone"):
            getattr(self, field).setText(values.get(field) or "")
