# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test
STAMP_BENCH := $(VENV)/.installed-bench
NODE_SERVER := tests/node_server
EXAMPLE ?= assets/examples/socketio-echo

.PHONY: run test lint bench docs clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(STAMP_TEST): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	touch $@

$(STAMP_BENCH): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test,bench]'
	touch $@

$(NODE_SERVER)/node_modules/.package-lock.json: $(NODE_SERVER)/package-lock.json
	cd $(NODE_SERVER) && npm ci --no-audit --no-fund --loglevel=error

run: $(STAMP_RUN)
	$(BIN)/pulse-studio $(EXAMPLE)

lint: $(STAMP_TEST)
	$(BIN)/ruff check .

test: $(STAMP_TEST) $(NODE_SERVER)/node_modules/.package-lock.json
	$(BIN)/ruff check .
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

bench: $(STAMP_BENCH) $(NODE_SERVER)/node_modules/.package-lock.json
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/interpreter.py
	$(BIN)/python bench/socketio.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/editor_load.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python bench/editor_run.py

docs: $(STAMP_RUN)
	$(BIN)/python -m runtime.docgen docs/nodes.md

clean:
	rm -rf $(VENV) $(NODE_SERVER)/node_modules
