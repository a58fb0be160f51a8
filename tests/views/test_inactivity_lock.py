"""The inactivity lock (issue 12): after the branch's lock time without use
every window hides its personal details until the passphrase is typed
again; what was being typed is kept. The clock is injected: no waiting."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QDialog, QLabel, QLineEdit,
                               QVBoxLayout, QWidget)

from duo_desktop.services.settings import privacy
from duo_desktop.store import open_store
from duo_desktop.views.context import AppContext
from duo_desktop.views.lock import install_lock
from duo_desktop.views.main_window import MainWindow
from tests import factories as f

CANARY_FIRST, CANARY_LAST = "Zorbaline", "Quetzalvert"
PASSPHRASE = "cheval agrafe pile correcte"


def visible_texts() -> list[str]:
    """Every text a user could read on screen now: window titles, labels,
    fields, combo boxes and the cells of every visible table or list."""
    texts: list[str] = []
    for widget in QApplication.allWidgets():
        if not widget.isVisible():
            continue
        if widget.isWindow():
            texts.append(widget.windowTitle())
        for getter in ("text", "toPlainText", "currentText", "placeholderText", "title"):
            value = getattr(widget, getter, None)
            if callable(value):
                try:
                    got = value()
                except TypeError:
                    continue
                if isinstance(got, str):
                    texts.append(got)
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            from PySide6.QtCore import QModelIndex

            root = widget.rootIndex() if widget.rootIndex().isValid() else QModelIndex()
            try:
                rows, columns = model.rowCount(root), model.columnCount(root)
            except TypeError:  # a list widget's model hides columnCount
                rows, columns = model.rowCount(root), 1
            for row in range(min(rows, 500)):
                for column in range(columns):
                    value = model.index(row, column, root).data()
                    if value is not None:
                        texts.append(str(value))
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
    return texts


def shows_canary() -> bool:
    return any(CANARY_LAST in t or CANARY_FIRST in t for t in visible_texts())


@pytest.fixture
def encrypted_context(tmp_path, clock, qapp):
    pytest.importorskip("sqlcipher3")
    from duo_desktop.store.crypto import Key

    store = open_store(f"sqlite:///{tmp_path / 'locked.sqlite3'}", backup_dir=tmp_path / "backups",
                       key=Key(PASSPHRASE))
    with store.transaction() as s:
        b = f.branch(s)
        coordinator = f.coordinator(s, b, first="Ophélie", last="Coordinatrice")
        f.participant(s, b, first=CANARY_FIRST, last=CANARY_LAST)
    context = AppContext(store=store, clock=clock, coordinator_id=coordinator.id)
    yield context
    store.dispose()


class Ticks:
    """A monotonic clock the test moves by hand (seconds)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def open_window(qtbot, context):
    window = MainWindow(context)
    qtbot.addWidget(window)
    ticks = Ticks()
    lock = install_lock(window, ticks)
    window.show()
    window.show_screen("participants")
    qtbot.waitUntil(shows_canary)
    return window, lock, ticks


def a_dialog_with_typed_text(window) -> tuple[QDialog, QLineEdit]:
    dialog = QDialog(window)
    dialog.setWindowTitle(f"Intake – {CANARY_FIRST} {CANARY_LAST}")
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel(f"{CANARY_FIRST} {CANARY_LAST}"))
    typed = QLineEdit()
    layout.addWidget(typed)
    dialog.show()
    typed.setFocus()
    typed.setText("parle tigrigna et arabe, cherche en log")
    return dialog, typed


def test_the_lock_hides_every_personal_detail_and_keeps_what_was_typed(qtbot, encrypted_context):
    window, lock, ticks = open_window(qtbot, encrypted_context)
    dialog, typed = a_dialog_with_typed_text(window)
    assert shows_canary()
    ticks.now += 9 * 60
    assert not lock.check(), "locked before the branch's 10 minutes"
    ticks.now += 60
    assert lock.check()
    assert not shows_canary()
    assert window.windowTitle() == dialog.windowTitle() == "DUO Desktop – Verrouillé"
    panels = lock.panels()
    assert {window, dialog} <= {p.parent() for p in panels}  # (and any window an earlier test left open)
    assert all(p.isVisible() for p in panels)

    panel = panels[0]
    panel.passphrase.setText("pas la bonne")
    panel.try_unlock()
    assert lock.locked and not shows_canary()
    assert panel.error.isVisible() and "pas correcte" in panel.error.text()

    panel.passphrase.setText(PASSPHRASE)
    panel.try_unlock()
    assert not lock.locked
    assert shows_canary()
    assert typed.isVisible() and typed.text() == "parle tigrigna et arabe, cherche en log"
    assert dialog.windowTitle().startswith("Intake")
    dialog.close()


def test_activity_postpones_the_lock_and_the_branch_sets_its_length(qtbot, encrypted_context):
    from duo_desktop.views.ops import Operation

    from sqlalchemy import select

    from duo_desktop.models import Branch

    with encrypted_context.store.session() as s:
        branch_id = s.scalar(select(Branch.id))
    Operation(None, encrypted_context, lambda s: privacy.update_privacy(
        s, branch_id, {"lock_minutes": 3}, encrypted_context.clock.now())).run()
    window, lock, ticks = open_window(qtbot, encrypted_context)
    ticks.now += 170
    qtbot.mouseMove(window.nav)
    qtbot.keyClick(window.nav, "a")
    ticks.now += 170
    assert not lock.check(), "a key press 170 s ago: not yet"
    ticks.now += 15
    assert lock.check(), "3 minutes without use: locked"


def test_a_window_opened_while_locked_is_covered_too(qtbot, encrypted_context):
    window, lock, ticks = open_window(qtbot, encrypted_context)
    lock.lock()
    late = QWidget(window, Qt.WindowType.Dialog)
    QVBoxLayout(late).addWidget(QLabel(CANARY_LAST))
    late.show()
    qtbot.waitUntil(lambda: not shows_canary())
    assert lock.unlock("faux") is not None
    assert lock.unlock(PASSPHRASE) is None
    assert shows_canary()
    late.close()


def test_an_unencrypted_database_says_its_lock_only_hides_the_screen(qtbot, app_context):
    with app_context.store.transaction() as s:
        b = f.branch(s)
        f.participant(s, b, first=CANARY_FIRST, last=CANARY_LAST)
    window, lock, ticks = open_window(qtbot, app_context)
    ticks.now += 600
    assert lock.check() and not shows_canary()
    panel = lock.panels()[0]
    assert not panel.passphrase.isVisible()
    assert "pas chiffrée" in panel.explanation.text()
    panel.unlock_button.click()
    assert not lock.locked and shows_canary()


def test_lock_minutes_are_a_branch_setting_with_bounds(store, clock):
    from duo_desktop.services.errors import RuleError

    with store.transaction() as s:
        one, two = f.branch(s, code="BXL"), f.branch(s, code="GNT", city="Gent")
        assert privacy.lock_minutes(s) == 10
        privacy.update_privacy(s, two.id, {"lock_minutes": 4}, clock.now())
        assert privacy.lock_minutes(s, one.id) == 10
        assert privacy.lock_minutes(s, two.id) == 4
        assert privacy.lock_minutes(s) == 4, "nobody chosen: the strictest branch"
        with pytest.raises(RuleError) as caught:
            privacy.update_privacy(s, one.id, {"lock_minutes": 0}, clock.now())
        assert caught.value.field == "lock_minutes"


def test_the_privacy_settings_page_saves_the_lock_time_of_a_branch(qtbot, app_context):
    from duo_desktop.views.settings.dialog import SettingsDialog

    with app_context.store.transaction() as s:
        branch_id = f.branch(s).id
    dialog = SettingsDialog(None, app_context)
    qtbot.addWidget(dialog)
    page = dialog.show_page("privacy")
    assert page.lock.value() == 10 and page.retention.value() == 5
    page.lock.setValue(4)
    assert page.save()
    with app_context.store.session() as s:
        assert privacy.lock_minutes(s, branch_id) == 4
        assert privacy.privacy_values(s, branch_id)["retention_years"] == 5
