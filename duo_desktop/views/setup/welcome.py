"""The welcome screen of an empty database (issue 10): set up the programme
(the default button) or explore the demo, which lives in its own file."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ... import APP_NAME
from ...i18n import _
from ..retranslate import follow_language


class WelcomeDialog(QDialog):
    """Two paths; ``setup_chosen`` or ``demo_chosen`` is emitted, then the dialog closes.
    Loading the demo is never the default button."""

    setup_chosen = Signal()
    demo_chosen = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        self.setMinimumWidth(640)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.setup_button = QPushButton()
        self.setup_button.setDefault(True)
        self.setup_button.setAutoDefault(True)
        self.setup_text = QLabel()
        self.setup_text.setWordWrap(True)
        self.demo_button = QPushButton()
        self.demo_button.setAutoDefault(False)
        self.demo_text = QLabel()
        self.demo_text.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        for button, text in ((self.setup_button, self.setup_text), (self.demo_button, self.demo_text)):
            row = QHBoxLayout()
            button.setMinimumWidth(230)
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
            row.addWidget(text, 1)
            layout.addLayout(row)
        self.setup_button.clicked.connect(lambda: self._chosen(self.setup_chosen))
        self.demo_button.clicked.connect(lambda: self._chosen(self.demo_chosen))
        self.translate_ui()
        follow_language(self)
        self.setup_button.setFocus()

    def translate_ui(self) -> None:
        self.setWindowTitle(_("Welcome to {app}").format(app=APP_NAME))
        self.title.setText(_("Welcome to {app}").format(app=APP_NAME))
        self.text.setText(_("This database is empty. How do you want to start?"))
        self.setup_button.setText(_("&Set up my programme"))
        self.setup_text.setText(_("Name your organisation, create your first branch with its rules and "
                                  "letterhead, and add the coordinators. It takes a few minutes."))
        self.demo_button.setText(_("&Explore with demo data"))
        self.demo_text.setText(_("Look around with a fictional programme of synthetic people. The demo lives "
                                 "in its own file and never mixes with your real data."))

    def showEvent(self, event) -> None:  # noqa: ANN001, N802
        """Tall enough for the wrapped descriptions at the dialog's width (any language, any scale)."""
        super().showEvent(event)
        self.fit_height()

    def fit_height(self) -> None:
        needed = self.layout().totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    def _chosen(self, signal: Signal) -> None:
        self.accept()
        signal.emit()
