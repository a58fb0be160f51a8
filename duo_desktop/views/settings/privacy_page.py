"""The Privacy settings page of a branch: how long the window may stay
unused before it locks (issue 12) and how many years a person's data is
kept after their last activity (services/settings/privacy.py)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QSpinBox

from ...i18n import _
from ...services.settings import privacy
from ..context import AppContext
from ..setup.fields import FieldForm
from .base import BranchScopedPage


class PrivacyPage(BranchScopedPage):
    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        self.form = FieldForm()
        self.lock = QSpinBox()
        self.lock.setRange(*privacy.PRIVACY_FIELDS["lock_minutes"])
        self.retention = QSpinBox()
        self.retention.setRange(*privacy.PRIVACY_FIELDS["retention_years"])
        self.form.add("lock_minutes", lambda: _("&Lock the window after:"), self.lock)
        self.form.add("retention_years", lambda: _("&Keep the data for:"), self.retention)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.layout_.addWidget(self.form)
        self.layout_.addWidget(self.note)
        self.layout_.addStretch(1)
        self.loaded: dict = {}
        self.finish_layout()

    def title(self) -> str:
        return _("Privacy")

    def translate_ui(self) -> None:
        super().translate_ui()
        self.form.translate_ui()
        self.lock.setSuffix(" " + _("minutes without use"))
        self.retention.setSuffix(" " + _("years after the last activity"))
        self.note.setText(_("When the window locks, every personal detail is hidden until the passphrase is "
                            "typed again; what was being typed is kept."))

    def load_branch(self, branch_id: int) -> None:
        values = self.query(lambda s: privacy.privacy_values(s, branch_id)) or {}
        self.loaded = dict(values)
        self.form.clear_errors()
        self.lock.setValue(values.get("lock_minutes", privacy.PRIVACY_DEFAULTS["lock_minutes"]))
        self.retention.setValue(values.get("retention_years", privacy.PRIVACY_DEFAULTS["retention_years"]))

    def values(self) -> dict:
        values = {"lock_minutes": self.lock.value(), "retention_years": self.retention.value()}
        return {f: v for f, v in values.items() if self.loaded.get(f) != v}

    def save(self) -> bool:
        branch_id, values, now, who = self.branch_id(), self.values(), self.now(), self.context.coordinator_id
        return self.run_save(lambda s: privacy.update_privacy(s, branch_id, values, now, who), self.form,
                             lambda _changed: self.loaded.update(values))
