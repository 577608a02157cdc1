# sip-tui developer entry points. Everything installs into ./.venv from scratch;
# nothing relies on packages that happen to be on the machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt

.PHONY: demo demo-new test lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: pyproject.toml constraints.txt | $(BIN)/python
	$(PIP) -e .
	touch $@

$(VENV)/.dev: pyproject.toml constraints.txt | $(BIN)/python
	$(PIP) -e '.[dev]'
	touch $@ $(VENV)/.runtime

## Install and start the app on the demo database: built the first time, then kept.
demo: $(VENV)/.runtime
	$(BIN)/sip-tui demo

## The same with a new demo database (the old one is replaced).
demo-new: $(VENV)/.runtime
	$(BIN)/sip-tui demo --rebuild

## Install everything and run every check and the whole test suite.
test: $(VENV)/.dev lint
	$(BIN)/pytest -n auto

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

clean:
	rm -rf $(VENV)
