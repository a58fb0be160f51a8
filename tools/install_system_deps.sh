#!/usr/bin/env bash
# Installs the system libraries Qt needs (offscreen and under Xvfb), the
# PDF tools the tests use, GNU FriBidi's program (the tests' bidi oracle) and the PostgreSQL server the tests start a
# throw-away cluster of (tests/pg.py; the Debian package's own cluster is not
# used), only when something is missing. Safe to run twice.
set -euo pipefail

packages=(
  libgl1 libegl1 libfontconfig1 libglib2.0-0 libxkbcommon0 libdbus-1-3
  xvfb xauth libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0
  libxcb-keysyms1 libxcb-render-util0 libxcb-shape0 poppler-utils postgresql
  binutils  # PyInstaller (objdump) and the bundle's strip step (make installer, tests/packaging)
  gcc  # the bundle's empty ICU data library (build_installer.spec, tools/icu_stub)
  libfribidi-bin  # the `fribidi` program: the oracle of tests/documents/test_bidi_fribidi.py
)

# PyInstaller (the bundle, tests/packaging) needs the interpreter's shared
# library; Debian's own python3.X ships it apart, in libpython3.X
for py in python3.11 python3.12; do
  if [ "$(command -v "$py" 2>/dev/null)" = "/usr/bin/$py" ]; then packages+=("lib$py"); fi
done

command -v dpkg-query >/dev/null 2>&1 || { echo "not a Debian-like system: install the Qt libraries yourself"; exit 0; }

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing system packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "Missing system packages (${missing[*]}) and no root rights: ask an administrator to install them." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
