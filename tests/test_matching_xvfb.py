"""Runs xvfb_matching_drag.py in a subprocess against a real X server: this
process is offscreen (tests/conftest.py), a real drag needs xcb."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


def _free_display() -> int:
    for _ in range(50):
        n = random.randint(120, 900)
        if not Path(f"/tmp/.X{n}-lock").exists() and not Path(f"/tmp/.X11-unix/X{n}").exists():
            return n
    raise RuntimeError("no free X display number")


@pytest.mark.xvfb
def test_real_mouse_drag_under_xvfb(tmp_path):
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        pytest.skip("the Xvfb binary is not installed (apt-get install xvfb); the real-window drag cannot run")
    display = _free_display()
    server = subprocess.Popen([xvfb, f":{display}", "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        socket = Path(f"/tmp/.X11-unix/X{display}")
        deadline = time.monotonic() + 10
        while not socket.exists():
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"Xvfb did not start on :{display}")
            time.sleep(0.05)
        env = dict(os.environ, DISPLAY=f":{display}", DUO_TEST_QPA="xcb")
        env.pop("QT_QPA_PLATFORM", None)
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-W", "ignore::DeprecationWarning",
             str(HERE / "xvfb_matching_drag.py")],
            cwd=HERE.parent, env=env, capture_output=True, text=True, timeout=180)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "1 passed" in output, output
