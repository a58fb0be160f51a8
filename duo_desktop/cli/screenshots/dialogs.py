"""Screenshots of every window and dialog of the catalogue
(views/window_catalogue.py) on a screen of ``screen_size`` physical pixels
with a 40-pixel taskbar; under QT_SCALE_FACTOR the windows get the logical
size that screen has (1366 x 768 at 150 %: 911 x 485). Nothing is saved.

    render_dialogs(context, out, lang, screen_size) -> list[Path]
"""

from __future__ import annotations

import os
from pathlib import Path

from ...views.context import AppContext

TASKBAR = 40


def scale() -> float:
    try:
        return float(os.environ.get("QT_SCALE_FACTOR") or 1)
    except ValueError:
        return 1.0


def logical_screen(screen_size: tuple[int, int]) -> tuple[int, int]:
    """The available geometry, in logical pixels, of a screen of ``screen_size`` physical pixels."""
    factor = scale()
    return int(screen_size[0] / factor), int(screen_size[1] / factor) - TASKBAR


def render_dialogs(context: AppContext, out: Path, lang: str,
                   screen_size: tuple[int, int] = (1366, 768)) -> list[Path]:
    from ...views import fit
    from ...views.window_catalogue import open_window, window_catalogue

    factor = scale()
    tag = f"-{lang}" + (f"-x{factor:g}" if factor != 1 else "")
    paths: list[Path] = []
    with fit.pretend_screen(*logical_screen(screen_size)):
        for key, build in window_catalogue(context):
            window = open_window(build)
            if window is None:
                continue
            path = out / f"{key}{tag}.png"
            window.grab().save(str(path))
            paths.append(path)
            window.close()
            window.deleteLater()
    return paths
