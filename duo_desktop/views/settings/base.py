"""What every settings page shares: a Save button, a line saying "Saved" or
why not, saving through one Operation that announces Changes.SETTINGS, and
(for the per-branch pages) the branch being edited."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...i18n import N_, _, pgettext
from ...services.errors import RuleError
from ...services.settings import branches
from ..context import AppContext, Changes
from ..ops import Operation, Query, failure_text
from ..retranslate import Text, say
from ..setup.fields import FieldForm


class SettingsPage(QWidget):
    """A page: ``title()`` for the list, ``load()`` reads, ``save()`` writes."""

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.layout_ = QVBoxLayout(self)
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.bottom = QHBoxLayout()
        self.bottom.addWidget(self.status, 1)
        self.bottom.addWidget(self.save_button)

    def tell(self, text: Text | None) -> None:
        """The page's status line (``None`` empties it); it follows a language switch."""
        say(self.status, text, hide=False)

    def finish_layout(self) -> None:
        self.layout_.addLayout(self.bottom)

    def title(self) -> str:
        raise NotImplementedError

    def translate_ui(self) -> None:
        self.save_button.setText(_("&Save"))

    def load(self) -> None:
        raise NotImplementedError

    def save(self) -> None:
        raise NotImplementedError

    def query(self, work: Callable[[Any], Any], raising: bool = False) -> Any:
        """Read now; None when it failed (reported), or the error raised again when ``raising``."""
        query = Query(self, self.context, work)
        if raising:
            query.failure(lambda _exc: None)
        if query.run():
            return query.result
        if raising and query.error is not None:
            raise query.error
        return None

    def run_save(self, work: Callable[[Any], Any], form: FieldForm, done: Callable[[Any], None] | None = None) -> bool:
        """Save in one transaction; a refusal is shown beside its field and nothing is saved."""
        form.clear_errors()
        self.tell(None)

        def failed(exc: Exception) -> None:
            if isinstance(exc, RuleError):
                form.show_error(exc)
            else:
                form.show_error(failure_text(exc), "")
            self.tell(N_("Not saved."))

        def succeeded(result: Any) -> None:
            self.tell(N_("Saved."))
            if done is not None:
                done(result)

        return Operation(self, self.context, work, changes=Changes.SETTINGS).success(succeeded).failure(
            failed).run()

    def now(self):  # noqa: ANN201
        return self.context.clock.now()


class BranchScopedPage(SettingsPage):
    """A page about one branch's settings, chosen at the top."""

    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        self.branch_label = QLabel()
        self.branch = QComboBox()
        self.branch_label.setBuddy(self.branch)
        row = QHBoxLayout()
        row.addWidget(self.branch_label)
        row.addWidget(self.branch, 1)
        self.layout_.addLayout(row)
        self.branch.currentIndexChanged.connect(lambda _i: self._branch_changed())

    def translate_ui(self) -> None:
        super().translate_ui()
        self.branch_label.setText(pgettext("settings", "&Branch:"))

    def branch_id(self) -> int | None:
        return self.branch.currentData()

    def load(self) -> None:
        rows = self.query(lambda s: branches.list_branches(s)) or []
        current = self.branch_id() or self.context_branch()
        self.branch.blockSignals(True)
        self.branch.clear()
        for row in rows:
            self.branch.addItem(f"{row.code} — {row.name}", row.id)
        self.branch.setCurrentIndex(max(0, self.branch.findData(current)))
        self.branch.blockSignals(False)
        self._branch_changed()

    def context_branch(self) -> int | None:
        """The branch of the coordinator working, shown first."""
        from ...services.settings import coordinators

        cid = self.context.coordinator_id
        if cid is None:
            return None
        return self.query(lambda s: coordinators.get_coordinator(s, cid).branch_id)

    def _branch_changed(self) -> None:
        self.tell(None)
        if self.branch_id() is not None:
            self.load_branch(self.branch_id())

    def load_branch(self, branch_id: int) -> None:
        raise NotImplementedError
