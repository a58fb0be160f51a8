"""'Why this score': the breakdown of one pair, criterion by criterion, with
each criterion's share of the score, and the rules a pair breaks."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from ...i18n import _, format_number
from ...services.matching.explain import criterion_label, describe
from ...services.matching.scoring import Explanation


class ExplanationPanel(QWidget):
    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.RichText)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.propose_button = QPushButton()
        layout = QVBoxLayout(self)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.propose_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._state: tuple[Explanation | None, str, str] = (None, "", "")

    def translate_ui(self) -> None:
        self.propose_button.setText(_("&Propose this duo (Ctrl+Enter)"))
        self.show_pair(*self._state)

    def show_pair(self, explanation: Explanation | None, mentee: str = "", mentor: str = "") -> None:
        self._state = (explanation, mentee, mentor)
        self.propose_button.setEnabled(explanation is not None and explanation.feasible)
        if explanation is None:
            self.body.setText(html.escape(_("Select a mentee, then a mentor, to see why they would (or would "
                                            "not) make a good duo.")))
            return
        head = _("{mentee} with {mentor}").format(mentee=f"<b>{html.escape(mentee)}</b>",
                                                  mentor=f"<b>{html.escape(mentor)}</b>")
        # an explicit direction: a name in Arabic first must not turn the line right to left
        parts = [f"<p dir='ltr'>{head}</p>"]
        if explanation.feasible:
            parts.append("<p dir='ltr' style='font-size:large'>" + html.escape(_("Score {score} / 100").format(
                score=format_number(round(explanation.score)))) + "</p>")
        else:
            parts.append("<p style='color:#8a2020'><b>" + html.escape(_("This duo cannot be proposed:")) +
                         "</b><br>" + "<br>".join(html.escape(describe(b)) for b in explanation.blockers) + "</p>")
        rows = []
        for r in explanation.reasons:
            rows.append(
                f"<tr><td>{html.escape(criterion_label(r.criterion))}</td>"
                f"<td>{html.escape(describe(r))}</td>"
                f"<td align='right'>+{html.escape(format_number(round(r.points or 0, 1)))}</td></tr>")
        parts.append("<table dir='ltr' cellspacing='0' cellpadding='3'>" + "".join(rows) + "</table>")
        self.body.setText("".join(parts))
