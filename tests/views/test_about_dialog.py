"""Help > About: version, the EUPL-1.2, every bundled library and font with its
licence read from metadata (issue 15); the icon and the Linux desktop entry."""

from __future__ import annotations

import configparser
from importlib import metadata

import pytest

from duo_desktop.i18n import _
from duo_desktop import i18n, licences
from duo_desktop.app import create_application
from duo_desktop.tools import notices
from duo_desktop.views.main_window import MainWindow
from tests.packaging.helpers import ROOT


def test_about_lists_the_version_the_licence_and_every_library_and_font(qtbot, app_context):
    window = MainWindow(app_context)
    qtbot.addWidget(window)
    window.about_action.trigger()
    dialog = window.about_dialog
    qtbot.waitUntil(lambda: dialog.table.rowCount() > 0, timeout=20_000)
    assert metadata.version("duo-desktop") in dialog.summary.text() and "EUPL-1.2" in dialog.summary.text()
    rows = {dialog.table.item(r, 0).text(): dialog.table.item(r, 2).text() for r in range(dialog.table.rowCount())}
    for dist in notices.runtime_distributions():  # every library, none typed by hand
        assert rows[dist.metadata["Name"]] == _(notices.shown_licence(dist))  # its two phrases translated
    assert rows["PySide6_Essentials"].startswith("LGPL-3.0")
    fonts = sorted(p.stem for p in (ROOT / "resources" / "fonts").glob("*.ttf"))
    assert fonts and all(rows[f] in ("OFL-1.1", "Apache-2") for f in fonts)
    assert "SIL OPEN FONT LICENSE" in dialog.notices.toPlainText().upper()


def _about(qtbot, app_context):  # noqa: ANN001, ANN202
    """Help > About, opened from a main window in the current language."""
    window = MainWindow(app_context)
    qtbot.addWidget(window)
    window.about_action.trigger()
    return window.about_dialog


def test_about_speaks_the_interface_language(qtbot, app_context):
    i18n.set_language("nl")
    try:
        dialog = _about(qtbot, app_context)
        assert dialog.windowTitle() == "Over DUO Desktop"
        assert "Europese Unie" in dialog.summary.text()
    finally:
        i18n.set_language("en")


def test_an_open_about_dialog_follows_a_language_switch(qtbot, app_context):
    i18n.set_language("fr")
    try:
        dialog = _about(qtbot, app_context)
        qtbot.waitUntil(lambda: dialog.table.rowCount() > 0, timeout=20_000)
        assert dialog.windowTitle() == "À propos de DUO Desktop"
        rows = dialog.table.rowCount()
        i18n.set_language("nl")
        assert dialog.windowTitle() == "Over DUO Desktop" and "Europese Unie" in dialog.summary.text()
        assert dialog.table.horizontalHeaderItem(2).text() == "Licentie"
        assert dialog.table.rowCount() == rows  # the same libraries, listed once
    finally:
        i18n.set_language("en")


def test_a_font_without_a_licence_file_is_refused(tmp_path):
    (tmp_path / "Mystery-Regular.ttf").write_bytes(b"")
    with pytest.raises(ValueError, match="Mystery-Regular.ttf"):
        licences.font_components(tmp_path)


def test_the_window_has_the_icon_and_linux_gets_a_valid_desktop_entry(qapp):
    app = create_application()
    assert not app.windowIcon().isNull() and app.windowIcon().availableSizes()
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(ROOT / "resources" / "duo-desktop.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application" and section["Exec"].split()[0] == "duo-desktop"
    assert (ROOT / "resources" / "icons" / f"{section['Icon']}.png").is_file()
