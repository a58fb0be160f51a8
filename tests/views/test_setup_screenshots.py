"""``screenshot --what setup`` renders the welcome screen, each wizard page and
each settings page, saving nothing to the database."""

from __future__ import annotations

from PySide6.QtGui import QImage

from duo_desktop.__main__ import main
from duo_desktop.services.settings import branches, coordinators
from duo_desktop.store import open_store
from duo_desktop.views.settings.dialog import PAGES


def test_setup_screenshots_one_png_per_screen_and_nothing_saved(qapp, tmp_path):
    db = tmp_path / "shots.sqlite3"
    assert main(["--database", str(db), "demo", "--participants", "60", "--today", "2026-03-16", "--quiet"]) == 0
    store = open_store(f"sqlite:///{db}")
    with store.session() as s:
        before = (len(branches.list_branches(s)), len(coordinators.list_coordinators(s)))
    out = tmp_path / "shots"
    assert main(["--database", str(db), "--lang", "en", "screenshot", "--what", "setup", "--out", str(out),
                 "--width", "1366", "--height", "768"]) == 0
    files = sorted(p.name for p in out.glob("*.png"))
    wizard = ["setup-0-welcome", "setup-1-organisation", "setup-2-branch", "setup-2-branch-errors",
              "setup-3-coordinators", "setup-4-who"]
    assert files == sorted(f"{name}-en.png" for name in wizard + [f"settings-{key}" for key, _cls in PAGES])
    for name in files:
        image = QImage(str(out / name))
        assert 0 < image.width() <= 1366 and 0 < image.height() <= 768, name
    with store.session() as s:
        assert (len(branches.list_branches(s)), len(coordinators.list_coordinators(s))) == before
    store.dispose()
