"""Screenshots of the set-up screens (issue 10): the welcome screen, each
page of the set-up wizard (empty, then with sample input, and the branch
page with its errors shown) and each settings page. Nothing is saved: the
wizard is never finished and no settings page is saved.

    render_setup(app, context, out, lang, screen_size) -> list[Path]

``screen_size`` is the screen in physical pixels (1366 x 768 by default);
under QT_SCALE_FACTOR the dialogs get the logical size that screen has, as
they would on a laptop set to 150 %.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from ...views.context import AppContext

SAMPLE_BRANCH = {"code": "SCR-1", "name": "DUO for a JOB Mechelen", "city": "Mechelen",
                 "address": "Grote Markt 1, 2800 Mechelen", "phone": "+32 15 00 00 00",
                 "email": "mechelen@example.org"}


def _scale() -> float:
    try:
        return float(os.environ.get("QT_SCALE_FACTOR") or 1)
    except ValueError:
        return 1.0


def _fit(widget: QWidget, screen_size: tuple[int, int]) -> None:
    scale = _scale()
    width, height = int(screen_size[0] / scale), int(screen_size[1] / scale) - 40  # a taskbar
    hint = widget.sizeHint().expandedTo(widget.size())
    widget.resize(min(hint.width(), width), min(hint.height(), height))


def render_setup(app: QApplication, context: AppContext, out: Path, lang: str,
                 screen_size: tuple[int, int] = (1366, 768)) -> list[Path]:
    from ...views.ops import wait_for_tasks
    from ...views.settings import SettingsDialog
    from ...views.setup.welcome import WelcomeDialog
    from ...views.setup.wizard import SetupWizard

    scale = _scale()
    tag = f"-{lang}" + (f"-x{scale:g}" if scale != 1 else "")
    paths: list[Path] = []

    def shot(widget: QWidget, name: str) -> None:
        app.processEvents()
        wait_for_tasks()
        app.processEvents()
        path = out / f"{name}{tag}.png"
        widget.grab().save(str(path))
        paths.append(path)

    welcome = WelcomeDialog()
    welcome.show()
    welcome.fit_height()
    shot(welcome, "setup-0-welcome")
    welcome.close()

    wizard = SetupWizard(None, context)
    _fit(wizard, screen_size)
    wizard.show()
    shot(wizard, "setup-1-organisation")
    wizard.organisation_page.name.setText("DUO for a JOB")
    wizard.next()
    shot(wizard, "setup-2-branch")
    form = wizard.branch_page.form
    form.name.setText(SAMPLE_BRANCH["name"])
    wizard.next()  # refused: the errors show beside their fields
    shot(wizard, "setup-2-branch-errors")
    form.set_values({**SAMPLE_BRANCH, "country": "BE", "employment_office": "vdab", "default_language": "nl"})
    wizard.next()
    people = wizard.coordinators_page
    for first, last in (("An", "Peeters"), ("Youssef", "El Amrani")):
        people.form.first_name.setText(first)
        people.form.last_name.setText(last)
        people.add_typed()
    people.form.email.setText("x@example.org")
    people.add_typed()  # refused: a coordinator needs a name
    shot(wizard, "setup-3-coordinators")
    people.form.set_values({})
    wizard.next()
    shot(wizard, "setup-4-who")
    wizard.close()

    dialog = SettingsDialog(None, context)
    _fit(dialog, screen_size)
    dialog.show()
    for key in dialog.pages:
        dialog.show_page(key)
        shot(dialog, f"settings-{key}")
    dialog.close()
    return paths
