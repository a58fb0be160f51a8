# DUO Desktop: set-up, run, test, benchmarks.
# `make run` and `make test` set everything up on a fresh Debian-like machine
# and are quick no-ops the second time.

PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
LOCK   := requirements.lock
MO     := duo_desktop/locale/.compiled

export QT_QPA_PLATFORM_PLUGIN_PATH :=

.PHONY: setup run test bench mutation screenshots translations system-deps clean installer lock test-lowest

setup: system-deps $(STAMP) $(MO)

system-deps:
	@bash tools/install_system_deps.sh

# Every install is the same: exact versions and hashes from the lock file
# (all platforms), then the project itself without resolving anything.
$(STAMP): pyproject.toml $(LOCK)
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "$(PYTHON) not found; set PYTHON=python3"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r $(LOCK)
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	@touch $(STAMP)

$(MO): $(STAMP) $(wildcard translations/*/LC_MESSAGES/messages.po)
	$(PY) -m duo_desktop.tools.catalogs compile
	@touch $(MO)

run: setup
	$(PY) -m duo_desktop

test: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q $(PYTEST_ARGS)

bench: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks $(BENCH_ARGS)

# Mutation testing of the rule modules (mutmut, see [tool.mutmut] in pyproject.toml and
# benchmarks/MUTATION.md). Not part of `make test` nor CI: many minutes of CPU, run under nice.
# MUTATION_MODULES=eligibility alerts ... to pick modules; MUTATION_MINUTES caps each module.
mutation: setup
	$(PY) tools/mutation.py run $(MUTATION_MODULES)

screenshots: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m duo_desktop screenshot --out screenshots --lang fr
	QT_QPA_PLATFORM=offscreen $(PY) -m duo_desktop screenshot --out screenshots --lang nl
	QT_QPA_PLATFORM=offscreen $(PY) -m duo_desktop screenshot --out screenshots --lang en

# Extract strings from the code and update the fr/nl/en catalogs.
translations: $(STAMP)
	$(PY) -m duo_desktop.tools.catalogs update

# The one-folder bundle dist/duo-desktop/ (PyInstaller; see build_installer.spec).
installer: setup
	$(PY) -m PyInstaller --noconfirm --log-level WARN build_installer.spec
	@du -sh dist/duo-desktop

# Re-resolve the lock file after changing a dependency in pyproject.toml
# (uv: a universal lock with hashes for Linux, Windows and macOS).
lock: $(STAMP)
	$(PY) -m pip install --quiet 'uv>=0.5,<1'
	$(VENV)/bin/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes \
		--extra dev --extra build pyproject.toml -o $(LOCK)

# The suite on the lowest versions pyproject.toml allows (downloads them).
test-lowest: $(STAMP)
	$(PY) -m pip install --quiet 'uv>=0.5,<1'
	$(VENV)/bin/uv pip compile --quiet --resolution lowest-direct --python-version 3.11 \
		--extra dev pyproject.toml -o build/requirements-lowest.txt
	$(PYTHON) -m venv build/venv-lowest
	build/venv-lowest/bin/pip install --quiet -r build/requirements-lowest.txt 'setuptools>=77' 'Babel>=2.14'
	build/venv-lowest/bin/pip install --quiet --no-deps --no-build-isolation -e .
	build/venv-lowest/bin/python -m duo_desktop.tools.catalogs compile
	QT_QPA_PLATFORM=offscreen build/venv-lowest/bin/python -m pytest -q -m 'not slow' $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) duo_desktop/locale build dist
