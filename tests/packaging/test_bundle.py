"""The PyInstaller bundle, built for real from a clean copy of the sources
and then moved to another folder (as a coordinator unzips it), passes its
self-check and renders the main screens offscreen (issue 15).

Slow (about three minutes on two cores): `pytest -m "not slow"` skips it;
`make test` runs it, so CI builds the bundle on every run."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import clean_copy, installed_env

pytestmark = pytest.mark.slow
EXE = ".exe" if sys.platform == "win32" else ""
# issue 15's aim for the folder, uncompressed, in MB (10**6 bytes): 148.6 MB = 141.7 MiB on Linux (was
# 152.6 MB, 186 MB and 250 MB before that); see build_installer.spec for what is left out and why
SIZE_BUDGET_MB = 150


def _folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    """The built bundle, copied away from where it was built."""
    pytest.importorskip("PyInstaller", reason="PyInstaller is installed by `make setup` (requirements.lock)")
    base = tmp_path_factory.mktemp("bundle")
    source = clean_copy(base / "src")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "PYTHONPATH"))}
    built = subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "--workpath",
         str(base / "work"), "--distpath", str(base / "dist"), str(source / "build_installer.spec")],
        cwd=source, capture_output=True, text=True, timeout=1800, env=env)
    assert built.returncode == 0, built.stderr[-5000:]
    moved = base / "elsewhere" / "DUO Desktop"
    shutil.copytree(base / "dist" / "duo-desktop", moved, symlinks=True)
    shutil.rmtree(base / "dist")
    size = _folder_size(moved)
    print(f"\nbundle: {size / 2**20:.0f} MiB in {moved}")
    return moved


def _run(bundle: Path, *args: str, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in installed_env(tmp_path / "data").items()
           if k not in ("QT_QPA_PLATFORM_PLUGIN_PATH", "LD_LIBRARY_PATH")}
    return subprocess.run([str(bundle / f"duo-desktop-cli{EXE}"), *args], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=600)


def test_the_moved_bundle_passes_its_self_check(bundle, tmp_path):
    check = _run(bundle, "--self-check", tmp_path=tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.splitlines()[-1] == "OK"
    assert str(bundle) in check.stdout  # the resources were found inside the bundle, not in a source tree


def test_the_moved_bundle_renders_the_main_screens_offscreen(bundle, tmp_path):
    out = tmp_path / "shots"
    shot = _run(bundle, "--database", str(tmp_path / "duo.sqlite3"), "--lang", "nl", "screenshot", "--out",
                str(out), tmp_path=tmp_path)
    assert shot.returncode == 0, shot.stdout + shot.stderr
    pngs = sorted(out.glob("*.png"))
    assert pngs and all(p.stat().st_size > 5000 for p in pngs), pngs


def test_the_bundle_carries_licences_and_leaves_out_what_the_app_does_not_use(bundle):
    internal = bundle / "_internal"
    notices = (internal / "THIRD-PARTY-NOTICES.txt").read_text(encoding="utf-8")
    for name in ("PySide6_Essentials", "SQLAlchemy", "reportlab", "numpy", "lap", "Noto", "PSF"):
        assert name.lower() in notices.lower(), name
    assert "European Union Public Licence" in (internal / "LICENSE").read_text(encoding="utf-8")
    files = [p.relative_to(internal).as_posix() for p in internal.rglob("*")]
    assert not [f for f in files if re.search(r"WebEngine|Qt6?Qml|Qt6?Quick|QtNetwork\.|(^|/)tests?/", f)]
    assert not [f for f in files if f.startswith("scipy")]  # the matching needs lap only (issue 15)
    cldr = sorted(Path(f).stem for f in files if f.startswith("babel/locale-data/"))
    assert cldr == sorted(["root", "en", "en_001", "en_150", "en_GB", "fr", "fr_BE", "nl", "nl_BE"])
    qt_catalogs = [Path(f).name for f in files if f.endswith(".qm")]
    assert qt_catalogs and all(re.search(r"_(fr|nl|en)\.qm$", name) for name in qt_catalogs), qt_catalogs
    # what the trimming must keep: ReportLab's accelerator (a top-level module), SQLCipher, Qt's xcb
    assert any(f.startswith("_rl_accel") for f in files) and any(f.startswith("sqlcipher3/") for f in files)
    if sys.platform.startswith("linux"):
        assert "PySide6/Qt/plugins/platforms/libqxcb.so" in files
        # the libraries nothing links any more are left out (libcups is the system's: issue 15)
        assert not [f for f in files if re.match(r"lib(cups|gnutls|systemd|gcrypt|krb5|gio-2)\b", f)]
        if shutil.which("cc") or shutil.which("gcc"):  # Qt's ICU data replaced by the empty one (tools/icu_stub)
            assert all((internal / f).stat().st_size < 100_000 for f in files if "libicudata.so" in f)
    # what the app never runs (build_installer.spec says why each is safe; --self-check runs the rest)
    assert not [f for f in files if re.match(r"numpy/(random|fft|polynomial|ma|testing|f2py)/", f)]
    left_out = re.compile(r"(^|/)(libcrypto|libssl|_ssl\.|_codecs_jp|libqwayland|libQt6Wayland)")
    assert not [f for f in files if left_out.search(f)]
    if sys.version_info < (3, 12):  # hashlib's pure-Python pbkdf2_hmac derives the database key
        assert not [f for f in files if "_hashlib." in f]
    assert any(f.startswith("rapidfuzz/fuzz_cpp.") for f in files)  # the one compiled module the app calls
    if sys.platform.startswith("linux"):
        # dead keys and input methods for typing accented names
        contexts = {Path(f).name for f in files if "/platforminputcontexts/" in f}
        assert {"libcomposeplatforminputcontextplugin.so", "libibusplatforminputcontextplugin.so"} <= contexts
        assert not [f for f in files if (internal / f).is_symlink() and not (internal / f).exists()]
    if sys.platform.startswith("linux"):  # one SQLite (SQLCipher's) and the system's C++ runtime
        own = [f for f in files if not f.startswith("sqlcipher3/")]  # (SQLCipher's module is called _sqlite3 too)
        assert not [f for f in own if Path(f).name.startswith(("libsqlite3.", "_sqlite3.", "libstdc++."))]
    assert _folder_size(bundle) < SIZE_BUDGET_MB * 10**6
