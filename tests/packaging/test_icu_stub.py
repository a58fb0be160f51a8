"""The Linux bundle carries an empty ICU data library instead of Qt's 31 MB
one (tools/icu_stub, build_installer.spec; issue 15). This proves, on the
PySide6 the app runs with, that the stub is what Qt loads and that text the
app shows comes out the same: Arabic and Ge'ez names drawn pixel for pixel
alike, locale case mapping and Qt's date formatting unchanged. Both runs use
the same fonts, so no font is assumed."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the stub replaces Linux's libicudata")

DRAW = r"""
import hashlib, sys
from PySide6.QtCore import QDate, QLocale
from PySide6.QtGui import QFont, QImage, QPainter
from PySide6.QtWidgets import QApplication
app = QApplication([])
image = QImage(700, 120, QImage.Format.Format_ARGB32)
image.fill(0xFFFFFFFF)
painter = QPainter(image)
painter.setFont(QFont("Noto Sans", 16))
painter.drawText(10, 40, "محمد عبد الله — ሰላም ተስፋዬ — Zoë Ørsted")
painter.drawText(10, 90, "ሃይለ ገብረመድሃን  مرحبا بالعالم 123")
painter.end()
print("image", hashlib.sha256(bytes(image.constBits())).hexdigest())
print("upper", QLocale("tr_TR").toUpper("istanbul"), QLocale("fr_BE").toUpper("élève straße"))
print("date", QLocale("nl_BE").toString(QDate(2026, 3, 1), QLocale.FormatType.LongFormat))
with open("/proc/self/maps") as maps:
    print("icudata", sorted({line.split()[-1] for line in maps if "libicudata" in line}))
"""


def _draw(env_extra: dict[str, str]) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", **env_extra)
    out = subprocess.run([sys.executable, "-c", DRAW], capture_output=True, text=True, env=env, timeout=60,
                         check=True).stdout
    return {line.split(" ", 1)[0]: line.split(" ", 1)[1] for line in out.splitlines() if " " in line}


def test_qt_with_the_empty_icu_data_draws_and_formats_text_as_with_the_full_data(tmp_path):
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        pytest.skip("no C compiler: the bundle keeps the full ICU data (tools/install_system_deps.sh installs gcc)")
    import PySide6

    full = next((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"), None)
    if full is None:
        pytest.skip("this PySide6 does not ship ICU")
    version = re.search(r"\.so\.(\d+)$", full.name).group(1)
    subprocess.run([compiler, "-shared", "-fPIC", "-O2", "-nostdlib", f"-DICU_ENTRY=icudt{version}_dat",
                    f"-Wl,-soname,{full.name}", "-o", str(tmp_path / full.name),
                    str(ROOT / "tools" / "icu_stub" / "icudata_stub.c")], check=True)
    assert (tmp_path / full.name).stat().st_size < 100_000 < full.stat().st_size

    with_full = _draw({})
    with_stub = _draw({"LD_LIBRARY_PATH": str(tmp_path)})  # searched before the libraries' RUNPATH
    assert with_stub["icudata"] == repr([str(tmp_path / full.name)])
    assert with_full["icudata"] != with_stub["icudata"]
    assert with_stub["image"] == with_full["image"]
    assert with_stub["upper"] == with_full["upper"] == "İSTANBUL ÉLÈVE STRASSE"
    assert with_stub["date"] == with_full["date"]
