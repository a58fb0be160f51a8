"""Third-party notices come from the installed distributions' metadata."""

from __future__ import annotations

from duo_desktop.tools import notices

from .helpers import ROOT


def test_every_runtime_dependency_is_listed_with_its_licence_and_qt_gets_the_lgpl_text(tmp_path):
    out = tmp_path / "THIRD-PARTY-NOTICES.txt"
    undeclared = notices.write_notices(out, [ROOT / "resources" / "fonts" / "LICENSE-Noto.txt"],
                                       texts=ROOT / "tools" / "licences")
    text = out.read_text(encoding="utf-8")
    assert undeclared == []
    names = {d.metadata["Name"] for d in notices.runtime_distributions()}
    assert {"PySide6_Essentials", "SQLAlchemy", "numpy", "lap", "reportlab", "babel"} <= {
        n if n != "Babel" else "babel" for n in names}
    for name in names:
        assert f"\n{name} " in text, name
    qt = text[text.index("\nPySide6_Essentials "):]
    assert qt.splitlines()[3] == "--- the text of LGPL-3.0-only is at the end of this file ---"
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in text
    assert "SIL OPEN FONT LICENSE" in text.upper()
