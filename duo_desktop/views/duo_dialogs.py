"""The duo page's dialogs: sign the agreement, end the duo, a check-in, the end
evaluation (one side) and an outcome. Each hands a plain value to a save
callback, which returns the Operation that saves it in one transaction (the
dialog runs it and shows a refusal without losing what was typed)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from ..i18n import N_
from ..models import (
    CheckInWith,
    ContractType,
    EndReason,
    Gain,
    MeetingChannel,
    ObjectivesReached,
    OutcomeKind,
    OutcomeMoment,
    Respondent,
)
from ..services.followup import WITH_DATE, EvaluationInput, OutcomeInput
from ..services.labels import label
from ..services.reference import SECTORS, language_label, sector_label
from .form_dialog import FormDialog, date_edit, date_of
from .retranslate import tr, tr_items

AGREEMENT_LANGUAGES = ("fr", "nl", "en")


def enum_combo(members, current=None) -> QComboBox:  # noqa: ANN001
    """A combo box of enum members whose labels follow the interface language."""
    combo = QComboBox()
    by_value = {}
    for member in members:
        combo.addItem("", member)
        by_value[member.value] = member
    tr_items(combo, lambda data: label(by_value.get(data, data)))
    if current is not None:
        combo.setCurrentIndex(combo.findData(current))
    return combo


def picked(combo: QComboBox, enum_type):  # noqa: ANN001, ANN201
    """The enum member chosen (Qt hands StrEnum data back as plain str)."""
    data = combo.currentData()
    return None if data is None else enum_type(data)


@dataclass(frozen=True)
class AgreementInput:
    signed_on: dt.date
    language: str


class AgreementDialog(FormDialog):
    def __init__(self, today: dt.date, default_language: str, save, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(N_("Sign the agreement"), save, parent)
        self.signed_on = date_edit(today, today)
        self.language = QComboBox()
        for code in AGREEMENT_LANGUAGES:
            self.language.addItem("", code)
        tr_items(self.language, language_label)
        self.language.setCurrentIndex(max(self.language.findData(default_language), 0))
        self.add_row(N_("Signed on"), self.signed_on)
        self.add_row(N_("Language of the agreement"), self.language)

    def value(self) -> AgreementInput:
        return AgreementInput(date_of(self.signed_on), self.language.currentData())


@dataclass(frozen=True)
class EndInput:
    ended_on: dt.date
    reason: EndReason
    note: str


class EndDuoDialog(FormDialog):
    def __init__(self, today: dt.date, save, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(N_("End the duo"), save, parent)
        self.ended_on = date_edit(today, today)
        self.reason = enum_combo(EndReason, EndReason.COMPLETED)
        self.note = QLineEdit()
        self.add_row(N_("Ended on"), self.ended_on)
        self.add_row(N_("Reason"), self.reason)
        self.add_row(N_("Note"), self.note)

    def value(self) -> EndInput:
        return EndInput(date_of(self.ended_on), picked(self.reason, EndReason), self.note.text())


@dataclass(frozen=True)
class CheckInInput:
    held_on: dt.date
    with_whom: CheckInWith
    channel: MeetingChannel
    rating: int
    concerns: str
    follow_up_needed: bool


class CheckInDialog(FormDialog):
    def __init__(self, today: dt.date, save, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(N_("Check-in"), save, parent)
        self.held_on = date_edit(today, today)
        self.with_whom = enum_combo(CheckInWith, CheckInWith.BOTH)
        self.channel = enum_combo(MeetingChannel, MeetingChannel.PHONE)
        self.rating = QSpinBox()
        self.rating.setRange(1, 5)
        self.rating.setValue(3)
        self.rating.setSuffix(" / 5")
        self.concerns = QPlainTextEdit()
        self.concerns.setTabChangesFocus(True)
        self.concerns.setFixedHeight(70)
        self.follow_up = tr(QCheckBox(), N_("Concerns to follow"))
        self.add_row(N_("Date"), self.held_on)
        self.add_row(N_("With"), self.with_whom)
        self.add_row(N_("Channel"), self.channel)
        self.add_row(N_("How it goes (1 = badly, 5 = very well)"), self.rating)
        self.add_row(N_("Concerns"), self.concerns)
        self.form.addRow("", self.follow_up)

    def value(self) -> CheckInInput:
        return CheckInInput(date_of(self.held_on), picked(self.with_whom, CheckInWith), picked(self.channel, MeetingChannel),
                            self.rating.value(), self.concerns.toPlainText(), self.follow_up.isChecked())


class EvaluationDialog(FormDialog):
    """The end evaluation of one side; the mentor's says whether they want a new duo."""

    def __init__(self, respondent: Respondent, person: str, today: dt.date, save,  # noqa: ANN001
                 parent: QWidget | None = None, existing: EvaluationInput | None = None) -> None:
        title = N_("End evaluation by the mentor") if respondent is Respondent.MENTOR else \
            N_("End evaluation by the mentee")
        super().__init__(title, save, parent)
        self.respondent = respondent
        self.completed_on = date_edit(today, today)
        self.objectives = enum_combo(ObjectivesReached, ObjectivesReached.YES)
        self.satisfaction = QSpinBox()
        self.satisfaction.setRange(1, 5)
        self.satisfaction.setValue(4)
        self.satisfaction.setSuffix(" / 5")
        gains = QWidget()
        grid = QGridLayout(gains)
        grid.setContentsMargins(0, 0, 0, 0)
        self.gains: dict[Gain, QCheckBox] = {}
        for i, gain in enumerate(Gain):
            box = tr(QCheckBox(), lambda gain=gain: label(gain))
            self.gains[gain] = box
            grid.addWidget(box, i // 2, i % 2)
        self.wants_new_duo_yes = tr(QRadioButton(), N_("Yes"))
        self.wants_new_duo_no = tr(QRadioButton(), N_("No"))
        self._group = QButtonGroup(self)
        self._group.addButton(self.wants_new_duo_yes)
        self._group.addButton(self.wants_new_duo_no)
        self.comments = QPlainTextEdit()
        self.comments.setTabChangesFocus(True)
        self.comments.setFixedHeight(70)
        self.add_row(N_("Person"), QLineEdit(person, readOnly=True))
        self.add_row(N_("Completed on"), self.completed_on)
        self.add_row(N_("Objectives reached"), self.objectives)
        self.add_row(N_("Satisfaction (1 to 5)"), self.satisfaction)
        self.add_row(N_("What was gained"), gains)
        if respondent is Respondent.MENTOR:
            row = QWidget()
            from PySide6.QtWidgets import QHBoxLayout

            box = QHBoxLayout(row)
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(self.wants_new_duo_yes)
            box.addWidget(self.wants_new_duo_no)
            box.addStretch(1)
            self.add_row(N_("Wants a new duo"), row)
        self.add_row(N_("Comments"), self.comments)
        if existing is not None:  # correcting a saved evaluation
            self.completed_on.set_value(existing.completed_on)
            self.objectives.setCurrentIndex(self.objectives.findData(existing.objectives_reached))
            self.satisfaction.setValue(existing.satisfaction)
            for gain in existing.gains:
                self.gains[gain].setChecked(True)
            if existing.wants_new_duo is not None:
                (self.wants_new_duo_yes if existing.wants_new_duo else self.wants_new_duo_no).setChecked(True)
            self.comments.setPlainText(existing.comments)

    def value(self) -> EvaluationInput:
        wants = None
        if self.respondent is Respondent.MENTOR:
            wants = True if self.wants_new_duo_yes.isChecked() else False if self.wants_new_duo_no.isChecked() \
                else None
        return EvaluationInput(self.respondent, date_of(self.completed_on), picked(self.objectives, ObjectivesReached),
                               self.satisfaction.value(), tuple(g for g, b in self.gains.items() if b.isChecked()),
                               wants, self.comments.toPlainText())


class OutcomeDialog(FormDialog):
    def __init__(self, today: dt.date, moment: OutcomeMoment, save, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(N_("Outcome"), save, parent)
        self.kind = enum_combo(OutcomeKind, OutcomeKind.JOB)
        self.contract = enum_combo(ContractType, ContractType.FIXED_TERM)
        self.sector = QComboBox()
        self.sector.addItem("—", "")
        for code in SECTORS:
            self.sector.addItem("", code)
        tr_items(self.sector, lambda code: sector_label(code) if code else "—")
        self.outcome_date = date_edit(today)
        self.moment = enum_combo(OutcomeMoment, moment)
        self.learnt_on = date_edit(today, today)
        self.note = QLineEdit()
        self.add_row(N_("What the mentee does"), self.kind)
        self.add_row(N_("Contract type"), self.contract)
        self.add_row(N_("Sector"), self.sector)
        self.add_row(N_("Start date"), self.outcome_date)
        self.add_row(N_("When it was learnt"), self.moment)
        self.add_row(N_("Learnt on"), self.learnt_on)
        self.add_row(N_("Note"), self.note)
        self.kind.currentIndexChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        kind = picked(self.kind, OutcomeKind)
        self.contract.setEnabled(kind is OutcomeKind.JOB)
        self.sector.setEnabled(kind in WITH_DATE)
        self.outcome_date.setEnabled(kind in WITH_DATE)

    def value(self) -> OutcomeInput:
        kind = picked(self.kind, OutcomeKind)
        return OutcomeInput(kind, picked(self.moment, OutcomeMoment), date_of(self.learnt_on),
                            date_of(self.outcome_date) if kind in WITH_DATE else None,
                            picked(self.contract, ContractType) if kind is OutcomeKind.JOB else None,
                            self.sector.currentData() or "", self.note.text())
