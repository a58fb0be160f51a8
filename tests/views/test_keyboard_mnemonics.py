"""The keyboard everywhere (issue 17): no two items of one scope share an
Alt+letter, in French, Dutch and English. A scope is what one Alt+letter
reaches: the menu bar with the visible fields of the current screen, each
menu, each dialog's visible labels, buttons, check boxes and tabs."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from PySide6.QtWidgets import (QAbstractButton, QApplication, QGroupBox, QLabel, QMenu, QMenuBar, QTabBar,
                               QWidget)

from duo_desktop import i18n
from duo_desktop.views.ops import wait_for_tasks
from duo_desktop.views.window_catalogue import window_catalogue

MNEMONIC = re.compile(r"&(\w)")


def mnemonic(text: str) -> str | None:
    found = MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).lower() if found else None


def clashes(items: list[str]) -> list[str]:
    """'x: A / B' for each letter used by more than one of ``items``."""
    by_letter: dict[str, list[str]] = defaultdict(list)
    for text in items:
        letter = mnemonic(text)
        if letter:
            by_letter[letter].append(text)
    return [f"{letter}: {' / '.join(texts)}" for letter, texts in sorted(by_letter.items()) if len(texts) > 1]


def window_items(window: QWidget) -> list[str]:
    """The texts with an Alt+letter that ``window`` shows now."""
    items: list[str] = []
    for widget in window.findChildren(QWidget):
        if widget.window() is not window or not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QAbstractButton):
            items.append(widget.text())
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            items.append(widget.text())
        elif isinstance(widget, QGroupBox):
            items.append(widget.title())
        elif isinstance(widget, QTabBar):
            items += [widget.tabText(i) for i in range(widget.count()) if widget.isTabVisible(i)]
        elif isinstance(widget, QMenuBar):
            items += [action.text() for action in widget.actions() if action.isVisible()]
    return items


def menu_scopes(menu: QMenu, name: str) -> dict[str, list[str]]:
    scopes = {name: [a.text() for a in menu.actions() if a.isVisible() and not a.isSeparator()]}
    for action in menu.actions():
        if action.menu() is not None:
            scopes.update(menu_scopes(action.menu(), f"{name} > {action.text()}"))
    return scopes


def window_scopes(window: QWidget, name: str) -> dict[str, list[str]]:
    """Each page of a window with pages (settings), else the window as it is."""
    scopes = {}
    pages = getattr(window, "pages", None)
    if isinstance(pages, dict) and hasattr(window, "show_page"):
        for key in pages:
            window.show_page(key)
            QApplication.processEvents()
            scopes[f"{name}/{key}"] = window_items(window)
    else:
        scopes[name] = window_items(window)
    return scopes


@pytest.fixture
def demo_context(app_context):
    from duo_desktop.services import demo

    demo.generate(app_context.store.engine, participants=40, seed=3, today=app_context.clock.today())
    return app_context


@pytest.mark.parametrize("lang", ["fr", "nl", "en"])
def test_no_two_items_of_one_scope_share_a_mnemonic(demo_context, qtbot, lang):
    from duo_desktop.views.main_window import MainWindow

    i18n.set_language(lang)
    scopes: dict[str, list[str]] = {}
    window = MainWindow(demo_context)
    qtbot.addWidget(window)
    window.show()
    for row, screen in enumerate(window.screens):
        window.show_screen(row)
        QApplication.processEvents()
        wait_for_tasks()
        QApplication.processEvents()
        scopes[f"main window, {screen.key}"] = window_items(window)
    for action in window.menuBar().actions():
        if action.menu() is not None:
            scopes.update(menu_scopes(action.menu(), f"menu {action.text()}"))
    window.close()
    for key, build in window_catalogue(demo_context):
        dialog = build()
        if dialog is None:
            continue
        qtbot.addWidget(dialog)
        dialog.show()
        QApplication.processEvents()
        wait_for_tasks()
        scopes.update(window_scopes(dialog, key))
        dialog.close()
    found = {scope: problems for scope, items in scopes.items() if (problems := clashes(items))}
    assert not found, "\n".join(f"[{lang}] {scope}: {'; '.join(p)}" for scope, p in found.items())
