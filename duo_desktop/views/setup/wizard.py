"""The set-up wizard (issue 10): organisation, first branch, coordinators,
then "I am ...". Each page is checked by the settings services when the user
goes on (errors beside their field, in the interface language); everything
is saved by one Operation at the end, so nothing is half-saved.

Keyboard only: Enter goes to the next page, every field has a mnemonic, the
tab order follows the form."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ...i18n import N_, _
from ...services.errors import RuleError
from ...services.settings import branches, coordinators, programme
from ...services.settings import common as c
from ..context import AppContext, Changes
from ..fit import scrolling
from ..ops import Operation, Query
from ..retranslate import follow_language
from .fields import BranchForm, CoordinatorForm, FieldForm


class OrganisationPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.name = QLineEdit()
        self.form = FieldForm()
        self.form.add("organisation", lambda: _("&Organisation:"), self.name)
        QVBoxLayout(self).addWidget(self.form)

    def translate_ui(self) -> None:
        self.setTitle(_("Your organisation"))
        self.setSubTitle(_("The name printed on reports and documents."))
        self.form.translate_ui()

    def validatePage(self) -> bool:  # noqa: N802
        self.form.clear_errors()
        problems = [p for p in (c.required({"organisation": self.name.text()}, "organisation"),
                                c.too_long({"organisation": self.name.text()}, "organisation", 200)) if p]
        self.form.show_errors(problems)
        return not problems


class BranchPage(QWizardPage):
    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.form = BranchForm()
        QVBoxLayout(self).addWidget(scrolling(self.form))

    def translate_ui(self) -> None:
        self.setTitle(_("Your first branch"))
        self.setSubTitle(_("Its rules start with the programme's defaults; change them later in the settings."))
        self.form.translate_ui()

    def validatePage(self) -> bool:  # noqa: N802
        found: list[RuleError] = []
        Query(self, self.context, lambda s: branches.branch_problems(s, self.form.values())).success(
            found.extend).run()
        self.form.show_errors(found)
        return not found


class CoordinatorsPage(QWizardPage):
    """Add one or more coordinators; what is typed in the form when the user
    goes on is added too."""

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.people: list[dict[str, Any]] = []
        self.form = CoordinatorForm()
        self.add_button = QPushButton()
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add_typed)
        self.remove_button = QPushButton()
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self._remove)
        self.list_label = QLabel()
        self.list = QListWidget()
        self.list_label.setBuddy(self.list)
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        left.addWidget(self.form)
        left.addWidget(self.add_button)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.list_label)
        right.addWidget(self.list, 1)
        right.addWidget(self.remove_button)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)

    def translate_ui(self) -> None:
        self.setTitle(_("Coordinators"))
        self.setSubTitle(_("Add everyone who will use the application in this branch (at least one)."))
        self.form.translate_ui()
        self.add_button.setText(_("&Add this coordinator"))
        self.remove_button.setText(_("Remo&ve from the list"))
        self.list_label.setText(_("&Coordinators added:"))

    def _typed(self) -> bool:
        return any(v.strip() for v in self.form.values().values())

    def add_typed(self) -> bool:
        """Check the form and add it to the list; False (errors shown) when refused."""
        values = self.form.values()
        found: list[RuleError] = []
        Query(self, self.context, lambda s: coordinators.coordinator_problems(s, values)).success(
            found.extend).run()
        found = [p for p in found if p.code != "no_branch"]  # the branch is the one being created
        self.form.show_errors(found)
        if found:
            return False
        self.people.append(values)
        self.list.addItem(f"{values['first_name']} {values['last_name']}".strip())
        self.form.set_values({})
        self.form.first_name.setFocus()
        return True

    def _remove(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.people.pop(row)
            self.list.takeItem(row)

    def validatePage(self) -> bool:  # noqa: N802
        if self._typed() and not self.add_typed():
            return False
        if not self.people:
            self.form.show_error(N_("Add at least one coordinator."), "last_name")
            return False
        return True


class WhoPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.label = QLabel()
        self.who = QComboBox()
        self.label.setBuddy(self.who)
        self.error = FieldForm()
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.who)
        layout.addWidget(self.error)
        layout.addStretch(1)

    def translate_ui(self) -> None:
        self.setTitle(_("Who is working?"))
        self.setSubTitle(_("New participants, events and duos are followed by this coordinator. "
                           "You can change it at any time in the status bar."))
        self.label.setText(_("&I am:"))

    def initializePage(self) -> None:  # noqa: N802
        wizard: SetupWizard = self.wizard()  # type: ignore[assignment]
        self.who.clear()
        for i, person in enumerate(wizard.coordinators_page.people):
            self.who.addItem(f"{person['first_name']} {person['last_name']}".strip(), i)


class SetupWizard(QWizard):
    """``finished_setup(coordinator_id)`` after everything was saved."""

    finished_setup = Signal(int)

    def __init__(self, parent: QWidget | None, context: AppContext) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("setupWizard")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.organisation_page = OrganisationPage()
        self.branch_page = BranchPage(context)
        self.coordinators_page = CoordinatorsPage(context)
        self.who_page = WhoPage()
        for page in self.pages:
            self.addPage(page)
        self.resize(720, 600)
        self.translate_ui()
        follow_language(self)

    @property
    def pages(self) -> list[QWizardPage]:
        return [self.organisation_page, self.branch_page, self.coordinators_page, self.who_page]

    def translate_ui(self) -> None:
        self.setWindowTitle(_("Set up my programme"))
        for button, text in ((QWizard.WizardButton.BackButton, _("< &Back")),
                             (QWizard.WizardButton.NextButton, _("&Next >")),
                             (QWizard.WizardButton.FinishButton, _("&Finish")),
                             (QWizard.WizardButton.CancelButton, _("Cancel"))):
            self.setButtonText(button, text)
        for page in self.pages:
            page.translate_ui()

    def validateCurrentPage(self) -> bool:  # noqa: N802
        if not super().validateCurrentPage():
            return False
        if self.currentPage() is self.who_page:
            return self._save()
        return True

    def _save(self) -> bool:
        organisation = self.organisation_page.name.text()
        branch = self.branch_page.form.values()
        people = list(self.coordinators_page.people)
        me = self.who_page.who.currentData() or 0
        now = self.context.clock.now()

        def work(session) -> int:  # noqa: ANN001
            programme.set_organisation(session, organisation, now)
            branch_id = branches.create_branch(session, branch, now)
            ids = [coordinators.create_coordinator(session, {**p, "branch": branch_id}, now) for p in people]
            return ids[me]

        saved: list[int] = []

        def failed(exc: Exception) -> None:
            from ..ops import failure_text

            self.who_page.error.show_error(failure_text(exc))

        Operation(self, self.context, work, changes=Changes.SETTINGS).success(saved.append).failure(failed).run()
        if saved:
            self.finished_setup.emit(saved[0])
        return bool(saved)
