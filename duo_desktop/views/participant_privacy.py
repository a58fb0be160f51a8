"""The participant's "Privacy" menu (GDPR rights, services/privacy): export
everything about the person, restrict or lift, anonymise, and the people
past their branch's retention period. Each action is confirmed, runs as
one Operation and is audited by the service."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..i18n import N_, _, format_date, format_datetime, ngettext
from ..services import audit, privacy
from .context import Changes
from .ops import Operation, Query, failure_message
from .retranslate import follow_language, tr
from .save_dialog import ask_folder


class RetentionDialog(QDialog):
    """Who is past the retention period; "Anonymise" does it for all listed."""

    def __init__(self, rows: list[privacy.PastRetention], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows = rows
        count = len(rows)
        tr(self, N_("Retention period"), "setWindowTitle")
        self.label = tr(QLabel(), lambda: ngettext(
            "{count} person is past the retention period of their branch (no activity since). Anonymise them? "
            "Their figures are kept; their names and contact details are not.",
            "{count} people are past the retention period of their branch (no activity since). Anonymise them? "
            "Their figures are kept; their names and contact details are not.", count).format(count=count))
        self.label.setWordWrap(True)
        self.list = QListWidget()
        for _r in rows:
            self.list.addItem("")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.anonymise_button = tr(buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole), N_("Anonymise"))
        self.anonymise_button.setEnabled(bool(rows))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.translate_ui()
        follow_language(self)

    def translate_ui(self) -> None:
        """The list's lines (their dates are formatted for the language)."""
        for i, r in enumerate(self.rows):
            self.list.item(i).setText(_("{name} ({branch}): last activity {last}, kept until {until}").format(
                name=r.name, branch=r.branch, last=format_date(r.last_activity), until=format_date(r.keep_until)))


class AuditDialog(QDialog):
    """A person's audit trail: when, who, what, which record, which fields."""

    def __init__(self, rows: list[audit.AuditRow], name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        tr(self, lambda: _("History of changes: {name}").format(name=name), "setWindowTitle")
        self.rows = rows
        self.table = QTableWidget(len(rows), 5)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        for i, r in enumerate(rows):
            record = f"{r.entity} #{r.entity_id}" if r.entity_id is not None else r.entity
            for j, value in enumerate(("", r.coordinator, r.action, record, ", ".join(r.fields))):
                self.table.setItem(i, j, QTableWidgetItem(value))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.translate_ui()
        self.table.resizeColumnsToContents()
        self.resize(760, 420)
        follow_language(self)

    def translate_ui(self) -> None:
        """The headers and the dates (formatted for the language)."""
        self.table.setHorizontalHeaderLabels([_("When"), _("Coordinator"), _("Action"), _("Record"),
                                              _("Fields changed")])
        for i, r in enumerate(self.rows):
            self.table.item(i, 0).setText(format_datetime(r.at))


class PrivacyActions:
    """Fills the detail panel's privacy menu and runs its actions for the
    participants screen (``screen.detail``, ``screen.context``, ``screen._saved``)."""

    def __init__(self, screen) -> None:  # noqa: ANN001
        self.screen = screen
        menu = screen.detail.privacy_menu
        self.export_action = menu.addAction("")
        self.restrict_action = menu.addAction("")
        self.erase_action = menu.addAction("")
        self.audit_action = menu.addAction("")
        menu.addSeparator()
        self.retention_action = menu.addAction("")
        self.export_action.triggered.connect(lambda: self.export())
        self.restrict_action.triggered.connect(lambda: self.toggle_restriction())
        self.erase_action.triggered.connect(lambda: self.anonymise())
        self.retention_action.triggered.connect(lambda: self.retention())
        self.audit_action.triggered.connect(lambda: self.history())
        menu.aboutToShow.connect(self.translate_ui)
        self.translate_ui()

    @property
    def context(self):  # noqa: ANN201
        return self.screen.context

    def translate_ui(self) -> None:
        profile = self.screen.detail.profile
        self.export_action.setText(_("Export their data (JSON, CSV and PDF)…"))
        restricted = profile is not None and profile.restricted_since is not None
        self.restrict_action.setText(_("Lift the restriction") if restricted else _("Restrict processing…"))
        self.erase_action.setText(_("Anonymise (erase their data)…"))
        self.retention_action.setText(_("People past the retention period…"))
        self.audit_action.setText(_("History of changes (audit)…"))
        for action in (self.export_action, self.restrict_action, self.erase_action, self.audit_action):
            action.setEnabled(profile is not None)

    def _ask(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self.screen, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def _done(self, ids: list[int], text: str) -> None:
        self.screen._saved(ids, text)  # noqa: SLF001  (the screen's own refresh after a change)

    def export(self, folder: str | None = None) -> bool:
        profile = self.screen.detail.profile
        if profile is None:
            return False
        if folder is None:
            folder = ask_folder(self.screen, _("Folder for the exported data"))
            if folder is None:
                return False
        pid, now, who = profile.id, self.context.clock.now(), self.context.coordinator_id
        return Operation(self.screen, self.context,
                         lambda s: privacy.write_export(s, pid, Path(folder), now, who)).success(
            lambda paths: self.screen.message.setText(ngettext(
                "{count} file written in {folder}", "{count} files written in {folder}", len(paths)).format(
                count=len(paths), folder=folder))).run()

    def toggle_restriction(self, confirm: bool = True) -> bool:
        profile = self.screen.detail.profile
        if profile is None:
            return False
        pid, now, who, today = profile.id, self.context.clock.now(), self.context.coordinator_id, \
            self.context.clock.today()
        if profile.restricted_since is not None:
            work, text = (lambda s: privacy.lift_restriction(s, pid, now, who)), _("The restriction is lifted.")
        else:
            if confirm and not self._ask(_("Restrict processing"), _(
                    "Restrict the processing of {name}'s data? The record is kept, but they are no longer "
                    "proposed for matching nor invited until the restriction is lifted.").format(
                    name=profile.full_name)):
                return False
            work = lambda s: privacy.restrict(s, pid, today, now, who)  # noqa: E731
            text = _("The processing is restricted: the person is kept but no longer matched or invited.")
        ok = Operation(self.screen, self.context, work, changes=Changes.PARTICIPANTS).run()
        if ok:
            self._done([pid], text)
            self.screen.select(pid)
        return ok

    def anonymise(self, confirm: bool = True) -> bool:
        profile = self.screen.detail.profile
        if profile is None:
            return False
        if confirm and not self._ask(_("Anonymise"), _(
                "Erase {name}'s personal data? Their name, contact details, background and every note about "
                "them are removed for good; the anonymous figures (duos, outcomes) are kept. This cannot be "
                "undone.").format(name=profile.full_name)):
            return False
        pid, now, who, today = profile.id, self.context.clock.now(), self.context.coordinator_id, \
            self.context.clock.today()

        def refused(exc: Exception) -> None:
            self.screen.message.setText(_("Nothing was erased: {reason}").format(reason=failure_message(exc)))

        ok = Operation(self.screen, self.context, lambda s: privacy.anonymise(s, pid, today, now, who),
                       changes=Changes.PARTICIPANTS | Changes.DUOS).failure(refused).run()
        if ok:
            self._done([pid], _("The person's data is anonymised; the figures are kept."))
        return ok

    def history_dialog(self) -> AuditDialog | None:
        profile = self.screen.detail.profile
        if profile is None:
            return None
        pid = profile.id
        rows = Query(self.screen, self.context, lambda s: audit.entries(s, participant_id=pid)).value([])
        return AuditDialog(rows, profile.full_name, self.screen)

    def history(self) -> None:
        dialog = self.history_dialog()
        if dialog is not None:
            dialog.exec()

    def retention_dialog(self) -> RetentionDialog:
        today = self.context.clock.today()
        rows = Query(self.screen, self.context, lambda s: privacy.past_retention(s, today)).value([])
        return RetentionDialog(rows, self.screen)

    def retention(self, dialog: RetentionDialog | None = None) -> int:
        dialog = dialog or self.retention_dialog()
        if not dialog.exec() or not dialog.rows:
            return 0
        ids = [r.participant_id for r in dialog.rows]
        today, now, who = self.context.clock.today(), self.context.clock.now(), self.context.coordinator_id
        done = Operation(self.screen, self.context, lambda s: privacy.apply_retention(s, ids, today, now, who),
                         changes=Changes.PARTICIPANTS | Changes.DUOS).value(None)
        if done is None:
            return 0
        self._done(ids, ngettext("{count} person anonymised", "{count} people anonymised", done).format(count=done))
        return done
