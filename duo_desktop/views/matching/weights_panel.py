"""The branch's weight per criterion: the scores change at once while the
coordinator moves a weight, and the weights are saved (debounced)."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, QTimer, Signal
from PySide6.QtWidgets import QDoubleSpinBox, QFormLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...i18n import FORMAT_LOCALES, _, current_language
from ...models import DEFAULT_MATCHING_WEIGHTS
from ...services.matching.criteria import CRITERIA
from ...services.matching.explain import criterion_label


class WeightsPanel(QWidget):
    changed = Signal(dict)  # at once, to rescore
    save_requested = Signal(dict)  # after a pause, to save

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.form = QFormLayout()
        self.spins: dict[str, QDoubleSpinBox] = {}
        self.labels: dict[str, QLabel] = {}
        for key in CRITERIA:
            spin = QDoubleSpinBox()
            spin.setRange(0, 10)
            spin.setSingleStep(0.5)
            spin.setDecimals(1)
            spin.valueChanged.connect(self._on_changed)
            label = QLabel()
            label.setBuddy(spin)
            self.spins[key] = spin
            self.labels[key] = label
            self.form.addRow(label, spin)
        self.reset_button = QPushButton()
        self.reset_button.clicked.connect(lambda: self.set_weights(DEFAULT_MATCHING_WEIGHTS, emit=True))
        self._save = QTimer(self, singleShot=True, interval=600)
        self._save.timeout.connect(lambda: self.save_requested.emit(self.weights()))
        self._loading = False
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.reset_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def translate_ui(self) -> None:
        self.intro.setText(_("Weight of each criterion for this branch (0 = ignored). Scores change at once; "
                             "the weights are saved for the branch."))
        locale = QLocale(FORMAT_LOCALES.get(current_language(), "en_GB"))
        for key, label in self.labels.items():
            label.setText(criterion_label(key))
            self.spins[key].setLocale(locale)  # "2,5" in French and Dutch
        self.reset_button.setText(_("Default weights"))

    def weights(self) -> dict[str, float]:
        return {k: s.value() for k, s in self.spins.items()}

    def set_weights(self, weights: dict[str, float], emit: bool = False) -> None:
        self._loading = not emit
        for key, spin in self.spins.items():
            spin.setValue(float(weights.get(key, DEFAULT_MATCHING_WEIGHTS[key])))
        self._loading = False
        if emit:
            self._on_changed()

    def _on_changed(self, *_args) -> None:  # noqa: ANN002
        if self._loading:
            return
        self.changed.emit(self.weights())
        self._save.start()
