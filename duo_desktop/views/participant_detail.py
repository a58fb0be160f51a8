"""The detail panel beside the participants table: the whole profile and its
history, in the interface language, with the actions on that participant."""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QMenu, QTextBrowser, QToolBar, QToolButton, QVBoxLayout, QWidget

from .. import i18n
from ..i18n import _, ngettext
from ..services.duplicates import REASONS
from ..services.eligibility import RULES
from ..services.intake import CONSENT_SCOPES
from ..services.labels import label
from ..services.participant_profile import ParticipantProfile
from ..services.reference import (EDUCATION_LEVEL_LABELS, RESIDENCE_PERMIT_LABELS, coded_text)
from ..services.reference import REFERRAL_SOURCES, employment_office_label, language_label, sector_label
from ..models import DayPart
from .person_notes_panel import PersonNotesPanel


def esc(text: str) -> str:
    return escape(text, quote=False)


def _e(text: object) -> str:
    """User text, escaped, with line breaks kept."""
    return esc(str(text)).replace("\n", "<br>")


def _h3(title: str) -> str:
    return f"<h3>{esc(title)}</h3>"


def _none(text: str) -> str:
    return f"<p class='none'>{esc(text)}</p>"


def _yes_no(value: bool | None) -> str:
    if value is None:
        return _("Not specified")
    return _("Yes") if value else _("No")


def _section(title: str, rows: list[tuple[str, str]]) -> str:
    """A titled block of label/value rows; rows whose value is empty are left out."""
    # align='left': a name in Arabic script keeps its own direction without
    # pushing the column to the right
    body = "".join(f"<tr><td class='k'>{esc(k)}</td><td align='left'>{v}</td></tr>" for k, v in rows if v)
    if not body:
        nothing = _("Nothing recorded")
        body = f"<tr><td class='none'>{esc(nothing)}</td></tr>"
    return f"<h3>{esc(title)}</h3><table cellspacing='0' cellpadding='2'>{body}</table>"


def _waiting(profile: ParticipantProfile, today: dt.date) -> str:
    days = profile.waiting_days(today)
    if days is None:
        return ""
    return ngettext("{count} day", "{count} days", days).format(count=i18n.format_number(days))


def _availability(profile: ParticipantProfile) -> str:
    if not profile.availability:
        return _none(_("No availability recorded"))
    t = i18n.current()
    head = "".join(f"<th>{esc(t.weekday_name(d, 'abbreviated'))}</th>" for d in range(7))
    rows = []
    for part in DayPart:
        cells = "".join(
            "<td class='on'>✔</td>" if (d, part) in profile.availability else "<td class='off'></td>"
            for d in range(7))
        rows.append(f"<tr><th class='part'>{esc(label(part))}</th>{cells}</tr>")
    return (f"<table class='grid' cellspacing='0' cellpadding='3'><tr><th></th>{head}</tr>"
            f"{''.join(rows)}</table>")


def profile_html(p: ParticipantProfile, today: dt.date) -> str:
    """The profile as rich text for a QTextBrowser (every user value escaped)."""
    d = i18n.format_date
    parts = [
        "<style>h2{margin:0} h3{margin-top:12px;margin-bottom:2px;color:#23507a} td.k{color:#555;"
        "padding-right:10px;vertical-align:top;white-space:nowrap} .none{color:#888;font-style:italic}"
        " table.grid th{font-weight:normal;color:#555;padding:2px 6px} table.grid td{border:1px solid #bbb;"
        "text-align:center;min-width:22px} td.on{background:#cfe8cf} .dup{background:#fff3cd;padding:4px}"
        " .merged{color:#555}</style>",
        f"<h2 align='left'>{_e(p.full_name)}</h2>",
        f"<p>{esc(label(p.role))} · <b>{esc(label(p.status))}</b>"
        + (" " + esc(_("since {date}").format(date=d(p.status_since))) if p.status_since else "")
        + f" · {_e(p.branch)}</p>",
    ]
    if p.duplicates:
        items = "".join(
            "<li>" + _e(_("{name}: {reasons}").format(
                name=c.name + (f" ({d(c.birth_date)})" if c.birth_date else ""),
                reasons=i18n.format_list([_(REASONS[r]) for r in c.reasons]))) + "</li>"
            for c in p.duplicates)
        title = _("Possible duplicates")
        parts.append(f"<div class='dup'><b>{esc(title)}</b><ul>{items}</ul></div>")
    if p.merged_from:
        parts.append("<p class='merged'>" + esc(ngettext(
            "{count} duplicate record was merged into this one.",
            "{count} duplicate records were merged into this one.", len(p.merged_from)).format(
                count=len(p.merged_from))) + "</p>")
    parts.append(_section(_("Identity"), [
        (_("First name"), _e(p.first_name)),
        (_("Last name"), _e(p.last_name)),
        (_("Birth date"), esc(d(p.birth_date))),
        (_("Gender"), esc(label(p.gender))),
        (_("Applied on"), esc(d(p.applied_on))),
        (_("Waiting for"), esc(_waiting(p, today))),
        (_("Coordinator"), _e(p.coordinator)),
    ]))
    parts.append(_section(_("Contact"), [
        (_("Email"), _e(p.email)),
        (_("Phone"), _e(p.phone)),
        (_("Address"), _e(", ".join(x for x in (p.street, f"{p.postal_code} {p.municipality}".strip()) if x))),
        (_("Language for documents"), esc(language_label(p.preferred_language))),
    ]))
    langs = "<br>".join(f"{esc(language_label(code))} ({esc(label(level))})" for code, level in p.languages)
    sectors = "<br>".join(esc(sector_label(code)) for code in p.sectors)
    parts.append(_section(_("Languages and sectors"), [(_("Languages"), langs), (_("Sectors"), sectors)]))
    parts.append(_h3(_("Availability")))
    parts.append(_availability(p))
    hours = ngettext("{count} hour a week", "{count} hours a week", p.weekly_hours_available)
    parts.append(f"<p>{esc(hours.format(count=p.weekly_hours_available))}</p>")
    project_rows = [(_("Education level"), _e(coded_text(p.education_level, EDUCATION_LEVEL_LABELS))), (i18n.pgettext("a person's own training", "Education"), _e(p.education)),
                    (_("Experience"), _e(p.experience))]
    if p.role.value == "mentee":
        project_rows.append((_("Professional project"), _e(p.professional_project)))
    else:
        project_rows += [(_("Career"), _e(p.career)), (_("What they want to pass on"), _e(p.to_pass_on))]
    project_rows += [(_("Personality"), _e(p.personality_notes)), (_("Interests"), _e(p.interests))]
    parts.append(_section(_("Education, experience and project"), project_rows))
    if p.role.value == "mentee":
        parts.append(_section(_("Migration background and permit"), [
            (_("Country of birth"), esc(_country(p.country_of_birth))),
            (_("Nationality"), esc(_country(p.nationality))),
            (_("Non-EU background"), esc(_yes_no(p.non_eu_background))),
            (_("Arrival year"), esc(str(p.arrival_year or ""))),
            (_("Residence permit"), _e(coded_text(p.residence_permit, RESIDENCE_PERMIT_LABELS))),
            (_("Permit allows work"), esc(_yes_no(p.permit_allows_work))),
            (_("Permit valid until"), esc(d(p.permit_end_date))),
        ]))
        parts.append(_section(_("Employment office"), [
            (_("Office"), esc(employment_office_label(p.employment_office))),
            (_("Registered"), esc(_yes_no(p.employment_office_registered))),
            (_("Since"), esc(d(p.employment_office_since))),
        ]))
    referral = REFERRAL_SOURCES.get(p.referral_source)
    parts.append(_section(_("Consent and origin"), [
        (_("Consent to data processing"), esc(_yes_no(p.consent_given))),
        (_("Consent date"), esc(d(p.consent_date))),
        (_("Text version"), _e(p.consent_version)),
        (_("Consented to"), _e(", ".join(_(CONSENT_SCOPES[c]) if c in CONSENT_SCOPES else c
                                          for c in p.consent_scope))),
        (_("Processing restricted since"), esc(d(p.restricted_since))),
        (_("Heard of the programme through"), esc(_(referral) if referral else p.referral_source)),
    ]))
    if p.eligibility_overrides:
        parts.append(_section(_("Accepted despite a rule"), [
            # the rule's label, never its key ("mentee_age"; language review X-2)
            (_e(_(RULES[rule]) if rule in RULES else rule), _e(reason))
            for rule, reason in sorted(p.eligibility_overrides.items())]))
    parts.append(_h3(_("Notes")))
    parts.append(f"<p>{_e(p.notes)}</p>" if p.notes.strip() else _none(_("No notes")))

    parts.append(_h3(_("Status history")))
    if p.status_history:
        rows = "".join(
            f"<tr><td class='k'>{esc(d(c.changed_on))}</td><td>"
            + (f"{esc(label(c.from_status))} → " if c.from_status else "")
            + f"<b>{esc(label(c.to_status))}</b>"
            + (f"<br><i>{_e(c.reason)}</i>" if c.reason else "") + "</td></tr>"
            for c in p.status_history)
        parts.append(f"<table cellspacing='0' cellpadding='2'>{rows}</table>")
    else:
        parts.append(_none(_("No status change yet")))

    parts.append(_h3(_("Events attended")))
    if p.events:
        rows = "".join(
            f"<tr><td class='k'>{esc(d(ev.starts_at.date()))}</td><td>"
            + (_e(_("{kind}: {title}").format(kind=label(ev.kind), title=ev.title)) if ev.title
               else esc(label(ev.kind)))
            + f" — {esc(label(ev.status))}</td></tr>"
            for ev in p.events)
        parts.append(f"<table cellspacing='0' cellpadding='2'>{rows}</table>")
    else:
        parts.append(_none(_("No events")))

    parts.append(_h3(_("Duos")))
    if p.duos:
        rows = []
        for duo in p.duos:
            dates = [_("proposed {date}").format(date=d(duo.proposed_on))]
            if duo.agreement_signed_on:
                dates.append(_("agreement signed {date}").format(date=d(duo.agreement_signed_on)))
            if duo.ended_on:
                dates.append(_("ended {date}").format(date=d(duo.ended_on)))
            rows.append(f"<tr><td class='k'>{esc(label(duo.partner_role))}</td><td>{_e(duo.partner_name)}"
                        f" — <b>{esc(label(duo.stage))}</b><br>{esc(', '.join(dates))}</td></tr>")
        parts.append(f"<table cellspacing='0' cellpadding='2'>{''.join(rows)}</table>")
    else:
        parts.append(_none(_("No duo yet")))
    return "".join(parts)


def _country(code: str) -> str:
    if not code:
        return ""
    territories = i18n.current().locale.territories
    return territories.get(code.upper(), code)


class ParticipantDetail(QWidget):
    """Shows one participant's profile; its buttons ask the screen to act."""

    change_status_requested = Signal()
    edit_requested = Signal()
    merge_requested = Signal()
    undo_merge_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.profile: ParticipantProfile | None = None
        self._today = dt.date.today()
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.empty_label = QLabel()
        self.empty_label.setWordWrap(True)
        # A tool bar: its buttons fold into a "»" menu when the panel is narrow
        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.status_button = self.toolbar.addAction("")
        self.edit_button = self.toolbar.addAction("")
        self.merge_button = self.toolbar.addAction("")
        self.status_button.triggered.connect(self.change_status_requested)
        self.edit_button.triggered.connect(self.edit_requested)
        self.merge_button.triggered.connect(self.merge_requested)
        self.undo_merge_button = self.toolbar.addAction("")
        self.undo_merge_button.triggered.connect(self.undo_merge_requested)
        self.notes_panel = PersonNotesPanel()
        # the GDPR rights (views/participant_privacy.py fills the menu)
        self.privacy_menu = QMenu(self)
        self.privacy_button = QToolButton()
        self.privacy_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        # room for the menu arrow beside the text (the Fusion style drew it over the end of "Privacy")
        self.privacy_button.setStyleSheet("QToolButton { padding-right: 14px; }"
                                          "QToolButton::menu-indicator { subcontrol-origin: padding;"
                                          " subcontrol-position: right center; }")
        self.privacy_button.setMenu(self.privacy_menu)
        self.toolbar.addWidget(self.privacy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.notes_panel)
        self.translate_ui()
        self.show_profile(None, self._today)

    def translate_ui(self) -> None:
        self.status_button.setText(_("Change status…"))
        self.status_button.setToolTip(_("Move this participant along the pipeline (Ctrl+Shift+S)"))
        self.edit_button.setText(_("Edit / continue intake…"))
        self.merge_button.setText(_("Merge duplicates…"))
        self.undo_merge_button.setText(_("Undo merge…"))
        self.undo_merge_button.setToolTip(_("Put back the record merged into this one, as it was before the merge"))
        self.notes_panel.translate_ui()
        self.privacy_button.setText(_("Privacy"))
        self.privacy_button.setToolTip(_("The person's rights: export their data, restrict, anonymise"))
        self.empty_label.setText(_("Select a participant to see the whole profile and history."))
        if self.profile is not None:
            self.browser.setHtml(profile_html(self.profile, self._today))

    def show_profile(self, profile: ParticipantProfile | None, today: dt.date) -> None:
        self.profile = profile
        self._today = today
        has = profile is not None
        self.browser.setVisible(has)
        self.empty_label.setVisible(not has)
        for button in (self.status_button, self.edit_button):
            button.setEnabled(has)
        self.merge_button.setVisible(has and bool(profile.duplicates))
        self.undo_merge_button.setVisible(has and bool(profile.undoable_merges))
        self.notes_panel.setVisible(has)
        self.notes_panel.show_notes(profile.dated_notes if has else [])
        if has:
            self.browser.setHtml(profile_html(profile, today))
        else:
            self.browser.clear()
