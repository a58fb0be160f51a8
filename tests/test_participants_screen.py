"""The participants list: lazy item model, search as you type in any script."""

from __future__ import annotations

from duo_desktop.models import Role
from duo_desktop.views.participants_model import ID_ROLE
from duo_desktop.views.participants_screen import ParticipantsScreen

from . import factories as f


def _populate(store):
    with store.transaction() as session:
        b = f.branch(session)
        f.participant(session, b, first="Joëlle", last="Dubois")
        f.participant(session, b, first="ሰላም", last="ተስፋይ", role=Role.MENTEE)
        f.participant(session, b, first="Фатима", last="Иванова")
        f.participant(session, b, first="محمد", last="العلي", municipality="Schaerbeek")
        for i in range(450):
            f.participant(session, b, first=f"Alex{i:03}", last="Martin", role=Role.MENTOR)


def _settled(qtbot, screen):
    qtbot.waitUntil(lambda: not screen._debounce.isActive())


def test_search_ignores_accents_and_finds_any_script(qtbot, app_context):
    _populate(app_context.store)
    screen = ParticipantsScreen(app_context)
    qtbot.addWidget(screen)
    screen.refresh()
    assert screen.model.rowCount() == 454
    qtbot.keyClicks(screen.search, "joelle")
    _settled(qtbot, screen)
    assert screen.model.rowCount() == 1
    assert screen.model.index(0, 2).data() == "Joëlle"
    screen.search.clear()
    screen.search.setText("ተስፋይ")  # typed through an input method, not key codes
    _settled(qtbot, screen)
    assert [screen.model.index(0, c).data() for c in (1, 2)] == ["ተስፋይ", "ሰላም"]
    screen.search.setText("schaerbeek")
    _settled(qtbot, screen)
    assert screen.model.rowCount() == 1
    assert screen.model.index(0, 1).data() == "العلي"
    assert "1 participant" in screen.count_label.text()


def test_model_fetches_rows_lazily_in_blocks(qtbot, app_context, qtmodeltester):
    _populate(app_context.store)
    screen = ParticipantsScreen(app_context)
    qtbot.addWidget(screen)
    calls = []
    original = screen.model._loader
    screen.model._loader = lambda ids: calls.append(len(ids)) or original(ids)
    screen.refresh()
    last = screen.model.rowCount() - 1
    assert screen.model.index(last, 1).data() == "ተስፋይ"  # sorted by last name; Ge'ez after Latin
    assert calls == [last + 1 - 400]  # only the last block was read
    assert isinstance(screen.model.index(3, 0).data(ID_ROLE), int)
    qtmodeltester.check(screen.model)
