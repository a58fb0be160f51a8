# DUO Desktop: set-up, run, test, benchmarks.
# `make run` and `make test` set everything up on a fresh Debian-like machine
# and are quick no-ops the second time.

PYTHON ?= python3.11
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
MO     := duo_desktop/locale/.compiled

export QT_QPA_PLATFORM_PLUGIN_PATH :=

.PHONY: setup run test bench mutation screenshots translations system-deps clean

setup: system-deps $(STAMP) $(MO)

system-deps:
	@bash tools/install_system_deps.sh

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "$(PYTHON) not found; set PYTHON=python3"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
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

clean:
	rm -rf $(VENV) duo_desktop/locale build dist
