"""The wheel, installed (not editable) in a fresh virtual environment, works
from any folder: its catalogs, fonts, templates, postal codes and migrations
travel inside the package (issue 15: `pip install .` used to crash on its
first command because they lived beside it).

Nothing is downloaded: the wheel is built without build isolation with this
environment's setuptools and Babel, and the new environment sees this one's
installed dependencies through a path line (not their .pth hooks, so the
editable install of the source tree stays invisible)."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from .helpers import clean_copy, installed_env

pytestmark = pytest.mark.slow


def _run(args: list, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=600, **kwargs)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A virtual environment holding the freshly built wheel; its python."""
    base = tmp_path_factory.mktemp("wheel")
    source = clean_copy(base / "src")
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                  "--wheel-dir", base / "dist", source])
    assert built.returncode == 0, built.stderr[-3000:]
    wheel = next((base / "dist").glob("duo_desktop-*.whl"))
    venv = base / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv]).check_returncode()
    python = venv / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    purelib = _run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip()
    deps = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(purelib, "zz_project_dependencies.pth").write_text("\n".join(sorted(deps)) + "\n")
    install = _run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index",
                    wheel])
    assert install.returncode == 0, install.stderr[-3000:]
    return python


def test_the_installed_package_is_the_wheel_not_the_source_tree(installed, tmp_path):
    where = _run([installed, "-c", "import duo_desktop, duo_desktop.config as c; "
                  "print(duo_desktop.__file__); print(c.resources_dir())"],
                 cwd=tmp_path, env=installed_env(tmp_path / "data"))
    package, resources = where.stdout.split()
    venv = installed.parent.parent
    assert Path(package).is_relative_to(venv), where
    assert Path(resources) == Path(package).parent / "resources"


def test_the_installed_wheel_passes_its_self_check_from_another_folder(installed, tmp_path):
    script = installed.parent / ("duo-desktop.exe" if sys.platform == "win32" else "duo-desktop")
    check = _run([script, "--self-check"], cwd=tmp_path, env=installed_env(tmp_path / "data"))
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.splitlines()[-1] == "OK"
    assert "FAIL" not in check.stdout
