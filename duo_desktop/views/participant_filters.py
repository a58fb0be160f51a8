"""The filter bar of the participants screen and the status strip (one button
per pipeline status with its count, which also filters the table)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QStyle,
    QStyleOptionComboBox,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QWidget,
)

from .. import i18n
from ..i18n import N_, _
from ..models import ParticipantStatus, Role
from ..services.labels import label
from ..services.participants import Choice
from ..services.reference import LANGUAGES, SECTORS, language_label, sector_label
from .flow_layout import FlowLayout

#: Waiting-time choices: months since the application
WAITING_MONTHS = (1, 3, 6, 12)


#: The narrowest a filter gets, in characters (a short "All ..." in some language)
MIN_CHARACTERS = 7


def _width_for(combo: QComboBox, text: str) -> int:
    """The width (logical pixels) of ``combo`` showing ``text`` whole, as the
    style draws it (frame, margins, arrow): QComboBox.sizeHint's own sum."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    metrics = combo.fontMetrics()
    contents = QSize(metrics.horizontalAdvance(text), metrics.height())
    return combo.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, contents, combo).width()


class FilterBar(QWidget):
    """Role, branch, sector, language, coordinator, waiting time, duplicates."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.role = QComboBox()
        self.branch = QComboBox()
        self.sector = QComboBox()
        self.language = QComboBox()
        self.coordinator = QComboBox()
        self.waiting = QComboBox()
        self.duplicates = QCheckBox()
        self._labels: list[tuple[QLabel, str]] = []
        layout = FlowLayout(self, spacing=8)  # wraps on a narrow window (issue 17)
        for text, combo in ((N_("&Role:"), self.role), (N_("&Branch:"), self.branch),
                            (N_("Se&ctor:"), self.sector), (N_("&Language:"), self.language),
                            (N_("C&oordinator:"), self.coordinator), (N_("&Waiting:"), self.waiting)):
            lab = QLabel()
            lab.setBuddy(combo)
            self._labels.append((lab, text))
            # a steady width, whatever is chosen: as wide as "All ..." in the interface language (set in
            # _fill; "Toutes les antennes" was cut to "Toutes les antenne" at 1366 pixels); the list that
            # opens shows every entry whole
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(MIN_CHARACTERS)
            pair = QWidget()  # a label stays beside its field when the bar wraps
            row = QHBoxLayout(pair)
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(4)
            row.addWidget(lab)
            row.addWidget(combo)
            layout.addWidget(pair)
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        layout.addWidget(self.duplicates)
        self.duplicates.toggled.connect(lambda _on: self.changed.emit())
        self._branches: list[Choice] = []
        self._coordinators: list[Choice] = []
        self.translate_ui()

    def set_choices(self, branches: list[Choice], coordinators: list[Choice]) -> None:
        self._branches, self._coordinators = branches, coordinators
        self.translate_ui()

    def _fill(self, combo: QComboBox, items: list[tuple[object, str]], everything: str) -> None:
        """``everything``: the first entry, named for its filter ("Toutes les antennes", not "Tous"
        next to a feminine noun; language review FR-16)."""
        current = combo.currentData()
        combo.setMinimumWidth(_width_for(combo, everything))
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for value, text in items:
            combo.addItem(text, value)
        i = combo.findData(current)
        combo.setCurrentIndex(i if i >= 0 else 0)
        combo.blockSignals(False)

    def translate_ui(self) -> None:
        for lab, text in self._labels:
            lab.setText(_(text))
        self._fill(self.role, [(r.value, label(r)) for r in Role], _("All roles"))
        self._fill(self.branch, [(c.value, c.text) for c in self._branches], _("All branches"))
        self._fill(self.sector, sorted(((code, sector_label(code)) for code in SECTORS), key=lambda x: x[1]),
                   _("All sectors"))
        self._fill(self.language, sorted(((code, language_label(code)) for code in LANGUAGES),
                                         key=lambda x: x[1]), _("All languages"))
        self._fill(self.coordinator, [(c.value, c.text) for c in self._coordinators], _("All coordinators"))
        self._fill(self.waiting, [(m, i18n.ngettext("more than {count} month", "more than {count} months", m)
                                   .format(count=m)) for m in WAITING_MONTHS], _("Any waiting time"))
        self.duplicates.setText(_("Possible &duplicates only"))

    def values(self) -> dict[str, object]:
        role = self.role.currentData()
        return {
            "role": Role(role) if role else None,
            "branch_id": self.branch.currentData(),
            "sector": self.sector.currentData(),
            "language": self.language.currentData(),
            "coordinator_id": self.coordinator.currentData(),
            "waiting_months": self.waiting.currentData(),
            "duplicates_only": self.duplicates.isChecked(),
        }

    def select(self, combo: QComboBox, value: object) -> None:
        """Choose an entry by its value (tests, restoring a view)."""
        combo.setCurrentIndex(max(0, combo.findData(value)))


class StatusStrip(QWidget):
    """"All (n)" then one checkable button per status with its count."""

    status_chosen = Signal(object)  # a ParticipantStatus or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[ParticipantStatus | None, QToolButton] = {}
        self._counts: dict[ParticipantStatus, int] = {}
        layout = FlowLayout(self, spacing=4)  # wraps on a narrow window (issue 17)
        for status in (None, *ParticipantStatus):
            button = QToolButton()
            button.setCheckable(True)
            button.setAutoRaise(False)
            button.clicked.connect(lambda _c=False, s=status: self.status_chosen.emit(s))
            self.group.addButton(button)
            self.buttons[status] = button
            layout.addWidget(button)
        self.buttons[None].setChecked(True)
        self.translate_ui()

    def current(self) -> ParticipantStatus | None:
        for status, button in self.buttons.items():
            if button.isChecked():
                return status
        return None

    def choose(self, status: ParticipantStatus | None) -> None:
        self.buttons[status].setChecked(True)
        self.status_chosen.emit(status)

    def set_counts(self, counts: dict[ParticipantStatus, int]) -> None:
        self._counts = counts
        self.translate_ui()

    def count_text(self, status: ParticipantStatus | None) -> str:
        return self.buttons[status].text()

    def translate_ui(self) -> None:
        total = sum(self._counts.values())
        self.buttons[None].setText(_("All ({count})").format(count=i18n.format_number(total)))
        self.buttons[None].setToolTip(_("Show every status"))
        for status in ParticipantStatus:
            n = self._counts.get(status, 0)
            self.buttons[status].setText(_("{status} ({count})").format(status=label(status),
                                                                          count=i18n.format_number(n)))
            self.buttons[status].setToolTip(_("Show only: {status}").format(status=label(status)))

