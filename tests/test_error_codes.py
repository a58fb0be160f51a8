"""Services refuse with codes and untranslated messages: work done on a
worker thread never reads the interface's translator, and whoever shows
the refusal renders it in its own language (the screen in the interface
language, a command in another)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import func, select

from duo_desktop import i18n
from duo_desktop.i18n import Translator
from duo_desktop.models import Decision, DuoStage, Meeting, Participant, Role
from duo_desktop.services import duo_lifecycle as life
from duo_desktop.services import eligibility, importer
from duo_desktop.services import followup as fu
from duo_desktop.services.clock import FixedClock
from duo_desktop.services.errors import NotFound, RuleError

from . import factories as f

D = dt.date
NL, EN, FR = Translator("nl"), Translator("en"), Translator("fr")


class _NoGlobalTranslator:
    """Stands in for the interface's translator while a worker runs: any use fails."""

    def __getattr__(self, name):  # noqa: ANN001, ANN204
        raise AssertionError(f"the global translator was used on a worker thread ({name})")


def on_worker(monkeypatch, work):  # noqa: ANN001, ANN201
    """Run ``work`` on another thread with the global translator out of
    reach; return what it returned or raised."""
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except Exception as exc:  # noqa: BLE001
            outcome["error"] = exc

    with monkeypatch.context() as m:
        m.setattr(i18n, "_current", _NoGlobalTranslator())
        thread = threading.Thread(target=run)
        thread.start()
        thread.join(30)
    assert not thread.is_alive()
    return outcome


@pytest.fixture
def active_duo(store):
    clock = FixedClock.on(D(2026, 1, 5))
    with store.transaction() as s:
        b = f.branch(s)
        mentor = f.participant(s, b, role=Role.MENTOR, first="Joëlle", last="Dubois")
        mentee = f.participant(s, b, role=Role.MENTEE, first="محمد", last="العلي")
        duo = life.propose(s, s.get(Participant, mentor.id), s.get(Participant, mentee.id), clock.now())
        life.plan_first_meeting(s, duo, dt.datetime(2026, 1, 8, 14), "Antenne", clock.now())
        life.record_decision(s, duo, "mentor", Decision.ACCEPTED, D(2026, 1, 8), clock.now())
        life.record_decision(s, duo, "mentee", Decision.ACCEPTED, D(2026, 1, 9), clock.now())
        life.sign_agreement(s, duo, D(2026, 1, 12), "fr", clock.now())
        return duo.id


def test_a_refusal_raised_on_a_worker_renders_in_each_language(store, active_duo, monkeypatch):
    today = D(2026, 2, 2)
    entries = [fu.MeetingEntry(active_duo, D(2026, 1, 20)), fu.MeetingEntry(active_duo, D(2026, 2, 3))]

    def work():  # noqa: ANN202
        with store.transaction() as s:
            fu.record_week(s, entries, today, dt.datetime(2026, 2, 2, 9))

    outcome = on_worker(monkeypatch, work)
    exc = outcome["error"]
    assert isinstance(exc, RuleError) and exc.code == "date"
    assert exc.message(NL) == "Rij 2: Een ontmoeting kan niet in de toekomst worden genoteerd."
    assert exc.message(EN) == "Row 2: A meeting cannot be logged in the future."
    assert exc.message(FR) == "Ligne 2\u202f: Une rencontre ne peut pas être notée dans le futur."
    with store.session() as s:  # nothing half-saved
        assert s.scalar(select(func.count()).select_from(Meeting)) == 0


def test_enum_labels_and_dates_in_a_message_follow_the_rendering_language(store, active_duo):
    with store.transaction() as s, pytest.raises(RuleError) as info:
        life.move(s, life.get_duo(s, active_duo), DuoStage.PROPOSED, dt.datetime(2026, 2, 2, 9))
    assert info.value.code == "illegal_step"
    assert info.value.message(EN) == "A duo cannot go from “Active” to “Proposed”."
    assert "Actief" in info.value.message(NL) and "Active" not in info.value.message(NL)

    rules = eligibility.BranchRules()
    facts = eligibility.Facts(Role.MENTEE, D(2000, 1, 1), True, True, D(2026, 5, 31), 2, True, D(2026, 3, 1))
    [warning] = eligibility.check(rules, facts, D(2026, 2, 2))
    assert warning.rule == "permit_duration"
    assert "31 May 2026" in warning.render(EN) and "1 March 2026" in warning.render(EN)
    assert "31 mei 2026" in warning.render(NL)


def test_not_found_carries_its_message_too(store):
    with store.session() as s, pytest.raises(NotFound) as info:
        life.get_duo(s, 404)
    assert info.value.message(EN) == "Duo 404 does not exist."
    assert "404" in info.value.message(NL) and info.value.message(NL) != info.value.message(EN)


def test_an_import_checked_on_a_worker_names_its_problems_in_any_language(store, clock, tmp_path, monkeypatch):
    with store.transaction() as s:
        f.branch(s)
    path = tmp_path / "apps.csv"
    path.write_text("Prénom;Nom;Rôle;Date de naissance;Courriel\n;;mentee;31/02/2001;amina@example\n",
                    encoding="utf-8")
    def check():
        with store.session() as s:
            return importer.preview(s, clock, path)

    outcome = on_worker(monkeypatch, check)
    assert "error" not in outcome, outcome.get("error")
    preview = outcome["value"]
    [row] = preview.rejected
    english = [p.render(EN) for p in row.problems]
    dutch = [p.render(NL) for p in row.problems]
    # no name at all (one name is enough: issue 13)
    assert "Row 1 (line 2), Last name: required: a first name or a last name (one name is enough)." in english
    assert "Row 1 (line 2), Email: “amina@example” is not an email address." in english
    assert any(text.startswith("Rij 1 (regel 2), Achternaam: ") for text in dutch)
    assert english != dutch

    rejected = tmp_path / "rejected.csv"
    on_worker(monkeypatch, lambda: importer.write_rejected(preview, rejected, NL))
    text = rejected.read_text(encoding="utf-8-sig")
    assert "Achternaam" in text and "Last name" not in text
